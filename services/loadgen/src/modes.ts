// The three open-loop modes on top of LoadRunner phases:
// - fixed: one rate, one measured window;
// - sweep: increasing rates (additive step or factor) until --sweep-max or
//   saturation, reporting the highest rate whose p99 met the SLO;
// - pattern: a time-varying rate, reported per --interval bucket.

import { ratePattern, type PatternName } from "./rate-pattern.ts";
import { stepFromWindow, type StepResult } from "./results.ts";
import type { LoadRunner } from "./runner.ts";

export interface ModeOptions {
  mode: "fixed" | "sweep" | "pattern";
  rate: number;
  durationS: number;
  warmupS: number;
  sloUs: number;
  /** Sweep: stop once two steps in a row exceed the SLO (default true); false runs on to saturation. */
  sloStop?: boolean;
  sweepStart: number;
  sweepStep?: number;
  sweepFactor?: number;
  sweepMax: number;
  pattern: PatternName;
  patternLow: number;
  patternHigh: number;
  periodS: number;
  noise: number;
  intervalS: number;
  seed: number;
}

export interface ModeOutcome {
  steps: StepResult[];
  maxRateUnderSlo?: number;
  stoppedBy?: string;
}

/** A step is saturated when the server answered less than this share of the target. */
export const SATURATION_SHARE = 0.9;
/** A sweep also stops after this many consecutive steps over the SLO. */
export const STEPS_OVER_SLO_TO_STOP = 2;

export async function runMode(
  runner: LoadRunner,
  o: ModeOptions,
  onStep: (step: StepResult, index: number) => void = () => {},
): Promise<ModeOutcome> {
  const warmupUs = o.warmupS * 1e6;
  const durationUs = o.durationS * 1e6;
  if (o.mode === "fixed") {
    const [w] = await runner.runPhase({ rateAt: () => o.rate, warmupUs, durationUs, bucketUs: durationUs });
    const step = stepFromWindow(w, w.startUs);
    onStep(step, 0);
    return { steps: [step] };
  }
  if (o.mode === "pattern") {
    const fn = ratePattern({
      pattern: o.pattern,
      low: o.patternLow,
      high: o.patternHigh,
      periodS: o.periodS,
      noise: o.noise,
      seed: o.seed,
      durationS: o.durationS,
    });
    // The warmup runs at the pattern's starting rate; the pattern's clock starts with measurement.
    const windows = await runner.runPhase({
      rateAt: (tUs) => fn(Math.max(0, tUs - warmupUs) / 1e6),
      warmupUs,
      durationUs,
      bucketUs: o.intervalS * 1e6,
    });
    const origin = windows.length > 0 ? windows[0].startUs : 0;
    const steps = windows.map((w) => stepFromWindow(w, origin));
    steps.forEach(onStep);
    return { steps };
  }
  return runSweep(runner, o, onStep);
}

async function runSweep(
  runner: LoadRunner,
  o: ModeOptions,
  onStep: (step: StepResult, index: number) => void,
): Promise<ModeOutcome> {
  const steps: StepResult[] = [];
  let origin = NaN;
  let overSlo = 0;
  let stoppedBy = "max";
  const increment = o.sweepStep ?? (o.sweepFactor === undefined ? o.sweepStart : 0);
  for (
    let rate = o.sweepStart;
    rate <= o.sweepMax;
    rate = increment > 0 ? rate + increment : rate * o.sweepFactor!
  ) {
    const [w] = await runner.runPhase({
      rateAt: () => rate,
      warmupUs: o.warmupS * 1e6,
      durationUs: o.durationS * 1e6,
      bucketUs: o.durationS * 1e6,
    });
    if (Number.isNaN(origin)) origin = w.startUs;
    const step = stepFromWindow(w, origin);
    steps.push(step);
    onStep(step, steps.length - 1);
    if (isSaturated(step)) {
      stoppedBy = "saturated";
      break;
    }
    overSlo = step.latencyUs.p99 > o.sloUs ? overSlo + 1 : 0;
    if (o.sloStop !== false && overSlo >= STEPS_OVER_SLO_TO_STOP) {
      stoppedBy = "slo";
      break;
    }
  }
  return { steps, maxRateUnderSlo: maxRateUnderSlo(steps, o.sloUs), stoppedBy };
}

export function isSaturated(step: StepResult): boolean {
  return step.achievedRate < SATURATION_SHARE * step.targetRate;
}

/** The best achieved rate among steps that kept up with their target and met the p99 SLO. */
export function maxRateUnderSlo(steps: StepResult[], sloUs: number): number {
  let best = 0;
  for (const s of steps) {
    if (!isSaturated(s) && s.latencyUs.p99 <= sloUs && s.achievedRate > best) best = s.achievedRate;
  }
  return best;
}
