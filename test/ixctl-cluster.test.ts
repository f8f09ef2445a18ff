// ixctl against running parts of the cluster: a real nats-server with the
// generated users, the real NIC process (2 queues, 128 flow groups, the
// default key) and the real IXCP process, with ixctl run as a child process
// as the admin user. No TAP or namespace: the NIC's control surface and
// IXCP's admin verbs are all ixctl talks to.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  credentialEnv,
  freePort,
  generateUsers,
  initialReta,
  startNatsServer,
  type NatsServerHandle,
  type UserEntry,
} from "@ix/bus";
import { spawnService, REPO_ROOT, type ServiceProcess } from "@ix/cluster";

const CLI = join(REPO_ROOT, "lib", "ixctl", "src", "cli.ts");
const ETHTOOL_FIXTURE = join(REPO_ROOT, "lib", "ixctl", "test", "fixtures", "ethtool-x-nic-128x2.txt");
const dir = mkdtempSync(join(tmpdir(), "ixctl-cluster-"));

let nats: NatsServerHandle;
let users: UserEntry[];
let nic: ServiceProcess;
let ixcp: ServiceProcess;
let adminEnv: Record<string, string>;

const userEnv = (name: string): Record<string, string> => {
  const u = users.find((x) => x.user === name)!;
  return credentialEnv({ url: nats.url, user: u.user, password: u.password });
};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function ixctl(args: string[], env: Record<string, string> = adminEnv): Promise<Run> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("IX_")));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: dir, env: { ...base, ...env }, encoding: "utf8", timeout: 120_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === "number" ? err.code : null) : 0, stdout, stderr }),
    );
  });
}

function ok(r: Run, label: string): string {
  assert.equal(r.code, 0, `${label}: exit ${r.code}, stderr ${r.stderr}`);
  assert.equal(r.stderr, "", label);
  return r.stdout;
}

function oneLineError(r: Run, what: RegExp, label: string): void {
  assert.equal(r.code, 1, `${label}: exit ${r.code}, stdout ${r.stdout}`);
  assert.match(r.stderr, /^ixctl: [^\n]*\n$/, `${label}: one line, got ${JSON.stringify(r.stderr)}`);
  assert.match(r.stderr, what, label);
}

before(async () => {
  users = generateUsers([0]);
  nats = await startNatsServer({ users });
  nic = await spawnService({
    name: "nic",
    env: userEnv("nic"),
    args: [
      join(REPO_ROOT, "services", "nic", "src", "main.ts"),
      "--queues=2",
      "--reta-size=128",
      "--admin-port=0",
    ],
    readyTimeoutMs: 30_000,
  });
  ixcp = await spawnService({
    name: "ixcp",
    env: userEnv("ixcp"),
    args: [
      join(REPO_ROOT, "services", "ixcp", "src", "main.ts"),
      "--cores=2",
      "--initial-cores=2",
      "--policy=static",
      "--admin-port=0",
    ],
    readyTimeoutMs: 30_000,
  });
  // A core admin URL where nothing listens: status reports it, row by row.
  adminEnv = { ...userEnv("admin"), IX_CORE_ADMIN_URLS: `http://127.0.0.1:${await freePort()}` };
});

after(async () => {
  await ixcp?.stop();
  await nic?.stop();
  await nats?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test("reta --ethtool prints the running NIC's table byte for byte as ethtool -x", async () => {
  const out = ok(await ixctl(["reta", "--ethtool"]), "reta --ethtool");
  assert.equal(out, readFileSync(ETHTOOL_FIXTURE, "utf8"));
});

test("reta by queue and as JSON: 128 flow groups round-robin over 2 queues, the default key", async () => {
  const text = ok(await ixctl(["reta"]), "reta");
  assert.equal(
    text,
    "queue 0: 64 flow groups (0,2,4,6,8,10,12,14,16,18,20,22,...)\n" +
      "queue 1: 64 flow groups (1,3,5,7,9,11,13,15,17,19,21,23,...)\n",
  );
  const json = JSON.parse(ok(await ixctl(["reta", "--json"]), "reta --json")) as {
    queues: number[];
    rssKey: string;
  };
  assert.deepEqual(json.queues, initialReta(128, 2));
  assert.equal(json.rssKey.slice(0, 8), "6d5a56da");
  assert.equal(json.rssKey.length, 80);
});

test("status: the NIC's two queues and rings, the unreachable core named, the RETA", async () => {
  const text = ok(await ixctl(["status"]), "status");
  const lines = text.split("\n");
  assert.match(lines[0], /^NIC: wire in 0, wire out 0, RETA size 128$/);
  assert.match(lines[1], /^queue +ring free\/size/);
  assert.match(lines[2], /^ {4}0 +\d+\/\d+ +0 +0 +0$/);
  assert.match(lines[3], /^ {4}1 +\d+\/\d+ +0 +0 +0$/);
  assert.match(text, /^http:\/\/127\.0\.0\.1:\d+: unreachable$/m);
  assert.match(text, /^queue 0: 64 flow groups/m);
  const json = JSON.parse(ok(await ixctl(["status", "--json"]), "status --json")) as {
    nic: { queues: { queue?: number }[]; retaSize: number };
    reta: number[];
    cores: { error?: string }[];
  };
  assert.equal(json.nic.queues.length, 2);
  assert.equal(json.nic.retaSize, 128);
  assert.equal(json.reta.length, 128);
  assert.deepEqual(
    json.cores.map((c) => c.error),
    ["unreachable"],
  );
});

test("faults: set a direction, read both back, reset", async () => {
  const set = ok(await ixctl(["faults", "--in", "loss=0.25,delay_us=100"]), "faults --in");
  assert.equal(
    set,
    "in   loss=0.25,duplicate=0,reorder=0,corrupt=0,delay_us=100,jitter_us=0\n" +
      "out  loss=0,duplicate=0,reorder=0,corrupt=0,delay_us=0,jitter_us=0\n",
  );
  const json = JSON.parse(ok(await ixctl(["faults", "--json"]), "faults --json")) as {
    in: { loss: number; delayUs: number };
  };
  assert.deepEqual([json.in.loss, json.in.delayUs], [0.25, 100]);
  ok(await ixctl(["faults", "--in", "loss=0"]), "faults reset");
  assert.match(
    ok(await ixctl(["faults"]), "faults"),
    /^in {3}loss=0,duplicate=0,reorder=0,corrupt=0,delay_us=0,/,
  );
});

test("capture writes a pcap; a queue the NIC does not have is refused in one line", async () => {
  const file = join(dir, "wire.pcap");
  const out = ok(
    await ixctl(["capture", "wire", "--frames", "1", "--duration-ms", "200", "--out", file]),
    "capture",
  );
  assert.equal(out, `0 frames written to ${file}\n`);
  const pcap = readFileSync(file);
  assert.equal(pcap.length, 24, "a pcap global header and no record");
  assert.equal(pcap.readUInt32LE(0), 0xa1b2c3d4, "pcap magic (microsecond, little-endian)");
  oneLineError(
    await ixctl(["capture", "rx:9", "--frames", "1", "--out", join(dir, "x.pcap")]),
    /capture.*refused: .*9/,
    "capture rx:9",
  );
});

test("flow uses the running NIC's RETA and key", async () => {
  const out = ok(await ixctl(["flow", "66.9.149.187:2794", "161.142.100.80:1766"]), "flow");
  assert.equal(out, "hash 0x51ccc178  flow group 120  queue 0  (the running NIC's RETA)\n");
});

test("IXCP through ixctl: its view, a policy switch, and refusals as one line with exit 1", async () => {
  const view = ok(await ixctl(["ixcp"]), "ixcp");
  assert.match(view, /^policy static {2}power [\d.]+ W {2}active cores /);
  assert.match(view, /^core 0 /m);
  assert.match(view, /^core 1 /m);
  assert.equal(ok(await ixctl(["policy", "consolidation"]), "policy"), "policy: consolidation\n");
  assert.equal(ok(await ixctl(["policy", "static"]), "policy"), "policy: static\n");
  oneLineError(
    await ixctl(["policy", "no-such-policy"]),
    /IXCP refused policy: .*no-such-policy/,
    "policy refused",
  );
  // Read the refusal back at once and deep: with no core alive IXCP logs a
  // "hold" every 100 ms, and on a busy machine each ixctl process takes
  // seconds, so the last 50 decisions may hold nothing else (the log keeps 500).
  const decisions = ok(await ixctl(["ixcp", "decisions", "--limit", "500"]), "ixcp decisions");
  assert.match(decisions, /policy_refused +refused: .*no-such-policy/);
  oneLineError(
    await ixctl(["cores", "9"]),
    /IXCP refused cores: n must be an integer in \[1, 2\]/,
    "cores 9",
  );
  // Under --json the refused reply is printed, and the exit status is still 1.
  const refused = await ixctl(["cores", "9", "--json"]);
  assert.equal(refused.code, 1);
  assert.equal((JSON.parse(refused.stdout) as { ok: boolean }).ok, false);
});
