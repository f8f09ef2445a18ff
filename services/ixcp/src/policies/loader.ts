// Turns `--policy NAME|PATH` (or POST /policy) into a Policy. A built-in name
// is looked up; anything else is a module path loaded by dynamic import,
// exporting (default, or a named `policy`) either a Policy object or a factory
// `(ctx) => Policy`. Before a policy is accepted it must have the right shape
// and survive one trial decide() on the current input: a module that fails to
// load, has the wrong shape or throws is refused with a clear error, and the
// caller keeps its running policy.
import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { BUILTIN_POLICIES } from "./builtins.ts";
import { assertPolicy, checkDecision, type Policy, type PolicyContext, type PolicyInput } from "./policy.ts";

export const isPolicyPath = (spec: string): boolean =>
  spec.includes("/") || spec.includes("\\") || /\.(ts|js|mjs)$/.test(spec);

let generation = 0;

async function importPolicyModule(spec: string, ctx: PolicyContext, cwd: string): Promise<Policy> {
  const file = isAbsolute(spec) ? spec : resolve(cwd, spec);
  if (!existsSync(file)) throw new Error(`policy module ${file} does not exist`);
  let mod: Record<string, unknown>;
  try {
    // A query string per load: a module edited on disk is imported afresh.
    mod = (await import(`${pathToFileURL(file).href}?v=${++generation}`)) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`policy module ${file} failed to load: ${(e as Error).message}`);
  }
  let exported = mod.default ?? mod.policy ?? mod.createPolicy;
  if (exported === undefined)
    throw new Error(`policy module ${file} exports no default, \`policy\` or \`createPolicy\``);
  if (typeof exported === "function") {
    try {
      exported = (exported as (c: PolicyContext) => unknown)(ctx);
    } catch (e) {
      throw new Error(`policy factory in ${file} threw: ${(e as Error).message}`);
    }
  }
  assertPolicy(exported, `policy module ${file}`);
  return exported;
}

/**
 * Loads and vets a policy. `probe` is the input of the trial decide() (the
 * current period's input); the call's result is discarded.
 */
export async function loadPolicy(
  spec: string,
  ctx: PolicyContext,
  probe: PolicyInput,
  cwd = process.cwd(),
): Promise<Policy> {
  const trimmed = spec.trim();
  if (trimmed === "") throw new Error("no policy given (a built-in name or a module path)");
  let policy: Policy;
  const builtin = BUILTIN_POLICIES[trimmed];
  if (builtin) policy = builtin(ctx);
  else if (isPolicyPath(trimmed)) policy = await importPolicyModule(trimmed, ctx, cwd);
  else
    throw new Error(
      `unknown policy ${JSON.stringify(trimmed)}: built-ins are ${Object.keys(BUILTIN_POLICIES).join(", ")}, or give a module path`,
    );
  try {
    checkDecision(policy.decide(probe), policy.name);
  } catch (e) {
    throw new Error(
      `policy ${policy.name} refused: decide() failed on the current input: ${(e as Error).message}`,
    );
  }
  return policy;
}
