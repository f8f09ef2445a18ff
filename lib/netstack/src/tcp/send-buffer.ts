// Send buffer: bytes the application handed to sendv() that are not yet
// acknowledged. Kept contiguous (head..tail of one Uint8Array) so a segment is
// always a single slice for the emitter; it grows by doubling (to at most 2*max
// bytes of storage) and compacts lazily, which costs O(1) amortised per byte.
//
// No storage until the first append, and then only what that append needs
// (at least `initial`): a connection that never sends (or sends small
// replies) does not pay 4 kB up front. With 100,000 mostly idle connections
// that up-front buffer was half of each core's resident memory per
// connection (issue 15; bench/connections.bench.ts measures it).

/** The storage of every buffer that has not been written yet (never written to). */
const NO_STORAGE = new Uint8Array(0);

export class SendBuffer {
  buf: Uint8Array = NO_STORAGE;
  head = 0;
  tail = 0;
  readonly max: number;
  /** Size of the first allocation (bytes), raised to what the first append needs. */
  private readonly initial: number;

  constructor(max: number, initial = 256) {
    this.max = max;
    this.initial = Math.max(1, Math.min(initial, max));
  }

  get length(): number {
    return this.tail - this.head;
  }

  get free(): number {
    return this.max - this.length;
  }

  /** Copies as much of `data` as fits; returns the number of bytes taken. */
  append(data: Uint8Array): number {
    const n = Math.min(data.length, this.free);
    if (n === 0) return 0;
    this.reserve(n);
    this.buf.set(n === data.length ? data : data.subarray(0, n), this.tail);
    this.tail += n;
    return n;
  }

  /** Drops `n` acknowledged bytes from the front. */
  consume(n: number): void {
    this.head += Math.min(n, this.length);
    if (this.head === this.tail) this.head = this.tail = 0;
  }

  private reserve(n: number): void {
    if (this.tail + n <= this.buf.length) return;
    const len = this.length;
    if (this.head >= this.buf.length >>> 1) {
      // At least half the buffer was consumed since the last move: sliding the
      // live bytes down is paid for by those consumed bytes.
      this.buf.copyWithin(0, this.head, this.tail);
      this.head = 0;
      this.tail = len;
      if (len + n <= this.buf.length) return;
    }
    // Capacity may reach 2*max so that, once full-sized, the branch above
    // always applies (head >= max whenever an append does not fit).
    let cap = Math.max(this.buf.length * 2, this.initial);
    while (cap < len + n) cap *= 2;
    const next = new Uint8Array(Math.min(cap, 2 * this.max));
    next.set(this.buf.subarray(this.head, this.tail));
    this.buf = next;
    this.head = 0;
    this.tail = len;
  }
}
