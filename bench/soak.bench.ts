// The soak (issue 15): a 2-core cluster with IXCP under connection churn
// (short connections to echo and memcached from 4 client processes) plus
// steady memcached load for a fixed time (5 minutes; `--soak-seconds`,
// 60 s in --quick), with progress every few seconds. Through the TAP when
// root (Linux clients, memcaslap as the steady load), else on the NATS L2
// segment (userspace clients, ixload). test/helpers/soak.ts does the work.
//
// Figures: connections and operations completed, errors, each process's
// VmRSS (MiB) at the start, middle and end, its level at the middle (its peak
// over the quarter before the middle: soak.ts levelAtMiddle says why) and its
// peak over the second half, and the connection counters after the load.
// The target (targets.ts "soak"): at least 300 s, 0 errors, every connection
// counter back to 0 and no process's second-half peak more than 20% above its
// level at the middle; the one-sample end/middle ratio is reported beside it.
// results/soak.svg plots VmRSS over time (from results/soak-rss.json).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadavg } from "node:os";
import { startCluster, canUseTap } from "@ix/cluster";
import { svgDocument } from "@ix/loadgen";
import { growthFromMiddle, growthOverMiddleLevel, runSoak, type RssSample } from "../test/helpers/soak.ts";
import { round } from "./support/harness.ts";
import type { BenchOptions, Figures } from "./support/types.ts";

const MiB = 2 ** 20;
const mib = (s: RssSample, k: string): number => round(s[k] / MiB, 4);

export async function run(o: BenchOptions): Promise<Figures> {
  const durationS = o.soakSeconds ?? (o.quick ? 60 : 300);
  const tap = canUseTap();
  const cluster = await startCluster({
    cores: 2,
    policy: "static",
    ...(tap ? { tap: true, namespace: "ixbenchsoak", tapName: "ixbsoaktap0" } : {}),
  });
  const load0 = loadavg()[0];
  let r;
  try {
    o.log(
      `${tap ? "through the TAP (Linux clients, memcaslap)" : "on the NATS L2 segment (not root)"}, ${durationS} s`,
    );
    r = await runSoak({ cluster, path: tap ? "tap" : "nats-l2", durationS, log: o.log });
  } finally {
    await cluster.stop();
  }
  const growth = growthOverMiddleLevel(r);
  const instant = growthFromMiddle(r);
  const rssMiB: Figures = {};
  for (const k of Object.keys(r.rss.start)) {
    rssMiB[k] = {
      start: mib(r.rss.start, k),
      middle: mib(r.rss.middle, k),
      end: mib(r.rss.end, k),
      levelAtMiddle: mib(r.levelAtMiddle, k),
      peakSecondHalf: mib(r.peakSecondHalf, k),
      afterDrain: mib(r.rss.afterDrain, k),
      peakSecondHalfOverLevel: round(growth[k]),
      endOverMiddle: round(instant[k]),
    };
  }
  const worst = Object.entries(growth).sort((a, b) => b[1] - a[1])[0];
  const worstInstant = Object.entries(instant).sort((a, b) => b[1] - a[1])[0];
  const out: Figures = {
    path: r.path,
    durationS: r.durationS,
    steadyCommand: r.steadyCommand,
    churnProcesses: r.churn.processes,
    churnConnections: r.churn.connections,
    churnOperations: r.churn.operations,
    steadyOperations: r.steady.operations,
    errors: r.errors,
    ...(r.errors > 0
      ? { errorSamples: [...r.churn.errorSamples, ...r.steady.errorSamples].join(" | ") }
      : {}),
    rssMiB,
    maxGrowthOverMiddleLevel: round(worst[1]),
    maxGrowthProcess: worst[0],
    maxEndOverMiddle: round(worstInstant[1]),
    maxEndOverMiddleProcess: worstInstant[0],
    countersAfter: { ...r.countersAfter },
    countersBackToZero: r.countersDrained ? 1 : 0,
    drainMs: r.drainMs,
    loadAverage: { start: round(load0), end: round(loadavg()[0]) },
  };
  // The samples stay out of bench.json (one row each in bench.md): soak-rss.json, and the plot.
  const series: SoakSeries = {
    path: r.path,
    durationS: r.durationS,
    samples: r.series.map(([t, s]) => ({
      t,
      ...Object.fromEntries(Object.keys(s).map((k) => [k, mib(s, k)])),
    })),
  };
  writeFileSync(join(o.outDir, "soak-rss.json"), JSON.stringify(series, null, 1));
  writeFileSync(join(o.outDir, "soak.svg"), await soakPlot(series));
  return out;
}

/** results/soak-rss.json: VmRSS MiB of each process (by role) every few seconds, t in seconds into the load. */
export interface SoakSeries {
  path: string;
  durationS: number;
  samples: Record<string, number>[];
}

/** soak.svg from soak-rss.json: each process's VmRSS (MiB) against seconds into the load. */
export function soakPlot(f: SoakSeries): Promise<string> {
  const rows = f.samples;
  const roles = Object.keys(rows[0] ?? {}).filter((k) => k !== "t");
  return svgDocument([
    {
      title: `Resident memory during the soak (${f.path}, ${f.durationS} s)`,
      xLabel: "seconds into the load",
      yLabel: "VmRSS MiB",
      series: roles.map((k) => ({ name: k, points: rows.map((s) => [s.t, s[k]]) })),
    },
  ]);
}
