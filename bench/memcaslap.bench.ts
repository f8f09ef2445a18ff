// A real memcached client against the cluster (issue 13's first target):
// Debian's memcaslap (libmemcached-tools) `-T 2 -c 32 -t 8s` (3 s in --quick)
// from inside the TAP namespace to the cluster's memcached app (Linux TCP ->
// TAP -> socat -> NIC -> NATS -> cores -> app), and the same command against
// Debian's memcached on loopback (`memcached -t 2 -U 0`), in the same run.
// clusterVsMemcached = cluster TPS / memcached TPS (target >= 0.25, 0.5
// stretch). Each side's CPU shares over its run say who was busy. Needs root
// (the TAP) and the memcaslap binary; otherwise the scenario reports why it
// was skipped and no ratio.
import { execFileSync, spawn } from "node:child_process";
import { canUseTap } from "@ix/cluster";
import { benchCluster, round, SERVER_IP } from "./support/harness.ts";
import { cpuWindow } from "./support/proc-cpu.ts";
import { startMemcached } from "./support/servers.ts";
import { messagesPerRequest, natsCounters } from "./support/nats-monitor.ts";
import type { BenchOptions, Figures } from "./support/types.ts";

const NAMESPACE = "ixbenchmcs";
const TAP_NAME = "ixbmstap0";

/** memcaslap's closing line: "Run time: 8.0s Ops: 545454 TPS: 68158 Net_rate: 21.3M/s". */
export function parseMemcaslap(out: string): { tps: number; ops: number; runS: number } {
  const m = /Run time:\s*([\d.]+)s\s+Ops:\s*(\d+)\s+TPS:\s*(\d+)/.exec(out);
  if (!m) throw new Error(`memcaslap printed no "Run time: ... TPS:" line: ${out.slice(-400).trim()}`);
  return { runS: Number(m[1]), ops: Number(m[2]), tps: Number(m[3]) };
}

function hasMemcaslap(): boolean {
  try {
    execFileSync("sh", ["-c", "command -v memcaslap"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** One memcaslap run (optionally inside a namespace); its stdout+stderr, bounded in time. */
async function memcaslap(server: string, seconds: number, netns?: string): Promise<string> {
  const args = ["-s", server, "-T", "2", "-c", "32", "-t", `${seconds}s`];
  const [cmd, argv] = netns ? ["ip", ["netns", "exec", netns, "memcaslap", ...args]] : ["memcaslap", args];
  const child = spawn(cmd, argv, { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-8000)));
  child.stderr.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-8000)));
  // memcaslap stops on its own after -t; a server that stops answering must not hang the bench.
  const timer = setTimeout(() => child.kill("SIGKILL"), (seconds + 60) * 1000);
  const code = await new Promise<number | null>((r) => child.once("exit", (c) => r(c)));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`memcaslap ${args.join(" ")} exited ${code}: ${out.slice(-400).trim()}`);
  return out;
}

export async function run(o: BenchOptions): Promise<Figures> {
  const seconds = o.quick ? 3 : 8;
  const command = `memcaslap -T 2 -c 32 -t ${seconds}s`;
  if (!canUseTap())
    return { skipped: "needs root, ip and socat for the TAP (run the bench as root)", command };
  if (!hasMemcaslap())
    return { skipped: "memcaslap not found (apt-get install libmemcached-tools)", command };

  const mc = await startMemcached(2);
  let memcached: ReturnType<typeof parseMemcaslap>;
  let memcachedCpu: Record<string, number>;
  try {
    const w = cpuWindow({ memcached: mc.pid });
    memcached = parseMemcaslap(await memcaslap(`127.0.0.1:${mc.port}`, seconds));
    memcachedCpu = w.stop();
  } finally {
    await mc.stop();
  }
  o.log(`memcached on loopback: ${memcached.tps} TPS`);

  const bc = await benchCluster({
    cores: 2,
    policy: false,
    tap: true,
    namespace: NAMESPACE,
    tapName: TAP_NAME,
  });
  let cluster: ReturnType<typeof parseMemcaslap>;
  let clusterCpu: Record<string, number>;
  let messages: Figures;
  try {
    const socat = bc.cluster.tap?.socatPid;
    const monitor = bc.cluster.nats.monitorUrl!;
    const before = await natsCounters(monitor);
    const w = cpuWindow({ ...bc.pids, ...(socat ? { socat } : {}) });
    cluster = parseMemcaslap(await memcaslap(`${SERVER_IP}:11211`, seconds, NAMESPACE));
    clusterCpu = w.stop();
    messages = messagesPerRequest(before, await natsCounters(monitor), cluster.ops);
  } finally {
    await bc.stop();
  }
  o.log(`cluster through the TAP: ${cluster.tps} TPS`);
  return {
    command,
    memcachedTps: memcached.tps,
    clusterTps: cluster.tps,
    clusterVsMemcached: round(cluster.tps / Math.max(1, memcached.tps)),
    memcachedOps: memcached.ops,
    clusterOps: cluster.ops,
    cpuShare: { memcached: memcachedCpu, cluster: clusterCpu },
    // NATS messages per memcaslap operation (nats-server's counters over the cluster's run).
    natsMessagesPerOp: messages,
  };
}
