// Delivery between a core and its app over NATS, which is at-most-once: a
// SyscallBatch or EventBatch in flight when a nats-server dies, or published
// while a client is between servers, is simply gone. Without this a lost
// EventBatch loses received bytes the stack already ACKed (the connection
// hangs) and a lost SyscallBatch loses an accept or a sendv whose callback
// never runs. The design is go-back-N with cumulative acknowledgements in
// both directions (RFC 9293's send/receive sequence space, at batch grain),
// carried in fields 5..8 of both messages (proto/ix.proto):
//
//   core -> app  every EventBatch is numbered (seq 1, 2, ... within this
//                core process's random `session`). Once the app speaks the
//                sequenced protocol, the core keeps each batch's encoded
//                bytes until a SyscallBatch acknowledges it (events_acked of
//                this session), resends every kept batch in order when the
//                oldest has waited resendTimeoutUs (doubling up to
//                MAX_RESEND_TIMEOUT_US while nothing is acknowledged), and
//                at once from the seq an app reports missing (events_missing:
//                it saw a later batch first). libix delivers N only after
//                N-1 and drops duplicates, so no event arrives twice.
//   app -> core  libix numbers the batches that carry calls (an empty return
//                from run_io repeats the last seq) and keeps each until its
//                return codes come back. This file admits them: seq N runs
//                only after N-1 (a later one is a gap: dropped, and the core
//                asks once for a resend from N with an EventBatch of seq 0
//                carrying syscalls_missing); a seq already executed is a
//                duplicate and is dropped, so no syscall ever runs twice.
//                Its return codes are not lost with it: they left in an
//                EventBatch, which the core resends until acknowledged (the
//                kept EventBatches are the result cache).
//
// A batch with first_unacked = 0 is bare (a tool, a test, an old client): it
// is executed as it arrives and nothing is kept for it. The kept batches are
// bounded (MAX_UNACKED_BATCHES, MAX_UNACKED_BYTES): beyond them the oldest is
// given up (counted), first_unacked moves past it and libix skips ahead; only
// an app that has not answered for a long while gets there.
import { randomInt } from "node:crypto";
import type { ix } from "@ix/proto";

/** How long the oldest kept EventBatch waits for its acknowledgement before every kept one is resent (us). */
export const DEFAULT_RESEND_TIMEOUT_US = 200_000;
/** The resend timeout doubles while nothing is acknowledged, up to this (us). */
export const MAX_RESEND_TIMEOUT_US = 2_000_000;
/**
 * A batch the app reports missing is resent at once unless it was (re)sent
 * less than this long ago (us): the app is untrusted, and reports on every
 * batch must not turn into a stream of resends of the whole kept window.
 */
export const MIN_RESEND_GAP_US = 20_000;
/** EventBatches kept for resending at most; beyond, the oldest is given up. */
export const MAX_UNACKED_BATCHES = 4096;
/** Bytes of EventBatches kept for resending at most. */
export const MAX_UNACKED_BYTES = 32 * 1024 * 1024;

/** What step 1 does with a SyscallBatch. */
export type Admission =
  /** Bare (first_unacked 0): executed as it arrives. */
  | "bare"
  /** The next in sequence: executed. */
  | "execute"
  /** An empty batch of the current sequence: the app's return from run_io (or an acknowledgement). */
  | "return"
  /** Already executed: dropped. */
  | "duplicate"
  /** A batch before it is missing: dropped, a resend requested. */
  | "gap";

export interface DeliveryCounters {
  /** EventBatches sent again (timeout or the app's report of a gap). */
  eventsResent: number;
  /** EventBatches given up unacknowledged (the bounds were reached). */
  eventsAbandoned: number;
  /** SyscallBatches dropped because they were already executed. */
  syscallDuplicates: number;
  /** SyscallBatches dropped because one before them was missing. */
  syscallGaps: number;
  /** Resend requests sent to the app (EventBatch seq 0). */
  syscallResendRequests: number;
  /** SyscallBatch seqs the app gave up (its first_unacked moved past them unexecuted). */
  syscallsSkipped: number;
}

export interface AppLinkParts {
  /** Microseconds. */
  clock: () => number;
  /** Publishes an encoded EventBatch again, as it was. */
  resend(bytes: Uint8Array): void;
  /** Publishes an EventBatch of seq 0 asking the app to resend from `seq`. */
  requestResend(seq: number): void;
  resendTimeoutUs?: number;
  /** Session id (tests); default a random 48-bit integer. */
  session?: number;
}

interface Kept {
  seq: number;
  bytes: Uint8Array;
  sentUs: number;
}

export class AppLink {
  /** Random per core process: the app tells a restarted core (numbering from 1 again) by it. */
  readonly session: number;
  readonly counters: DeliveryCounters = {
    eventsResent: 0,
    eventsAbandoned: 0,
    syscallDuplicates: 0,
    syscallGaps: 0,
    syscallResendRequests: 0,
    syscallsSkipped: 0,
  };
  /** Whether the current app is sequenced: its EventBatches are kept until acknowledged. */
  sequenced = false;
  /** The app instance whose sequence is followed ("<name>#<instance>"). */
  private app: string | undefined;
  /** The last SyscallBatch seq executed for `app`. */
  private executed = 0;
  /** The seq last asked for (one request per gap; libix's own timeout covers a lost one). */
  private requested = 0;
  private readonly kept: Kept[] = [];
  private keptBytes = 0;
  private readonly baseTimeoutUs: number;
  private timeoutUs: number;
  private readonly p: AppLinkParts;

  constructor(parts: AppLinkParts) {
    this.p = parts;
    this.session = parts.session ?? randomInt(1, 2 ** 47);
    this.baseTimeoutUs = parts.resendTimeoutUs ?? DEFAULT_RESEND_TIMEOUT_US;
    this.timeoutUs = this.baseTimeoutUs;
  }

  /** EventBatches kept, waiting for the app's acknowledgement. */
  get unacked(): number {
    return this.kept.length;
  }

  /** The oldest seq still kept, or `next` (the batch being written) when none is. */
  firstUnacked(next: number): number {
    return this.kept.length > 0 ? this.kept[0].seq : next;
  }

  /** When the oldest kept batch is resent (us); Infinity when none is kept. */
  nextDeadline(): number {
    return this.kept.length > 0 ? this.kept[0].sentUs + this.timeoutUs : Infinity;
  }

  /**
   * Step 1, before anything runs: takes the batch's acknowledgements and
   * decides whether it runs. Never throws; a hostile batch can only make the
   * core drop it or resend batches the app already had.
   */
  admit(b: ix.SyscallBatch): Admission {
    const first = b.firstUnacked ?? 0;
    const seq = b.seq ?? 0;
    // Not a sequence number (0, negative, fractional, beyond 2^53): bare.
    if (!(first > 0) || !Number.isSafeInteger(first) || !Number.isSafeInteger(seq)) return "bare";
    const app = b.app ?? "";
    if (app !== this.app) {
      // A new app instance (or this core restarted): its sequence starts at what it still keeps.
      this.app = app;
      this.executed = first - 1;
      this.requested = 0;
    }
    this.sequenced = true;
    if (b.eventsSession === this.session) {
      this.acknowledged(b.eventsAcked ?? 0);
      if (b.eventsMissing) this.resendFrom(b.eventsMissing, MIN_RESEND_GAP_US);
    }
    if (first > this.executed + 1) {
      // The app gave these up (it only does so for a core it thinks restarted).
      this.counters.syscallsSkipped += first - 1 - this.executed;
      this.executed = first - 1;
    }
    if (b.calls.length > 0) {
      if (seq === this.executed + 1) {
        this.executed = seq;
        return "execute";
      }
      if (seq <= this.executed) {
        this.counters.syscallDuplicates++;
        return "duplicate";
      }
    } else if (seq <= this.executed) return "return";
    this.counters.syscallGaps++;
    const missing = this.executed + 1;
    if (this.requested !== missing) {
      this.requested = missing;
      this.counters.syscallResendRequests++;
      this.p.requestResend(missing);
    }
    return "gap";
  }

  /** An EventBatch with sequence number `seq` left; kept until acknowledged when the app is sequenced. */
  sent(seq: number, bytes: Uint8Array): void {
    if (!this.sequenced) return;
    this.kept.push({ seq, bytes, sentUs: this.p.clock() });
    this.keptBytes += bytes.length;
    while (this.kept.length > MAX_UNACKED_BATCHES || this.keptBytes > MAX_UNACKED_BYTES) {
      this.keptBytes -= this.kept.shift()!.bytes.length;
      this.counters.eventsAbandoned++;
    }
  }

  /** Resends every kept batch if the oldest has waited past the timeout (then the timeout doubles). */
  resendOverdue(now: number): void {
    if (this.kept.length === 0 || now < this.kept[0].sentUs + this.timeoutUs) return;
    this.resendFrom(this.kept[0].seq);
    this.timeoutUs = Math.min(this.timeoutUs * 2, MAX_RESEND_TIMEOUT_US);
  }

  /** The app instance is gone (a new one took over): nothing kept is owed to anyone. */
  reset(): void {
    this.kept.length = 0;
    this.keptBytes = 0;
    this.timeoutUs = this.baseTimeoutUs;
  }

  private acknowledged(upTo: number): void {
    let n = 0;
    while (n < this.kept.length && this.kept[n].seq <= upTo) this.keptBytes -= this.kept[n++].bytes.length;
    if (n === 0) return;
    this.kept.splice(0, n);
    this.timeoutUs = this.baseTimeoutUs;
  }

  /** Resends the kept batches from `seq` on, skipping those (re)sent less than `minGapUs` ago. */
  private resendFrom(seq: number, minGapUs = 0): void {
    const now = this.p.clock();
    for (const k of this.kept) {
      if (k.seq < seq || now - k.sentUs < minGapUs) continue;
      k.sentUs = now;
      this.counters.eventsResent++;
      this.p.resend(k.bytes);
    }
  }
}
