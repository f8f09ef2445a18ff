#!/usr/bin/env node
// The TAP bridge side by side (issue 13: "measure socat's share of the TAP
// path and replace it if a lighter bridge exists"): for each round, a fresh
// 2-core cluster per bridge ("socat": socat <-> L2-over-UDP <-> NIC;
// "direct": the NIC reads and writes the TAP's descriptor), the bridges
// interleaved so the machine's other load falls on both alike. Per cluster:
//   - the latency floor: `ping -i 0.05` x COUNT from Linux in the namespace
//     to an idle cluster (p50/p99 of every reply);
//   - throughput: Debian's memcaslap `-T 2 -c 32 -t 8s` through the TAP,
//     with each process's CPU over the run (/proc utime + stime): share of
//     one CPU and microseconds of CPU per memcaslap operation;
// and Debian's memcached on loopback under the same memcaslap once per
// round, for the ratio. Load averages are printed with every figure.
// Root only; run under the tap lock:
//   flock /tmp/ix-tap.lock node bench/tap-bridge.ts [--rounds N] [--count N] [--seconds S] [--json FILE]
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { canUseTap, startCluster, type TapBridge } from "@ix/cluster";
import { cpuSeconds } from "./support/proc-cpu.ts";
import { pingFromNamespace } from "./support/ping.ts";
import { startMemcached } from "./support/servers.ts";
import { parseMemcaslap } from "./memcaslap.bench.ts";
import { quantile, round, SERVER_IP } from "./support/harness.ts";

const NS = "ixbridge";
const TAP = "ixbridge0";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "2" },
    count: { type: "string", default: "200" },
    seconds: { type: "string", default: "8" },
    bridges: { type: "string", default: "socat,direct" },
    json: { type: "string" },
  },
});
const rounds = Number(values.rounds);
const count = Number(values.count);
const seconds = Number(values.seconds);
const bridges = values.bridges.split(",") as TapBridge[];

const load = (): string => loadavg()[0].toFixed(1);

/** memcaslap -T 2 -c 32 (in `netns` when given); its output and CPU seconds. */
async function memcaslap(server: string, netns?: string): Promise<{ out: string; cpuS: number }> {
  const args = ["-s", server, "-T", "2", "-c", "32", "-t", `${seconds}s`];
  const [cmd, argv] = netns ? ["ip", ["netns", "exec", netns, "memcaslap", ...args]] : ["memcaslap", args];
  const child = spawn(cmd, argv, { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let cpuS = 0;
  child.stdout.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-8000)));
  child.stderr.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-8000)));
  // `ip netns exec` execs memcaslap in place: the pid is memcaslap's. Read its CPU just before it exits.
  const sampler = setInterval(() => {
    const s = cpuSeconds(child.pid ?? 0);
    if (Number.isFinite(s)) cpuS = s;
  }, 200);
  const timer = setTimeout(() => child.kill("SIGKILL"), (seconds + 60) * 1000);
  const code = await new Promise<number | null>((r) => child.once("exit", (c) => r(c)));
  clearInterval(sampler);
  clearTimeout(timer);
  if (code !== 0) throw new Error(`memcaslap exited ${code}: ${out.slice(-400).trim()}`);
  return { out, cpuS };
}

interface Sample {
  bridge: TapBridge;
  round: number;
  loadBefore: string;
  pingP50Us: number;
  pingP99Us: number;
  pingLost: number;
  tps: number;
  ops: number;
  cpuShare: Record<string, number>;
  cpuUsPerOp: Record<string, number>;
  loadAfter: string;
}

async function oneCluster(bridge: TapBridge, r: number): Promise<Sample> {
  const loadBefore = load();
  const cluster = await startCluster({
    cores: 2,
    policy: false,
    tap: true,
    tapBridge: bridge,
    namespace: NS,
    tapName: TAP,
  });
  try {
    await pingFromNamespace(NS, SERVER_IP, 5, 0.2); // ARP and first-packet effects out of the way
    const ping = await pingFromNamespace(NS, SERVER_IP, count, 0.05);
    const pids: Record<string, number> = {
      nats: cluster.nats.pid ?? 0,
      nic: cluster.nic.child.pid ?? 0,
      core0: cluster.cores[0].child.pid ?? 0,
      core1: cluster.cores[1].child.pid ?? 0,
      app: cluster.app?.child.pid ?? 0,
      ...(cluster.tap?.socatPid ? { socat: cluster.tap.socatPid } : {}),
    };
    const c0 = Object.fromEntries(Object.entries(pids).map(([k, p]) => [k, cpuSeconds(p)]));
    const t0 = performance.now();
    const m = await memcaslap(`${SERVER_IP}:11211`, NS);
    const wall = (performance.now() - t0) / 1000;
    const used = Object.fromEntries(Object.entries(pids).map(([k, p]) => [k, cpuSeconds(p) - c0[k]]));
    used.memcaslap = m.cpuS;
    const res = parseMemcaslap(m.out);
    const cpuShare: Record<string, number> = {};
    const cpuUsPerOp: Record<string, number> = {};
    let total = 0;
    for (const [k, s] of Object.entries(used)) {
      cpuShare[k] = round(s / wall, 2);
      cpuUsPerOp[k] = round((s * 1e6) / Math.max(1, res.ops), 3);
      if (k !== "memcaslap") total += s;
    }
    cpuUsPerOp.clusterTotal = round((total * 1e6) / Math.max(1, res.ops), 3);
    return {
      bridge,
      round: r,
      loadBefore,
      pingP50Us: Math.round(quantile(ping.times, 0.5) * 1000),
      pingP99Us: Math.round(quantile(ping.times, 0.99) * 1000),
      pingLost: ping.sent - ping.times.length,
      tps: res.tps,
      ops: res.ops,
      cpuShare,
      cpuUsPerOp,
      loadAfter: load(),
    };
  } finally {
    await cluster.stop();
  }
}

async function main(): Promise<void> {
  if (!canUseTap()) {
    console.error("tap-bridge: needs root, socat and iproute2");
    process.exit(2);
  }
  const samples: Sample[] = [];
  const baseline: { round: number; tps: number; load: string; cpuUsPerOp: number }[] = [];
  for (let r = 1; r <= rounds; r++) {
    const mc = await startMemcached(2);
    try {
      const c0 = cpuSeconds(mc.pid);
      const m = await memcaslap(`127.0.0.1:${mc.port}`);
      const res = parseMemcaslap(m.out);
      baseline.push({
        round: r,
        tps: res.tps,
        load: load(),
        cpuUsPerOp: round(((cpuSeconds(mc.pid) - c0) * 1e6) / Math.max(1, res.ops), 3),
      });
      console.error(`round ${r} memcached: ${res.tps} TPS (load ${load()})`);
    } finally {
      await mc.stop();
    }
    const order = r % 2 === 1 ? bridges : [...bridges].reverse();
    for (const b of order) {
      const s = await oneCluster(b, r);
      samples.push(s);
      console.error(
        `round ${r} ${b}: ping p50 ${s.pingP50Us} us p99 ${s.pingP99Us} us (${s.pingLost} lost), ` +
          `memcaslap ${s.tps} TPS, cluster CPU ${s.cpuUsPerOp.clusterTotal} us/op, load ${s.loadBefore}->${s.loadAfter}`,
      );
    }
  }
  const out = { machine: "2 vCPU shared", rounds, count, seconds, baseline, samples };
  if (values.json) writeFileSync(values.json, JSON.stringify(out, null, 2));
  console.log(JSON.stringify(out, null, 2));
}

await main();
