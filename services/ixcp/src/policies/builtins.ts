// The built-in policies.
//   static         never changes the core count (ixctl cores N still works).
//   energy         IX's energy proportionality: the fewest cores that keep the
//                  queues short (the latency SLO), by IX's step rules.
//   consolidation  IX's workload consolidation: the same steps, and every core
//                  not serving traffic runs the background job (IXCP sends
//                  CMD_BACKGROUND 1 after parking a core and 0 before
//                  activating it).
import type { Policy, PolicyContext } from "./policy.ts";
import { ixStep, IX_RULES, type IxRules } from "./ix-rules.ts";

export const staticPolicy = (): Policy => ({
  name: "static",
  description: "never changes the number of active cores",
  decide: () => null,
});

export const energyPolicy = (_ctx?: PolicyContext, rules: IxRules = IX_RULES): Policy => ({
  name: "energy",
  description: "energy proportionality: fewest cores meeting the SLO (IX step rules)",
  decide: (input) => ixStep(input, rules),
});

export const consolidationPolicy = (_ctx?: PolicyContext, rules: IxRules = IX_RULES): Policy => ({
  name: "consolidation",
  description: "workload consolidation: IX step rules, parked cores run the background job",
  backgroundOnParked: true,
  decide: (input) => ixStep(input, rules),
});

const rulesOf = (ctx: PolicyContext): IxRules => ({ ...IX_RULES, ...ctx.rules });

export const BUILTIN_POLICIES: Record<string, (ctx: PolicyContext) => Policy> = {
  static: staticPolicy,
  energy: (ctx) => energyPolicy(ctx, rulesOf(ctx)),
  consolidation: (ctx) => consolidationPolicy(ctx, rulesOf(ctx)),
};
