// A user-defined IXCP policy: keep the queuing delay inside a band, like
// Caladan's range policy. The signal is the largest ix_dp_queuing_delay_us
// (age of the oldest waiting frame per 10 ms window, i.e. the max, a stand-in
// for p99) over the active cores:
//   - above HIGH: add a core (at most every 200 ms);
//   - below LOW for 2 s in a row: remove one (at most every 2 s after any step).
// Load it with `--policy services/ixcp/examples/delay-band.ts` or
// `ixctl policy services/ixcp/examples/delay-band.ts`. The band comes from
// IX_DELAY_BAND_LOW_US / IX_DELAY_BAND_HIGH_US (defaults 50 / 200 us).
import type { Policy, PolicyContext, PolicyInput } from "../src/policies/policy.ts";

const num = (v: string | undefined, fallback: number): number =>
  v !== undefined && Number.isFinite(Number(v)) ? Number(v) : fallback;

export default function delayBand(_ctx: PolicyContext): Policy {
  const low = num(process.env.IX_DELAY_BAND_LOW_US, 50);
  const high = num(process.env.IX_DELAY_BAND_HIGH_US, 200);
  if (!(low < high)) throw new Error(`delay-band: LOW (${low}) must be below HIGH (${high})`);
  let belowSince: number | undefined;
  return {
    name: "delay-band",
    description: `queuing delay kept in [${low}, ${high}] us`,
    decide(input: PolicyInput) {
      const active = new Set(input.activeCores);
      const delays = input.cores.filter((c) => active.has(c.core)).map((c) => c.queuingDelayUs);
      if (delays.length === 0) return null;
      const worst = Math.max(...delays);
      const n = input.activeCores.length;
      const { lastStepUpAt, lastStepDownAt } = input.history;
      const sinceStep = input.now - Math.max(lastStepUpAt, lastStepDownAt);
      if (worst > high) {
        belowSince = undefined;
        if (n < input.liveCores.length && input.now - lastStepUpAt >= 200)
          return { targetCores: n + 1, reason: `delay_high: ${worst.toFixed(0)} us > ${high} us` };
        return null;
      }
      if (worst < low) {
        belowSince ??= input.now;
        if (n > 1 && input.now - belowSince >= 2000 && sinceStep >= 2000) {
          belowSince = undefined;
          return { targetCores: n - 1, reason: `delay_low: ${worst.toFixed(0)} us < ${low} us for 2 s` };
        }
        return null;
      }
      belowSince = undefined;
      return null;
    },
  };
}
