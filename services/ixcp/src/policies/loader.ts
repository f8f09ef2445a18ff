// Turns `--policy NAME` (or POST /policy, ixctl policy NAME) into a Policy.
// A built-in name is looked up and runs in-process. Anything else must be a
// module in one of the policy folders configured at start (policy-files.ts:
// no path from a request is ever opened outside them); it runs in a sandbox
// process (sandbox.ts), exporting (default, or a named `policy` or
// `createPolicy`) either a Policy object or a factory `(ctx) => Policy`.
// Before a policy is accepted it must have the right shape and answer one
// trial decide() on the current input (within the load budget): a module that is
// outside the folders, fails to load, has the wrong shape, throws, hangs or
// answers garbage is refused with a clear error (its process stopped), and
// the caller keeps its running policy.
import { BUILTIN_POLICIES } from "./builtins.ts";
import { checkDecision, type Policy, type PolicyContext, type PolicyInput } from "./policy.ts";
import { quoteSpec, readPolicySource, resolvePolicyFile } from "./policy-files.ts";
import { SandboxedPolicy } from "./sandbox.ts";

export interface LoadOptions {
  /** Realpaths of the policy folders (policy-files.ts realPolicyDirs); empty: built-ins only. */
  dirs: readonly string[];
  /** Relative paths are resolved from here (IXCP's working directory). */
  cwd?: string;
  /** decide() deadline of a user policy, ms (default 100). */
  deadlineMs?: number;
  /** One decide() unanswered this long stops the policy as hung, ms (default 1000 = 10 periods). */
  hangMs?: number;
  /** Starting a user policy's process and evaluating its module, ms (default 15000). */
  loadTimeoutMs?: number;
}

/**
 * Loads and vets a policy. `probe` is the input of the trial decide() (the
 * current period's input); the call's result is discarded.
 */
export async function loadPolicy(
  spec: string,
  ctx: PolicyContext,
  probe: PolicyInput,
  opts: LoadOptions,
): Promise<Policy> {
  const trimmed = spec.trim();
  if (trimmed === "") throw new Error("no policy given (a built-in name or a module in the policy folders)");
  const builtin = BUILTIN_POLICIES[trimmed];
  if (builtin) {
    const policy = builtin(ctx);
    checkDecision(await policy.decide(probe), policy.name);
    return policy;
  }
  if (opts.dirs.length === 0)
    throw new Error(
      `unknown policy ${quoteSpec(trimmed)}: built-ins are ${Object.keys(BUILTIN_POLICIES).join(", ")}; ` +
        "user policies need a policy folder (--policy-dir)",
    );
  // Every check on the path happens here, before the file is opened.
  const pf = resolvePolicyFile(trimmed, opts.dirs, opts.cwd);
  const source = readPolicySource(pf);
  const deadlineMs = opts.deadlineMs ?? 100;
  const loadTimeoutMs = opts.loadTimeoutMs ?? 15_000;
  const policy = await SandboxedPolicy.start(pf, source, ctx, {
    deadlineMs,
    loadTimeoutMs,
    hangMs: opts.hangMs ?? 1000,
  });
  try {
    // The trial is the first call in a fresh process (V8 still compiling the
    // module, the process still starting on a busy machine): measured on this
    // 2-CPU machine at load 5, the example delay-band missed a 100 ms trial
    // 6 times in 6 while its later calls answer in about 0.1 ms. It gets the
    // load budget; a decide() that never answers is still refused, at that
    // bound, and every later call has the period's deadline.
    checkDecision(await policy.decide(probe, Math.max(deadlineMs, loadTimeoutMs)), policy.name);
  } catch (e) {
    policy.close("refused on the trial decide()");
    throw new Error(
      `policy ${policy.name} refused: decide() failed on the current input: ${(e as Error).message}`,
    );
  }
  return policy;
}
