// A user-defined IXCP policy: keep the queuing delay inside a band, like
// Caladan's range policy. The signal is the largest ix_dp_queuing_delay_us
// (age of the oldest waiting frame per 10 ms window, i.e. the max, a stand-in
// for p99) over the active cores:
//   - above HIGH: add a core (at most every 200 ms);
//   - below LOW for 2 s in a row: remove one (at most every 2 s after any step).
// This folder is always one of IXCP's policy folders: load it with
// `--policy delay-band` or `ixctl policy delay-band`. Like every user policy
// it runs in a sandbox process (src/policies/sandbox.ts) with nothing but
// JavaScript's built-ins: no process.env, no imports except types. To change
// the band, copy the file into your --policy-dir and edit LOW_US / HIGH_US.
import type { Policy, PolicyContext, PolicyInput } from "../src/policies/policy.ts";

const LOW_US = 50;
const HIGH_US = 200;

export default function delayBand(_ctx: PolicyContext): Policy {
  const low = LOW_US;
  const high = HIGH_US;
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
