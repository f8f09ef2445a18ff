// NetPIPE-style ping-pong (ixload --mode pingpong): one connection, one
// message in flight, one-way latency = RTT/2 against message size; the
// cluster (nats-l2 client host) against the same echo session served by
// node:net on kernel sockets (loopback). pingFloor (figures under pingTap):
// the latency floor, ping through the TAP to an idle cluster, polling and
// dedicated CPUs off and on.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { svgDocument, type RunResult } from "@ix/loadgen";
import { canUseTap, startCluster } from "@ix/cluster";
import { DEFAULT_POLL_US } from "@ix/dataplane";
import { ixload, quantile, round, SERVER_IP, sharedCluster } from "./support/harness.ts";
import { cpuWindow } from "./support/proc-cpu.ts";
import { pingFromNamespace } from "./support/ping.ts";
import { startNodeNet } from "./support/servers.ts";
import type { BenchOptions, Figures } from "./support/types.ts";

export async function run(o: BenchOptions): Promise<Figures> {
  const sizes = o.quick ? [64, 1024, 16384] : [1, 64, 256, 1024, 4096, 16384, 65536];
  const args = [
    "--protocol",
    "echo",
    "--mode",
    "pingpong",
    "--sizes",
    sizes.join(","),
    "--duration",
    o.quick ? "0.7" : "2",
    "--ceiling",
    "off",
  ];
  const bc = await sharedCluster();
  const ix = (
    await ixload(["--server", `${SERVER_IP}:7`, "--transport", "nats-l2", ...args], { env: bc.hostEnv })
  ).result;
  const net = await startNodeNet("echo");
  let kernel: RunResult;
  try {
    kernel = (await ixload(["--server", `127.0.0.1:${net.port}`, ...args])).result;
  } finally {
    await net.stop();
  }
  const out: Figures = {};
  for (const [i, size] of sizes.entries()) {
    const a = ix.pingpong![i];
    const b = kernel.pingpong![i];
    out[`size${size}`] = {
      clusterOneWayP50Us: a.oneWayUs.p50,
      clusterOneWayP99Us: a.oneWayUs.p99,
      kernelOneWayP50Us: b.oneWayUs.p50,
      kernelOneWayP99Us: b.oneWayUs.p99,
      clusterOverKernelP50: Number((a.oneWayUs.p50 / b.oneWayUs.p50).toPrecision(3)),
      clusterMbps: a.mbps,
      kernelMbps: b.mbps,
    };
  }
  writeFileSync(join(o.outDir, "latency.svg"), await latencyPlot(out));
  out.pingTap = await pingFloor(o);
  o.log(
    `64 B one-way p50: cluster ${ix.pingpong![sizes.indexOf(64)].oneWayUs.p50} us, kernel ${kernel.pingpong![sizes.indexOf(64)].oneWayUs.p50} us`,
  );
  return out;
}

export const usesSharedCluster = true;

/**
 * latency.svg from the scenario's figures (run()'s output, kept in bench.json
 * under "latency": size<N> per message size), so `node bench/replot.ts`
 * redraws it without rerunning: one-way p50 against message size for the
 * cluster and the kernel (the chart `ixload plot` draws for ping-pong results).
 */
export function latencyPlot(f: Figures): Promise<string> {
  const sizes = Object.keys(f)
    .map((k) => /^size(\d+)$/.exec(k))
    .filter((m) => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
  const at = (size: number, key: string): [number, number] => [
    size,
    (f[`size${size}`] as Figures)[key] as number,
  ];
  return svgDocument([
    {
      title: "Ping-pong one-way latency (RTT/2)",
      xLabel: "message size (bytes)",
      yLabel: "one-way latency p50 (us, log)",
      yLog: true,
      series: [
        { name: "cluster (nats-l2)", points: sizes.map((s) => at(s, "clusterOneWayP50Us")) },
        { name: "node:net (kernel loopback)", points: sizes.map((s) => at(s, "kernelOneWayP50Us")) },
      ],
    },
  ]);
}

/** The cores' poll window of the "polling on" variants: the default when polling is on by default. */
export const PING_POLL_US = DEFAULT_POLL_US > 0 ? DEFAULT_POLL_US : 100_000;

/** One cluster configuration of the latency-floor measurement. */
interface FloorVariant {
  name: string;
  pollUs: number;
  pin: boolean;
}

/**
 * The issue's latency floor: `ping -i 0.05` (one echo every 50 ms) from Linux
 * through the TAP to an idle cluster (2 cores, static IXCP), for each of
 * polling off/on x dedicated CPUs off/on, the variants interleaved over
 * rounds so that the machine's other load falls on all of them alike. Per
 * variant: p50/p99/max of every reply pooled, the per-round p50 and p99
 * ranges, lost replies, and the CPU share (of one CPU) of the cores and of the
 * NIC while idle (what polling costs); p50Us/p99Us at the top are the
 * default variant's (the issue's target, bench/support/targets.ts `ping`).
 * Root only (TAP); skipped otherwise.
 * Its own namespace and TAP names, so it never meets `npm start`'s `ix`.
 */
export async function pingFloor(o: BenchOptions): Promise<Figures> {
  if (!canUseTap()) return { skipped: "needs root, socat and iproute2 (TAP)" };
  const variants: FloorVariant[] = [
    { name: "pollOffPinOff", pollUs: 0, pin: false },
    { name: "pollOnPinOff", pollUs: PING_POLL_US, pin: false },
    { name: "pollOffPinOn", pollUs: 0, pin: true },
    { name: "pollOnPinOn", pollUs: PING_POLL_US, pin: true },
  ];
  const rounds = o.quick ? 1 : 2;
  const count = o.quick ? 100 : 200;
  const times = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  const perRound = new Map<string, { p50: number; p99: number }[]>(variants.map((v) => [v.name, []]));
  const cpu = new Map<string, { cores: number[]; nic: number[] }>(
    variants.map((v) => [v.name, { cores: [], nic: [] }]),
  );
  const lost = new Map<string, number>(variants.map((v) => [v.name, 0]));
  for (let r = 0; r < rounds; r++) {
    for (const v of variants) {
      const cluster = await startCluster({
        cores: 2,
        policy: "static",
        tap: true,
        namespace: "ixping",
        tapName: "ixping0",
        pin: v.pin,
        extraArgs: { dataplane: ["--poll-us", String(v.pollUs)] },
      });
      try {
        // ARP and first-packet effects out of the way; the cluster settles.
        await pingFromNamespace("ixping", SERVER_IP, 5, 0.2);
        const pids: Record<string, number> = { nic: cluster.nic.child.pid ?? 0 };
        cluster.cores.forEach((c, i) => (pids[`core${i}`] = c.child.pid ?? 0));
        const window = cpuWindow(pids);
        const run = await pingFromNamespace("ixping", SERVER_IP, count, 0.05);
        const share = window.stop();
        times.get(v.name)!.push(...run.times);
        perRound.get(v.name)!.push({ p50: quantile(run.times, 0.5), p99: quantile(run.times, 0.99) });
        lost.set(v.name, lost.get(v.name)! + run.sent - run.times.length);
        cpu.get(v.name)!.cores.push(share.core0 + share.core1);
        cpu.get(v.name)!.nic.push(share.nic);
        o.log(
          `ping floor round ${r + 1} ${v.name}: p50 ${quantile(run.times, 0.5)} ms, p99 ${quantile(run.times, 0.99)} ms, ` +
            `cores ${round(share.core0 + share.core1)} CPU, ${run.sent - run.times.length} lost`,
        );
      } finally {
        await cluster.stop();
      }
    }
  }
  const variantFigures: Figures = {};
  for (const v of variants) {
    const t = times.get(v.name)!;
    const rs = perRound.get(v.name)!;
    const c = cpu.get(v.name)!;
    const us = (ms: number): number => Math.round(ms * 1000);
    variantFigures[v.name] = {
      p50Us: us(quantile(t, 0.5)),
      p99Us: us(quantile(t, 0.99)),
      maxUs: us(Math.max(...t)),
      meanUs: us(t.reduce((a, b) => a + b, 0) / t.length),
      roundP50UsRange: [us(Math.min(...rs.map((x) => x.p50))), us(Math.max(...rs.map((x) => x.p50)))],
      roundP99UsRange: [us(Math.min(...rs.map((x) => x.p99))), us(Math.max(...rs.map((x) => x.p99)))],
      lost: lost.get(v.name)!,
      coresCpuShare: round(Math.max(...c.cores)),
      nicCpuShare: round(Math.max(...c.nic)),
    };
  }
  // What a user gets without flags (--poll-us default, no --pin): the target reads p50Us/p99Us.
  const defaultVariant = DEFAULT_POLL_US > 0 ? "pollOnPinOff" : "pollOffPinOff";
  const d = variantFigures[defaultVariant] as Figures;
  const out: Figures = {
    p50Us: d.p50Us,
    p99Us: d.p99Us,
    defaultVariant,
    intervalMs: 50,
    repliesPerVariant: rounds * count,
    pollUs: PING_POLL_US,
    ...variantFigures,
  };
  return out;
}
