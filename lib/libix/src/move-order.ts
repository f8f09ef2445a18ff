// The order of a moved connection's events across cores (issue 14's
// cross-host migrations). Each core's EventBatches are handed on in their own
// sequence (event-sequence.ts), but nothing orders two cores' batches: when a
// flow group moves, the old core's last batches with the connection's events
// and the new core's first may reach the app in either order (they cross
// different routes of a NATS cluster, or one is resent). IX never meets this
// (the app's thread and its dataplane share the core); here the old core
// names its last batch at the export (START), the new core repeats it in
// each EV_MOVED (Event.after_seq / after_session), and a thread holds a
// batch that carries such an EV_MOVED, and everything after it, until the
// thread of the old core process (found by its session) has handed that
// batch on. A hold ends at the latest after MOVE_HOLD_MS (the old core died
// or gave the batch up), counted.
import { ix } from "@ix/proto";

/** The longest a thread holds batches for another core's (ms): the old core died or gave up resending. */
export const MOVE_HOLD_MS = 2000;

/** What the order needs of a thread: the last batch it handed on to the app, and its held ones. */
export interface OrderedThread {
  /** The session and seq of the last EventBatch handed on (dispatched), not merely admitted. */
  readonly handedOn: { readonly session: number; readonly seq: number };
  /** Hands on held batches whose condition is now met (or whose hold expired at `nowMs`); true if any went. */
  releaseHeld(nowMs?: number): boolean;
}

export class MoveOrder {
  private readonly threads = new Set<OrderedThread>();
  private releasing = false;
  private again = false;
  /** Holds that ended because they lasted MOVE_HOLD_MS. */
  holdTimeouts = 0;

  register(t: OrderedThread): void {
    this.threads.add(t);
  }

  /**
   * Whether a batch carrying `events` may be handed on now: every EV_MOVED in
   * it names an old-core batch already handed on (or a core process no
   * thread here knows: nothing to wait for).
   */
  mayHandOn(events: readonly ix.IEvent[]): boolean {
    for (const e of events) {
      if (e.kind !== ix.EventKind.EV_MOVED || !e.afterSession || !e.afterSeq) continue;
      for (const t of this.threads) {
        if (t.handedOn.session === e.afterSession && t.handedOn.seq < e.afterSeq) return false;
      }
    }
    return true;
  }

  /**
   * A thread handed on a batch: threads holding for it may go on, and those
   * holding for them (until a pass releases nothing). A call made while one
   * runs (a release handing on) is folded into the running one.
   */
  progressed(): void {
    if (this.releasing) {
      this.again = true;
      return;
    }
    this.releasing = true;
    try {
      do {
        this.again = false;
        for (const t of this.threads) if (t.releaseHeld()) this.again = true;
      } while (this.again);
    } finally {
      this.releasing = false;
    }
  }
}
