// Carries out a change of the active core set, in IX's order:
//   1. cores joining: stop their background job (consolidation), ACTIVATE;
//   2. flow groups spread evenly over the new set with the fewest moves, in
//      batches: CMD_MIGRATE to the source core, and after its ok reply the
//      NIC's RETA is rewritten for exactly those groups. Groups of a dead core
//      cannot be migrated (nobody would answer): their RETA entries are
//      rewritten directly and their connections are lost, as on a crash;
//   3. cores left with no group: PARK, then start their background job.
// A failed step is logged and skipped; the RETA view only changes for
// batches that completed, so the next period sees what really happened.
import type { Actuator } from "./actuator.ts";
import { batchMoves, coresInReta, planSpread, type Move } from "./spread-plan.ts";

export interface ReconfigureHooks {
  error(what: string, detail: Record<string, unknown>): void;
  migrated(move: Move, direct: boolean): void;
}

export interface ReconfigureResult {
  moved: number;
  failed: number;
  activated: number[];
  parked: number[];
}

export class Reconfigurer {
  /** IXCP's view of the NIC's RETA: flow group -> core. */
  reta: number[];
  /** Cores currently told to run the background job. */
  readonly background = new Set<number>();
  batchSize: number;
  private migrationId = 0;
  private readonly actuator: Actuator;
  private readonly hooks: ReconfigureHooks;

  constructor(actuator: Actuator, reta: number[], batchSize: number, hooks: ReconfigureHooks) {
    this.actuator = actuator;
    this.reta = [...reta];
    this.batchSize = batchSize;
    this.hooks = hooks;
  }

  activeCores(): number[] {
    return coresInReta(this.reta);
  }

  groupsOf(core: number): number[] {
    const out: number[] = [];
    this.reta.forEach((q, fg) => q === core && out.push(fg));
    return out;
  }

  private async tryStep(
    what: string,
    detail: Record<string, unknown>,
    f: () => Promise<void>,
  ): Promise<boolean> {
    try {
      await f();
      return true;
    } catch (e) {
      this.hooks.error(what, { ...detail, error: (e as Error).message });
      return false;
    }
  }

  async setBackground(core: number, on: boolean): Promise<void> {
    if (this.background.has(core) === on) return;
    const ok = await this.tryStep("background", { core, on }, () => this.actuator.background(core, on));
    // Stopping is recorded even on failure: a core we activate must not be told twice.
    if (ok || !on) {
      if (on) this.background.add(core);
      else this.background.delete(core);
    }
  }

  /** Executes `moves` batch by batch; returns [moved, failed] group counts. */
  async executeMoves(moves: readonly Move[], dead: ReadonlySet<number>): Promise<[number, number]> {
    let moved = 0;
    let failed = 0;
    for (const b of batchMoves(moves, this.batchSize)) {
      const direct = dead.has(b.source);
      const id = ++this.migrationId;
      // A dead source cannot hand its state over: the target adopts the groups empty.
      const ok =
        (direct
          ? await this.tryStep("adopt", { ...b, migrationId: id }, () =>
              this.actuator.adopt(b.target, b.flowGroups),
            )
          : await this.tryStep("migrate", { ...b, migrationId: id }, () =>
              this.actuator.migrate(b.source, b.target, b.flowGroups, id),
            )) &&
        (await this.tryStep("reta_set", { ...b, migrationId: id }, () =>
          this.actuator.setReta(b.flowGroups, b.target),
        ));
      if (ok) {
        for (const fg of b.flowGroups) this.reta[fg] = b.target;
        moved += b.flowGroups.length;
        this.hooks.migrated(b, direct);
      } else failed += b.flowGroups.length;
    }
    return [moved, failed];
  }

  /** Makes `target` the active set (see the file comment). */
  async apply(
    target: readonly number[],
    opts: { dead: ReadonlySet<number>; backgroundOnParked: boolean },
  ): Promise<ReconfigureResult> {
    const before = this.activeCores();
    const activated: number[] = [];
    const joined: number[] = [];
    for (const c of target) {
      if (before.includes(c)) {
        joined.push(c);
        continue;
      }
      await this.setBackground(c, false);
      if (await this.tryStep("activate", { core: c }, () => this.actuator.activate(c))) {
        activated.push(c);
        joined.push(c);
      }
    }
    if (joined.length === 0) return { moved: 0, failed: 0, activated, parked: [] };
    const { moves } = planSpread(this.reta, joined);
    const [moved, failed] = await this.executeMoves(moves, opts.dead);
    const leaving = before.filter((c) => !joined.includes(c));
    const parked = await this.parkEmpty(leaving, opts.dead, opts.backgroundOnParked);
    return { moved, failed, activated, parked };
  }

  /** Parks each of `cores` that owns no group any more (and is alive). */
  async parkEmpty(
    cores: Iterable<number>,
    dead: ReadonlySet<number>,
    backgroundOnParked: boolean,
  ): Promise<number[]> {
    const parked: number[] = [];
    const still = new Set(this.activeCores());
    for (const c of cores) {
      if (still.has(c) || dead.has(c)) continue;
      if (await this.tryStep("park", { core: c }, () => this.actuator.park(c))) {
        parked.push(c);
        if (backgroundOnParked) await this.setBackground(c, true);
      }
    }
    return parked;
  }

  /**
   * Moves chosen groups to core `to` (ixctl migrate); `to` is activated first
   * when parked, and sources left with no group are parked.
   */
  async moveGroups(
    flowGroups: readonly number[],
    to: number,
    opts: { dead: ReadonlySet<number>; backgroundOnParked: boolean },
  ): Promise<ReconfigureResult> {
    const activated: number[] = [];
    if (!this.activeCores().includes(to)) {
      await this.setBackground(to, false);
      await this.actuator.activate(to);
      activated.push(to);
    }
    const bySource = new Map<number, number[]>();
    for (const fg of flowGroups) {
      const src = this.reta[fg];
      if (src === to) continue;
      if (!bySource.has(src)) bySource.set(src, []);
      bySource.get(src)!.push(fg);
    }
    const moves = [...bySource].map(([source, groups]) => ({ source, target: to, flowGroups: groups }));
    const [moved, failed] = await this.executeMoves(moves, opts.dead);
    const parked = await this.parkEmpty(bySource.keys(), opts.dead, opts.backgroundOnParked);
    return { moved, failed, activated, parked };
  }
}
