// A fixed-capacity FIFO of doubles (scheduled send times, expected sizes). The
// open loop pushes and shifts on every request, so it must not allocate.

export class Float64Ring {
  private readonly items: Float64Array;
  private head = 0;
  private count = 0;

  constructor(capacity: number) {
    if (!(capacity >= 1)) throw new RangeError(`ring capacity must be >= 1, got ${capacity}`);
    this.items = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  get capacity(): number {
    return this.items.length;
  }

  /** Appends; returns false (and stores nothing) when full. */
  push(value: number): boolean {
    if (this.count === this.items.length) return false;
    this.items[(this.head + this.count) % this.items.length] = value;
    this.count++;
    return true;
  }

  /** Removes and returns the oldest value; NaN when empty. */
  shift(): number {
    if (this.count === 0) return NaN;
    const value = this.items[this.head];
    this.head = (this.head + 1) % this.items.length;
    this.count--;
    return value;
  }

  peek(): number {
    return this.count === 0 ? NaN : this.items[this.head];
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
  }
}
