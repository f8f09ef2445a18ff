// `npm start`'s command line (scripts/start-options.ts, scripts/start.ts): a
// bad option or value ends in one line naming it and exit 2 before anything
// starts; a service that refuses its configuration (IXCP and an unknown
// policy) ends in one line naming the service and its reason, exit 1, with
// every process it started stopped. Never a stack trace.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "@ix/cluster";
import { MAX_BATCH_SIZE } from "@ix/dataplane";
import { parseStartOptions, startFailureLine, StartUsageError, MAX_CORES } from "../scripts/start-options.ts";

test("defaults, and every option read", () => {
  assert.deepEqual(parseStartOptions([]), {
    cores: 2,
    batch: 64,
    tap: false,
    quiet: false,
    policy: "energy",
    policyDir: undefined,
    pin: false,
    pollUs: undefined,
    natsCluster: 1,
    hosts: 0,
    help: false,
  });
  const o = parseStartOptions([
    "--cores",
    "3",
    "--batch=1",
    "--tap",
    "--policy",
    "static",
    "--policy-dir",
    "/p",
    "--pin",
    "--poll-us",
    "100000",
    "--nats-cluster",
    "3",
    "-h",
  ]);
  assert.deepEqual(o, {
    cores: 3,
    batch: 1,
    tap: true,
    quiet: false,
    policy: "static",
    policyDir: "/p",
    pin: true,
    pollUs: 100000,
    natsCluster: 3,
    hosts: 0,
    help: true,
  });
  assert.equal(parseStartOptions(["--hosts", "3"]).hosts, 3);
  assert.equal(parseStartOptions(["--hosts", "3"]).natsCluster, 1, "--hosts sets its servers itself");
  assert.equal(parseStartOptions(["--cores", String(MAX_CORES)]).cores, MAX_CORES);
  assert.equal(parseStartOptions(["--batch", String(MAX_BATCH_SIZE)]).batch, MAX_BATCH_SIZE);
});

test("bad values and unknown options: one line naming the option", () => {
  const cases: [string[], RegExp][] = [
    [["--cores", "0"], /^--cores must be an integer in \[1, 64\], got "0"$/],
    [["--nats-cluster", "0"], /^--nats-cluster must be an integer in \[1, 9\], got "0"$/],
    [["--nats-cluster", "10"], /^--nats-cluster must be an integer in \[1, 9\], got "10"$/],
    [["--hosts", "1"], /^--hosts must be an integer in \[2, 9\], got "1"$/],
    [
      ["--hosts", "3", "--nats-cluster", "3"],
      /^--hosts N runs N nats-servers already .*drop --nats-cluster$/,
    ],
    [["--cores", "abc"], /^--cores must be an integer in \[1, 64\], got "abc"$/],
    [["--cores", "1.5"], /^--cores must be an integer/],
    [["--cores", ""], /^--cores must be an integer/],
    [["--cores", String(MAX_CORES + 1)], /^--cores must be an integer/],
    [["--batch=-1"], new RegExp(`^--batch must be an integer in \\[1, ${MAX_BATCH_SIZE}\\], got "-1"$`)],
    [["--batch", "-1"], /'--batch' argument is ambiguous.*'--batch=-XYZ'/],
    [["--batch", "0"], /^--batch must be an integer/],
    [["--batch", String(MAX_BATCH_SIZE + 1)], /^--batch must be an integer/],
    [["--policy"], /'--policy <value>' argument missing/],
    [["--policy", " "], /^--policy needs a name$/],
    [["--poll-us", "-5"], /'--poll-us' argument is ambiguous/],
    [["--poll-us", "x"], /^--poll-us must be an integer in \[0, 10000000\], got "x"$/],
    [["--policy-dir", ""], /^--policy-dir needs a folder$/],
    [["--bogus"], /Unknown option '--bogus'/],
    [["extra"], /Unexpected argument 'extra'/],
  ];
  for (const [argv, expected] of cases) {
    assert.throws(
      () => parseStartOptions(argv),
      (e: unknown) => {
        assert.ok(e instanceof StartUsageError, `${argv.join(" ")}: a StartUsageError`);
        assert.ok(!e.message.includes("\n"), `${argv.join(" ")}: one line, got ${JSON.stringify(e.message)}`);
        assert.match(e.message, expected, argv.join(" "));
        return true;
      },
    );
  }
});

test("a service that did not come up: its own error line, not its usage", () => {
  const tail = [
    "ixcp: policy folder /nope: ENOENT: no such file or directory, lstat '/nope'",
    "usage: node services/ixcp/src/main.ts [--flag value ...]",
    "  --policy           (env IX_IXCP_POLICY)",
    "NATS credentials: IX_NATS_URL, IX_NATS_USER, IX_NATS_PASSWORD.",
  ].join("\n");
  assert.equal(
    startFailureLine(new Error(`ixcp exited (2) before it was ready:\n${tail}\n`)),
    "ixcp exited (2) before it was ready: ixcp: policy folder /nope: ENOENT: no such file or directory, lstat '/nope'",
  );
  assert.equal(
    startFailureLine(new Error("core1 exited (1) before it was ready:\nfile:///x.ts:3\n  throw e\n")),
    "core1 exited (1) before it was ready: file:///x.ts:3",
  );
  assert.equal(startFailureLine(new Error("nats-server did not start")), "nats-server did not start");
  assert.equal(startFailureLine("plain"), "plain");
});

const start = (args: string[]) =>
  spawnSync(process.execPath, [join(REPO_ROOT, "scripts/start.ts"), "--quiet", ...args], {
    encoding: "utf8",
    timeout: 120_000,
  });

test("npm start with a bad option: one line on stderr, exit 2, nothing started", () => {
  for (const args of [["--cores", "0"], ["--batch", "-1"], ["--bogus"]]) {
    const r = start(args);
    assert.equal(r.status, 2, `${args.join(" ")}: exit 2, got ${r.status} (${r.stderr})`);
    assert.equal(r.stdout, "", `${args.join(" ")}: nothing started`);
    const lines = r.stderr.trim().split("\n");
    assert.equal(lines.length, 1, `${args.join(" ")}: one line, got ${JSON.stringify(r.stderr)}`);
    assert.match(lines[0], /^npm start: .*\(npm start -- --help\)$/);
  }
  const help = start(["--help"]);
  assert.equal(help.status, 0);
  for (const option of ["--cores", "--batch", "--policy", "--policy-dir", "--tap", "--quiet"])
    assert.ok(help.stdout.includes(option), `--help names ${option}`);
});

test("npm start with a policy IXCP does not have: one line naming IXCP's reason, exit 1", () => {
  const r = start(["--policy", "no-such-policy"]);
  assert.equal(r.status, 1, `exit 1, got ${r.status} (${r.stderr})`);
  assert.doesNotMatch(r.stderr, /^\s+at /m, "no stack trace");
  const lines = r.stderr.trim().split("\n");
  assert.match(
    lines[lines.length - 1],
    /^npm start: ixcp exited \(2\) before it was ready: ixcp: policy "no-such-policy" does not exist/,
  );
  assert.equal(lines.filter((l) => l.startsWith("npm start:")).length, 1);
});

test("npm start --hosts without root: one line pointing to --nats-cluster, exit 2, nothing started", () => {
  // As root, the same check run as `nobody` (what a user without root gets).
  const notRoot = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const r = spawnSync(process.execPath, [join(REPO_ROOT, "scripts/start.ts"), "--quiet", "--hosts", "3"], {
    encoding: "utf8",
    timeout: 120_000,
    ...notRoot,
  });
  assert.equal(r.status, 2, `exit 2, got ${r.status} (${r.stderr})`);
  assert.equal(r.stdout, "", "nothing started");
  const lines = r.stderr.trim().split("\n");
  assert.equal(lines.length, 1, `one line, got ${JSON.stringify(r.stderr)}`);
  assert.match(lines[0], /^npm start: --hosts needs root .*--nats-cluster 3 /);
});
