// IXCP under a triangle load (ixload --mode pattern --pattern triangle, echo
// over nats-l2, 100 ms intervals): the energy and consolidation policies
// against static all-cores, on one cluster (policies switched with the admin
// API). Per policy: core-seconds (ix_ixcp_active_cores integrated), emulated
// energy (ix_ixcp_power_watts integrated), the share of 100 ms intervals whose
// p99 exceeded the SLO, and under consolidation the background job's ops on
// parked cores (ix_bg_ops_total) against the job alone on an idle cluster.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ixcpRequest } from "@ix/bus";
import { svgDocument, type RunResult } from "@ix/loadgen";
import {
  benchCluster,
  generatorFigures,
  ixload,
  median,
  metricSum,
  round,
  type BenchCluster,
  ECHO_OVER_NATS_L2,
} from "./support/harness.ts";
import type { BenchOptions, Figures } from "./support/types.ts";

const POLICIES = ["static", "energy", "consolidation"] as const;

/**
 * Samples IXCP's active cores and power every 100 ms while `during` runs and
 * integrates them over the last `windowS` seconds (the pattern's measured
 * window; before it ixload starts, connects and warms up).
 */
async function integrate(bc: BenchCluster, during: Promise<unknown>, windowS: number) {
  const url = bc.cluster.ixcp!.adminUrl;
  const samples: { t: number; dt: number; cores: number; watts: number }[] = [];
  const trace: [number, number][] = [];
  let last = performance.now();
  const t0 = last;
  let done = false;
  void during.finally(() => (done = true));
  while (!done) {
    await new Promise((r) => setTimeout(r, 100));
    const now = performance.now();
    const dt = (now - last) / 1000;
    last = now;
    const cores = await metricSum(url, "ix_ixcp_active_cores");
    const watts = await metricSum(url, "ix_ixcp_power_watts");
    samples.push({ t: (now - t0) / 1000, dt, cores, watts });
  }
  const end = (last - t0) / 1000;
  const inWindow = samples.filter((s) => s.t > end - windowS);
  const start = inWindow[0]?.t ?? end;
  for (const s of inWindow) trace.push([s.t - start, s.cores]);
  return {
    coreSeconds: inWindow.reduce((a, s) => a + s.cores * s.dt, 0),
    joules: inWindow.reduce((a, s) => a + s.watts * s.dt, 0),
    seconds: inWindow.reduce((a, s) => a + s.dt, 0),
    trace,
  };
}

async function waitForCores(bc: BenchCluster, n: number, timeoutMs = 5000): Promise<void> {
  const t0 = performance.now();
  while (performance.now() - t0 < timeoutMs) {
    if ((await metricSum(bc.cluster.ixcp!.adminUrl, "ix_ixcp_active_cores")) === n) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const bgOps = async (bc: BenchCluster): Promise<number> => {
  let s = 0;
  for (const c of bc.cluster.cores) s += await metricSum(c.adminUrl, "ix_bg_ops_total");
  return s;
};

export async function run(o: BenchOptions): Promise<Figures> {
  const periodS = o.quick ? 10 : 60;
  const high = Math.round(
    Math.min(40_000, 0.5 * Number((o.previous.batching?.B64 as Figures | undefined)?.maxRate ?? 40_000)),
  );
  const bc = await benchCluster({ cores: 2, policy: "static" });
  const out: Figures = { periodS, lowRate: Math.round(high / 10), highRate: high };
  const traces: Record<string, [number, number][]> = {};
  try {
    const admin = await bc.admin();
    let staticCoreSeconds = NaN;
    let staticJoules = NaN;
    for (const policy of POLICIES) {
      await ixcpRequest(admin, "policy", { name: policy });
      if (policy === "static") {
        await ixcpRequest(admin, "cores", { n: 2 });
        await waitForCores(bc, 2);
      }
      const bg0 = await bgOps(bc);
      const load = ixload(
        [
          ...ECHO_OVER_NATS_L2,
          "--mode",
          "pattern",
          "--pattern",
          "triangle",
          "--pattern-low",
          String(Math.round(high / 10)),
          "--pattern-high",
          String(high),
          "--period",
          String(periodS),
          "--duration",
          String(periodS),
          "--interval",
          "0.1",
          "--warmup",
          "0.5",
          "--connections",
          "32",
          "--depth",
          "8",
          "--slo-us",
          String(o.sloUs),
        ],
        { env: bc.hostEnv, timeoutMs: (periodS + 60) * 1000 },
      );
      const integ = await integrate(bc, load, periodS);
      const { result } = await load;
      const bg = (await bgOps(bc)) - bg0;
      const steps = result.steps.filter((s) => s.requests > 0);
      const over = steps.filter((s) => s.latencyUs.p99 > o.sloUs).length;
      if (policy === "static") {
        staticCoreSeconds = integ.coreSeconds;
        staticJoules = integ.joules;
      }
      traces[policy] = integ.trace;
      out[policy] = {
        coreSeconds: round(integ.coreSeconds),
        joules: round(integ.joules),
        coreSecondsSaved: round(1 - integ.coreSeconds / staticCoreSeconds),
        energySaved: round(1 - integ.joules / staticJoules),
        sloViolatingShare: round(over / Math.max(1, steps.length)),
        sloViolatingShareAt10xSlo: round(
          steps.filter((s) => s.latencyUs.p99 > 10 * o.sloUs).length / Math.max(1, steps.length),
        ),
        intervalP99MedianUs: median(steps.map((s) => s.latencyUs.p99)),
        intervals: steps.length,
        generator: generatorFigures(result),
        achievedRate: result.achievedRate,
        p99Us: result.latencyUs.p99,
        backgroundOps: bg,
        // bg counts the whole run (warmup too): an approximation within ~10%.
        backgroundOpsPerSec: Math.round(bg / (periodS + 0.5)),
      };
      o.log(
        `${policy}: ${integ.coreSeconds.toFixed(1)} core-s, ${integ.joules.toFixed(0)} J, ${over}/${steps.length} intervals over the SLO, bg ops ${bg}`,
      );
      keepSteps[policy] = result;
    }
    // The background job alone: consolidation on the idle cluster parks a core that runs it.
    await ixcpRequest(admin, "policy", { name: "consolidation" });
    await waitForCores(bc, 1, 10_000);
    const a0 = await bgOps(bc);
    await new Promise((r) => setTimeout(r, 2000));
    const bgAlone = ((await bgOps(bc)) - a0) / 2;
    out.backgroundAloneOpsPerSec = Math.round(bgAlone);
    const c = out.consolidation as Figures;
    c.backgroundVsAlone = round(Number(c.backgroundOpsPerSec) / Math.max(1, bgAlone));
  } finally {
    await bc.stop();
  }
  writeFileSync(
    join(o.outDir, "controlplane.svg"),
    await svgDocument([
      {
        title: "Active cores over the triangle",
        xLabel: "time (s)",
        yLabel: "active cores",
        series: POLICIES.map((p, i) => ({ name: p, color: i, points: traces[p] ?? [] })),
      },
      {
        title: "p99 per 100 ms interval",
        xLabel: "time (s)",
        yLabel: "p99 (us, log)",
        yLog: true,
        series: [
          ...POLICIES.map((p, i) => ({
            name: p,
            color: i,
            points: (keepSteps[p]?.steps ?? [])
              .filter((s) => s.requests > 0)
              .map((s) => [s.startS, s.latencyUs.p99] as [number, number]),
          })),
          // The SLO the share of violating intervals is counted against (the bench's --slo-us).
          {
            name: `SLO p99 ${o.sloUs} us`,
            color: 7,
            dashed: true,
            points: [
              [0, o.sloUs],
              [periodS, o.sloUs],
            ],
          },
        ],
      },
    ]),
  );
  return out;
}

const keepSteps: Record<string, RunResult> = {};
