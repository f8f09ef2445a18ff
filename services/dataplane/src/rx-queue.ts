// The core's software view of its RX ring: frames the NIC delivered and the
// cycle has not yet pushed through the stack. Its size never exceeds the
// ring's descriptor count, because the NIC delivers only against credits the
// core gave back, so it needs no bound of its own beyond the array it reuses.
// A frame that finds it full anyway (a NIC that ignored its credits) is
// refused and counted.
//
// Each frame is copied once, on arrival, out of the NATS message into an mbuf
// of the core's pool (mbuf-pool.ts), so what the core keeps is bounded by the
// pool's budget and never pins a message or the socket read buffer the
// message is a view of. Measured both ways (bench/mbufs.bench.ts, `npm run
// bench -- --only mbufs`, 2-CPU VM at load average 8-10, RxBursts of 64):
// the copy costs more CPU, 336-416 vs 241-290 ns per 130 B frame and 222-357
// vs 136-197 ns per 1514 B frame including the decode (well under 1% of a
// request's cost through the cluster), but a frame held for a slow app pins
// one 2048 B mbuf instead of 12.4 kB (130 B frames) or 148 kB (MTU frames) of
// NATS read buffer, 6x to 72x more, in memory no budget of message bytes can
// see. Bounded memory is what issue 15 asks for, so the copy stays. The ring
// holds one reference per frame, given back by done() once the cycle has
// pushed the frame through the stack (which retains what it keeps). A frame
// that finds the pool exhausted is dropped (counted by the pool) and its
// descriptor credited back to the NIC at once, as a consumed one.
import type { RxFrame } from "@ix/bus";
import type { MbufPool } from "./mbuf-pool.ts";

export class RxQueue {
  private items: (RxFrame | undefined)[];
  private head = 0;
  private count = 0;
  /** Frames refused because the ring was full. */
  dropped = 0;
  /** Frames taken out by extract() or dropped for want of an mbuf since the last takeReleased(): their descriptors are owed to the NIC. */
  private released = 0;

  private readonly mbufs: MbufPool;

  constructor(capacity: number, mbufs: MbufPool) {
    this.items = new Array(capacity);
    this.mbufs = mbufs;
  }

  get length(): number {
    return this.count;
  }

  get capacity(): number {
    return this.items.length;
  }

  /**
   * Copies `f.data` into an mbuf (f.data becomes the copy) and appends `f`.
   * False when the ring is full (counted in `dropped`) or the pool has no
   * buffer for it (counted by the pool; its descriptor is credited back).
   */
  push(f: RxFrame): boolean {
    if (this.count === this.items.length) {
      this.dropped++;
      return false;
    }
    const data = this.mbufs.copyIn(f.data, "rx");
    if (data === null) {
      this.released++;
      return false;
    }
    f.data = data;
    this.store(f);
    return true;
  }

  /** The cycle is done with a frame it took (shift, extract): the ring's reference to its mbuf goes back. */
  done(f: RxFrame): void {
    this.mbufs.release(f.data);
  }

  /** Puts a frame already in an mbuf (holding the ring's reference) at the tail. */
  private store(f: RxFrame): void {
    this.items[(this.head + this.count) % this.items.length] = f;
    this.count++;
  }

  shift(): RxFrame | undefined {
    if (this.count === 0) return undefined;
    const f = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) % this.items.length;
    this.count--;
    return f;
  }

  peek(): RxFrame | undefined {
    return this.count === 0 ? undefined : this.items[this.head];
  }

  /** Removes and returns the frames of the given flow groups, in order (migration; each still holds the ring's reference: done() it). */
  extract(groups: ReadonlySet<number>): RxFrame[] {
    const kept: RxFrame[] = [];
    const taken: RxFrame[] = [];
    for (let f = this.shift(); f; f = this.shift()) (groups.has(f.flowGroup) ? taken : kept).push(f);
    // Kept frames were all in the ring a moment ago: they fit again.
    for (const f of kept) this.store(f);
    this.released += taken.length;
    return taken;
  }

  /** Descriptors freed outside the RX step (extract(), mbuf drops) since the last call (the cycle credits them at step 6). */
  takeReleased(): number {
    const n = this.released;
    this.released = 0;
    return n;
  }
}
