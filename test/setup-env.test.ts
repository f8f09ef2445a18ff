// scripts/setup-env.sh (sourced by npm start and .ci/run) for a user whose home
// cannot be written (a service account: nobody has HOME=/nonexistent): npm's
// cache goes to .tools/npm-cache, so installing Node 24 and `npm ci` do not
// fail with EACCES (which npm start reported as an unreachable registry).
// Run with Node 24 first on PATH, so the script installs nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "@ix/cluster";

const npmCacheAfterSetup = (home: string, cache?: string): string => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    PATH: `${dirname(process.execPath)}:${process.env.PATH}`,
  };
  delete env.npm_config_cache;
  if (cache !== undefined) env.npm_config_cache = cache;
  return execFileSync(
    "bash",
    ["-c", 'source scripts/setup-env.sh >/dev/null; printf %s "${npm_config_cache:-}"'],
    {
      cwd: REPO_ROOT,
      env,
      encoding: "utf8",
      timeout: 120_000,
    },
  );
};

test("a home that cannot be written: npm's cache in .tools/npm-cache", () => {
  // Under /proc nothing can be created, not even by root.
  assert.equal(npmCacheAfterSetup("/proc/ix-no-such-home"), join(REPO_ROOT, ".tools/npm-cache"));
});

test("a writable home, or a cache the user chose: left alone", () => {
  assert.equal(npmCacheAfterSetup(process.env.HOME ?? "/root"), "");
  assert.equal(npmCacheAfterSetup("/proc/ix-no-such-home", "/tmp"), "/tmp");
});
