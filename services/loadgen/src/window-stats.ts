// Counters and the latency histogram of one measurement window (a fixed run,
// one sweep step, or one time bucket of a pattern), plus running totals that
// the progress bar and /metrics read.

import { newLatencyHistogram, recordLatencyUs, type Histogram } from "./histogram.ts";

export class WindowStats {
  readonly startUs: number;
  endUs: number;
  /** Sends the schedule asked for in this window (the offered load). */
  scheduled = 0;
  sent = 0;
  /** Responses received in this window (the achieved load), errors included. */
  completed = 0;
  errors = 0;
  /** Sends that came due while the connection was at depth or the loop ran late. */
  late = 0;
  /** Of `late`, those noticed late with a slot free: the generator's own lag, not the server's. */
  lagged = 0;
  /** Due sends thrown away because a connection's backlog was full (or it had died). */
  dropped = 0;
  /** Integral of the target rate over the window (requests), for the mean target. */
  targetRequests = 0;
  readonly histogram: Histogram = newLatencyHistogram();

  constructor(startUs: number) {
    this.startUs = startUs;
    this.endUs = startUs;
  }
}

export interface Totals {
  scheduled: number;
  sent: number;
  completed: number;
  errors: number;
  late: number;
  lagged: number;
  dropped: number;
}

/** Where connections record: the current window and the run's totals. */
export class Recorder {
  window: WindowStats;
  readonly totals: Totals = {
    scheduled: 0,
    sent: 0,
    completed: 0,
    errors: 0,
    late: 0,
    lagged: 0,
    dropped: 0,
  };
  /** An extra per-latency hook (the Prometheus histogram); null keeps the hot path lean. */
  observer: ((latencyUs: number) => void) | null = null;
  /** When the current window ends (us); a response arriving later first calls onBoundary. */
  boundaryUs = Infinity;
  onBoundary: ((nowUs: number) => void) | null = null;

  constructor(startUs: number) {
    this.window = new WindowStats(startUs);
  }

  scheduled(): void {
    this.window.scheduled++;
    this.totals.scheduled++;
  }

  sent(): void {
    this.window.sent++;
    this.totals.sent++;
  }

  late(): void {
    this.window.late++;
    this.totals.late++;
  }

  lagged(): void {
    this.window.lagged++;
    this.totals.lagged++;
  }

  dropped(): void {
    this.window.dropped++;
    this.totals.dropped++;
  }

  /** A request that failed without a response (its connection died). */
  failed(): void {
    this.window.errors++;
    this.totals.errors++;
  }

  /** A response that arrived at `nowUs`, `latencyUs` after its scheduled send. */
  response(latencyUs: number, isError: boolean, nowUs: number): void {
    if (nowUs >= this.boundaryUs && this.onBoundary !== null) this.onBoundary(nowUs);
    const w = this.window;
    w.completed++;
    this.totals.completed++;
    if (isError) {
      w.errors++;
      this.totals.errors++;
    }
    recordLatencyUs(w.histogram, latencyUs);
    if (this.observer !== null) this.observer(latencyUs);
  }
}
