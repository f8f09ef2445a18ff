// What every cluster benchmark needs: a cluster with its process ids, ixload
// runs as child processes (optionally inside the TAP namespace), batch-size
// changes through CMD_SET_BATCH, metric reads, and per-process CPU shares.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { ix } from "@ix/proto";
import { subjects as S } from "@ix/bus";
import { startCluster, REPO_ROOT, type Cluster, type ClusterOptions } from "@ix/cluster";
import type { RunResult } from "@ix/loadgen";
import { cpuWindow, pidsMatching } from "./proc-cpu.ts";
import type { Figures } from "./types.ts";

export const IXLOAD = join(REPO_ROOT, "services", "loadgen", "src", "cli.ts");
export const SERVER_IP = "10.77.0.2";
/** ixload's arguments for echo on the cluster through a userspace client host on the NATS L2 segment. */
export const ECHO_OVER_NATS_L2 = [
  "--server",
  `${SERVER_IP}:7`,
  "--protocol",
  "echo",
  "--transport",
  "nats-l2",
  "--ceiling",
  "off",
];

/**
 * The echo max-rate load every echo scenario offers (batching, hosts, the
 * profile): 150,000 req/s offered over 32 connections x depth 16, far
 * beyond what the cluster serves; add --duration and --warmup.
 */
export const ECHO_MAX_RATE_LOAD = ["--rate", "150000", "--connections", "32", "--depth", "16"];

/**
 * ixload arguments for memcached USR (Facebook's USR mix, 10,000 keys) over
 * the nats-l2 client host, with no ceiling: add --rate, --connections,
 * --depth and the durations per run.
 */
export const USR_OVER_NATS_L2 = [
  "--server",
  `${SERVER_IP}:11211`,
  "--transport",
  "nats-l2",
  "--workload",
  "usr",
  "--keys",
  "10000",
  "--ceiling",
  "off",
];

export interface BenchCluster {
  cluster: Cluster;
  /** Environment of a nats-l2 client host (IX_NATS_*). */
  hostEnv: Record<string, string>;
  /** Pids by role, for CPU shares: nats, nic, core0.., app, ixcp. */
  pids: Record<string, number>;
  setBatch(b: number): Promise<void>;
  /** A NATS connection with the admin user (ixcpRequest), opened on first use. */
  admin(): Promise<NatsConnection>;
  stop(): Promise<void>;
}

export async function benchCluster(opts: ClusterOptions): Promise<BenchCluster> {
  // Every bench cluster serves nats-server's monitoring endpoint (support/nats-monitor.ts).
  const cluster = await startCluster({ natsMonitor: true, ...opts });
  const pids: Record<string, number> = {};
  const nats = pidsMatching("nats-server").find((p) => isNatsOf(p, cluster));
  if (nats) pids.nats = nats;
  pids.nic = cluster.nic.child.pid ?? 0;
  cluster.cores.forEach((c, i) => (pids[`core${i}`] = c.child.pid ?? 0));
  if (cluster.app) pids.app = cluster.app.child.pid ?? 0;
  if (cluster.ixcp) pids.ixcp = cluster.ixcp.child.pid ?? 0;
  let ctl: NatsConnection | undefined;
  let adminConn: NatsConnection | undefined;
  const open = (kind: string): Promise<NatsConnection> => {
    const e = cluster.env(kind);
    return connect({ servers: e.IX_NATS_URL, user: e.IX_NATS_USER, pass: e.IX_NATS_PASSWORD });
  };
  return {
    cluster,
    hostEnv: cluster.env("host"),
    pids,
    async setBatch(b: number) {
      ctl ??= await open("ixcp");
      for (let core = 0; core < cluster.cores.length; core++) {
        const msg = ix.CoreCommand.encode({ kind: ix.CommandKind.CMD_SET_BATCH, value: b }).finish();
        const reply = ix.CommandReply.decode(
          (await ctl.request(S.coreCtl(core), msg, { timeout: 2000 })).data,
        );
        if (!reply.ok) throw new Error(`set batch ${b} on core ${core}: ${reply.error}`);
      }
    },
    async admin() {
      adminConn ??= await open("admin");
      return adminConn;
    },
    async stop() {
      await ctl?.close();
      await adminConn?.close();
      await cluster.stop();
    },
  };
}

let shared: Promise<BenchCluster> | null = null;

/**
 * One 2-core cluster (no IXCP, no TAP) shared by the scenarios that need
 * nothing else, so a run pays the start-up once; bench/run.ts stops it.
 * Scenarios that change it (batch size) put it back.
 */
export function sharedCluster(): Promise<BenchCluster> {
  shared ??= benchCluster({ cores: 2, policy: false });
  return shared;
}

export async function stopSharedCluster(): Promise<void> {
  const s = shared;
  shared = null;
  await (await s?.catch(() => null))?.stop();
}

/** The nats-server child of this cluster: its config names the port. */
function isNatsOf(pid: number, cluster: Cluster): boolean {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    if (!cmd.startsWith("nats-server") && !cmd.includes("/nats-server")) return false;
    const conf = cmd.split("\0")[2];
    return conf !== undefined && readFileSync(conf, "utf8").includes(String(cluster.nats.port));
  } catch {
    return false;
  }
}

export interface IxloadRun {
  result: RunResult;
  /** CPU share of one core per process over the run (the generator as "ixload"). */
  cpu: Record<string, number>;
}

/**
 * One ixload invocation as a child process. `netns`: run inside that network
 * namespace (kernel sockets through the TAP). `pids`: processes whose CPU
 * share is recorded over the run.
 */
export async function ixload(
  args: string[],
  o: { env?: Record<string, string>; netns?: string; pids?: Record<string, number>; timeoutMs?: number } = {},
): Promise<IxloadRun> {
  const dir = mkdtempSync(join(tmpdir(), "ixbench-"));
  const file = join(dir, "r.json");
  const nodeArgs = [IXLOAD, "--quiet", "--json", file, ...args];
  const [cmd, argv] = o.netns
    ? ["ip", ["netns", "exec", o.netns, process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  const child = spawn(cmd, argv, { env: { ...process.env, ...o.env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const window = cpuWindow({ ...o.pids, ixload: child.pid ?? 0 });
  let cpu: Record<string, number> = {};
  const timer = setTimeout(() => child.kill("SIGKILL"), o.timeoutMs ?? 120_000);
  const code = await new Promise<number | null>((resolve) => {
    // Sample just before the child is reaped (its /proc entry disappears at exit).
    child.once("exit", (c) => resolve(c));
    const poll = setInterval(() => {
      if (child.exitCode === null) cpu = window.stop();
    }, 250);
    child.once("exit", () => clearInterval(poll));
  });
  clearTimeout(timer);
  try {
    if (code !== 0) throw new Error(`ixload ${args.join(" ")} exited ${code}: ${stderr}`);
    return { result: JSON.parse(readFileSync(file, "utf8")) as RunResult, cpu };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What ixload says of itself in a run: its CPU share (of one CPU, the busiest
 * agent), the sends it noticed late with a slot free (its own lag), and whether
 * it, rather than the cluster, may have been the limit (results.ts
 * markGeneratorLimit). renderReport lists every scenario where `limited` is true.
 */
export function generatorFigures(r: RunResult): Figures {
  return {
    cpuShare: r.generatorCpu?.share ?? NaN,
    laggedSends: r.laggedSends ?? 0,
    limited: r.generatorLimited ?? false,
  };
}

export const median = (xs: number[]): number => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

/** Sum of a metric's samples from a service's /metrics, optionally only lines with `labelPart`. */
export async function metricSum(adminUrl: string, name: string, labelPart = ""): Promise<number> {
  const text = await (await fetch(`${adminUrl}/metrics`)).text();
  let total = 0;
  for (const line of text.split("\n")) {
    const m = /^(\w+)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (m && m[1] === name && (m[2] ?? "").includes(labelPart)) total += Number(m[3]);
  }
  return total;
}

export const round = (x: number, digits = 3): number => Number(x.toPrecision(digits));
