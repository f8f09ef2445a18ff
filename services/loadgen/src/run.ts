// One generator process running a whole ixload invocation: preload, connect,
// the chosen mode, progress and metrics, and the results object.

import { readFileSync } from "node:fs";
import { measureCeiling } from "./ceiling.ts";
import { createProtocolClients } from "./clients.ts";
import { emptyLatencySummary } from "./histogram.ts";
import "./kernel-transport.ts";
import { startMetricsServer, type MetricsServer } from "./metrics.ts";
import { runMode } from "./modes.ts";
import type { LoadOptions } from "./options.ts";
import { runPingPong } from "./pingpong.ts";
import { preloadKeys } from "./preload.ts";
import { ProgressReporter } from "./progress.ts";
import {
  generatorCpuOf,
  markCeiling,
  markGeneratorLimit,
  totalsOf,
  type RunResult,
  type StepResult,
} from "./results.ts";
import { LoadRunner } from "./runner.ts";
import { getTransport } from "./transport.ts";

export interface RunHooks {
  /** Progress output (stderr); omitted or quiet: none. */
  progressOut?: { isTTY?: boolean; write(s: string): unknown };
  /** Called once connected, before measuring (agents wait here for "go"). */
  onConnected?: (runner: LoadRunner) => Promise<void>;
  onStep?: (step: StepResult, index: number) => void;
  /** Skip the preload (agents: the parent preloads once). */
  skipPreload?: boolean;
}

export async function runLoad(opts: LoadOptions, hooks: RunHooks = {}): Promise<RunResult> {
  const startedAt = new Date().toISOString();
  const ceiling = await resolveCeiling(opts);
  const transport = getTransport(opts.transport);
  if (opts.mode === "pingpong") {
    const points = await runPingPong({
      transport,
      host: opts.host,
      port: opts.port,
      sizes: opts.sizes,
      durationS: opts.durationS,
    });
    return {
      ...baseResult(opts, startedAt),
      achievedRate: 0,
      offeredRate: 0,
      requests: points.reduce((s, p) => s + p.roundTrips, 0),
      errors: 0,
      lateSends: 0,
      laggedSends: 0,
      droppedSends: 0,
      latencyUs: points[0]?.oneWayUs ?? emptyLatencySummary(),
      histogram: "",
      steps: [],
      pingpong: points,
    };
  }

  const clients = createProtocolClients(opts);
  if (
    opts.protocol === "memcached" &&
    opts.preload &&
    !hooks.skipPreload &&
    clients.keySpace &&
    clients.workload
  ) {
    await preloadKeys(transport, opts.host, opts.port, clients.keySpace, clients.workload);
  }
  const runner = await LoadRunner.connect({ ...opts, transport, makeClient: clients.make });
  let metrics: MetricsServer | null = null;
  let progress: ProgressReporter | null = null;
  try {
    if (opts.metricsPort !== undefined) {
      metrics = await startMetricsServer(opts.metricsPort, runnerMetricsSource(runner));
      runner.recorder.observer = metrics.observeLatencyUs;
    }
    await hooks.onConnected?.(runner);
    if (hooks.progressOut && !opts.quiet) {
      const t = runner.recorder.totals;
      progress = new ProgressReporter(hooks.progressOut, expectedSeconds(opts), () => ({
        completed: t.completed,
        errors: t.errors,
        late: t.late,
        targetRate: runner.currentRate,
      }));
      progress.start();
    }
    // The generator's own CPU over the measurement (all its threads), for "was it the limit?".
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    const outcome = await runMode(runner, { ...opts, mode: opts.mode }, hooks.onStep);
    const generatorCpu = generatorCpuOf(process.cpuUsage(cpuBefore), (performance.now() - wallBefore) * 1000);
    const result: RunResult = {
      ...baseResult(opts, startedAt),
      ...totalsOf(outcome.steps),
      steps: outcome.steps,
      generatorCpu,
    };
    if (opts.mode === "sweep") {
      result.maxRateUnderSlo = outcome.maxRateUnderSlo;
      result.stoppedBy = outcome.stoppedBy;
    }
    markCeiling(result, ceiling);
    markGeneratorLimit(result);
    return result;
  } finally {
    progress?.stop();
    runner.close();
    await metrics?.close();
  }
}

function baseResult(
  opts: LoadOptions,
  startedAt: string,
): Pick<RunResult, "tool" | "mode" | "startedAt" | "config" | "sloUs"> {
  const { json: _json, plot: _plot, quiet: _quiet, ...config } = opts;
  return { tool: "ixload", mode: opts.mode, startedAt, config: { ...config }, sloUs: opts.sloUs };
}

/** Roughly how long the run measures, for the progress bar. */
export function expectedSeconds(o: LoadOptions): number {
  if (o.mode !== "sweep") return o.warmupS + o.durationS;
  let steps = 0;
  const inc = o.sweepStep ?? (o.sweepFactor === undefined ? o.sweepStart : 0);
  for (let r = o.sweepStart; r <= o.sweepMax && steps < 1000; r = inc > 0 ? r + inc : r * o.sweepFactor!)
    steps++;
  return steps * (o.warmupS + o.durationS);
}

/** --ceiling: "off", a number, a JSON file from `ixload ceiling`, or "auto" (measure now). */
export async function resolveCeiling(opts: LoadOptions): Promise<number | undefined> {
  const c = opts.ceiling;
  if (c === "off" || c === "0") return undefined;
  if (/^\d+(\.\d+)?$/.test(c)) return Number(c);
  if (c === "auto") {
    const measured = await measureCeiling({
      protocol: opts.protocol,
      connections: opts.connections,
      depth: opts.depth,
      messageSize: opts.messageSize,
    });
    return measured.generatorCeiling;
  }
  const parsed = JSON.parse(readFileSync(c, "utf8")) as { generatorCeiling?: unknown };
  if (typeof parsed.generatorCeiling !== "number") throw new Error(`${c} has no numeric generatorCeiling`);
  return parsed.generatorCeiling;
}

function runnerMetricsSource(runner: LoadRunner): Parameters<typeof startMetricsServer>[1] {
  let lastMs = performance.now();
  let lastCompleted = 0;
  let lastRate = 0;
  return {
    targetRate: () => runner.currentRate,
    achievedRate: () => {
      const now = performance.now();
      const done = runner.recorder.totals.completed;
      if (now - lastMs >= 100) {
        lastRate = ((done - lastCompleted) * 1000) / (now - lastMs);
        lastMs = now;
        lastCompleted = done;
      }
      return lastRate;
    },
    inFlight: () => runner.inFlight(),
    totals: () => runner.recorder.totals,
    windowHistogram: () => runner.recorder.window.histogram,
  };
}
