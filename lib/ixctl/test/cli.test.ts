// ixctl as a user runs it: a child process, its exit status, stdout and
// stderr. Usage for every subcommand; a bad command line is one line on
// stderr and exit 2; the cluster failing (no cluster, NATS down, refused
// credentials or permissions, nobody answering) is one line and exit 1; never
// a stack trace. The cluster cases use a real nats-server with the cluster's
// generated users (lib/bus); test/ixctl-nic.test.ts adds a running NIC.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, generateUsers, startNatsServer, type NatsServerHandle, type UserEntry } from "@ix/bus";
import { buildProgram, SUBCOMMANDS } from "../src/program.ts";

const CLI = join(import.meta.dirname, "..", "src", "cli.ts");
const cwd = mkdtempSync(join(tmpdir(), "ixctl-cli-")); // no .ix/cluster.json here

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs ixctl; `env` replaces the IX_* variables (none set: no cluster). */
function ixctlNow(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("IX_")));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd, env: { ...base, ...env }, encoding: "utf8", timeout: 120_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === "number" ? err.code : null) : 0, stdout, stderr }),
    );
  });
}

// At most 3 ixctl processes at once: each is a Node start, and the machine is shared.
let running = 0;
const waiting: (() => void)[] = [];
async function ixctl(args: string[], env: Record<string, string> = {}): Promise<Run> {
  if (running >= 3) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await ixctlNow(args, env);
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** One line on stderr, nothing on stdout, no stack frame, the given status. */
function assertOneLineError(r: Run, code: number, what: RegExp, label: string): void {
  assert.equal(r.code, code, `${label}: exit status (stderr: ${r.stderr})`);
  assert.equal(r.stdout, "", `${label}: nothing on stdout`);
  assert.match(
    r.stderr,
    /^ixctl[^\n]*\n$/,
    `${label}: exactly one line on stderr, got ${JSON.stringify(r.stderr)}`,
  );
  assert.doesNotMatch(r.stderr, /^\s+at /m, `${label}: a stack frame`);
  assert.match(r.stderr, what, label);
}

let nats: NatsServerHandle;
let users: UserEntry[];
const cred = (user: string, password?: string): Record<string, string> => ({
  IX_NATS_URL: nats.url,
  IX_NATS_USER: user,
  IX_NATS_PASSWORD: password ?? users.find((u) => u.user === user)!.password,
});

before(async () => {
  users = generateUsers([0]);
  nats = await startNatsServer({ users });
});

after(async () => {
  await nats?.stop();
  rmSync(cwd, { recursive: true, force: true });
});

test("SUBCOMMANDS, which these tests walk, are exactly the program's subcommands", () => {
  const quiet = { out: () => undefined, err: () => undefined };
  const program = buildProgram(quiet, {}, cwd, async () => undefined);
  const names = program.commands.map((c) => c.name()).filter((n) => n !== "help");
  assert.deepEqual(names, [...SUBCOMMANDS]);
});

test("--help lists all nine subcommands and says how ixctl finds the cluster", async () => {
  const r = await ixctl(["--help"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(SUBCOMMANDS.length, 9);
  for (const sub of SUBCOMMANDS) assert.match(r.stdout, new RegExp(`^  ${sub} `, "m"), `${sub} listed`);
  assert.match(r.stdout, /cluster\.json/);
  assert.match(r.stdout, /Exit status/);
  assert.equal(r.stderr, "");
});

test("each SUBCOMMAND --help and help SUBCOMMAND print its usage, options and an example", async () => {
  const runs = await Promise.all(
    SUBCOMMANDS.map((sub) => Promise.all([ixctl([sub, "--help"]), ixctl(["help", sub])])),
  );
  SUBCOMMANDS.forEach((sub, i) => {
    const [viaFlag, viaHelp] = runs[i];
    assert.equal(viaFlag.code, 0, `${sub} --help: ${viaFlag.stderr}`);
    assert.match(viaFlag.stdout, new RegExp(`^Usage: ixctl ${sub} `), `${sub} usage line`);
    assert.match(viaFlag.stdout, /^Options:\n/m, `${sub} options`);
    assert.match(viaFlag.stdout, new RegExp(`^Example:\\n  \\$ ixctl .*${sub}`, "m"), `${sub} example`);
    assert.equal(viaHelp.code, 0, `help ${sub}`);
    assert.equal(viaHelp.stdout, viaFlag.stdout, `help ${sub} prints the same`);
  });
  const capture = runs[SUBCOMMANDS.indexOf("capture")][0].stdout;
  for (const opt of ["--out <file>", "--frames <n>", "--duration-ms <ms>", "--json"])
    assert.ok(capture.includes(opt), opt);
  assert.match(runs[SUBCOMMANDS.indexOf("reta")][0].stdout, /--ethtool/);
});

test("an unknown subcommand or option is one line naming it, exit 2", async () => {
  const cases: [string[], RegExp][] = [
    [["bogus"], /unknown command 'bogus'/],
    [["stat"], /unknown command 'stat' \(Did you mean status\?\)/],
    [["help", "bogus"], /unknown command 'bogus'/],
    [["--bogus"], /unknown option '--bogus'/],
    ...SUBCOMMANDS.map((sub): [string[], RegExp] => [
      [sub, "--bogus"],
      new RegExp(`^ixctl ${sub}: unknown option '--bogus'`),
    ]),
    [["status", "extra"], /too many arguments/],
  ];
  const runs = await Promise.all(cases.map(([args]) => ixctl(args)));
  cases.forEach(([args, what], i) => assertOneLineError(runs[i], 2, what, `ixctl ${args.join(" ")}`));
});

test("a bad value is one line naming the argument and what it expects, exit 2", async () => {
  const cases: [string[], RegExp][] = [
    [
      ["capture", "wirex", "--out", "/tmp/x"],
      /'wirex' is invalid for argument 'target'\. Expected wire, rx:QUEUE or tx:QUEUE/,
    ],
    [["capture", "wire", "--out", "/tmp/x", "--frames", "abc"], /'--frames <n>' argument 'abc' is invalid/],
    [["capture", "wire", "--out", "/tmp/x", "--frames", "0"], /Expected an integer in \[1, /],
    [
      ["capture", "wire", "--out", "/tmp/x", "--duration-ms", "-5"],
      /'--duration-ms <ms>' argument '-5' is invalid/,
    ],
    [["capture", "wire"], /required option '--out <file>'/],
    [["flow", "10.0.0.1", "10.0.0.2:7"], /'10\.0\.0\.1' is invalid for argument 'src'\. Expected IPv4:PORT/],
    [["flow", "10.0.0.1:1", "10.0.0.300:7"], /argument 'dst'/],
    [["flow", "10.0.0.1:1", "10.0.0.2:70000"], /argument 'dst'/],
    [["flow", "10.0.0.1:1", "10.0.0.2:7", "--reta-size", "100"], /Expected a power of two/],
    [["flow", "10.0.0.1:1"], /missing required argument 'dst'/],
    [["faults", "--in", "loss=2"], /loss is a probability/],
    [["faults", "--in", "bogus=1"], /Unknown fault setting "bogus"/],
    [["faults", "--out", "delay_us=x"], /The value of delay_us must be a number/],
    [["migrate", "0-x", "--to", "1"], /Bad flow group "0-x"/],
    [["migrate", "5-1", "--to", "1"], /Bad flow group range 5-1/],
    [["migrate", "0-3"], /required option '--to <core>'/],
    [["migrate", "0-3", "--to", "one"], /'--to <core>' argument 'one' is invalid/],
    [["cores", "0"], /argument 'n'.*Expected an integer in \[1, /],
    [["cores"], /missing required argument 'n'/],
    [["policy"], /missing required argument 'name'/],
    [["ixcp", "everything"], /Allowed choices are status, decisions/],
    [["ixcp", "decisions", "--limit", "0"], /'--limit <n>'/],
    [["reta", "--json", "--ethtool"], /'--json' cannot be used with option '--ethtool'/],
  ];
  const runs = await Promise.all(cases.map(([args]) => ixctl(args)));
  cases.forEach(([args, what], i) => assertOneLineError(runs[i], 2, what, `ixctl ${args.join(" ")}`));
});

test("without a cluster: one line saying how to start one, exit 1; flow still answers from defaults", async () => {
  assertOneLineError(await ixctl(["status"]), 1, /no cluster found: run `npm start`/, "status");
  const flow = await ixctl(["flow", "66.9.149.187:2794", "161.142.100.80:1766"]);
  assert.equal(flow.code, 0, flow.stderr);
  // Microsoft's RSS verification vector, flow group = low 7 bits, queue = group mod 2.
  assert.equal(
    flow.stdout,
    "hash 0x51ccc178  flow group 120  queue 0  (defaults: 128 flow groups over 2 queues)\n",
  );
});

test("NATS down, refused credentials, refused permissions, nobody answering: one line each, exit 1", async () => {
  const down = `nats://127.0.0.1:${await freePort()}`;
  const cases: [string[], Record<string, string>, RegExp][] = [
    [["status"], { ...cred("admin"), IX_NATS_URL: down }, /cannot connect to NATS at .*: connection refused/],
    [["reta"], cred("admin", "wrong"), /the server refused the credentials/],
    // The app user may not use the NIC's control subjects.
    [["reta"], cred("app"), /request ix\.nic\.ctl\.reta\.get: permission refused: .*Permissions Violation/],
    [["status"], cred("admin"), /request ix\.nic\.ctl\.status: no responders \(is the NIC running\?\)/],
    [["ixcp"], cred("admin"), /request ix\.ixcp\.admin\.status: no responders \(is IXCP running\?\)/],
    [["migrate", "0-3", "--to", "1"], cred("admin"), /ix\.ixcp\.admin\.migrate: no responders/],
    [["policy", "static"], cred("admin"), /ix\.ixcp\.admin\.policy: no responders/],
    [["faults", "--in", "loss=0.1"], cred("admin"), /ix\.nic\.ctl\.fault: no responders/],
    [
      ["capture", "wire", "--out", join(cwd, "x.pcap")],
      cred("admin"),
      /ix\.nic\.ctl\.capture: no responders/,
    ],
  ];
  const runs = await Promise.all(cases.map(([args, env]) => ixctl(args, env)));
  cases.forEach(([args, , what], i) => assertOneLineError(runs[i], 1, what, `ixctl ${args.join(" ")}`));
});

test("a reader that goes away (ixctl ... | head) ends ixctl quietly: exit 0, no EPIPE trace", async () => {
  const child = spawn(process.execPath, [CLI, "--help"], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.destroy(); // closed before the child can start, let alone write
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((r) => child.once("exit", r));
  assert.equal(stderr, "");
  assert.equal(code, 0);
});
