// IX's step rules (SoCC 2015, ixcp.py), the defaults of the energy and
// consolidation policies:
//   - step up when the largest fast EMA (alpha 0.5) of the queue size over the
//     active cores exceeds 32, at least 200 ms after the last step up and 2 s
//     after the last step down;
//   - step down when the mean slow EMA (alpha 0.125) over the active cores is
//     below 8 and the mean idle fraction exceeds the step's threshold, at least
//     4 s after any step.
//
// The step's threshold. ixcp.py walks a ladder of configurations measured
// offline and steps down only when the load would still fit the smaller
// configuration with a 1.2x margin. Here the ladder is the core count (no
// frequency or hyperthread knobs), and capacity is proportional to cores:
// with n active cores at mean idle fraction f the load is n(1 - f) cores'
// worth; it fits n - 1 cores with the margin when 1.2 n (1 - f) <= n - 1, i.e.
//   f > 1 - (n - 1) / (1.2 n)     (n = 2: 0.583, n = 4: 0.375, n = 8: 0.271).
import type { Decision, IxRules, PolicyInput } from "./policy.ts";

export type { IxRules };

export const IX_RULES: IxRules = {
  stepUpQueue: 32,
  stepDownQueue: 8,
  idleMargin: 1.2,
  holdAfterUpMs: 200,
  holdUpAfterDownMs: 2000,
  holdDownMs: 4000,
  minCores: 1,
};

/** Mean idle fraction above which n active cores may become n - 1. */
export function stepDownIdleThreshold(n: number, margin = IX_RULES.idleMargin): number {
  return n <= 1 ? Infinity : 1 - (n - 1) / (margin * n);
}

/** One step up, one step down or nothing, by IX's rules. */
export function ixStep(input: PolicyInput, rules: IxRules = IX_RULES): Decision | null {
  const active = new Set(input.activeCores);
  const cores = input.cores.filter((c) => active.has(c.core));
  const n = input.activeCores.length;
  if (cores.length === 0) return null;
  const { now, history: h } = input;
  const maxFast = Math.max(...cores.map((c) => c.emaFast));
  const canUp =
    now - h.lastStepUpAt >= rules.holdAfterUpMs && now - h.lastStepDownAt >= rules.holdUpAfterDownMs;
  if (maxFast > rules.stepUpQueue && canUp && n < input.liveCores.length) {
    return {
      targetCores: n + 1,
      reason: `queue_high: max fast EMA ${maxFast.toFixed(1)} > ${rules.stepUpQueue}`,
    };
  }
  const meanSlow = cores.reduce((a, c) => a + c.emaSlow, 0) / cores.length;
  const meanIdle = cores.reduce((a, c) => a + c.idleFraction, 0) / cores.length;
  const threshold = stepDownIdleThreshold(n, rules.idleMargin);
  const quiet = now - Math.max(h.lastStepUpAt, h.lastStepDownAt) >= rules.holdDownMs;
  if (n > rules.minCores && meanSlow < rules.stepDownQueue && meanIdle > threshold && quiet) {
    return {
      targetCores: n - 1,
      reason:
        `queue_low: mean slow EMA ${meanSlow.toFixed(1)} < ${rules.stepDownQueue}, ` +
        `mean idle ${meanIdle.toFixed(2)} > ${threshold.toFixed(2)}`,
    };
  }
  return null;
}
