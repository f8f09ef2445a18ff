// A seeded impairment stage for a simulated link: loss, duplication,
// reordering, bit corruption, delay and jitter (the kernel here has no netem).
// Frames go in with push(), come out of pop() when their time has come; the
// same seed and the same pushes give the same delivery trace.
import type { Rng } from "./rng.ts";

export interface FaultConfig {
  loss: number;
  duplicate: number;
  reorder: number;
  corrupt: number;
  delayUs: number;
  jitterUs: number;
}

export interface FaultCounters {
  /** Frames accepted for delivery (pushed and not lost; duplicates not included). */
  passed: number;
  lost: number;
  duplicated: number;
  reordered: number;
  corrupted: number;
}

/**
 * A reordered frame is held until the next frame pushed has been scheduled and
 * goes out right after it; if no frame follows, it leaves this long after its
 * normal delivery time.
 */
export const REORDER_HOLD_US = 1000;

interface Pending {
  frame: Uint8Array;
  time: number;
  /** Tie-break among equal times: push order, with duplicates and released frames in between. */
  order: number;
}

const DEFAULTS: FaultConfig = { loss: 0, duplicate: 0, reorder: 0, corrupt: 0, delayUs: 0, jitterUs: 0 };

function before(a: Pending, b: Pending): boolean {
  return a.time < b.time || (a.time === b.time && a.order < b.order);
}

export class FaultInjector {
  config: FaultConfig = { ...DEFAULTS };
  readonly counters: FaultCounters = { passed: 0, lost: 0, duplicated: 0, reordered: 0, corrupted: 0 };
  private readonly rng: Rng;
  private readonly heap: Pending[] = [];
  private held: Pending[] = [];
  private seq = 0;

  constructor(cfg: Partial<FaultConfig>, rng: Rng) {
    this.rng = rng;
    this.set(cfg);
  }

  /** Changes some settings; throws RangeError on a probability outside [0,1] or a negative time. */
  set(cfg: Partial<FaultConfig>): void {
    const next = { ...this.config, ...cfg };
    for (const k of ["loss", "duplicate", "reorder", "corrupt"] as const) {
      if (!(next[k] >= 0 && next[k] <= 1)) throw new RangeError(`fault ${k} must be in [0,1]`);
    }
    if (!(next.delayUs >= 0) || !(next.jitterUs >= 0)) throw new RangeError("fault delays must be >= 0");
    this.config = next;
  }

  /**
   * Schedules `frame`. The injector keeps a reference until delivery (only a
   * corrupted frame or a duplicate is a copy), so the caller must not reuse
   * the buffer meanwhile.
   */
  push(frame: Uint8Array, nowUs: number): void {
    const c = this.config;
    const rng = this.rng;
    // Every draw is taken on every push, so one setting does not shift the others' random stream.
    const lossDraw = rng.next();
    const corruptDraw = rng.next();
    const dupDraw = rng.next();
    const reorderDraw = rng.next();
    const jitter = c.jitterUs > 0 ? rng.int(c.jitterUs + 1) : 0;
    if (lossDraw < c.loss) {
      this.counters.lost++;
      return;
    }
    this.counters.passed++;
    let f = frame;
    if (corruptDraw < c.corrupt && frame.length > 0) {
      f = frame.slice();
      const bit = rng.int(f.length * 8);
      f[bit >> 3] ^= 0x80 >> (bit & 7);
      this.counters.corrupted++;
    }
    const order = this.seq++;
    const entry: Pending = { frame: f, time: nowUs + c.delayUs + jitter, order };
    if (dupDraw < c.duplicate) {
      this.counters.duplicated++;
      this.insert({ frame: f.slice(), time: entry.time, order: order + 0.25 });
    }
    // Frames held back by earlier pushes now leave right after this one.
    const released = this.held;
    this.held = [];
    for (let k = 0; k < released.length; k++) {
      const h = released[k];
      this.insert({
        frame: h.frame,
        time: Math.max(h.time, entry.time),
        order: order + 0.5 + (0.5 * k) / released.length,
      });
    }
    if (reorderDraw < c.reorder) {
      this.counters.reordered++;
      this.held.push(entry);
    } else {
      this.insert(entry);
    }
  }

  /** Calls `out` for every frame due at `nowUs`, in delivery order. */
  pop(nowUs: number, out: (frame: Uint8Array) => void): void {
    if (this.held.length > 0) this.releaseExpiredHeld(nowUs);
    while (this.heap.length > 0 && this.heap[0].time <= nowUs) out(this.removeTop().frame);
  }

  /** Earliest time pop() will deliver something, or Infinity when nothing is pending. */
  nextDeadline(): number {
    let t = this.heap.length > 0 ? this.heap[0].time : Infinity;
    for (const h of this.held) t = Math.min(t, h.time + REORDER_HOLD_US);
    return t;
  }

  /** Frames waiting for delivery. */
  get pending(): number {
    return this.heap.length + this.held.length;
  }

  private releaseExpiredHeld(nowUs: number): void {
    const keep: Pending[] = [];
    for (const h of this.held) {
      if (h.time + REORDER_HOLD_US <= nowUs) {
        this.insert({ frame: h.frame, time: h.time + REORDER_HOLD_US, order: h.order });
      } else {
        keep.push(h);
      }
    }
    this.held = keep;
  }

  private insert(p: Pending): void {
    const a = this.heap;
    let i = a.length;
    a.push(p);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(p, a[parent])) break;
      a[i] = a[parent];
      i = parent;
    }
    a[i] = p;
  }

  private removeTop(): Pending {
    const a = this.heap;
    const top = a[0];
    const last = a.pop() as Pending;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const m = r < a.length && before(a[r], a[l]) ? r : l;
        if (!before(a[m], last)) break;
        a[i] = a[m];
        i = m;
      }
      a[i] = last;
    }
    return top;
  }
}
