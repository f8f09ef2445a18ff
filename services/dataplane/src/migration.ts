// TCP-friendly flow-group migration between cores (IX, TOCS 2016 §4.4).
//
// Source (at a quiescent point, on IXCP's CMD_MIGRATE): exports each group's
// whole state from the stack (control blocks, buffers, timers, undelivered
// events), takes the group's frames still waiting in its RX ring, and sends
// both to the target in one START message; it replies to IXCP, which then
// rewrites the NIC's RETA. Until then frames of those groups may still reach
// the source: they are forwarded to the target (FORWARD), in order.
//
// Target: frames for a group it does not own yet are held. On START it
// imports the groups, processes START's frames, then forwarded ones as they
// come, and releases the held frames once the transition timeout (default
// 1 ms) has passed since START, so forwarded frames go first and order is
// kept. It tells the app that each moved connection is now served here
// (EV_MOVED), and reports READY to the source.
//
// Frames live in the core's mbufs (mbuf-pool.ts): a frame held or queued for
// forwarding is retained until it went through the stack, was encoded into a
// FORWARD message or was dropped; ring frames carried by START go back once
// START is encoded. Frames that arrive in a message are plain memory.
import { ix } from "@ix/proto";
import type { RxFrame } from "@ix/bus";
import { UNOWNED_RX_BUFFERS, type RxBufferOwner } from "@ix/netstack";
import type { ControlPoint, RxFilter } from "./elastic-thread.ts";

/** The stack as migration uses it (lib/netstack's Stack). */
export interface MigrationStack {
  ownsFlowGroup(fg: number): boolean;
  exportFlowGroup(fg: number): Uint8Array;
  importFlowGroup(bytes: Uint8Array): number;
  input(frame: Uint8Array, flowGroup: number): void;
}

export interface MigrationPorts {
  core: number;
  stack: MigrationStack;
  /** Microseconds. */
  clock: () => number;
  /** Publishes a Migration message to core `target`. */
  send(target: number, m: ix.IMigration): void;
  /** The core's RX ring: frames still waiting there for departing groups leave with START. */
  rx: { extract(groups: ReadonlySet<number>): RxFrame[] };
  /**
   * Tells the app which core serves the moved groups' connections now
   * (EV_MOVED), naming the source's last EventBatch (`after`, from START):
   * the app hands on this core's events only after that one.
   */
  announceMoved(groups: number[], after: EventMark): void;
  /**
   * Source side, before the export: sends every event the core still
   * carries and returns its last EventBatch (event-outbox.ts
   * flushBeforeExport). Absent: nothing is carried ({0, 0}).
   */
  flushEvents?(): EventMark;
  /** Owner of received frames' buffers (the core's mbuf pool; default: none). */
  frames?: RxBufferOwner;
}

/** An EventBatch of one core process: its seq within the session (0 and 0: none). */
export interface EventMark {
  seq: number;
  session: number;
}

export interface MigrationStats {
  started: number;
  completed: number;
  framesCarried: number;
  framesForwarded: number;
  framesHeld: number;
  framesDroppedUnowned: number;
  lastDurationUs: number;
}

interface Incoming {
  installed: boolean;
  releaseAt: number;
}

const toFrame = (f: RxFrame): ix.IFrame => ({
  data: f.data,
  rxTimeUs: f.rxTimeUs,
  rssHash: f.rssHash,
  flowGroup: f.flowGroup,
});

/**
 * Both sides of every migration this core takes part in. Its entry points run
 * inside the cycle: runPending at step 2 (ControlPoint), accept/flushForwards
 * at step 4 (RxFilter); enqueue from the bus (the caller then wakes the thread).
 */
export class Migrations implements ControlPoint, RxFilter {
  readonly stats: MigrationStats = {
    started: 0,
    completed: 0,
    framesCarried: 0,
    framesForwarded: 0,
    framesHeld: 0,
    framesDroppedUnowned: 0,
    lastDurationUs: 0,
  };
  transitionTimeoutUs: number;
  /** Groups that left: fg -> target core (frames for them are forwarded). */
  private readonly outgoing = new Map<number, number>();
  private readonly incoming = new Map<number, Incoming>();
  /** Frames held per group, in arrival order, until the group is installed and the timeout passed. */
  private readonly held = new Map<number, RxFrame[]>();
  private forwardBatch = new Map<number, ix.IFrame[]>();
  private readonly pending: ix.Migration[] = [];
  /** Migrations this core started: id -> start time and who to tell on READY. */
  private readonly started = new Map<number, { t0: number; onReady?: (durationUs: number) => void }>();
  private readonly p: MigrationPorts;
  private readonly mbufs: RxBufferOwner;

  constructor(ports: MigrationPorts, transitionTimeoutUs = 1000) {
    this.p = ports;
    this.mbufs = ports.frames ?? UNOWNED_RX_BUFFERS;
    this.transitionTimeoutUs = transitionTimeoutUs;
  }

  /**
   * Source side: moves `groups` to `target` now (call at a quiescent point).
   * Returns an error or null; `onReady` runs when the target reports READY
   * (the groups are installed there), with the START-to-READY duration.
   */
  migrateOut(
    groups: number[],
    target: number,
    migrationId: number,
    onReady?: (durationUs: number) => void,
  ): string | null {
    if (target === this.p.core) return "target is this core";
    const missing = groups.filter((fg) => !this.p.stack.ownsFlowGroup(fg));
    if (missing.length > 0) return `flow groups not owned here: ${missing.join(",")}`;
    const set = new Set(groups);
    // Events carried for the app leave before the state: none of a departing
    // connection's can follow it out of this core (EV_MOVED names this batch).
    const last = this.p.flushEvents?.() ?? { seq: 0, session: 0 };
    const frames = this.p.rx.extract(set);
    const states = groups.map((fg) => ({ flowGroup: fg, state: this.p.stack.exportFlowGroup(fg) }));
    for (const fg of groups) this.outgoing.set(fg, target);
    this.stats.started++;
    this.stats.framesCarried += frames.length;
    this.started.set(migrationId, { t0: this.p.clock(), onReady });
    this.p.send(target, {
      stage: ix.MigrationStage.MIG_START,
      migrationId,
      sourceCore: this.p.core,
      targetCore: target,
      flowGroups: groups,
      states,
      frames: frames.map(toFrame),
      startedUs: this.p.clock(),
      sourceEventSeq: last.seq,
      sourceEventSession: last.session,
    });
    for (const f of frames) this.mbufs.release(f.data); // the ring's references: START carries the bytes
    return null;
  }

  /** The core a departed group went to, if it left this core. */
  movedTo(fg: number): number | undefined {
    return this.outgoing.get(fg);
  }

  /** A Migration message arrived: handled at the next quiescent point (the caller wakes the thread). */
  enqueue(m: ix.Migration): void {
    this.pending.push(m);
  }

  /** ControlPoint: step 2 of the cycle. */
  run(): void {
    this.runPending();
  }

  /** Step 2 of the cycle: START/FORWARD/READY messages, then due releases. */
  runPending(): void {
    for (let m = this.pending.shift(); m; m = this.pending.shift()) {
      if (m.stage === ix.MigrationStage.MIG_START) this.install(m);
      else if (m.stage === ix.MigrationStage.MIG_FORWARD) this.forwarded(m);
      else if (m.stage === ix.MigrationStage.MIG_READY) this.ready(m);
    }
    this.releaseDue();
  }

  /**
   * The thread's filter before the stack: true lets the frame through;
   * frames of departed groups are forwarded, frames of arriving groups held.
   */
  readonly accept = (f: RxFrame): boolean => {
    if (f.rssHash === 0 || this.p.stack.ownsFlowGroup(f.flowGroup)) {
      const inc = this.incoming.get(f.flowGroup);
      if (!inc) return true;
      return this.hold(f); // installed but still in its transition window
    }
    const target = this.outgoing.get(f.flowGroup);
    if (target !== undefined) {
      let batch = this.forwardBatch.get(target);
      if (!batch) this.forwardBatch.set(target, (batch = []));
      batch.push(toFrame(f));
      this.mbufs.retain(f.data); // until FORWARD is encoded
      this.stats.framesForwarded++;
      return false;
    }
    return this.hold(f); // START not here yet
  };

  /** RxFilter: after the cycle's RX step. */
  flush(): void {
    this.flushForwards();
  }

  /** After the cycle's RX step: sends the frames forwarded this cycle, one message per target. */
  flushForwards(): void {
    if (this.forwardBatch.size === 0) return;
    for (const [target, frames] of this.forwardBatch) {
      this.p.send(target, {
        stage: ix.MigrationStage.MIG_FORWARD,
        sourceCore: this.p.core,
        targetCore: target,
        frames,
      });
      for (const f of frames) if (f.data) this.mbufs.release(f.data);
    }
    this.forwardBatch = new Map();
  }

  /** Earliest time a held group must be released (the thread sleeps until then); -Infinity: messages wait. */
  nextDeadline(): number {
    if (this.pending.length > 0) return -Infinity;
    let d = Infinity;
    for (const inc of this.incoming.values()) if (inc.installed && inc.releaseAt < d) d = inc.releaseAt;
    for (const [fg, frames] of this.held) {
      if (!this.incoming.has(fg) && frames.length > 0) d = Math.min(d, frames[0].rxTimeUs + 1_000_000);
    }
    return d;
  }

  private hold(f: RxFrame): boolean {
    let list = this.held.get(f.flowGroup);
    if (!list) this.held.set(f.flowGroup, (list = []));
    list.push(f);
    this.mbufs.retain(f.data); // until it goes through the stack or is dropped
    this.stats.framesHeld++;
    return false;
  }

  private install(m: ix.Migration): void {
    const now = this.p.clock();
    const groups: number[] = [];
    for (const s of m.states) {
      const fg = s.state ? this.p.stack.importFlowGroup(s.state) : -1;
      if (fg < 0) continue;
      groups.push(fg);
      this.outgoing.delete(fg); // a group may come back
      this.incoming.set(fg, { installed: true, releaseAt: now + this.transitionTimeoutUs });
    }
    for (const f of m.frames) if (f.data) this.p.stack.input(f.data, f.flowGroup ?? 0);
    this.p.announceMoved(groups, { seq: m.sourceEventSeq ?? 0, session: m.sourceEventSession ?? 0 });
    this.p.send(m.sourceCore, {
      stage: ix.MigrationStage.MIG_READY,
      migrationId: m.migrationId,
      sourceCore: m.sourceCore,
      targetCore: this.p.core,
      flowGroups: groups,
      startedUs: m.startedUs,
    });
  }

  private forwarded(m: ix.Migration): void {
    for (const f of m.frames) {
      const fg = f.flowGroup ?? 0;
      const frame = {
        data: f.data ?? new Uint8Array(0),
        rxTimeUs: f.rxTimeUs ?? 0,
        rssHash: f.rssHash ?? 0,
        flowGroup: fg,
      };
      // Forwarded frames precede held ones: straight into the stack once installed.
      if (this.p.stack.ownsFlowGroup(fg)) this.p.stack.input(frame.data, fg);
      else this.hold(frame);
    }
  }

  private ready(m: ix.Migration): void {
    this.stats.completed++;
    const s = this.started.get(m.migrationId);
    if (!s) return;
    this.started.delete(m.migrationId);
    this.stats.lastDurationUs = this.p.clock() - s.t0;
    s.onReady?.(this.stats.lastDurationUs);
  }

  private releaseDue(): void {
    const now = this.p.clock();
    for (const [fg, inc] of this.incoming) {
      if (!inc.installed || now < inc.releaseAt) continue;
      this.incoming.delete(fg);
      const frames = this.held.get(fg) ?? [];
      this.held.delete(fg);
      for (const f of frames) {
        this.p.stack.input(f.data, f.flowGroup);
        this.mbufs.release(f.data);
      }
    }
    // Frames held for a group that never arrived: dropped after 1 s, counted.
    for (const [fg, frames] of this.held) {
      if (this.incoming.has(fg)) continue;
      while (frames.length > 0 && now - frames[0].rxTimeUs > 1_000_000) {
        const f = frames.shift();
        if (f) this.mbufs.release(f.data);
        this.stats.framesDroppedUnowned++;
      }
      if (frames.length === 0) this.held.delete(fg);
    }
  }
}
