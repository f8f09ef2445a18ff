// A user policy in a process of its own (sandbox-child.ts), so its code can
// neither touch IXCP's state nor the filesystem or the network, and a policy
// that hangs can be stopped: decide() is one IPC round trip with a deadline,
// and a policy that hangs, throws, returns garbage or dies is killed
// (SIGKILL) and refused; the control loop goes back to the previous policy
// (control-loop.ts). A slow answer is not a failure: past the period's
// deadline the call is late (the period holds, PolicyLateError) and stays in
// flight; only a call unanswered for hangMs (--policy-hang-ms) stops the
// process. Built-in policies do not come here: they run in-process.
//
// The child: `node --permission --allow-fs-read=<sandbox-child.ts>` (nothing
// else: no fs writes, no child processes, workers, addons, inspector or WASI;
// Node 24's permission model has no network switch, so the network is kept
// out by the vm context the policy runs in, see sandbox-child.ts), an empty
// environment, 64 MB of heap, stdin and stdout closed.
import { spawn, type ChildProcess } from "node:child_process";
import { basename, join } from "node:path";
import type { PolicyFile } from "./policy-files.ts";
import type { Decision, Policy, PolicyContext, PolicyInput } from "./policy.ts";

export const SANDBOX_CHILD = join(import.meta.dirname, "sandbox-child.ts");

/** The node flags of a policy process (exported for the test that checks the permission wall itself). */
export const sandboxNodeArgs = (): string[] => [
  "--permission",
  `--allow-fs-read=${SANDBOX_CHILD}`,
  "--experimental-vm-modules",
  "--disable-warning=ExperimentalWarning",
  "--max-old-space-size=64",
];

export interface SandboxOptions {
  /**
   * How long IXCP waits for decide() in one period, ms (one IPC round trip
   * plus the policy's work). A call past it is late, not failed: the period
   * holds (PolicyLateError) and the call stays in flight.
   */
  deadlineMs: number;
  /**
   * How long one decide() may stay unanswered before the process is stopped
   * as hung, ms (--policy-hang-ms; at least deadlineMs). Default 1000.
   */
  hangMs?: number;
  /** How long starting the process and evaluating the module may take, ms. */
  loadTimeoutMs: number;
}

interface Pending {
  seq: number;
  resolve(output: string): void;
  reject(e: Error): void;
  /** The deadline passed: the caller was told (PolicyLateError); the answer will be discarded. */
  late: boolean;
  deadline: NodeJS.Timeout;
  hang: NodeJS.Timeout;
}

/**
 * decide() did not answer by its deadline, or an earlier call is still in
 * flight: the caller holds this period. Not a failure: the policy is stopped
 * only when one call stays unanswered for hangMs.
 */
export class PolicyLateError extends Error {
  override readonly name = "PolicyLateError";
}

/** A name shown for, or taken from, a policy: [A-Za-z0-9._-] only, at most `max` characters. */
export const sanitizeName = (s: string, max = 64): string => s.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, max);

/**
 * What IXCP calls a user policy everywhere (/status, /decisions,
 * ix_ixcp_policy_info): `user:` and its file name without the extension, so
 * a module cannot pass itself off as a built-in ("static", "energy").
 */
export const userPolicyName = (file: string): string =>
  `user:${sanitizeName(basename(file).replace(/\.(m?ts|m?js)$/, ""))}`;

/** JSON that keeps -Infinity (PolicyHistory's "never") and NaN: { $num: "..." }, revived in the child. */
const encodeInput = (input: PolicyInput): string =>
  JSON.stringify(input, (_k, v: unknown) =>
    typeof v === "number" && !Number.isFinite(v) ? { $num: String(v) } : v,
  );

// Every policy process this IXCP started and that still runs: killed when IXCP
// exits, however it exits short of SIGKILL. A policy spinning in a loop never
// reads its IPC channel, so it would not notice its parent is gone.
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

function trackChild(child: ChildProcess): void {
  liveChildren.add(child);
  child.once("exit", () => liveChildren.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const c of liveChildren) c.kill("SIGKILL");
  });
}

/** A policy running in a sandbox process; `decide` answers by its deadline or the process is stopped. */
export class SandboxedPolicy implements Policy {
  /** `user:<file name>` (userPolicyName), never what the module declares. */
  readonly name: string;
  /** The `name` the module declares, sanitized (sanitizeName); shown beside `name`, never instead. */
  readonly declaredName: string;
  readonly description?: string;
  readonly backgroundOnParked: boolean;
  readonly file: string;
  private readonly child: ChildProcess;
  private readonly opts: SandboxOptions;
  private pending: Pending | undefined;
  private seq = 0;
  private stopped: string | undefined;
  /** Answers that came after their deadline and were thrown away (they answer old inputs). */
  lateAnswersDiscarded = 0;

  private constructor(
    child: ChildProcess,
    file: string,
    info: { name: string; description?: string; backgroundOnParked: boolean },
    opts: SandboxOptions,
  ) {
    this.child = child;
    this.file = file;
    this.name = userPolicyName(file);
    this.declaredName = sanitizeName(info.name);
    this.description = info.description;
    this.backgroundOnParked = info.backgroundOnParked;
    this.opts = opts;
    child.on("message", (m: unknown) => this.onMessage(m));
    child.once("exit", (code, signal) => this.fail(`policy process exited (${signal ?? code})`));
    // A send on a channel that just closed reports here; unhandled, it would end IXCP.
    child.on("error", (e) => this.close(`policy process error: ${e.message}`));
  }

  /**
   * Starts a process and evaluates `source` (read from `pf` by the caller) in
   * it. Rejects with a one-line reason, the process stopped, when the module
   * fails to load, is not a policy, or takes longer than loadTimeoutMs.
   */
  static async start(
    pf: PolicyFile,
    source: string,
    ctx: PolicyContext,
    opts: SandboxOptions,
  ): Promise<SandboxedPolicy> {
    const child = spawn(process.execPath, [...sandboxNodeArgs(), SANDBOX_CHILD], {
      env: {},
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    trackChild(child);
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-1000)));
    const where = `policy module ${pf.file}`;
    try {
      const info = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${where} did not load within ${opts.loadTimeoutMs} ms (stopped)`)),
          opts.loadTimeoutMs,
        );
        child.once("error", (e) => {
          clearTimeout(timer);
          reject(new Error(`${where}: cannot start the policy process: ${e.message}`));
        });
        child.once("exit", (code, signal) => {
          clearTimeout(timer);
          reject(
            new Error(
              `${where}: the policy process exited (${signal ?? code}) while loading ${stderr.trim()}`,
            ),
          );
        });
        child.once("message", (m: unknown) => {
          clearTimeout(timer);
          const r = m as Record<string, unknown>;
          if (r?.op === "loaded" && typeof r.info === "string") resolve(r.info);
          else reject(new Error(`${where}: the policy process answered something else while loading`));
        });
        child.send({
          op: "load",
          source,
          filename: pf.file,
          typescript: /\.m?ts$/.test(pf.file),
          ctx: JSON.stringify(ctx),
          timeoutMs: opts.loadTimeoutMs,
        });
      });
      const parsed = JSON.parse(info) as Record<string, unknown>;
      if (typeof parsed.error === "string") throw new Error(`${where}: ${parsed.error}`);
      if (typeof parsed.name !== "string" || parsed.name === "")
        throw new Error(`${where}: a policy needs a non-empty string \`name\``);
      return new SandboxedPolicy(
        child,
        pf.file,
        {
          name: parsed.name.slice(0, 64),
          description: typeof parsed.description === "string" ? parsed.description.slice(0, 200) : undefined,
          backgroundOnParked: parsed.backgroundOnParked === true,
        },
        opts,
      );
    } catch (e) {
      child.kill("SIGKILL");
      throw e;
    }
  }

  /** The process is running (not stopped and not exited). */
  get alive(): boolean {
    return this.stopped === undefined;
  }

  /**
   * One decision: resolves with the policy's raw answer (checked by the caller
   * with checkDecision). Rejects with PolicyLateError when the answer is not
   * in by `deadlineMs` (default the options' deadlineMs; the loader's trial
   * call gets longer) or an earlier call is still in flight: the call stays
   * in flight, its answer, when it comes, is discarded (it answers an old
   * period's input). Rejects with an Error when the policy threw or its
   * process is gone; a call unanswered for hangMs stops the process.
   */
  decide(input: PolicyInput, deadlineMs = this.opts.deadlineMs): Promise<Decision | null> {
    if (this.stopped) return Promise.reject(new Error(`policy ${this.name} is stopped: ${this.stopped}`));
    if (this.pending)
      return Promise.reject(
        new PolicyLateError(
          `policy ${this.name} is still deciding an earlier period (call ${this.pending.seq})`,
        ),
      );
    const seq = ++this.seq;
    const hangMs = Math.max(deadlineMs, this.opts.hangMs ?? 1000);
    return new Promise<string>((resolve, reject) => {
      const deadline = setTimeout(() => {
        const p = this.pending;
        if (p?.seq !== seq) return;
        p.late = true;
        reject(
          new PolicyLateError(`policy ${this.name}: decide() did not answer within ${deadlineMs} ms (late)`),
        );
      }, deadlineMs);
      const hang = setTimeout(() => this.close(`decide() did not answer within ${hangMs} ms (hung)`), hangMs);
      this.pending = { seq, resolve, reject, late: false, deadline, hang };
      try {
        this.child.send({ op: "decide", seq, input: encodeInput(input) });
      } catch (e) {
        this.close(`cannot reach the policy process: ${(e as Error).message}`);
      }
    }).then((output) => {
      const r = JSON.parse(output) as { decision?: unknown; error?: unknown };
      if (typeof r.error === "string") throw new Error(r.error);
      return r.decision as Decision | null;
    });
  }

  private onMessage(m: unknown): void {
    const r = m as Record<string, unknown>;
    const p = this.pending;
    if (!p || r?.op !== "decided" || r.seq !== p.seq) return;
    this.pending = undefined;
    clearTimeout(p.deadline);
    clearTimeout(p.hang);
    if (p.late) {
      // Its caller has held that period already; the answer refers to old inputs.
      this.lateAnswersDiscarded++;
      if (typeof r.output !== "string") this.close("it broke its wrapper");
      return;
    }
    if (typeof r.output === "string") p.resolve(r.output);
    else {
      p.reject(new Error("the policy broke its wrapper (no answer)"));
      this.close("it broke its wrapper");
    }
  }

  private fail(why: string): void {
    this.stopped ??= why;
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    clearTimeout(p.deadline);
    clearTimeout(p.hang);
    if (!p.late) p.reject(new Error(`policy ${this.name}: ${this.stopped}`));
  }

  /** Stops the process (SIGKILL: a looping policy would ignore anything gentler). */
  close(why = "replaced"): void {
    this.fail(why);
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
  }
}
