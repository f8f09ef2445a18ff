// The receive side of one core's EventBatches (go-back-N, as the core's
// services/dataplane app-link.ts describes): NATS may lose a batch, so the
// core numbers them within its process's `session` and resends what the app
// has not acknowledged. Here a batch is handed on only in order: the next seq
// is delivered; a seq already delivered is a duplicate (dropped: its events
// and return codes were handled once); a later one means one before it was
// lost (dropped too, the core resends from the missing seq, which the next
// SyscallBatch reports once per gap; the core's own timeout covers a lost
// report). A new session is a restarted core: the
// numbering starts again at the batch's first_unacked. A batch without a
// session is bare (an old core, a test's fake core) and is delivered as it
// comes.

/** What a thread's next SyscallBatch tells the core about its EventBatches. */
export interface EventAcks {
  /** The core session the acknowledgement refers to (0: none seen yet). */
  readonly session: number;
  /** Every batch up to this seq was delivered, in order. */
  readonly delivered: number;
  /** Nonzero once per gap: a later batch came before this seq (the core should resend from it); then 0. */
  takeMissing(): number;
}

/** What to do with an EventBatch. */
export type EventAdmission =
  /** Without a session: handled as it comes. */
  | "bare"
  /** The next in sequence: handled. */
  | "deliver"
  /** Seq 0: outside the sequence, only a report of the app's missing batches. */
  | "control"
  /** Already delivered: dropped (and acknowledged again: the core did not hear the first one). */
  | "duplicate"
  /** One before it is missing: dropped. */
  | "gap";

export interface EventSequenceCounters {
  duplicates: number;
  gaps: number;
  /** Resend requests carried by SyscallBatches (one per gap). */
  resendRequests: number;
  /** Seqs the core gave up (its first_unacked moved past them). */
  skipped: number;
  /** Core sessions adopted (the first, then one per core restart). */
  sessions: number;
}

export class EventSequence implements EventAcks {
  session = 0;
  delivered = 0;
  /** The seq last found missing (asked for once). */
  private requested = 0;
  /** A resend request the next SyscallBatch carries. */
  private missing = 0;
  /** When (ms) the last batch was delivered, for the delayed acknowledgement. */
  deliveredAtMs = 0;
  readonly counters: EventSequenceCounters = {
    duplicates: 0,
    gaps: 0,
    resendRequests: 0,
    skipped: 0,
    sessions: 0,
  };

  /**
   * Classifies one decoded EventBatch and advances the sequence. For "gap",
   * `missing` is set (newGap: true the first time this seq is missing, the
   * moment to ask for it).
   */
  admit(
    b: { session?: number | null; seq?: number | null; firstUnacked?: number | null },
    nowMs: number,
  ): {
    verdict: EventAdmission;
    newGap: boolean;
  } {
    const session = b.session ?? 0;
    if (!session) return { verdict: "bare", newGap: false };
    const seq = b.seq ?? 0;
    if (seq === 0) return { verdict: "control", newGap: false };
    const first = b.firstUnacked ?? 0;
    if (session !== this.session) {
      this.session = session;
      this.delivered = (first > 0 ? first : seq) - 1;
      this.requested = 0;
      this.missing = 0;
      this.counters.sessions++;
    } else if (first > this.delivered + 1) {
      this.counters.skipped += first - 1 - this.delivered;
      this.delivered = first - 1;
    }
    if (seq === this.delivered + 1) {
      this.delivered = seq;
      this.deliveredAtMs = nowMs;
      return { verdict: "deliver", newGap: false };
    }
    if (seq <= this.delivered) {
      this.counters.duplicates++;
      return { verdict: "duplicate", newGap: false };
    }
    this.counters.gaps++;
    const missing = this.delivered + 1;
    const newGap = this.requested !== missing;
    if (newGap) {
      this.counters.resendRequests++;
      this.requested = missing;
      this.missing = missing;
    }
    return { verdict: "gap", newGap };
  }

  takeMissing(): number {
    const m = this.missing;
    this.missing = 0;
    return m;
  }
}
