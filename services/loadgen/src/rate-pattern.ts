// Time-varying target rates for the control-plane experiments (IXCP was driven
// with step, triangle and sine-with-noise patterns). Each pattern is a pure
// function of time, so a seeded pattern is the same every run.

import { Rng } from "./rng.ts";

export type PatternName = "step" | "triangle" | "sine";

export interface PatternSpec {
  pattern: PatternName;
  low: number;
  high: number;
  periodS: number;
  /** Sine only: noise amplitude as a fraction of (high - low). */
  noise: number;
  seed: number;
  /** Noise points are precomputed over this many seconds. */
  durationS: number;
}

/** The rate (requests/s) at t seconds. */
export type RateFunction = (tS: number) => number;

export function ratePattern(spec: PatternSpec): RateFunction {
  const { low, high, periodS } = spec;
  if (!(low >= 0 && high >= low)) throw new RangeError(`need 0 <= --pattern-low <= --pattern-high`);
  if (!(periodS > 0)) throw new RangeError(`--period must be > 0`);
  const span = high - low;
  switch (spec.pattern) {
    case "step":
      // low for the first half of each period, high for the second
      return (t) => (phaseOf(t, periodS) < 0.5 ? low : high);
    case "triangle":
      return (t) => {
        const p = phaseOf(t, periodS);
        return low + span * (p < 0.5 ? 2 * p : 2 - 2 * p);
      };
    case "sine": {
      const noise = noiseFunction(spec.seed, spec.durationS, span * spec.noise);
      return (t) => {
        const base = low + (span * (1 - Math.cos(2 * Math.PI * phaseOf(t, periodS)))) / 2;
        return Math.min(high, Math.max(low, base + noise(t)));
      };
    }
  }
}

function phaseOf(t: number, period: number): number {
  const p = (t / period) % 1;
  return p < 0 ? p + 1 : p;
}

/** Seeded noise: uniform points every second, linearly interpolated (no jumps). */
function noiseFunction(seed: number, durationS: number, amplitude: number): RateFunction {
  if (amplitude === 0) return () => 0;
  const rng = new Rng(seed ^ 0x5eed);
  const points = new Float64Array(Math.max(2, Math.ceil(durationS) + 2));
  for (let i = 0; i < points.length; i++) points[i] = (rng.next() * 2 - 1) * amplitude;
  return (t) => {
    const x = Math.min(Math.max(t, 0), points.length - 1.000001);
    const i = Math.floor(x);
    return points[i] + (points[i + 1] - points[i]) * (x - i);
  };
}
