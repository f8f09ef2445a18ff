// libix, the user half of one elastic thread (IX's libix: the batched-syscall
// array and the event-condition handlers). It receives the core's event
// conditions (one EventBatch per dataplane cycle), completes the return codes
// of the batch they answer, hands each condition to the registered handlers
// (IX's ix_ops), and answers with every syscall made meanwhile as ONE batch
// (IX's run_io: one answer per batch of events, even with no call in it).
// It knows handles, cookies and return codes, never connections: the ixev
// layer (conn.ts, ixev.ts) builds those on top.
//
// Over NATS a batch can be lost either way: EventBatches are handed on in
// order only, once (event-sequence.ts), and SyscallBatches are kept until
// answered and resent (syscall-batch.ts); tick() runs the timers of both
// (resend, and the delayed acknowledgement of batches that needed no answer).
import { ix } from "@ix/proto";
import { owesReturn } from "@ix/bus";
import { SyscallBatch, type ResultCallback } from "./syscall-batch.ts";
import { EventSequence } from "./event-sequence.ts";
import { MOVE_HOLD_MS, type MoveOrder, type OrderedThread } from "./move-order.ts";

/**
 * A delivered EventBatch that needed no answer (return codes alone) is
 * acknowledged by the next SyscallBatch, or by an empty one after this long
 * (ms), well before the core's resend timeout.
 */
export const ACK_DELAY_MS = 40;

export interface KnockInfo {
  core: number;
  localPort: number;
  remoteIp: number;
  remotePort: number;
}

export interface UdpDatagram {
  core: number;
  remoteIp: number;
  remotePort: number;
  localPort: number;
  data: Uint8Array;
}

/**
 * The event-condition handlers (IX's ix_ops), one per EventKind. `cookie` is
 * what the app gave accept/connect; `handle` the core's connection handle.
 */
export interface EventConditions {
  knock(thread: UserThread, handle: number, info: KnockInfo): void;
  /** Received bytes (a zero-copy view); empty: the peer closed its side (FIN). */
  recv(thread: UserThread, cookie: number, data: Uint8Array): void;
  connected(thread: UserThread, cookie: number, handle: number, code: number): void;
  sent(thread: UserThread, cookie: number): void;
  dead(thread: UserThread, cookie: number, reason: number): void;
  /** The connection's flow group moved: `core` serves it now. */
  moved(thread: UserThread, cookie: number, core: number): void;
  udpRecv(thread: UserThread, dgram: UdpDatagram): void;
}

/** Something with syscalls to add just before a thread's batch leaves (ixev's coalesced recv_done). */
export interface FlushParticipant {
  beforeFlush(): void;
}

export class UserThread implements OrderedThread {
  readonly core: number;
  readonly batch: SyscallBatch;
  /** Receive state of the core's EventBatches. */
  readonly events = new EventSequence();
  eventsHandled = 0;
  private readonly ops: EventConditions;
  private readonly participants = new Set<FlushParticipant>();
  private flushScheduled = false;
  private dispatching = false;
  private readonly schedule: (fn: () => void) => void;
  /** The order of moved connections' events across this app's threads (move-order.ts); none: batches go on as they come. */
  private readonly order: MoveOrder | undefined;
  /** Batches waiting for another core's (move-order.ts), in sequence. */
  private readonly held: ix.EventBatch[] = [];
  /** When (ms) the oldest held batch was held. */
  private heldSinceMs = 0;
  /** The last EventBatch handed on to the app (move-order.ts waits on it). */
  readonly handedOn = { session: 0, seq: 0 };

  /**
   * `send` publishes one encoded SyscallBatch to the core; `app` names the
   * instance on every batch; `schedule` runs the flush of calls made outside
   * event dispatch (default: setImmediate, so a turn's calls share a batch).
   */
  constructor(opts: {
    core: number;
    ops: EventConditions;
    send: (bytes: Uint8Array) => void;
    app: string;
    schedule?: (fn: () => void) => void;
    /** Milliseconds (tests drive a manual clock; default Date.now). */
    now?: () => number;
    resendTimeoutMs?: number;
    /** Shared by the app's threads: a moved connection's events are handed on in order. */
    order?: MoveOrder;
  }) {
    this.core = opts.core;
    this.order = opts.order;
    opts.order?.register(this);
    this.ops = opts.ops;
    this.now = opts.now ?? Date.now;
    this.batch = new SyscallBatch(opts.core, opts.send, opts.app, this.events, {
      now: this.now,
      resendTimeoutMs: opts.resendTimeoutMs,
    });
    this.schedule = opts.schedule ?? ((fn) => void setImmediate(fn));
  }

  private readonly now: () => number;

  /**
   * Timers (ixev runs it every few ms): resends SyscallBatches whose return
   * codes are overdue, and acknowledges delivered EventBatches that nothing
   * has acknowledged for ACK_DELAY_MS (the core would resend them).
   */
  tick(now = this.now()): void {
    if (this.held.length > 0 && this.releaseHeld(now)) this.order?.progressed();
    this.batch.resendOverdue(now);
    const ev = this.events;
    if (ev.delivered > this.batch.ackSent && now - ev.deliveredAtMs >= ACK_DELAY_MS) this.flush(true);
  }

  /** Queues a syscall; during event dispatch it leaves with the cycle's batch, otherwise on the next turn. */
  call(c: ix.ISyscall, onResult?: ResultCallback): void {
    this.batch.add(c, onResult);
    if (!this.dispatching && !this.flushScheduled) {
      this.flushScheduled = true;
      this.schedule(() => {
        this.flushScheduled = false;
        this.flush();
      });
    }
  }

  /** `p.beforeFlush()` runs once, just before this thread's next batch leaves. */
  joinFlush(p: FlushParticipant): void {
    this.participants.add(p);
  }

  leaveFlush(p: FlushParticipant): void {
    this.participants.delete(p);
  }

  /**
   * Handles one EventBatch from the core. A batch with events is a return
   * from run_io: it is answered with exactly one SyscallBatch, empty if no
   * call was made (the core holds the next events until it comes), unless
   * its only events are send completions (@ix/bus owesReturn): then only
   * calls made are sent. A batch of return codes alone needs no answer. Malformed input is dropped by the
   * caller's decode.
   */
  handleBatch(b: ix.EventBatch): void {
    const { verdict, newGap } = this.events.admit(b, this.now());
    // The core saw a later SyscallBatch before one of ours: resend from it.
    if (b.syscallsMissing) this.batch.resendFrom(b.syscallsMissing);
    switch (verdict) {
      case "control":
        return;
      case "duplicate":
        // The core resent it: our acknowledgement did not reach it. Send it again.
        this.flush(true);
        return;
      case "gap":
        // Dropped; an empty batch asks for the resend (once per gap).
        if (newGap) this.flush(true);
        return;
      default:
        break;
    }
    const order = this.order;
    if (order && (this.held.length > 0 || !order.mayHandOn(b.events))) {
      if (this.held.length === 0) this.heldSinceMs = this.now();
      this.held.push(b);
      return;
    }
    this.handOn(b);
    order?.progressed();
  }

  /** Batches this thread holds for another core's (move-order.ts). */
  get holding(): number {
    return this.held.length;
  }

  /**
   * Hands on held batches, in sequence, while the first may go (or every one
   * once the hold has lasted MOVE_HOLD_MS at `nowMs`).
   */
  releaseHeld(nowMs = this.now()): boolean {
    const order = this.order;
    if (!order || this.held.length === 0) return false;
    const before = this.held.length;
    if (nowMs - this.heldSinceMs >= MOVE_HOLD_MS) {
      order.holdTimeouts++;
      while (this.held.length > 0) this.handOn(this.held.shift()!);
    }
    while (this.held.length > 0 && order.mayHandOn(this.held[0].events)) this.handOn(this.held.shift()!);
    if (this.held.length === 0) this.heldSinceMs = 0;
    return this.held.length < before;
  }

  /** Dispatches one batch's return codes and events and answers it (its run_io return). */
  private handOn(b: ix.EventBatch): void {
    if (b.session && b.seq) {
      this.handedOn.session = b.session;
      this.handedOn.seq = b.seq;
    }
    this.dispatching = true;
    try {
      if (b.resultsSeq) this.batch.complete(b.resultsSeq, b.results);
      for (const e of b.events) {
        this.eventsHandled++;
        this.dispatch(e);
      }
    } finally {
      this.dispatching = false;
    }
    let owes = false;
    for (const e of b.events) if (owesReturn(e.kind ?? 0)) owes = true;
    this.flush(owes);
  }

  /** Sends every call queued so far as one SyscallBatch (nothing when none, unless `returning` from run_io). */
  flush(returning = false): void {
    for (const p of this.participants) p.beforeFlush();
    this.participants.clear();
    this.batch.flush(returning);
  }

  private dispatch(e: ix.IEvent): void {
    const K = ix.EventKind;
    const cookie = e.cookie ?? 0;
    switch (e.kind) {
      case K.EV_KNOCK:
        return this.ops.knock(this, e.handle ?? 0, {
          core: this.core,
          localPort: e.port2 ?? 0,
          remoteIp: e.ip ?? 0,
          remotePort: e.port ?? 0,
        });
      case K.EV_RECV:
        return this.ops.recv(this, cookie, e.data ?? EMPTY);
      case K.EV_CONNECTED:
        return this.ops.connected(this, cookie, e.handle ?? 0, e.value ?? 0);
      case K.EV_SENT:
        return this.ops.sent(this, cookie);
      case K.EV_DEAD:
        return this.ops.dead(this, cookie, e.value ?? 0);
      case K.EV_MOVED:
        return this.ops.moved(this, cookie, e.value ?? -1);
      case K.EV_UDP_RECV:
        return this.ops.udpRecv(this, {
          core: this.core,
          remoteIp: e.ip ?? 0,
          remotePort: e.port ?? 0,
          localPort: e.port2 ?? 0,
          data: e.data ?? EMPTY,
        });
      default:
        return;
    }
  }
}

const EMPTY = new Uint8Array(0);
