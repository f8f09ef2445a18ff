// One elastic thread: IX's run-to-completion cycle (TOCS 2016, section 4.2).
//   1. execute the app's batched syscalls, return codes in place
//   2. control commands, at this quiescent point
//   3. run due timers
//   4-5. take up to B frames from the RX ring (never waiting for B to fill)
//        and push each through the TCP/IP stack, producing event conditions
//   6. flush TX to the NIC, give consumed descriptors back
//   7. hand the event conditions to the app
// When there is nothing to do the thread schedules nothing: the next frame,
// syscall batch or timer deadline wakes it, so an idle core uses no CPU.
import type { RxFrame } from "@ix/bus";
import { RxQueue } from "./rx-queue.ts";
import { QueueMetrics } from "./queue-metrics.ts";
import { TxArena } from "./tx-arena.ts";

/** What the thread needs from the stack (lib/netstack's Stack provides it). */
export interface CycleStack {
  input(frame: Uint8Array): void;
  poll(): void;
  nextDeadline(): number;
}

/** Where the thread's output goes (NATS in the service, arrays in tests). */
export interface CyclePorts {
  /** Frames the stack transmitted this cycle; valid only during the call (encode them). */
  flushTx(frames: Uint8Array[]): void;
  /** Descriptors consumed this cycle, to be given back to the NIC. */
  returnCredits(n: number): void;
  /** Runs pending syscall batches (step 1); returns how many calls ran. */
  runSyscalls(): number;
  /** Runs pending control commands at the quiescent point (step 2). */
  runControl(): void;
  /** Delivers the cycle's event conditions and syscall return codes (step 7). */
  deliverEvents(): void;
  /** Called by the thread before pushing a frame: false to divert it (migration). */
  accept?(frame: RxFrame): boolean;
  /** After the RX step (migration sends the frames it diverted). */
  afterRx?(): void;
  /** Deadlines the thread must wake for besides the stack's timers. */
  nextDeadline?(): number;
}

export interface CycleStats {
  cycles: number;
  framesIn: number;
  bytesIn: number;
  framesOut: number;
  bytesOut: number;
  rxDropped: number;
}

export class ElasticThread {
  readonly rx: RxQueue;
  readonly metrics: QueueMetrics;
  readonly stats: CycleStats = {
    cycles: 0,
    framesIn: 0,
    bytesIn: 0,
    framesOut: 0,
    bytesOut: 0,
    rxDropped: 0,
  };
  batchSize: number;
  private tx: Uint8Array[] = [];
  private readonly arena = new TxArena();
  private scheduled = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly clock: () => number;
  private readonly stack: CycleStack;
  private readonly ports: CyclePorts;

  constructor(opts: {
    stack: CycleStack;
    ports: CyclePorts;
    clock: () => number;
    batchSize: number;
    ringSize: number;
  }) {
    this.stack = opts.stack;
    this.ports = opts.ports;
    this.clock = opts.clock;
    this.batchSize = opts.batchSize;
    this.rx = new RxQueue(opts.ringSize);
    this.metrics = new QueueMetrics(this.clock());
  }

  /** The stack's transmit callback: frames (borrowed) are kept and flushed once per cycle. */
  readonly transmit = (frame: Uint8Array): void => {
    this.tx.push(this.arena.keep(frame));
  };

  /** A burst from the NIC: frames join the ring; the thread wakes. */
  deliver(frames: Iterable<RxFrame>): void {
    for (const f of frames) {
      if (!this.rx.push(f)) this.stats.rxDropped++;
    }
    this.wake();
  }

  /** Something arrived (syscalls, a command): run a cycle soon. */
  wake(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    setImmediate(this.runCycle);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** One cycle; public so tests can drive it synchronously. */
  readonly runCycle = (): void => {
    this.scheduled = false;
    if (this.stopped) return;
    const start = this.clock();
    const calls = this.ports.runSyscalls();
    this.ports.runControl();
    this.stack.poll();
    let processed = 0;
    for (; processed < this.batchSize; processed++) {
      const f = this.rx.shift();
      if (!f) break;
      this.stats.framesIn++;
      this.stats.bytesIn += f.data.length;
      if (this.ports.accept && !this.ports.accept(f)) continue;
      this.stack.input(f.data);
    }
    if (processed > 0) this.ports.returnCredits(processed);
    this.ports.afterRx?.();
    if (this.tx.length > 0) {
      const frames = this.tx;
      this.tx = [];
      this.stats.framesOut += frames.length;
      for (const f of frames) this.stats.bytesOut += f.length;
      this.ports.flushTx(frames);
      this.arena.reset();
    }
    this.ports.deliverEvents();
    const end = this.clock();
    const oldest = this.rx.peek();
    if (processed > 0 || calls > 0) {
      this.stats.cycles++;
      this.metrics.recordCycle(processed, this.rx.length, end - start, oldest ? end - oldest.rxTimeUs : 0);
    }
    this.metrics.tick(end);
    this.scheduleNext(end);
  };

  private scheduleNext(now: number): void {
    if (this.rx.length > 0) return this.wake();
    const deadline = Math.min(this.stack.nextDeadline(), this.ports.nextDeadline?.() ?? Infinity);
    if (!Number.isFinite(deadline)) return;
    // Timers coarser than 1 ms would be rounded by setTimeout anyway; a due
    // timer runs in the next cycle right away.
    const delayMs = Math.max(0, (deadline - now) / 1000);
    if (delayMs < 0.05) return this.wake();
    this.timer = setTimeout(() => this.wake(), Math.ceil(delayMs));
  }
}
