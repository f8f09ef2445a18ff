// Time as the dataplane core sees it: a microsecond clock and the two ways a
// core schedules itself (run soon, run after a delay). The service uses
// Node's event loop; unit tests pass a manual implementation and drive every
// cycle by hand, so "no timer when idle" is something a test can assert.

/** Wall-clock microseconds (the unit of RX timestamps, timers and metrics). */
export const clockUs = (): number => performance.timeOrigin * 1000 + performance.now() * 1000;

/**
 * Cumulative CPU microseconds of this thread (user + system) since it
 * started: process.threadCpuUsage(). What QueueMetrics counts as a core's
 * busy time.
 */
export const threadCpuUs = (): number => {
  const u = process.threadCpuUsage();
  return u.user + u.system;
};

/** Undoes one schedule call. */
export type CancelTimer = () => void;

export interface Timers {
  /** Runs `fn` after the current event-loop turn (Node's setImmediate). */
  immediate(fn: () => void): void;
  /** Runs `fn` after `ms` milliseconds; the returned function cancels it. */
  after(ms: number, fn: () => void): CancelTimer;
}

/** The event loop's timers. */
export const nodeTimers: Timers = {
  immediate: (fn) => void setImmediate(fn),
  after: (ms, fn) => {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};
