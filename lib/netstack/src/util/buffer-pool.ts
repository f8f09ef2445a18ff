// A fixed budget of fixed-size frame buffers carved from one ArrayBuffer, like
// IX's mbuf pools: memory use is bounded up front, and running out is an
// answer (null, counted) rather than a growth.

export class BufferPool {
  readonly size: number;
  readonly count: number;
  /** Times alloc() found the pool empty. */
  exhaustions = 0;
  private readonly backing: ArrayBuffer;
  private readonly views: Uint8Array[] = [];
  private readonly freeStack: Int32Array;
  private freeTop: number;
  private readonly taken: Uint8Array;

  constructor(count: number, size = 2048) {
    if (!Number.isInteger(count) || count <= 0)
      throw new RangeError("BufferPool count must be a positive integer");
    if (!Number.isInteger(size) || size <= 0)
      throw new RangeError("BufferPool size must be a positive integer");
    this.count = count;
    this.size = size;
    this.backing = new ArrayBuffer(count * size);
    this.freeStack = new Int32Array(count);
    this.taken = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      this.views.push(new Uint8Array(this.backing, i * size, size));
      // Low indices on top, so a fresh pool hands buffers out in address order.
      this.freeStack[i] = count - 1 - i;
    }
    this.freeTop = count;
  }

  /** Buffers ready for alloc(). */
  get available(): number {
    return this.freeTop;
  }

  get inUse(): number {
    return this.count - this.freeTop;
  }

  /** A full-size buffer (contents undefined: whatever its last user left), or null when exhausted. */
  alloc(): Uint8Array | null {
    if (this.freeTop === 0) {
      this.exhaustions++;
      return null;
    }
    const i = this.freeStack[--this.freeTop];
    this.taken[i] = 1;
    return this.views[i];
  }

  /**
   * Returns a buffer (or any subarray of one) to the pool. Freeing a foreign
   * buffer or freeing twice is a caller bug and throws, because either would
   * hand the same memory to two owners later.
   */
  free(buf: Uint8Array): void {
    if (buf.buffer !== this.backing) throw new Error("BufferPool.free: buffer does not belong to this pool");
    const i = Math.floor(buf.byteOffset / this.size);
    if (this.taken[i] !== 1) throw new Error("BufferPool.free: buffer freed twice");
    this.taken[i] = 0;
    this.freeStack[this.freeTop++] = i;
  }
}
