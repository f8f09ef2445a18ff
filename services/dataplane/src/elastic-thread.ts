// One elastic thread: IX's run-to-completion cycle (TOCS 2016, section 4.2).
//   1. execute the app's batched syscalls, return codes in place
//   2. control work (migration messages, IXCP commands), at this quiescent point
//   3. run due timers
//   4-5. take up to B frames from the RX ring (never waiting for B to fill)
//        and push each through the TCP/IP stack, producing event conditions
//   6. flush TX to the NIC with the consumed descriptors (one TxBurst; at low
//      load the credits may wait for the next TxBurst with frames, where that
//      cannot hold the NIC back: credit-hold.ts)
//   7. hand the event conditions (and step 1's return codes) to the app,
//      unless it has not yet returned from the previous batch (run_io; the
//      events are then carried, see event-outbox.ts)
// When there is nothing to do an active core first polls for a window
// (poll-window.ts: it keeps turning its event loop, so what arrives is read
// without a wake-up), then schedules nothing: the next frame, syscall batch
// or timer deadline wakes it, so an idle core uses no CPU. A parked core
// sleeps at once.
//
// The thread only sequences. Every step is an interface handed in at
// construction (the service wires them to NATS in core.ts; unit tests to
// arrays and a manual clock), so the cycle's rules can be tested one by one
// and the scheduling policy (run_io alternation, polling) changes here alone.
import type { RxFrame } from "@ix/bus";
import type { QueueMetrics } from "./queue-metrics.ts";
import type { TxBatch } from "./tx-batch.ts";
import type { BatchLimit } from "./batch-limit.ts";
import type { CancelTimer, Timers } from "./clock.ts";
import type { PollWindow } from "./poll-window.ts";
import type { CreditHold } from "./credit-hold.ts";

/** Steps 3 and 5: what the thread needs from lib/netstack's Stack. */
export interface CycleStack {
  /** One received frame with the NIC's flow group (see Stack.input). */
  input(frame: Uint8Array, flowGroup: number): void;
  /** Runs due timers. */
  poll(): void;
  /** Earliest time (us) the stack has timer work; Infinity when none. */
  nextDeadline(): number;
}

/** Step 4: the RX ring the NIC fills (RxQueue). */
export interface RxSource {
  readonly length: number;
  shift(): RxFrame | undefined;
  peek(): RxFrame | undefined;
  /**
   * The cycle is done with a frame it shifted (pushed through the stack, or
   * taken by the filter): the ring's reference to its buffer goes back; the
   * stack and the filter retained what they keep.
   */
  done(f: RxFrame): void;
  /** Descriptors freed outside the RX step since the last call (frames a migration took), to credit. */
  takeReleased(): number;
}

/** Step 6: the NIC side. Called at most once per cycle, only when there is something to send. */
export interface TxSink {
  /**
   * `frames`: what the stack transmitted this cycle, valid only during the
   * call (encode them); `credits`: RX descriptors consumed this cycle, to be
   * given back to the NIC (they also let it send the next RX burst);
   * `batchLimit`: B, the most frames the next burst should hold. `frames`
   * and `credits` may be empty/0, not both.
   */
  flush(frames: readonly Uint8Array[], credits: number, batchLimit: number): void;
}

/** Step 1: the app's syscall batches waiting since the last cycle. */
export interface SyscallSource {
  /** Executes them; returns how many calls ran. */
  run(): number;
}

/** Step 2: work that may only run between cycles (migration, IXCP commands). */
export interface ControlPoint {
  run(): void;
  /** Earliest time (us) it has work again: -Infinity for "now", Infinity for none. */
  nextDeadline(): number;
}

/** Step 4's filter (migration): a frame it does not accept is not pushed through the stack (it retains the frame's buffer if it keeps it). */
export interface RxFilter {
  accept(frame: RxFrame): boolean;
  /** After the RX step: sends what the filter diverted this cycle. */
  flush(): void;
}

/** Step 7: the app side. */
export interface EventSink {
  /** Sends this cycle's event conditions with the pending return codes, as one batch. */
  flush(): void;
  /** Event conditions ready for the next cycles (a per-cycle bound was hit); 0 while held for the app. */
  readonly backlog: number;
  /** When held events must leave even if the app has not returned (us); Infinity when none are held. */
  nextDeadline(): number;
}

export interface ElasticThreadParts {
  stack: CycleStack;
  rx: RxSource;
  /** Where the stack's transmit callback put this cycle's frames. */
  txBatch: TxBatch;
  nic: TxSink;
  syscalls: SyscallSource;
  control: ControlPoint;
  events: EventSink;
  rxFilter?: RxFilter;
  /** Microseconds. */
  clock: () => number;
  timers: Timers;
  /** B: at most this many frames per cycle, read at every RX step. */
  batch: BatchLimit;
  /** Where the cycle counts its work (read by metrics and status). */
  stats: CycleStats;
  /** IX's load signals, fed once per busy cycle. */
  metrics: QueueMetrics;
  /** Polling before sleeping (absent: sleep as soon as there is no work). */
  poll?: PollWindow;
  /** When credits may wait for the next TxBurst with frames (absent: every cycle's credits leave at once). */
  credits?: CreditHold;
}

export interface CycleStats {
  /** Cycles that did work (frames or syscalls). */
  cycles: number;
  framesIn: number;
  bytesIn: number;
  framesOut: number;
  bytesOut: number;
}

export const newCycleStats = (): CycleStats => ({
  cycles: 0,
  framesIn: 0,
  bytesIn: 0,
  framesOut: 0,
  bytesOut: 0,
});

export class ElasticThread {
  readonly metrics: QueueMetrics;
  readonly stats: CycleStats;
  private scheduled = false;
  private cancelTimer: CancelTimer | undefined;
  private stopped = false;
  private readonly p: ElasticThreadParts;

  constructor(parts: ElasticThreadParts) {
    this.p = parts;
    this.stats = parts.stats;
    this.metrics = parts.metrics;
  }

  /** Something arrived (frames, syscalls, a command, a migration message): run a cycle soon. */
  wake(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.p.timers.immediate(this.runCycle);
  }

  /** Whether a cycle or a timer wake-up is pending. */
  get sleeping(): boolean {
    return !this.scheduled && this.cancelTimer === undefined;
  }

  /** Whether the next turn is a polling turn (the core spins instead of sleeping). */
  get polling(): boolean {
    return this.p.poll?.polling ?? false;
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }

  /** One cycle (the timers call it; tests may call it directly). */
  readonly runCycle = (): void => {
    this.scheduled = false;
    if (this.stopped) return;
    const p = this.p;
    const start = p.clock();
    let polled = p.poll?.beginTurn(start) ?? 0;
    const calls = p.syscalls.run();
    p.control.run();
    p.stack.poll();
    const b = p.batch.batchSize;
    let processed = 0;
    for (; processed < b; processed++) {
      const f = p.rx.shift();
      if (!f) break;
      this.stats.framesIn++;
      this.stats.bytesIn += f.data.length;
      if (!p.rxFilter || p.rxFilter.accept(f)) p.stack.input(f.data, f.flowGroup);
      p.rx.done(f);
    }
    p.rxFilter?.flush();
    const frames = p.txBatch.frames;
    const sent = frames.length;
    const consumed = processed + p.rx.takeReleased();
    const credits = p.credits ? p.credits.take(consumed, sent > 0, p.rx.length === 0) : consumed;
    if (sent > 0 || credits > 0) {
      this.stats.framesOut += frames.length;
      for (const f of frames) this.stats.bytesOut += f.length;
      p.nic.flush(frames, credits, b);
      p.txBatch.reset();
    }
    p.events.flush();
    const end = p.clock();
    const oldest = p.rx.peek();
    if (processed > 0 || calls > 0) {
      this.stats.cycles++;
      this.metrics.recordCycle(processed, p.rx.length, end - start, oldest ? end - oldest.rxTimeUs : 0);
    }
    if (p.poll) polled += p.poll.endTurn(end, processed > 0 || calls > 0 || sent > 0);
    if (polled > 0) this.metrics.recordPoll(polled);
    this.metrics.tick(end);
    this.scheduleNext(end);
  };

  private scheduleNext(now: number): void {
    // Something that arrived during the cycle (an app's return, a frame) already scheduled the next one.
    if (this.scheduled) return;
    if (this.p.rx.length > 0 || this.p.events.backlog > 0) return this.wake();
    // Polling: another turn right after this event-loop turn's I/O (its timers
    // run in it: step 3 polls the stack's every turn).
    if (this.p.poll?.polling) return this.wake();
    const deadline = Math.min(
      this.p.stack.nextDeadline(),
      this.p.control.nextDeadline(),
      this.p.events.nextDeadline(),
    );
    if (deadline === Infinity) return;
    // Timers coarser than 1 ms would be rounded by setTimeout anyway; a due
    // timer runs in the next cycle right away.
    const delayMs = Math.max(0, (deadline - now) / 1000);
    if (delayMs < 0.05) return this.wake();
    this.cancelTimer = this.p.timers.after(Math.ceil(delayMs), () => {
      this.cancelTimer = undefined;
      this.wake();
    });
  }
}
