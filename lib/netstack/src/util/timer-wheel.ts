// A hierarchical timer wheel driven by explicit time (no setTimeout): four
// levels of 256 slots each, then an overflow list. With the default 16 us tick
// the levels span 4 ms, 1 s, 4.5 min and 19 h. Timers never fire early and at
// most one tick late. advance() jumps straight to the next occupied slot, so a
// long idle stretch costs a few slot scans rather than one step per tick.
//
// Each level holds timers whose deadline lies in the current block of the
// level above, at slots after the current one; entering a new block cascades
// that block's slot down a level. Entries are pooled and ids carry a
// generation, so schedule/cancel do not allocate once the pool is warm and a
// stale id is harmless.

export type TimerId = number;

const SLOTS = 256;
const LEVELS = 4;
/** SPAN[l]: ticks covered by one slot of level l; SPAN[LEVELS]: the whole wheel. */
const SPAN = [1, 256, 65536, 16777216, 4294967296];
const OVERFLOW = LEVELS * SLOTS;
const FREE = -1;
const FIRING = -2;
const INDEX_SPAN = 2 ** 24;

interface Entry<T> {
  index: number;
  gen: number;
  tick: number;
  item: T | undefined;
  prev: Entry<T> | null;
  next: Entry<T> | null;
  /** Slot list (level * 256 + slot, or OVERFLOW), FREE or FIRING. */
  list: number;
}

export class TimerWheel<T> {
  private readonly tickUs: number;
  /** The next tick to process: every timer with an earlier tick has fired. */
  private cur: number;
  private readonly heads: (Entry<T> | null)[] = new Array(OVERFLOW + 1).fill(null);
  private readonly counts: number[] = new Array(LEVELS + 1).fill(0);
  private readonly entries: Entry<T>[] = [];
  private readonly freeList: number[] = [];
  private readonly batch: Entry<T>[] = [];
  private readonly batchGen: number[] = [];
  private firing = false;
  private live = 0;

  constructor(nowUs: number, tickUs = 16) {
    if (!(tickUs > 0)) throw new RangeError("tickUs must be > 0");
    this.tickUs = tickUs;
    this.cur = Math.floor(nowUs / tickUs);
  }

  /** Pending timers. */
  get size(): number {
    return this.live;
  }

  /** Arms a timer; a deadline in the past fires on the next advance(). */
  schedule(deadlineUs: number, item: T): TimerId {
    const e = this.allocEntry();
    e.tick = Math.max(Math.ceil(deadlineUs / this.tickUs), this.cur);
    e.item = item;
    this.place(e);
    this.live++;
    return e.gen * INDEX_SPAN + e.index;
  }

  /** Disarms a timer; unknown, fired or already cancelled ids are ignored. */
  cancel(id: TimerId): void {
    const e = this.entries[id % INDEX_SPAN];
    if (e === undefined || e.gen !== Math.floor(id / INDEX_SPAN) || e.list === FREE) return;
    if (e.list !== FIRING) this.unlink(e);
    this.freeEntry(e);
    this.live--;
  }

  /** Fires, in deadline order, every timer due at `nowUs`. Not reentrant from `fire`. */
  advance(nowUs: number, fire: (item: T) => void): void {
    if (this.firing) throw new Error("TimerWheel.advance called from a timer callback");
    const target = Math.floor(nowUs / this.tickUs);
    while (this.cur <= target) {
      if (this.counts[0] > 0) {
        const t = this.cur - (this.cur % SLOTS) + this.firstSlot(0, this.cur % SLOTS);
        if (t > target) break;
        this.fireSlot(t, fire);
        continue;
      }
      const t = this.nextCascadeTick();
      if (t > target) break;
      this.moveTo(t);
    }
    if (this.cur <= target) this.moveTo(target + 1);
  }

  /** The earliest time at which advance() will fire something, or Infinity. */
  nextDeadline(): number {
    if (this.live === 0) return Infinity;
    if (this.counts[0] > 0) {
      return (this.cur - (this.cur % SLOTS) + this.firstSlot(0, this.cur % SLOTS)) * this.tickUs;
    }
    let list = OVERFLOW;
    for (let l = 1; l < LEVELS; l++) {
      if (this.counts[l] > 0) {
        list = l * SLOTS + this.firstSlot(l, (Math.floor(this.cur / SPAN[l]) % SLOTS) + 1);
        break;
      }
    }
    let min = Infinity;
    for (let e = this.heads[list]; e !== null; e = e.next) min = Math.min(min, e.tick);
    return min * this.tickUs;
  }

  /** Tick of the next slot that must cascade when no level-0 timer is pending (Infinity if none). */
  private nextCascadeTick(): number {
    for (let l = 1; l < LEVELS; l++) {
      if (this.counts[l] === 0) continue;
      const s = this.firstSlot(l, (Math.floor(this.cur / SPAN[l]) % SLOTS) + 1);
      return Math.floor(this.cur / SPAN[l + 1]) * SPAN[l + 1] + s * SPAN[l];
    }
    if (this.counts[LEVELS] > 0) return (Math.floor(this.cur / SPAN[LEVELS]) + 1) * SPAN[LEVELS];
    return Infinity;
  }

  /** First occupied slot of level l at index >= from (the invariants guarantee one exists). */
  private firstSlot(l: number, from: number): number {
    const base = l * SLOTS;
    for (let s = from; s < SLOTS; s++) if (this.heads[base + s] !== null) return s;
    throw new Error("TimerWheel invariant broken: counted level has no occupied slot");
  }

  private fireSlot(t: number, fire: (item: T) => void): void {
    const list = t % SLOTS;
    const batch = this.batch;
    const gens = this.batchGen;
    for (let e = this.heads[list]; e !== null; e = e.next) {
      batch.push(e);
      gens.push(e.gen);
      e.list = FIRING;
    }
    this.heads[list] = null;
    this.counts[0] -= batch.length;
    this.moveTo(t + 1);
    this.firing = true;
    try {
      for (let i = 0; i < batch.length; i++) {
        const e = batch[i];
        if (e.gen !== gens[i] || e.list !== FIRING) continue; // cancelled by an earlier callback
        const item = e.item as T;
        this.freeEntry(e);
        this.live--;
        fire(item);
      }
    } finally {
      this.firing = false;
      // Entries not reached because a callback threw go back on the wheel for the next advance.
      for (let i = 0; i < batch.length; i++) {
        const e = batch[i];
        if (e.gen === gens[i] && e.list === FIRING) {
          e.tick = this.cur;
          this.place(e);
        }
      }
      batch.length = 0;
      gens.length = 0;
    }
  }

  /** Sets the current tick and cascades every level whose block starts exactly there. */
  private moveTo(t: number): void {
    this.cur = t;
    for (let l = LEVELS; l >= 1; l--) {
      if (t % SPAN[l] !== 0) continue;
      const list = l === LEVELS ? OVERFLOW : l * SLOTS + (Math.floor(t / SPAN[l]) % SLOTS);
      let e = this.heads[list];
      if (e === null) continue;
      this.heads[list] = null;
      while (e !== null) {
        const next: Entry<T> | null = e.next;
        this.counts[l]--;
        this.place(e);
        e = next;
      }
    }
  }

  private place(e: Entry<T>): void {
    const d = e.tick;
    let list = OVERFLOW;
    let level = LEVELS;
    for (let l = 0; l < LEVELS; l++) {
      if (Math.floor(d / SPAN[l + 1]) === Math.floor(this.cur / SPAN[l + 1])) {
        list = l * SLOTS + (Math.floor(d / SPAN[l]) % SLOTS);
        level = l;
        break;
      }
    }
    const head = this.heads[list];
    e.prev = null;
    e.next = head;
    if (head !== null) head.prev = e;
    this.heads[list] = e;
    e.list = list;
    this.counts[level]++;
  }

  private unlink(e: Entry<T>): void {
    if (e.prev !== null) e.prev.next = e.next;
    else this.heads[e.list] = e.next;
    if (e.next !== null) e.next.prev = e.prev;
    this.counts[e.list === OVERFLOW ? LEVELS : Math.floor(e.list / SLOTS)]--;
    e.prev = null;
    e.next = null;
  }

  private allocEntry(): Entry<T> {
    const index = this.freeList.pop();
    if (index !== undefined) return this.entries[index];
    if (this.entries.length >= INDEX_SPAN) throw new RangeError("TimerWheel: too many timers");
    const e: Entry<T> = {
      index: this.entries.length,
      gen: 0,
      tick: 0,
      item: undefined,
      prev: null,
      next: null,
      list: FREE,
    };
    this.entries.push(e);
    return e;
  }

  private freeEntry(e: Entry<T>): void {
    e.gen++;
    e.item = undefined;
    e.list = FREE;
    e.prev = null;
    e.next = null;
    this.freeList.push(e.index);
  }
}
