// IX's per-core load signals (SoCC 2015, ixcp.py), computed over fixed 10 ms
// windows: exponential moving averages of the queue size (frames processed
// plus frames still waiting, per cycle) with alpha 0.5, 0.25 and 0.125, the
// idle fraction, the mean batch size, the mean cycle duration and the queuing
// delay (age of the oldest waiting frame). IXCP steps cores on these. The
// poll fraction (time spent polling without work, poll-window.ts) is not
// work, so it is not taken off the idle fraction; IXCP's power model adds it.
//
// Idle time. In IX an elastic thread does all of its work inside its cycle,
// so "not in a cycle" is idle. Here a core is a Node process and most of its
// CPU goes outside the cycle: reading and decoding the RxBursts and
// SyscallBatches that arrive (NATS I/O callbacks), the socket writes of what
// the cycle published, timers, garbage collection. Measured by cycle
// durations alone, a core that took 30% of a CPU read 0.94-1.0 idle and IXCP
// stepped down too early. So the service measures the core's busy time as
// the CPU time of its thread (process.threadCpuUsage: every callback,
// microtask and GC pause on it), and the polled time, CPU spent but not on
// work, goes back to idle. Not the event loop's utilization: that counts
// wall time in callbacks, so on a shared machine a callback's time waiting
// for a CPU reads as work (measured: busy 0.38 for a core at 0.09 CPU, at
// load average 45). Unit tests on a manual clock give no CPU clock and get
// the cycle sum.
export const EMA_ALPHAS = [0.5, 0.25, 0.125] as const;
export const WINDOW_US = 10_000;

/**
 * Cumulative CPU microseconds of the core's thread since some fixed origin;
 * only differences are used. See `threadCpuUs` in clock.ts.
 */
export type BusyClock = () => number;

export interface WindowSnapshot {
  queueEma: [number, number, number];
  idleFraction: number;
  /** Fraction of the window spent polling without work (part of the idle fraction). */
  pollFraction: number;
  batchSize: number;
  cycleUs: number;
  queuingDelayUs: number;
  cyclesPerSecond: number;
}

export class QueueMetrics {
  readonly ema: [number, number, number] = [0, 0, 0];
  private windowStart: number;
  private cycles = 0;
  private queueSum = 0;
  private framesSum = 0;
  /** Sum of this window's cycle durations (us): the mean cycle time, and busy time without a loop clock. */
  private cycleUs = 0;
  private pollUs = 0;
  private readonly busyCpuUs: BusyClock | undefined;
  /** busyCpuUs() when the previous window(s) closed, and the clock's time then (us). */
  private busyAtClose = 0;
  private busyReadAtUs: number;
  private maxDelayUs = 0;
  last: WindowSnapshot = {
    queueEma: [0, 0, 0],
    idleFraction: 1,
    pollFraction: 0,
    batchSize: 0,
    cycleUs: 0,
    queuingDelayUs: 0,
    cyclesPerSecond: 0,
  };

  /**
   * `nowUs`: the clock's time now (the first window starts here).
   * `busyCpuUs`: the thread's cumulative CPU time; when given, the idle
   * fraction is 1 - (CPU time - time polled without work) / wall time over
   * the windows that closed, else the time outside cycles.
   */
  constructor(nowUs: number, busyCpuUs?: BusyClock) {
    this.windowStart = this.busyReadAtUs = nowUs;
    this.busyCpuUs = busyCpuUs;
    if (busyCpuUs) this.busyAtClose = busyCpuUs();
  }

  /** Records one cycle: frames processed, frames left waiting, how long it ran, oldest frame's age. */
  recordCycle(processed: number, backlog: number, durationUs: number, oldestAgeUs: number): void {
    this.cycles++;
    this.queueSum += processed + backlog;
    this.framesSum += processed;
    this.cycleUs += durationUs;
    if (oldestAgeUs > this.maxDelayUs) this.maxDelayUs = oldestAgeUs;
  }

  /** Records `us` microseconds spent polling without work (poll-window.ts). */
  recordPoll(us: number): void {
    this.pollUs += us;
  }

  /**
   * Closes every 10 ms window that has ended by `nowUs`; returns true when at
   * least one closed. Windows without cycles count as idle with queue size 0.
   */
  tick(nowUs: number): boolean {
    if (nowUs - this.windowStart < WINDOW_US) return false;
    const closes = Math.floor((nowUs - this.windowStart) / WINDOW_US);
    // Without a loop clock: the first window closed gets this window's cycle
    // time, later ones (no cycle ran in them) are idle.
    let idleFraction = Math.max(0, 1 - this.cycleUs / WINDOW_US);
    let pollFraction = Math.min(1, this.pollUs / WINDOW_US);
    if (this.busyCpuUs) {
      // The CPU time is read once per close, not per cycle, so the windows
      // closed by this call share the fraction measured since the previous
      // read (polled time was counted over the same span).
      const active = this.busyCpuUs();
      const spanUs = Math.max(1, nowUs - this.busyReadAtUs);
      const workUs = Math.max(0, active - this.busyAtClose - this.pollUs);
      idleFraction = Math.min(1, Math.max(0, 1 - workUs / spanUs));
      pollFraction = Math.min(1, this.pollUs / spanUs);
      this.busyAtClose = active;
      this.busyReadAtUs = nowUs;
    }
    const shared = this.busyCpuUs !== undefined;
    for (let k = 0; k < closes; k++) {
      const sample = this.cycles > 0 ? this.queueSum / this.cycles : 0;
      for (let i = 0; i < EMA_ALPHAS.length; i++) {
        this.ema[i] = EMA_ALPHAS[i] * sample + (1 - EMA_ALPHAS[i]) * this.ema[i];
      }
      this.last = {
        queueEma: [this.ema[0], this.ema[1], this.ema[2]],
        idleFraction: k === 0 || shared ? idleFraction : 1,
        pollFraction: k === 0 || shared ? pollFraction : 0,
        batchSize: this.cycles > 0 ? this.framesSum / this.cycles : 0,
        cycleUs: this.cycles > 0 ? this.cycleUs / this.cycles : 0,
        queuingDelayUs: this.maxDelayUs,
        cyclesPerSecond: this.cycles * (1_000_000 / WINDOW_US),
      };
      this.windowStart += WINDOW_US;
      this.cycles = this.queueSum = this.framesSum = this.cycleUs = this.pollUs = this.maxDelayUs = 0;
    }
    return true;
  }
}
