// Step 7 of the cycle: what the core sends its app. Each cycle's event
// conditions (the stack's) leave together with the return codes of the
// syscall batch that cycle ran, as ONE EventBatch (IX: the kernel returns to
// user space once per cycle with both). At most MAX_EVENTS_PER_CYCLE events
// leave per batch; the rest wait for the next cycles, in order.
//
// Some things cannot wait for the cycle's end and go at once, in their own
// batch: the results of all but the last syscall batch a cycle ran, and
// EV_MOVED notices (a migrated connection's new core, an accept that raced
// its group's move).
import { ix } from "@ix/proto";
import type { StackEvent } from "@ix/netstack";
import { encodeEvent } from "./events.ts";
import type { EventSink } from "./elastic-thread.ts";

/** IX: at most 8192 event conditions per core per cycle; the rest wait for the next. */
export const MAX_EVENTS_PER_CYCLE = 8192;

/** The return codes of one syscall batch, for the batch's `seq`. */
export interface BatchResults {
  seq: number;
  results: number[];
}

export interface EventOutboxParts {
  core: number;
  /** The stack's event conditions; drained (emptied in place) by every flush. */
  stackEvents: { events: StackEvent[] };
  /** Sends one EventBatch to the app (the service encodes and publishes it on ix.core.<c>.evt). */
  publish(batch: ix.IEventBatch): void;
  /** Events that expect an answer (knock, recv, dead) just left (the app watch starts its clock). */
  awaitingAnswer?(): void;
}

export class EventOutbox implements EventSink {
  private carried: StackEvent[] = [];
  private results: BatchResults | undefined;
  private seq = 0;
  private readonly p: EventOutboxParts;

  constructor(parts: EventOutboxParts) {
    this.p = parts;
  }

  /** Events left for the next cycles. */
  get backlog(): number {
    return this.carried.length;
  }

  /** Return codes to send with this cycle's events (step 1's last batch). */
  setResults(results: BatchResults): void {
    this.results = results;
  }

  /** Sends `events` (already encoded) and optionally `results` now, in a batch of their own. */
  sendNow(events: ix.IEvent[], results?: BatchResults): void {
    this.publish(events, results);
  }

  /** The app instance they were meant for is gone: nothing pending is sent. */
  discard(): void {
    this.carried = [];
    this.results = undefined;
  }

  /** Step 7: this cycle's events plus the pending return codes, as one batch (none when both are empty). */
  flush(): void {
    const fresh = this.p.stackEvents.events;
    const events = this.carried.length > 0 ? this.carried.concat(fresh) : fresh.slice();
    fresh.length = 0;
    if (events.length === 0 && !this.results) return;
    const now = events.length > MAX_EVENTS_PER_CYCLE ? events.slice(0, MAX_EVENTS_PER_CYCLE) : events;
    this.carried = events.length > MAX_EVENTS_PER_CYCLE ? events.slice(MAX_EVENTS_PER_CYCLE) : [];
    if (this.p.awaitingAnswer) {
      for (const e of now) {
        if (e.type === "knock" || e.type === "recv" || e.type === "dead") {
          this.p.awaitingAnswer();
          break;
        }
      }
    }
    const results = this.results;
    this.results = undefined;
    this.publish(now.map(encodeEvent), results);
  }

  private publish(events: ix.IEvent[], results: BatchResults | undefined): void {
    this.p.publish({
      core: this.p.core,
      seq: ++this.seq,
      events,
      resultsSeq: results?.seq ?? 0,
      results: results?.results ?? [],
    });
  }
}
