// The core's software view of its RX ring: frames the NIC delivered and the
// cycle has not yet pushed through the stack. Its size never exceeds the
// ring's descriptor count, because the NIC delivers only against credits the
// core gave back, so it needs no bound of its own beyond the array it reuses.
// A frame that finds it full anyway (a NIC that ignored its credits) is
// refused and counted.
import type { RxFrame } from "@ix/bus";

export class RxQueue {
  private items: (RxFrame | undefined)[];
  private head = 0;
  private count = 0;
  /** Frames refused because the ring was full. */
  dropped = 0;
  /** Frames taken out by extract() since the last takeReleased(): their descriptors are owed to the NIC. */
  private released = 0;

  constructor(capacity: number) {
    this.items = new Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  get capacity(): number {
    return this.items.length;
  }

  /** Appends `f`; returns false (and counts a drop) if the ring is already full. */
  push(f: RxFrame): boolean {
    if (this.count === this.items.length) {
      this.dropped++;
      return false;
    }
    this.items[(this.head + this.count) % this.items.length] = f;
    this.count++;
    return true;
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

  /** Removes and returns the frames of the given flow groups, in order (migration). */
  extract(groups: ReadonlySet<number>): RxFrame[] {
    const kept: RxFrame[] = [];
    const taken: RxFrame[] = [];
    for (let f = this.shift(); f; f = this.shift()) (groups.has(f.flowGroup) ? taken : kept).push(f);
    // Kept frames were all in the ring a moment ago: they fit again.
    for (const f of kept) this.push(f);
    this.released += taken.length;
    return taken;
  }

  /** Descriptors freed by extract() since the last call (the cycle credits them at step 6). */
  takeReleased(): number {
    const n = this.released;
    this.released = 0;
    return n;
  }
}
