// Waking the generator at a send's due time without spinning.
//
// Node's timers have millisecond granularity: a setTimeout aimed at a send due
// in 300 us fires 1-2 ms late, more than the default late slack (500 us). The
// old ticker therefore spun on setImmediate near due times and kept a CPU busy
// -- a CPU taken from the cluster it measured (issue 13, "a fair instrument").
// Here a helper thread sleeps in Atomics.wait, whose timeout has sub-millisecond
// precision (a futex), and wakes the main thread with one message when the due
// time comes; the main thread sleeps in epoll meanwhile. Both threads sleep
// between wakes, and one wake sends everything that is due, so the wake rate
// stays bounded by the threads' wake latency however high the offered rate.

import { Worker } from "node:worker_threads";

/** Wakes its owner once at (or just after) an armed time; re-arming replaces the time. */
export interface Waker {
  /** Calls the owner's onWake once, at or after `atUs` (microseconds on the monotonicUs clock). */
  arm(atUs: number): void;
  /** Cancels a pending wake; the owner's process may exit while disarmed. */
  disarm(): void;
  /** Stops the helper for good. */
  close(): void;
}

/** Builds a waker that calls `onWake` (the runner's scheduler tick). */
export type WakerFactory = (onWake: () => void) => Waker;

/** Shared-memory layout between the main thread and the helper (see precise-wake-worker.ts). */
export const WAKE_SEQ = 0; // Int32 index: bumped on every arm/disarm/close (the futex word)
export const WAKE_STOP = 1; // Int32 index: 1 once closed
export const WAKE_DUE_OFFSET = 8; // byte offset of one Float64: due time in hrtime ms, Infinity = disarmed

const hrtimeMs = (): number => {
  const [s, ns] = process.hrtime();
  return s * 1e3 + ns / 1e6;
};

/**
 * A waker whose helper thread sleeps until the due time (Atomics.wait, sub-ms
 * precision) and then posts one message to the main thread. `atUs` must be on
 * the monotonicUs clock (performance.now() * 1000); the helper compares against
 * process.hrtime(), which the offset measured here maps it to.
 */
export const preciseWaker: WakerFactory = (onWake) => {
  const shared = new SharedArrayBuffer(16);
  const ctl = new Int32Array(shared, 0, 2);
  const due = new Float64Array(shared, WAKE_DUE_OFFSET, 1);
  due[0] = Infinity;
  const worker = new Worker(new URL("./precise-wake-worker.ts", import.meta.url), { workerData: shared });
  worker.on("message", onWake);
  worker.on("error", (err) => {
    // Without its clock the generator cannot keep its schedule: fail loudly, never silently slow.
    throw new Error(`ixload: wake thread failed: ${err.message}`);
  });
  worker.unref();
  let armed = false;
  // performance.now() and process.hrtime() are both CLOCK_MONOTONIC; only their origins differ.
  const offsetMs = hrtimeMs() - performance.now();
  const signal = (): void => {
    Atomics.add(ctl, WAKE_SEQ, 1);
    Atomics.notify(ctl, WAKE_SEQ);
  };
  return {
    arm(atUs) {
      due[0] = atUs / 1000 + offsetMs;
      signal();
      // Keep the process alive while a wake is pending (a run with no open socket still ends).
      if (!armed) worker.ref();
      armed = true;
    },
    disarm() {
      due[0] = Infinity;
      signal();
      if (armed) worker.unref();
      armed = false;
    },
    close() {
      Atomics.store(ctl, WAKE_STOP, 1);
      due[0] = Infinity;
      signal();
      worker.unref();
      void worker.terminate();
    },
  };
};
