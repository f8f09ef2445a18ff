// IX's adaptive batching through the whole cluster: echo of 64 B messages at
// batch bounds B = 1, 2, 16, 64 on ONE cluster (nats-l2 client host, 2 cores),
// changing B with CMD_SET_BATCH between runs and interleaving the B values in
// every repeat so machine noise hits all of them alike. Per B: the highest
// achieved rate under overload, p50/p99 at a moderate load every B sustains,
// frames per cycle, and each process's CPU share during the overload.
// batching.gain = max rate at B=64 / max rate at B=1. Because the client
// host, nats-server and the cluster share this machine's cores, the rate is
// bounded by the machine; cpuEfficiencyGain (requests per cluster CPU-second)
// says what batching did to the cluster's own cost.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { svgDocument } from "@ix/loadgen";
import {
  sharedCluster,
  generatorFigures,
  ixload,
  median,
  metricSum,
  round,
  type BenchCluster,
  ECHO_MAX_RATE_LOAD,
  ECHO_OVER_NATS_L2,
} from "./support/harness.ts";
import { natsCounters } from "./support/nats-monitor.ts";
import type { BenchOptions, Figures } from "./support/types.ts";

/** nats-server's totals (published into it, delivered out of it); null when it serves no monitoring. */
async function natsMessages(bc: BenchCluster): Promise<{ in: number; out: number } | null> {
  const url = bc.cluster.nats.monitorUrl;
  if (!url) return null;
  const c = await natsCounters(url);
  return { in: c.inMsgs, out: c.outMsgs };
}

export const BATCHES = [1, 2, 16, 64];
const CLUSTER_ROLES = ["nats", "nic", "core0", "core1", "app"];

export interface PipelineSample {
  maxRate: number;
  /** Frames through the NIC (wire in + out) per second during the overload. */
  framesPerSec: number;
  bytesPerFrame: number;
  framesPerCycle: number;
  /** Cluster CPU (nats-server + NIC + cores + app), cores. */
  clusterCpu: number;
  cpu: Record<string, number>;
  /** ixload's own view: was the generator the limit of this overload? */
  generator: Figures;
  /** NATS messages published (in) and delivered (out) per completed request, from nats-server's /varz. */
  msgsInPerRequest: number;
  msgsOutPerRequest: number;
  /** Cluster CPU (nats-server + NIC + cores + app) per request, microseconds. */
  clusterCpuUsPerRequest: number;
}

/** Echo under overload on a running cluster: the achieved rate is the ceiling. */
export async function overload(bc: BenchCluster, durationS: number): Promise<PipelineSample> {
  const nic = bc.cluster.nic.adminUrl;
  const cores = bc.cluster.cores.map((c) => c.adminUrl);
  const before = await pipelineCounters(nic, cores);
  const msgsBefore = await natsMessages(bc);
  const { result, cpu } = await ixload(
    [...ECHO_OVER_NATS_L2, ...ECHO_MAX_RATE_LOAD, "--duration", String(durationS), "--warmup", "0.5"],
    { env: bc.hostEnv, pids: bc.pids },
  );
  const after = await pipelineCounters(nic, cores);
  const msgsAfter = await natsMessages(bc);
  const frames = after.frames - before.frames;
  const seconds = durationS + 0.5; // the counters also saw the warmup
  // The counters also saw the warmup: requests over it are estimated at the measured rate.
  const requests = Math.max(1, result.achievedRate * seconds);
  const clusterCpu = CLUSTER_ROLES.reduce((s, k) => s + (cpu[k] ?? 0), 0);
  return {
    maxRate: result.achievedRate,
    framesPerSec: frames / seconds,
    bytesPerFrame: (after.bytes - before.bytes) / Math.max(1, frames),
    framesPerCycle: (after.dpFrames - before.dpFrames) / Math.max(1, after.cycles - before.cycles),
    clusterCpu,
    cpu,
    generator: generatorFigures(result),
    msgsInPerRequest: msgsBefore && msgsAfter ? (msgsAfter.in - msgsBefore.in) / requests : NaN,
    msgsOutPerRequest: msgsBefore && msgsAfter ? (msgsAfter.out - msgsBefore.out) / requests : NaN,
    clusterCpuUsPerRequest: (clusterCpu * 1e6) / Math.max(1, result.achievedRate),
  };
}

async function pipelineCounters(nic: string, cores: string[]) {
  const frames =
    (await metricSum(nic, "ix_nic_rx_frames_total")) + (await metricSum(nic, "ix_nic_tx_frames_total"));
  const bytes =
    (await metricSum(nic, "ix_nic_rx_bytes_total")) + (await metricSum(nic, "ix_nic_tx_bytes_total"));
  let dpFrames = 0;
  let cycles = 0;
  for (const c of cores) {
    dpFrames += await metricSum(c, "ix_dp_frames_total", 'direction="in"');
    cycles += await metricSum(c, "ix_dp_cycles_total");
  }
  return { frames, bytes, dpFrames, cycles };
}

export async function run(o: BenchOptions): Promise<Figures> {
  const repeats = o.quick ? 1 : 3;
  const duration = o.quick ? 1.5 : 5;
  const bc = await sharedCluster();
  const samples = new Map<number, PipelineSample[]>(BATCHES.map((b) => [b, []]));
  const lat = new Map<number, { p50: number[]; p99: number[] }>(
    BATCHES.map((b) => [b, { p50: [], p99: [] }]),
  );
  try {
    for (let rep = 0; rep < repeats; rep++) {
      for (const b of BATCHES) {
        await bc.setBatch(b);
        const s = await overload(bc, duration);
        samples.get(b)!.push(s);
        const { result } = await ixload(
          [
            ...ECHO_OVER_NATS_L2,
            "--rate",
            "2000",
            "--connections",
            "8",
            "--depth",
            "4",
            "--duration",
            o.quick ? "1" : "4",
            "--warmup",
            "0.5",
          ],
          { env: bc.hostEnv },
        );
        lat.get(b)!.p50.push(result.latencyUs.p50);
        lat.get(b)!.p99.push(result.latencyUs.p99);
        o.log(
          `B=${b} repeat ${rep + 1}/${repeats}: max ${Math.round(s.maxRate)} req/s, ${s.framesPerCycle.toFixed(1)} frames/cycle, cluster CPU ${s.clusterCpu.toFixed(2)} cores (${s.clusterCpuUsPerRequest.toFixed(1)} us/request), NATS msgs/request in ${s.msgsInPerRequest.toFixed(2)} out ${s.msgsOutPerRequest.toFixed(2)}, p99 at 2000 req/s ${result.latencyUs.p99} us`,
        );
      }
    }
  } finally {
    await bc.setBatch(64); // the shared cluster's default, for the next scenarios
  }
  const out: Figures = {};
  const per: Record<number, { rate: number; eff: number }> = {};
  for (const b of BATCHES) {
    const ss = samples.get(b)!;
    const rate = median(ss.map((s) => s.maxRate));
    const eff = median(ss.map((s) => s.maxRate / Math.max(0.01, s.clusterCpu)));
    per[b] = { rate, eff };
    out[`B${b}`] = {
      maxRate: Math.round(rate),
      p50Us: median(lat.get(b)!.p50),
      p99Us: median(lat.get(b)!.p99),
      framesPerCycle: round(median(ss.map((s) => s.framesPerCycle))),
      framesPerSec: Math.round(median(ss.map((s) => s.framesPerSec))),
      bytesPerFrame: Math.round(median(ss.map((s) => s.bytesPerFrame))),
      clusterCpuCores: round(median(ss.map((s) => s.clusterCpu))),
      requestsPerClusterCpuSecond: Math.round(eff),
      clusterCpuUsPerRequest: round(median(ss.map((s) => s.clusterCpuUsPerRequest))),
      natsMsgsInPerRequest: round(median(ss.map((s) => s.msgsInPerRequest))),
      natsMsgsOutPerRequest: round(median(ss.map((s) => s.msgsOutPerRequest))),
      cpuShare: Object.fromEntries(
        Object.keys(ss[0].cpu).map((k) => [k, round(median(ss.map((s) => s.cpu[k] ?? NaN)), 2)]),
      ),
      generator: {
        cpuShare: round(median(ss.map((s) => s.generator.cpuShare as number)), 2),
        limited: ss.some((s) => s.generator.limited === true),
      },
    };
  }
  out.gain = round(per[64].rate / per[1].rate);
  out.cpuEfficiencyGain = round(per[64].eff / per[1].eff);
  out.repeats = repeats;
  writeFileSync(join(o.outDir, "batching.svg"), await batchingPlot(out));
  return out;
}

export const usesSharedCluster = true;

/**
 * batching.svg from the scenario's figures (run()'s output, kept in bench.json
 * under "batching"), so `node bench/replot.ts` redraws it without rerunning:
 * max rate and requests per cluster CPU-second against log2 B, and the median
 * p50/p99 at 2000 req/s against log2 B.
 */
export function batchingPlot(f: Figures): Promise<string> {
  const bs = BATCHES.filter((b) => typeof f[`B${b}`] === "object");
  const at = (b: number, key: string): [number, number] => [
    Math.log2(b),
    (f[`B${b}`] as Figures)[key] as number,
  ];
  return svgDocument([
    {
      title: "Echo (64 B) max rate against the batch bound B",
      xLabel: "B (log2)",
      yLabel: "requests/s",
      series: [
        { name: "max rate", points: bs.map((b) => at(b, "maxRate")) },
        {
          name: "req per cluster CPU-s",
          dashed: true,
          points: bs.map((b) => at(b, "requestsPerClusterCpuSecond")),
        },
      ],
    },
    {
      title: "Echo latency at 2000 req/s against B",
      xLabel: "B (log2)",
      yLabel: "latency (us, log)",
      yLog: true,
      series: [
        { name: "p50", points: bs.map((b) => at(b, "p50Us")) },
        { name: "p99", points: bs.map((b) => at(b, "p99Us")) },
      ],
    },
  ]);
}
