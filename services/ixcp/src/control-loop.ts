// IXCP's control loop (IX principle 6). Every period (100 ms, as ixcp.py):
//   1. read every core's metrics; a core heard from (metrics or heartbeat)
//      within --dead-ms is alive; one silent for longer whose admin port
//      does not refuse is only stalled (starved of CPU, or its heartbeats
//      lost with a nats-server that died): recorded once (core_stalled,
//      core_resumed), its groups stay, and it is dead only after
//      silentDeadMs;
//   2. a core that just died and owns flow groups: its groups go to the live
//      active cores at once (RETA rewrite, see reconfigure.ts);
//   3. otherwise the policy decides how many cores should run; IXCP picks
//      which (joining: the lowest-numbered live parked cores; leaving: the
//      active cores owning the fewest groups, then the highest-numbered) and
//      reconfigures.
// Ticks and admin operations run one at a time (a promise chain), so a
// reconfiguration never interleaves with another.
import type { Actuator } from "./actuator.ts";
import type { CoreMetrics, MetricsSource } from "./metrics-source.ts";
import type { DecisionEntry, DecisionLog } from "./decision-log.ts";
import type { IxcpMetrics } from "./ixcp-metrics.ts";
import type { Policy, PolicyInput } from "./policies/policy.ts";
import { checkDecision } from "./policies/policy.ts";
import { PolicyLateError } from "./policies/sandbox.ts";
import { staticPolicy } from "./policies/builtins.ts";
import { busyUtilization, estimatePower, DEFAULT_POWER, type PowerModel } from "./policies/power.ts";
import { Reconfigurer, type ReconfigureResult } from "./reconfigure.ts";

export interface ControlLoopOptions {
  source: MetricsSource;
  actuator: Actuator;
  policy: Policy;
  log: DecisionLog;
  totalCores: number;
  /** The RETA at start (from the NIC, or lib/bus initialReta). */
  reta: number[];
  /** Silence after which a core whose process is gone (admin port refused) is dead. */
  deadMs?: number;
  /** Silence after which any core is dead, even one that is only slow (not refused). */
  silentDeadMs?: number;
  /**
   * Cores are not declared dead during this long after start: heartbeats come
   * once a second, so discovering every scrape target can take that long.
   */
  startGraceMs?: number;
  migrationBatch?: number;
  now?: () => number;
  /** Last heartbeat per core (ms, same clock as `now`). */
  heartbeat?: (core: number) => number | undefined;
  metrics?: IxcpMetrics;
  power?: PowerModel;
}

export class ControlLoop {
  policy: Policy;
  readonly reconf: Reconfigurer;
  readonly latest = new Map<number, CoreMetrics>();
  readonly dead = new Set<number>();
  /** Cores silent past deadMs but not (yet) dead (a stall: their flow groups stay), with when they were last heard (ms). */
  readonly stalled = new Map<number, number>();
  lastStepUpAt = -Infinity;
  lastStepDownAt = -Infinity;
  /** Periods held because the policy's answer was late (its call still in flight). */
  lateDecisions = 0;
  private previousPolicy: Policy | undefined;
  private readonly lastSeen = new Map<number, number>();
  private readonly o: Required<Omit<ControlLoopOptions, "heartbeat" | "metrics">> &
    Pick<ControlLoopOptions, "heartbeat" | "metrics">;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(opts: ControlLoopOptions) {
    this.o = {
      deadMs: 500,
      silentDeadMs: 5000,
      startGraceMs: 1500,
      migrationBatch: 16,
      now: Date.now,
      power: DEFAULT_POWER,
      ...opts,
    };
    this.policy = opts.policy;
    const log = opts.log;
    this.reconf = new Reconfigurer(opts.actuator, opts.reta, this.o.migrationBatch, {
      error: (what, detail) =>
        this.record({ action: "error", reason: `${what}_failed: ${detail.error}`, ...detail }),
      migrated: (m, direct) => {
        opts.metrics?.migrations.inc({ outcome: direct ? "direct" : "ok" });
        log.record({ at: this.o.now(), action: direct ? "reassign" : "migrate", reason: "spread", ...m });
      },
    });
    const start = this.o.now();
    for (let c = 0; c < opts.totalCores; c++) this.lastSeen.set(c, start + this.o.startGraceMs);
    opts.metrics?.policyInfo.set({ policy: this.policy.name }, 1);
  }

  now(): number {
    return this.o.now();
  }

  private record(e: Omit<DecisionEntry, "at"> & { at?: number }): DecisionEntry {
    return this.o.log.record({ at: this.o.now(), policy: this.policy.name, ...e } as DecisionEntry);
  }

  /** Runs `f` after every earlier tick or admin operation has finished. */
  exclusive<T>(f: () => Promise<T>): Promise<T> {
    const run = this.chain.then(f, f);
    this.chain = run.catch(() => undefined);
    return run;
  }

  liveCores(): number[] {
    const out: number[] = [];
    for (let c = 0; c < this.o.totalCores; c++) if (!this.dead.has(c)) out.push(c);
    return out;
  }

  policyInput(now = this.o.now()): PolicyInput {
    const live = new Set(this.liveCores());
    return {
      now,
      cores: [...this.latest.values()].filter((m) => live.has(m.core)),
      activeCores: this.reconf.activeCores(),
      liveCores: [...live],
      totalCores: this.o.totalCores,
      history: {
        lastStepUpAt: this.lastStepUpAt,
        lastStepDownAt: this.lastStepDownAt,
        decisions: this.o.log.recent(50),
      },
    };
  }

  /** One control period. */
  tick(): Promise<void> {
    return this.exclusive(() => this.runTick());
  }

  private async runTick(): Promise<void> {
    const sampled = await this.o.source.sample();
    const now = this.o.now();
    for (const [core, m] of sampled) {
      if (core >= this.o.totalCores) continue;
      this.latest.set(core, m);
      this.lastSeen.set(core, Math.max(this.lastSeen.get(core) ?? 0, m.seenAtMs));
    }
    const deadActive = this.updateLiveness(now);
    if (deadActive.length > 0) await this.reassignDead(deadActive);
    else await this.consultPolicy(now);
    this.updateGauges();
    this.o.metrics?.periods.inc();
  }

  /** Updates the dead set; returns the cores that are dead and still own flow groups. */
  private updateLiveness(now: number): number[] {
    for (let c = 0; c < this.o.totalCores; c++) {
      const seen = Math.max(this.lastSeen.get(c) ?? 0, this.o.heartbeat?.(c) ?? -Infinity);
      // A refused admin port means the process is gone: declare it after deadMs.
      // Otherwise a core may just be starved of CPU: give it silentDeadMs.
      const limit = this.o.source.refused?.(c) ? this.o.deadMs : Math.max(this.o.deadMs, this.o.silentDeadMs);
      const alive = now - seen <= limit;
      const quiet = now - seen > this.o.deadMs;
      if (alive && quiet && !this.stalled.has(c) && !this.dead.has(c)) {
        this.stalled.set(c, seen);
        this.record({
          action: "core_stalled",
          reason: `silent: no metrics or heartbeat for ${now - seen} ms, admin port not refused; dead after ${limit} ms`,
          core: c,
        });
      } else if (!quiet && this.stalled.has(c)) {
        const silentMs = seen - this.stalled.get(c)!;
        this.stalled.delete(c);
        this.record({
          action: "core_resumed",
          reason: `heard_again: after ${silentMs} ms of silence`,
          core: c,
        });
      }
      if (!alive && !this.dead.has(c)) {
        this.stalled.delete(c);
        this.dead.add(c);
        this.latest.delete(c);
        this.o.metrics?.coreDead.inc({ core: String(c) });
        this.record({
          action: "core_dead",
          reason: `silent: no metrics or heartbeat for ${now - seen} ms`,
          core: c,
        });
      } else if (alive && this.dead.has(c)) {
        this.dead.delete(c);
        this.record({ action: "core_alive", reason: "heard_again: metrics or heartbeat", core: c });
      }
    }
    const active = this.reconf.activeCores();
    return active.filter((c) => this.dead.has(c));
  }

  private async reassignDead(deadActive: number[]): Promise<void> {
    const before = this.reconf.activeCores();
    let target = before.filter((c) => !this.dead.has(c));
    if (target.length === 0) target = this.liveCores().slice(0, 1);
    if (target.length === 0) {
      this.record({ action: "hold", reason: "no_live_core: every core is dead, nothing to reassign to" });
      return;
    }
    const r = await this.reconf.apply(target, { dead: this.dead, backgroundOnParked: false });
    this.record({
      action: "reassign_dead",
      reason: `core_dead: groups of core ${deadActive.join(",")} moved to live cores`,
      from: before.length,
      to: this.reconf.activeCores().length,
      dead: deadActive,
      ...r,
    });
  }

  private async consultPolicy(now: number): Promise<void> {
    const input = this.policyInput(now);
    const policy = this.policy;
    let decision;
    const started = performance.now();
    try {
      // A user policy answers over IPC by its deadline (sandbox.ts) or rejects.
      decision = checkDecision(await policy.decide(input), policy.name);
    } catch (e) {
      if (e instanceof PolicyLateError) {
        // Slow, not broken (a busy machine): hold this period, change nothing;
        // the sandbox stops the policy if the call stays unanswered for
        // --policy-hang-ms, and the next period then reverts.
        this.lateDecisions++;
        this.o.metrics?.lateDecisions.inc();
        this.record({ action: "hold", reason: `policy_late: ${e.message}` });
        return;
      }
      this.record({ action: "policy_error", reason: `decide_failed: ${(e as Error).message}` });
      this.revertFrom(policy);
      return;
    } finally {
      const where = policy.close ? "sandbox" : "builtin";
      this.o.metrics?.decideSeconds.observe({ where }, (performance.now() - started) / 1000);
    }
    if (!decision) return;
    const n = input.activeCores.length;
    const target = Math.max(1, Math.min(decision.targetCores, input.liveCores.length));
    if (target === n) return;
    await this.resize(target, decision.reason, now);
  }

  /** Changes the number of active cores to `n` (policy step or ixctl cores N). */
  async resize(n: number, reason: string, now = this.o.now()): Promise<ReconfigureResult> {
    const active = this.reconf.activeCores();
    let target: number[];
    if (n > active.length) {
      const joining = this.liveCores().filter((c) => !active.includes(c));
      target = [...active, ...joining.slice(0, n - active.length)];
    } else {
      const leaving = [...active]
        .sort((a, b) => this.reconf.groupsOf(a).length - this.reconf.groupsOf(b).length || b - a)
        .slice(0, active.length - n);
      target = active.filter((c) => !leaving.includes(c));
    }
    const up = target.length > active.length;
    const r = await this.reconf.apply(target, {
      dead: this.dead,
      backgroundOnParked: !!this.policy.backgroundOnParked,
    });
    if (up) this.lastStepUpAt = now;
    else this.lastStepDownAt = now;
    this.record({
      at: now,
      action: up ? "step_up" : "step_down",
      reason,
      from: active.length,
      to: this.reconf.activeCores().length,
      ...r,
    });
    return r;
  }

  /**
   * A policy failed (threw, missed its deadline, answered garbage): it is
   * stopped and never a fallback again; the previous policy comes back, or
   * `static` when there is none (IXCP keeps deciding either way).
   */
  private revertFrom(failed: Policy): void {
    failed.close?.("failed");
    const back = this.previousPolicy && this.previousPolicy !== failed ? this.previousPolicy : staticPolicy();
    this.installPolicy(back, `revert: ${failed.name} failed, back to ${back.name}`);
    this.previousPolicy = undefined;
  }

  /**
   * Installs a vetted policy (policies/loader.ts) and moves background jobs to
   * match it. The one before it stays as the fallback; the one before that is
   * released (a user policy's process is stopped).
   */
  installPolicy(p: Policy, reason = "admin: policy switched"): void {
    const old = this.policy;
    if (this.previousPolicy && this.previousPolicy !== old && this.previousPolicy !== p)
      this.previousPolicy.close?.("replaced");
    this.previousPolicy = old;
    this.policy = p;
    this.o.metrics?.policyInfo.reset();
    this.o.metrics?.policyInfo.set({ policy: p.name }, 1);
    this.record({ action: "policy", reason, from_policy: old.name, to_policy: p.name });
  }

  /** Starts or stops background jobs on the live parked cores to match the running policy. */
  async syncBackground(): Promise<void> {
    const active = new Set(this.reconf.activeCores());
    for (const c of this.liveCores()) {
      if (!active.has(c)) await this.reconf.setBackground(c, !!this.policy.backgroundOnParked);
    }
  }

  private updateGauges(): void {
    this.o.metrics?.activeCores.set(this.reconf.activeCores().length);
    this.o.metrics?.powerWatts.set(this.power());
    for (const [kind, n] of Object.entries(this.o.source.errors))
      this.o.metrics?.sourceErrors.set({ source: this.o.source.kind, kind }, n);
  }

  /** Estimated watts now (policies/power.ts). */
  power(): number {
    const active = this.reconf.activeCores();
    // A polling core counts as busy (policies/power.ts busyUtilization).
    const utils = active.map((c) => {
      const m = this.latest.get(c);
      return m ? busyUtilization(m.idleFraction, m.pollFraction) : 0;
    });
    return estimatePower(utils, this.o.totalCores - active.length, this.reconf.background.size, this.o.power);
  }
}
