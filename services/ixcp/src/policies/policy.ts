// The policy interface of IXCP (IX principle 6: a dynamic control loop with
// user-defined policies). A policy only chooses HOW MANY cores should be
// active; IXCP chooses which ones, spreads the flow groups over them with the
// fewest migrations, and parks the rest. Policies are plain objects so a user
// module can be a few lines (see examples/delay-band.ts). User modules run in
// a sandbox process (sandbox.ts): they may import types only.
//
//   import type { Policy } from "@ix/ixcp";
//   export default { name: "mine", decide: (input) => input.now > 0 ? null : null } satisfies Policy;
//
// or a factory `export default (ctx: PolicyContext) => Policy`.
import type { CoreMetrics } from "../metrics-source.ts";

export type { CoreMetrics };

export interface DecisionRecord {
  /** ms, IXCP's clock */
  at: number;
  action: string;
  reason: string;
  from?: number;
  to?: number;
  policy?: string;
}

export interface PolicyHistory {
  /** When the active core count last grew / shrank (ms; -Infinity when never). */
  lastStepUpAt: number;
  lastStepDownAt: number;
  /** Recent decisions, oldest first (bounded). */
  decisions: readonly DecisionRecord[];
}

export interface PolicyInput {
  /** ms, IXCP's clock (injected in tests). */
  now: number;
  /** Metrics of every live core that reported this period (active and parked). */
  cores: readonly CoreMetrics[];
  /** Cores that currently own flow groups (IXCP's view of the RETA), ascending. */
  activeCores: readonly number[];
  /** Live cores (active or parked) that could be activated, ascending. */
  liveCores: readonly number[];
  /** Dataplane cores configured (--cores). */
  totalCores: number;
  history: PolicyHistory;
}

/** "Run `targetCores` cores": `reason` starts with a short code, `code: details` (the code labels metrics). */
export interface Decision {
  targetCores: number;
  reason: string;
}

export interface Policy {
  readonly name: string;
  /** A user policy's own declared name, sanitized; `name` is what IXCP shows it as (sandbox.ts). */
  readonly declaredName?: string;
  /**
   * Called every control period; null means "no change". Must not throw, must
   * be quick. A user policy (sandbox.ts) answers asynchronously, by a deadline.
   */
  decide(input: PolicyInput): Decision | null | Promise<Decision | null>;
  /** Releases what the policy holds (a user policy's process); called when it is replaced or fails. */
  close?(why?: string): void;
  /** Parked cores run the background job (workload consolidation). */
  readonly backgroundOnParked?: boolean;
  readonly description?: string;
}

/**
 * IX's step rules as numbers (defaults and meaning: ix-rules.ts IX_RULES).
 * Declared here, with the other types a policy sees, so that ix-rules.ts
 * depends on this interface file and not the reverse.
 */
export interface IxRules {
  /** Step up when the largest fast queue EMA over active cores exceeds this (frames). */
  stepUpQueue: number;
  /** Step down only when the mean slow queue EMA is below this (frames). */
  stepDownQueue: number;
  /** Capacity margin of a step down (ixcp.py: 1.2). */
  idleMargin: number;
  /** ms after a step up before the next step up. */
  holdAfterUpMs: number;
  /** ms after a step down before a step up. */
  holdUpAfterDownMs: number;
  /** ms after any step before a step down. */
  holdDownMs: number;
  /** Never fewer active cores than this. */
  minCores: number;
}

/** What a policy factory receives. */
export interface PolicyContext {
  totalCores: number;
  periodMs: number;
  /** Overrides of IX's step rules (--rules), for the built-ins and any policy that wants them. */
  rules?: Partial<IxRules>;
}

export type PolicyFactory = (ctx: PolicyContext) => Policy;

/** Throws a clear error when `p` is not a Policy. */
export function assertPolicy(p: unknown, where: string): asserts p is Policy {
  if (typeof p !== "object" || p === null) throw new Error(`${where}: a policy must be an object`);
  const o = p as Record<string, unknown>;
  if (typeof o.name !== "string" || o.name === "")
    throw new Error(`${where}: a policy needs a non-empty string \`name\``);
  if (typeof o.decide !== "function")
    throw new Error(`${where}: a policy needs a \`decide(input)\` function`);
}

/** Throws a clear error when `d` is neither null nor a Decision. */
export function checkDecision(d: unknown, policy: string): Decision | null {
  if (d === null || d === undefined) return null;
  const o = d as Record<string, unknown>;
  if (typeof o !== "object" || !Number.isInteger(o.targetCores) || typeof o.reason !== "string")
    throw new Error(
      `policy ${policy}: decide() must return null or { targetCores: integer, reason: string }, got ${JSON.stringify(d)}`,
    );
  return { targetCores: o.targetCores as number, reason: o.reason };
}

/** The metric label for a reason "code: details" -> "code" (snake case, bounded). */
export function reasonCode(reason: string): string {
  const code = reason
    .split(":")[0]
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .slice(0, 40);
  return code || "unspecified";
}
