// A bad shared setting (RSS key, RETA size, queue count) stops the NIC, a
// dataplane core and IXCP at start with one line on stderr naming the flag
// and its variable (IXCP adds its usage), and exit code 2: no stack trace,
// no silently altered key.
// The processes fail before connecting to NATS, so none is needed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");
const MAIN = {
  nic: join(ROOT, "services/nic/src/main.ts"),
  dataplane: join(ROOT, "services/dataplane/src/main.ts"),
  ixcp: join(ROOT, "services/ixcp/src/main.ts"),
};

/** The error line (IXCP follows it with its usage) and no stack trace. */
function assertOneLineError(stderr: string, line: string): void {
  assert.equal(stderr.split("\n")[0], line);
  assert.doesNotMatch(stderr, /^\s+at /m, "a stack trace on stderr");
}

/** Runs a service to its exit (bounded: 30 s) and returns its code and stderr. */
function run(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [script, ...args], {
      env: { PATH: process.env.PATH ?? "", IX_NATS_URL: "nats://127.0.0.1:1", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    p.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    const timer = setTimeout(() => {
      p.kill("SIGKILL");
      reject(new Error(`${script} ${args.join(" ")} did not exit within 30 s on a bad setting`));
    }, 30_000);
    p.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

const BAD_KEY = "6d5a56da255b0ec2-41672x3d43a38fb0"; // an "x" the core once silently stripped

for (const [service, script] of Object.entries(MAIN)) {
  if (service === "ixcp") continue; // IXCP takes no RSS key (it reads the NIC's)
  for (const [how, args, env] of [
    ["flag", ["--rss-key", BAD_KEY], {}],
    ["environment", [], { IX_RSS_KEY: BAD_KEY }],
  ] as const)
    test(`${service}: a bad RSS key (${how}) is one line on stderr and exit code 2`, async () => {
      const { code, stderr } = await run(script, [...args], { ...env });
      assert.equal(code, 2, `exit code; stderr: ${stderr}`);
      assertOneLineError(
        stderr,
        `${service}: --rss-key (IX_RSS_KEY) must be 16 to 52 bytes of hex, got ${JSON.stringify(BAD_KEY)}`,
      );
    });
}

for (const [service, script] of Object.entries(MAIN))
  test(`${service}: a RETA size that is no power of two is refused the same way`, async () => {
    const { code, stderr } = await run(script, [], { IX_RETA_SIZE: "100" });
    assert.equal(code, 2, `exit code; stderr: ${stderr}`);
    assertOneLineError(
      stderr,
      `${service}: --reta-size (IX_RETA_SIZE) must be a power of two in [8, 512], got "100"`,
    );
  });

for (const service of ["nic", "dataplane"] as const)
  test(`${service}: a queue count out of range is refused the same way`, async () => {
    const { code, stderr } = await run(MAIN[service], ["--queues", "0"]);
    assert.equal(code, 2, `exit code; stderr: ${stderr}`);
    assertOneLineError(stderr, `${service}: --queues (IX_QUEUES) must be an integer in [1, 64], got "0"`);
  });
