// The batched-syscall array of one elastic thread (user side). Calls made
// while handling a cycle's events are collected and sent as ONE SyscallBatch;
// the dataplane writes a return code for each in place and sends them back
// with its next EventBatch (results_seq), where each call's callback runs.
//
// NATS may lose a batch (a nats-server dying with it in flight), so each
// batch with calls gets the next seq and is kept, encoded, until its return
// codes arrive; an empty batch (the return from run_io, or an acknowledgement
// of the core's EventBatches) repeats the last seq. Kept batches are resent
// in order when the oldest has waited `resendTimeoutMs` (doubling while
// nothing is answered) and at once from the seq the core reports missing.
// The core runs each seq once, in order (services/dataplane app-link.ts), so
// a resend never runs a call twice. Every batch carries first_unacked and the
// acknowledgement of the core's EventBatches (event-sequence.ts).
// The batch is encoded by hand into a reused arena (lib/bus proto-wire.ts
// says why; field numbers are proto/ix.proto's, the tests hold the bytes
// against ix.SyscallBatch.decode).
import { ix } from "@ix/proto";
import { ProtoWriter, WireType } from "@ix/bus";
import type { EventAcks } from "./event-sequence.ts";

export type ResultCallback = (code: number) => void;

// ix.SyscallBatch
const B_CORE = 1;
const B_SEQ = 2;
const B_CALLS = 3;
const B_APP = 4;
const B_FIRST_UNACKED = 5;
const B_EVENTS_SESSION = 6;
const B_EVENTS_ACKED = 7;
const B_EVENTS_MISSING = 8;
// ix.Syscall
const S_KIND = 1;
const S_HANDLE = 2;
const S_COOKIE = 3;
const S_IP = 4;
const S_PORT = 5;
const S_PORT2 = 6;
const S_BYTES = 7;
const S_BUFS = 8;

/** The delivery fields of a SyscallBatch (proto/ix.proto fields 5..8; 0 leaves one out). */
export interface SyscallLink {
  firstUnacked: number;
  eventsSession: number;
  eventsAcked: number;
  eventsMissing: number;
}

/** Encodes one SyscallBatch: no protobufjs operation per field. Without `link` the batch is bare (unsequenced). */
export function encodeSyscallBatch(
  w: ProtoWriter,
  core: number,
  seq: number,
  calls: readonly ix.ISyscall[],
  app: string,
  link?: SyscallLink,
): Uint8Array {
  w.reset();
  w.uintField(B_CORE, core);
  w.doubleField(B_SEQ, seq);
  for (let i = 0; i < calls.length; i++) {
    const c = calls[i];
    w.tag(B_CALLS, WireType.Len);
    w.fork();
    w.uintField(S_KIND, c.kind ?? 0);
    w.doubleField(S_HANDLE, c.handle ?? 0);
    w.doubleField(S_COOKIE, c.cookie ?? 0);
    w.uintField(S_IP, c.ip ?? 0);
    w.uintField(S_PORT, c.port ?? 0);
    w.uintField(S_PORT2, c.port2 ?? 0);
    w.uintField(S_BYTES, c.bytes ?? 0);
    const bufs = c.bufs;
    if (bufs) for (let j = 0; j < bufs.length; j++) w.repeatedBytes(S_BUFS, bufs[j]);
    w.ldelim();
  }
  w.stringField(B_APP, app);
  if (link) {
    w.doubleField(B_FIRST_UNACKED, link.firstUnacked);
    w.doubleField(B_EVENTS_SESSION, link.eventsSession);
    w.doubleField(B_EVENTS_ACKED, link.eventsAcked);
    w.doubleField(B_EVENTS_MISSING, link.eventsMissing);
  }
  return w.finish();
}

/** How long the oldest kept batch waits for its return codes before the kept ones are resent (ms). */
export const DEFAULT_SYSCALL_RESEND_MS = 200;
/** The resend timeout doubles while nothing is answered, up to this (ms). */
export const MAX_SYSCALL_RESEND_MS = 2000;

interface Kept {
  seq: number;
  bytes: Uint8Array;
  sentMs: number;
}

export class SyscallBatch {
  private calls: ix.ISyscall[] = [];
  private callbacks: (ResultCallback | undefined)[] = [];
  private inFlight = new Map<number, (ResultCallback | undefined)[]>();
  private seq = 0;
  private readonly writer = new ProtoWriter(16 * 1024);
  /** Sent batches with calls whose return codes have not come back, oldest first. */
  private readonly kept: Kept[] = [];
  private timeoutMs: number;
  /** Batches sent again (timeout or the core's report of a gap). */
  resent = 0;
  /** The highest EventBatch seq an outgoing batch has acknowledged. */
  ackSent = 0;

  readonly core: number;
  private readonly send: (bytes: Uint8Array) => void;
  private readonly app: string;
  private readonly acks: EventAcks | undefined;
  private readonly baseTimeoutMs: number;
  private readonly now: () => number;

  /**
   * `send` publishes one encoded batch; `app` names the instance; `acks` is
   * the receive state of the core's EventBatches (absent: bare batches, never
   * kept or resent); `now` in ms.
   */
  constructor(
    core: number,
    send: (bytes: Uint8Array) => void,
    app: string,
    acks?: EventAcks,
    opts: { resendTimeoutMs?: number; now?: () => number } = {},
  ) {
    this.core = core;
    this.send = send;
    this.app = app;
    this.acks = acks;
    this.baseTimeoutMs = opts.resendTimeoutMs ?? DEFAULT_SYSCALL_RESEND_MS;
    this.timeoutMs = this.baseTimeoutMs;
    this.now = opts.now ?? Date.now;
  }

  get pending(): number {
    return this.calls.length;
  }

  /** Batches sent and not yet answered with return codes. */
  get unanswered(): number {
    return this.kept.length;
  }

  add(call: ix.ISyscall, onResult?: ResultCallback): void {
    this.calls.push(call);
    this.callbacks.push(onResult);
  }

  /**
   * Sends the collected calls as one batch. With no calls it sends nothing,
   * unless `returning`: then an empty batch still leaves, as the app's return
   * from run_io (the core holds the next events until it comes) or as an
   * acknowledgement of the core's batches.
   */
  flush(returning = false): void {
    const n = this.calls.length;
    if (n === 0 && !returning) return;
    const seq = n > 0 ? ++this.seq : this.seq;
    const acks = this.acks;
    let bytes: Uint8Array;
    if (acks) {
      this.ackSent = acks.delivered;
      bytes = encodeSyscallBatch(this.writer, this.core, seq, this.calls, this.app, {
        firstUnacked: this.kept.length > 0 ? this.kept[0].seq : n > 0 ? seq : seq + 1,
        eventsSession: acks.session,
        eventsAcked: acks.delivered,
        eventsMissing: acks.takeMissing(),
      });
      if (n > 0) this.kept.push({ seq, bytes, sentMs: this.now() });
    } else bytes = encodeSyscallBatch(this.writer, this.core, seq, this.calls, this.app);
    if (this.callbacks.some((c) => c !== undefined)) this.inFlight.set(seq, this.callbacks);
    if (n > 0) {
      this.calls = [];
      this.callbacks = [];
    }
    this.send(bytes);
  }

  /** Return codes of batch `seq`, in call order. The core runs batches in order: every earlier one is answered too. */
  complete(seq: number, results: number[]): void {
    let answered = 0;
    while (answered < this.kept.length && this.kept[answered].seq <= seq) answered++;
    if (answered > 0) {
      this.kept.splice(0, answered);
      this.timeoutMs = this.baseTimeoutMs;
    }
    const callbacks = this.inFlight.get(seq);
    if (!callbacks) return;
    this.inFlight.delete(seq);
    callbacks.forEach((cb, i) => cb?.(results[i] ?? -1));
  }

  /**
   * The core died (libix reported its connections dead): the kept batches are
   * given up. The next batch's first_unacked moves past them, so a restarted
   * core starts after them instead of running calls meant for its
   * predecessor. Returns how many were given up.
   */
  abandon(): number {
    const n = this.kept.length;
    this.kept.length = 0;
    this.timeoutMs = this.baseTimeoutMs;
    return n;
  }

  /** Resends the kept batches from `seq` on, in order (the core saw a later one first). */
  resendFrom(seq: number): void {
    const now = this.now();
    for (const k of this.kept) {
      if (k.seq < seq) continue;
      k.sentMs = now;
      this.resent++;
      this.send(k.bytes);
    }
  }

  /** Resends every kept batch if the oldest has waited past the timeout (which then doubles). Only toward a core known to sequence. */
  resendOverdue(now = this.now()): void {
    if (this.kept.length === 0 || !this.acks?.session) return;
    if (now < this.kept[0].sentMs + this.timeoutMs) return;
    this.resendFrom(this.kept[0].seq);
    this.timeoutMs = Math.min(this.timeoutMs * 2, MAX_SYSCALL_RESEND_MS);
  }
}
