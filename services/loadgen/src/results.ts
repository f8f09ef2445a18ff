// The results JSON: one StepResult per measured window (a fixed run has one, a
// sweep one per rate, a pattern one per time bucket) and run-level totals.
// Each step carries its encoded histogram so agents merge exactly and plots
// can be redrawn from the file alone.

import {
  decodeHistogram,
  encodeHistogram,
  latencySummary,
  mergeHistograms,
  type Histogram,
  type LatencySummaryUs,
} from "./histogram.ts";
import type { WindowStats } from "./window-stats.ts";

export interface StepResult {
  /** Seconds from the start of measurement to the start of this window. */
  startS: number;
  durationS: number;
  /** The mean target rate over the window (requests/s). */
  targetRate: number;
  /** Sends the schedule asked for, per second (the offered load). */
  offeredRate: number;
  sentRate: number;
  /** Responses per second (errors included). */
  achievedRate: number;
  requests: number;
  errors: number;
  lateSends: number;
  /** Of lateSends, those the generator noticed late with a slot free (its own lag). */
  laggedSends: number;
  droppedSends: number;
  latencyUs: LatencySummaryUs;
  /** HdrHistogram compressed base64 of latencies in microseconds. */
  histogram: string;
}

/** The generator's own CPU while it measured: is it the instrument or the server that limits? */
export interface GeneratorCpu {
  /** User + system CPU seconds (all threads) of the generator process(es), warmups included. */
  cpuS: number;
  /** Wall seconds of the same span (the longest, with agents). */
  wallS: number;
  /** cpuS / wallS of the busiest generator process: 1.0 = one CPU fully busy. */
  share: number;
  /** The share of each generator process (one entry, or one per agent). */
  perProcess: number[];
}

/** Above this share of one CPU the generator, not the server, may be the limit. */
export const GENERATOR_CPU_LIMIT = 0.9;
/** More than this fraction of sends noticed late with a free slot: the generator lagged. */
export const GENERATOR_LAG_LIMIT = 0.01;

export type Mode = "fixed" | "sweep" | "pattern" | "pingpong";

export interface PingPongPoint {
  messageSize: number;
  roundTrips: number;
  /** One-way latency = round trip / 2 (NetPIPE's convention). */
  oneWayUs: LatencySummaryUs;
  /** Payload throughput one way, megabits per second. */
  mbps: number;
}

export interface RunResult {
  tool: "ixload";
  mode: Mode;
  startedAt: string;
  config: Record<string, unknown>;
  /** Totals over all steps: rates are requests over total measured time. */
  achievedRate: number;
  offeredRate: number;
  requests: number;
  errors: number;
  lateSends: number;
  laggedSends: number;
  droppedSends: number;
  latencyUs: LatencySummaryUs;
  histogram: string;
  sloUs: number;
  /** The generator's CPU over the measurement (absent for pingpong). */
  generatorCpu?: GeneratorCpu;
  /**
   * True when the generator may have been the limit: its CPU share above
   * GENERATOR_CPU_LIMIT, or more than GENERATOR_LAG_LIMIT of its sends lagged.
   */
  generatorLimited?: boolean;
  steps: StepResult[];
  /** Sweep: the highest achieved rate of a step that kept p99 within the SLO (0 if none). */
  maxRateUnderSlo?: number;
  /** Sweep: why it stopped ("max" or "saturated"). */
  stoppedBy?: string;
  /** The generator's own ceiling (requests/s) on this machine, when known. */
  generatorCeiling?: number;
  /** True when achieved > 80% of the ceiling: the numbers may measure ixload, not the server. */
  nearCeiling?: boolean;
  pingpong?: PingPongPoint[];
}

export function stepFromWindow(w: WindowStats, measureStartUs: number): StepResult {
  return stepFromCounts(w, (w.startUs - measureStartUs) / 1e6, (w.endUs - w.startUs) / 1e6, w.histogram);
}

interface Counts {
  scheduled: number;
  sent: number;
  completed: number;
  errors: number;
  late: number;
  lagged: number;
  dropped: number;
  targetRequests: number;
}

function stepFromCounts(c: Counts, startS: number, durationS: number, h: Histogram): StepResult {
  const per = (n: number): number => (durationS > 0 ? round1(n / durationS) : 0);
  return {
    startS: round3(startS),
    durationS: round3(durationS),
    targetRate: per(c.targetRequests),
    offeredRate: per(c.scheduled),
    sentRate: per(c.sent),
    achievedRate: per(c.completed),
    requests: c.completed,
    errors: c.errors,
    lateSends: c.late,
    laggedSends: c.lagged,
    droppedSends: c.dropped,
    latencyUs: latencySummary(h),
    histogram: encodeHistogram(h),
  };
}

/**
 * Steps measured at the same time by several agents: counts and rates add,
 * histograms merge exactly, the window is the agents' mean.
 */
export function mergeConcurrentSteps(parts: StepResult[]): StepResult {
  if (parts.length === 0) throw new Error("nothing to merge");
  const durationS = parts.reduce((s, p) => s + p.durationS, 0) / parts.length;
  const h = mergeHistograms(parts.map((p) => decodeHistogram(p.histogram)));
  const sum = (f: (p: StepResult) => number): number => parts.reduce((s, p) => s + f(p), 0);
  const step = stepFromCounts(
    {
      scheduled: sum((p) => p.offeredRate * p.durationS),
      sent: sum((p) => p.sentRate * p.durationS),
      completed: sum((p) => p.requests),
      errors: sum((p) => p.errors),
      late: sum((p) => p.lateSends),
      lagged: sum((p) => p.laggedSends ?? 0),
      dropped: sum((p) => p.droppedSends),
      targetRequests: sum((p) => p.targetRate * p.durationS),
    },
    parts[0].startS,
    durationS,
    h,
  );
  // Encoded histograms keep buckets, not the exact largest sample: carry that over.
  step.latencyUs.max = Math.max(...parts.map((p) => p.latencyUs.max));
  return step;
}

/** Run-level totals over consecutive steps (rates over the total measured time). */
export function totalsOf(
  steps: StepResult[],
): Pick<
  RunResult,
  | "achievedRate"
  | "offeredRate"
  | "requests"
  | "errors"
  | "lateSends"
  | "laggedSends"
  | "droppedSends"
  | "latencyUs"
  | "histogram"
> {
  const durationS = steps.reduce((s, p) => s + p.durationS, 0);
  const h = mergeHistograms(steps.map((p) => decodeHistogram(p.histogram)));
  const sum = (f: (p: StepResult) => number): number => steps.reduce((s, p) => s + f(p), 0);
  const latencyUs = latencySummary(h);
  if (steps.length > 0) latencyUs.max = Math.max(...steps.map((p) => p.latencyUs.max));
  return {
    achievedRate: durationS > 0 ? round1(sum((p) => p.requests) / durationS) : 0,
    offeredRate: durationS > 0 ? round1(sum((p) => p.offeredRate * p.durationS) / durationS) : 0,
    requests: sum((p) => p.requests),
    errors: sum((p) => p.errors),
    lateSends: sum((p) => p.lateSends),
    laggedSends: sum((p) => p.laggedSends ?? 0),
    droppedSends: sum((p) => p.droppedSends),
    latencyUs,
    histogram: encodeHistogram(h),
  };
}

/** Records the generator's ceiling and flags results too close to it. */
export function markCeiling(result: RunResult, ceiling: number | undefined): void {
  if (ceiling === undefined || !(ceiling > 0)) return;
  result.generatorCeiling = Math.round(ceiling);
  const peak = Math.max(result.achievedRate, ...result.steps.map((s) => s.achievedRate));
  result.nearCeiling = peak > 0.8 * ceiling;
}

/** CPU share of one process over a span: process.cpuUsage() deltas (us) over wall time (us). */
export function generatorCpuOf(cpuUs: { user: number; system: number }, wallUs: number): GeneratorCpu {
  const cpuS = (cpuUs.user + cpuUs.system) / 1e6;
  const wallS = wallUs / 1e6;
  const share = wallS > 0 ? round3(cpuS / wallS) : 0;
  return { cpuS: round3(cpuS), wallS: round3(wallS), share, perProcess: [share] };
}

/** Agents ran side by side: CPU adds, the span is the longest, the share is the busiest agent's. */
export function mergeGeneratorCpu(parts: GeneratorCpu[]): GeneratorCpu {
  const perProcess = parts.flatMap((p) => p.perProcess);
  return {
    cpuS: round3(parts.reduce((s, p) => s + p.cpuS, 0)),
    wallS: Math.max(...parts.map((p) => p.wallS)),
    share: Math.max(...perProcess),
    perProcess,
  };
}

/** Sets generatorLimited from the CPU share and the lagged sends (see GENERATOR_CPU_LIMIT). */
export function markGeneratorLimit(result: RunResult): void {
  const cpuBound = (result.generatorCpu?.share ?? 0) > GENERATOR_CPU_LIMIT;
  const scheduled = result.offeredRate * result.steps.reduce((s, p) => s + p.durationS, 0);
  const lagging = scheduled > 0 && result.laggedSends > GENERATOR_LAG_LIMIT * scheduled;
  result.generatorLimited = cpuBound || lagging;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
