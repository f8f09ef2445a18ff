// memcached USR and ETC (the Facebook workloads, as mutilate drives them):
// the highest rate whose p99 stays under the SLO (--slo-us, default the shared IX_SLO_US),
// from an ixload sweep, for the cluster over nats-l2 (and through its TAP with
// kernel TCP when root, full run), Debian's memcached on kernel loopback, and
// the same session code on node:net. Ratios are the cluster over each
// baseline. The sweeps run to saturation (ixload's SLO stop is off,
// --slo-stop off: on a loaded 2-core machine every server's p99 can exceed
// the SLO early, and the curve past that point is the interesting part); the
// plots draw the SLO the figures use (--slo-us), and the sweeps' results are
// kept beside them (memcached-W.json) so a plot can be redrawn without
// rerunning (`node bench/replot-memcached.ts`). The rate at the SLO is
// computed here, as ixload does: the best achieved rate of a step that kept up
// (>= 90% of its target) with p99 <= SLO. Also at 10x the SLO, and the peak.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { plotResults, type RunResult } from "@ix/loadgen";
import { canUseTap } from "@ix/cluster";
import {
  benchCluster,
  generatorFigures,
  ixload,
  round,
  SERVER_IP,
  sharedCluster,
} from "./support/harness.ts";
import { startMemcached, startNodeNet } from "./support/servers.ts";
import type { BenchOptions, Figures } from "./support/types.ts";

const WORKLOADS = ["usr", "etc"] as const;

function sweepArgs(o: BenchOptions, workload: string): string[] {
  return [
    "--workload",
    workload,
    "--mode",
    "sweep",
    "--sweep-start",
    o.quick ? "2000" : "1000",
    "--sweep-factor",
    o.quick ? "3" : "1.5",
    "--sweep-max",
    "400000",
    "--duration",
    o.quick ? "0.7" : "2",
    "--warmup",
    o.quick ? "0.2" : "0.5",
    "--connections",
    "16",
    "--depth",
    "4",
    "--keys",
    "10000",
    "--slo-us",
    String(o.sloUs),
    "--slo-stop",
    "off",
    "--ceiling",
    "off",
  ];
}

/** One workload's plot: every server's sweep, and the SLO line at the SLO the figures use. */
export const memcachedPlot = (r: Record<string, RunResult>, sloUs: number): Promise<string> =>
  plotResults(
    Object.entries(r).map(([label, result]) => ({ label, result })),
    { sloUs },
  );

const peak = (r: RunResult): number => Math.max(0, ...r.steps.map((s) => s.achievedRate));

/** ixload's maxRateUnderSlo over the steps, for any SLO. */
export const rateAtSlo = (r: RunResult, sloUs: number): number =>
  Math.max(
    0,
    ...r.steps
      .filter((s) => s.achievedRate >= 0.9 * s.targetRate && s.latencyUs.p99 <= sloUs)
      .map((s) => s.achievedRate),
  );

export async function run(o: BenchOptions): Promise<Figures> {
  const results: Record<string, Record<string, RunResult>> = { usr: {}, etc: {} };
  const nsName = "ixbenchmc";
  const tap = !o.quick && canUseTap();
  const bc = tap
    ? await benchCluster({ cores: 2, policy: false, tap, namespace: nsName, tapName: "ixbmtap0" })
    : await sharedCluster();
  try {
    for (const w of WORKLOADS) {
      results[w].ixNatsL2 = (
        await ixload(["--server", `${SERVER_IP}:11211`, "--transport", "nats-l2", ...sweepArgs(o, w)], {
          env: bc.hostEnv,
        })
      ).result;
      o.log(
        `${w} cluster nats-l2: ${rateAtSlo(results[w].ixNatsL2, o.sloUs)} req/s at the SLO, peak ${peak(results[w].ixNatsL2)}`,
      );
      if (tap) {
        results[w].ixTap = (
          await ixload(["--server", `${SERVER_IP}:11211`, ...sweepArgs(o, w)], { netns: nsName })
        ).result;
        o.log(`${w} cluster TAP: ${rateAtSlo(results[w].ixTap, o.sloUs)} req/s at the SLO`);
      }
    }
  } finally {
    if (tap) await bc.stop();
  }
  for (const [label, start] of [
    ["memcached", () => startMemcached()],
    ["nodeNet", () => startNodeNet("memcached")],
  ] as const) {
    const server = await start();
    try {
      for (const w of WORKLOADS) {
        results[w][label] = (
          await ixload(["--server", `127.0.0.1:${server.port}`, ...sweepArgs(o, w)])
        ).result;
        o.log(
          `${w} ${label}: ${rateAtSlo(results[w][label], o.sloUs)} req/s at the SLO, peak ${peak(results[w][label])}`,
        );
      }
    } finally {
      await server.stop();
    }
  }
  const out: Figures = {};
  for (const w of WORKLOADS) {
    const r = results[w];
    const slo = (k: string): number => (r[k] ? Math.round(rateAtSlo(r[k], o.sloUs)) : NaN);
    const ratio = (a: number, b: number): number => (b > 0 ? round(a / b) : NaN);
    const f: Figures = {};
    for (const k of Object.keys(r)) {
      f[k] = {
        rateAtSlo: slo(k),
        rateAt10xSlo: Math.round(rateAtSlo(r[k], 10 * o.sloUs)),
        peakRate: Math.round(peak(r[k])),
        lowestStepP99Us: r[k].steps[0]?.latencyUs.p99 ?? NaN,
        stoppedBy: r[k].stoppedBy ?? "",
        generator: generatorFigures(r[k]),
      };
    }
    f.ixNatsL2VsMemcached = ratio(slo("ixNatsL2"), slo("memcached"));
    f.ixNatsL2VsNodeNet = ratio(slo("ixNatsL2"), slo("nodeNet"));
    f.ixNatsL2VsMemcachedAt10xSlo = ratio(
      rateAtSlo(r.ixNatsL2, 10 * o.sloUs),
      rateAtSlo(r.memcached, 10 * o.sloUs),
    );
    f.peakIxNatsL2VsMemcached = ratio(peak(r.ixNatsL2), peak(r.memcached));
    if (r.ixTap) f.ixTapVsMemcached = ratio(slo("ixTap"), slo("memcached"));
    out[w] = f;
    writeFileSync(join(o.outDir, `memcached-${w}.json`), JSON.stringify(r));
    writeFileSync(join(o.outDir, `memcached-${w}.svg`), await memcachedPlot(r, o.sloUs));
  }
  return out;
}

export const usesSharedCluster = true;
