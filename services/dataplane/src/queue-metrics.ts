// IX's per-core load signals (SoCC 2015, ixcp.py), computed over fixed 10 ms
// windows: exponential moving averages of the queue size (frames processed
// plus frames still waiting, per cycle) with alpha 0.5, 0.25 and 0.125, the
// idle fraction, the mean batch size, the mean cycle duration and the queuing
// delay (age of the oldest waiting frame). IXCP steps cores on these. The
// poll fraction (time spent polling without work, poll-window.ts) is not
// work, so it is not taken off the idle fraction; IXCP's power model adds it.
export const EMA_ALPHAS = [0.5, 0.25, 0.125] as const;
export const WINDOW_US = 10_000;

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
  private busyUs = 0;
  private pollUs = 0;
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

  constructor(nowUs: number) {
    this.windowStart = nowUs;
  }

  /** Records one cycle: frames processed, frames left waiting, how long it ran, oldest frame's age. */
  recordCycle(processed: number, backlog: number, durationUs: number, oldestAgeUs: number): void {
    this.cycles++;
    this.queueSum += processed + backlog;
    this.framesSum += processed;
    this.busyUs += durationUs;
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
    let closed = false;
    while (nowUs - this.windowStart >= WINDOW_US) {
      const sample = this.cycles > 0 ? this.queueSum / this.cycles : 0;
      for (let i = 0; i < EMA_ALPHAS.length; i++) {
        this.ema[i] = EMA_ALPHAS[i] * sample + (1 - EMA_ALPHAS[i]) * this.ema[i];
      }
      this.last = {
        queueEma: [this.ema[0], this.ema[1], this.ema[2]],
        idleFraction: Math.max(0, 1 - this.busyUs / WINDOW_US),
        pollFraction: Math.min(1, this.pollUs / WINDOW_US),
        batchSize: this.cycles > 0 ? this.framesSum / this.cycles : 0,
        cycleUs: this.cycles > 0 ? this.busyUs / this.cycles : 0,
        queuingDelayUs: this.maxDelayUs,
        cyclesPerSecond: this.cycles * (1_000_000 / WINDOW_US),
      };
      this.windowStart += WINDOW_US;
      this.cycles = this.queueSum = this.framesSum = this.busyUs = this.pollUs = this.maxDelayUs = 0;
      closed = true;
    }
    return closed;
  }
}
