// Step 7 of the cycle: what the core sends its app. Each cycle's event
// conditions (the stack's) leave together with the return codes of the
// syscall batch that cycle ran, as ONE EventBatch (IX: the kernel returns to
// user space once per cycle with both). At most MAX_EVENTS_PER_CYCLE events
// leave per batch; the rest wait for the next cycles, in order.
//
// IX's run_io alternation: after a batch with events the app owes the core a
// SyscallBatch (libix sends one per such batch, empty if it made no call: its
// return from run_io), unless its only events are send completions
// (lib/bus run-io.ts: owesReturn; an empty return for those was two messages
// per request at low load that carried nothing). Until it comes, the events
// of later cycles are carried (the core keeps running RX, TX and timers
// meanwhile: TCP still ACKs and retransmits), and leave together in the next
// batch once the app is back.
// So under load the app gets fewer, larger batches. An app that does not
// answer within `returnTimeoutUs` is treated as slow (counted in
// lateReturns): the core delivers every cycle again, as to an app outside
// run_io, until the app's next batch brings it back.
//
// What the app receives is never empty for nothing: a batch leaves only with
// events or with return codes the app waits for (its callbacks run on them).
//
// Some things cannot wait for the cycle's end and go at once, in their own
// batch: the results of all but the last syscall batch a cycle ran, and
// EV_MOVED notices (a migrated connection's new core, an accept that raced
// its group's move). Return codes are never dropped or replaced: a batch
// sent at once takes the codes waiting for step 7 with it, since its events
// make the app owe a return and step 7 would hold them behind that.
//
// A recv event's data is a view of the mbuf its frame arrived in (the stack
// retained it for the event): the outbox releases it once the event is
// encoded into the batch (the bytes then travel in the message) or
// discarded, so a carried event holds its buffer, bounded by the pool.
//
// Every batch is numbered and, for a sequenced app, kept until acknowledged
// and resent if lost (app-link.ts): the resend timer is one of this sink's
// deadlines, so an idle core still wakes to resend.
import type { ix } from "@ix/proto";
import { owesReturn } from "@ix/bus";
import { releaseEventData, UNOWNED_RX_BUFFERS, type RxBufferOwner, type StackEvent } from "@ix/netstack";
import { EventBatchWriter } from "./events.ts";
import type { EventSink } from "./elastic-thread.ts";
import { AppLink } from "./app-link.ts";

/** IX: at most 8192 event conditions per core per cycle; the rest wait for the next. */
export const MAX_EVENTS_PER_CYCLE = 8192;

/** Default wait for the app's return before it is treated as slow (us). */
export const DEFAULT_RETURN_TIMEOUT_US = 200_000;

/** The return codes of one syscall batch, for the batch's `seq`. */
export interface BatchResults {
  seq: number;
  results: number[];
}

export interface EventOutboxParts {
  core: number;
  /** The stack's event conditions; drained (emptied in place) by every flush. */
  stackEvents: { events: StackEvent[] };
  /** Sends one encoded EventBatch to the app (the service publishes it on ix.core.<c>.evt). */
  publish(bytes: Uint8Array): void;
  /** Microseconds. */
  clock: () => number;
  /** How long the app may take to return from run_io before it is treated as slow (us). */
  returnTimeoutUs?: number;
  /** Events that expect an answer (knock, recv, dead) just left (the app watch starts its clock). */
  awaitingAnswer?(): void;
  /** Owner of the received bytes recv/udpRecv events hold (the core's mbuf pool); released once encoded or discarded. */
  rxBuffers?: RxBufferOwner;
  /** How long a kept EventBatch waits for its acknowledgement before it is resent (us; app-link.ts). */
  resendTimeoutUs?: number;
}

export class EventOutbox implements EventSink {
  /** Times the app did not return within returnTimeoutUs (it was then treated as slow). */
  lateReturns = 0;
  /** Batches sent to the app. */
  batchesSent = 0;
  private carried: StackEvent[] = [];
  private results: BatchResults | undefined;
  private seq = 0;
  /** When the batch the app has not yet returned from left (us); 0: the app owes nothing. */
  private awaitingSince = 0;
  /** The app missed a return: deliver every cycle until it answers again. */
  private slow = false;
  /** This cycle's flush held events back for the app's return. */
  private holding = false;
  private readonly writer = new EventBatchWriter();
  private readonly returnTimeoutUs: number;
  private readonly rxBuffers: RxBufferOwner;
  private readonly p: EventOutboxParts;
  /** Delivery: sequencing of the app's batches, and these batches kept until acknowledged. */
  readonly link: AppLink;

  constructor(parts: EventOutboxParts) {
    this.p = parts;
    this.rxBuffers = parts.rxBuffers ?? UNOWNED_RX_BUFFERS;
    this.returnTimeoutUs = parts.returnTimeoutUs ?? DEFAULT_RETURN_TIMEOUT_US;
    this.link = new AppLink({
      clock: parts.clock,
      resendTimeoutUs: parts.resendTimeoutUs,
      resend: (bytes) => parts.publish(bytes),
      requestResend: (seq) => {
        // Outside the sequence (seq 0): nothing to keep or acknowledge.
        this.writer.begin(parts.core, 0);
        parts.publish(this.writer.end(0, NONE, this.link.session, 0, seq));
      },
    });
  }

  /** Events ready to leave in the next cycles (0 while they wait for the app's return). */
  get backlog(): number {
    return this.holding ? 0 : this.carried.length;
  }

  /** Events waiting in the core, deliverable or held for the app's return. */
  get pending(): number {
    return this.carried.length;
  }

  /** Whether the app owes a return from its last batch (and is not treated as slow). */
  get awaitingReturn(): boolean {
    return this.awaitingSince !== 0 && !this.slow;
  }

  /** When held events must leave even without the app's return (us); Infinity when none are held. */
  nextDeadline(): number {
    const held =
      this.holding && this.carried.length > 0 ? this.awaitingSince + this.returnTimeoutUs : Infinity;
    return Math.min(held, this.link.nextDeadline());
  }

  /** A SyscallBatch of the app ran (step 1): the app is back from run_io. */
  returned(): void {
    this.awaitingSince = 0;
    this.slow = false;
    this.holding = false;
  }

  /**
   * Return codes to send with this cycle's events (step 1's last batch). One
   * batch's codes are never replaced by the next's: libix runs a call's
   * callback only on its codes (a sendv whose code is lost leaves the
   * connection waiting forever), so codes still pending leave first, alone.
   */
  setResults(results: BatchResults): void {
    const earlier = this.results;
    if (earlier) {
      this.results = undefined;
      this.sendNow(NO_EVENTS, earlier);
    }
    this.results = results;
  }

  /**
   * Sends `events` and optionally `results` now, in a batch of their own (not
   * held for the app's return). Without `results`, the codes waiting for
   * step 7 ride along: a batch with events makes the app owe a return, and
   * step 7 would then hold them behind it (EV_MOVED at step 2 after step 1).
   */
  sendNow(events: readonly ix.IEvent[], results?: BatchResults): void {
    if (!results && this.results) {
      results = this.results;
      this.results = undefined;
    }
    const w = this.writer;
    const seq = ++this.seq;
    w.begin(this.p.core, seq);
    let owes = false;
    for (const e of events) {
      w.event(e);
      if (owesReturn(e.kind ?? 0)) owes = true;
    }
    this.send(seq, results?.seq ?? 0, results?.results ?? NONE, owes);
  }

  /** The app instance they were meant for is gone: nothing pending is sent, kept or owed. */
  discard(): void {
    for (const e of this.carried) releaseEventData(e, this.rxBuffers);
    this.carried = [];
    this.results = undefined;
    this.link.reset();
    this.returned();
  }

  /** Step 7: this cycle's events plus the pending return codes, as one batch, unless the app owes a return. */
  flush(): void {
    if (this.link.unacked > 0) this.link.resendOverdue(this.p.clock());
    const fresh = this.p.stackEvents.events;
    for (let i = 0; i < fresh.length; i++) this.carried.push(fresh[i]);
    fresh.length = 0;
    const carried = this.carried;
    if (carried.length === 0 && !this.results) {
      this.holding = false;
      return;
    }
    if (this.awaitingSince !== 0 && !this.slow) {
      const now = this.p.clock();
      if (now - this.awaitingSince < this.returnTimeoutUs) {
        this.holding = true;
        return;
      }
      this.slow = true;
      this.lateReturns++;
    }
    this.holding = false;
    this.emitCarried();
  }

  /**
   * Migration's export, at the quiescent point: every event still carried
   * (held for the app's run_io return) and the codes waiting for step 7
   * leave now, so no event of a departing connection can leave this core
   * after its state did. Returns the last batch's seq and the session (both
   * 0 when nothing was ever sent): START names them, the target puts them
   * in EV_MOVED, and libix hands on the new core's events only after it
   * (proto/ix.proto, Event.after_seq).
   */
  flushBeforeExport(): { seq: number; session: number } {
    while (this.carried.length > 0) this.emitCarried();
    if (this.results) this.sendNow(NO_EVENTS);
    return { seq: this.seq, session: this.link.session };
  }

  /** One batch: up to MAX_EVENTS_PER_CYCLE carried events and the pending return codes. */
  private emitCarried(): void {
    const carried = this.carried;
    const n = Math.min(carried.length, MAX_EVENTS_PER_CYCLE);
    const w = this.writer;
    const seq = ++this.seq;
    w.begin(this.p.core, seq);
    let answer = false;
    let owes = false;
    for (let i = 0; i < n; i++) {
      const e = carried[i];
      if (owesReturn(w.stackEvent(e))) owes = true;
      releaseEventData(e, this.rxBuffers); // its bytes are in the batch now
      if (e.type === "knock" || e.type === "recv" || e.type === "dead") answer = true;
    }
    if (answer) this.p.awaitingAnswer?.();
    if (n === carried.length) carried.length = 0;
    else carried.splice(0, n);
    const results = this.results;
    this.results = undefined;
    this.send(seq, results?.seq ?? 0, results?.results ?? NONE, owes);
  }

  /**
   * Ends the batch begun with `seq` and publishes it (kept for resending when
   * the app is sequenced). `owes`: the batch has an event that makes it a
   * return to user space (owesReturn): the app owes its next SyscallBatch.
   */
  private send(seq: number, resultsSeq: number, results: readonly number[], owes: boolean): void {
    const link = this.link;
    const bytes = this.writer.end(resultsSeq, results, link.session, link.firstUnacked(seq));
    if (owes && this.awaitingSince === 0) this.awaitingSince = this.p.clock() || 1;
    this.batchesSent++;
    link.sent(seq, bytes);
    this.p.publish(bytes);
  }
}

const NONE: readonly number[] = [];
const NO_EVENTS: readonly ix.IEvent[] = [];
