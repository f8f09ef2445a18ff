// Big-endian binary writer/reader for flow-group export and import. These run
// at configuration time (migration), so overruns throw RangeError.

export class ByteWriter {
  private buf: Uint8Array;
  private view: DataView;
  private len = 0;

  constructor(initialCapacity = 256) {
    this.buf = new Uint8Array(Math.max(16, initialCapacity));
    this.view = new DataView(this.buf.buffer);
  }

  get length(): number {
    return this.len;
  }

  private reserve(n: number): number {
    const at = this.len;
    if (at + n > this.buf.length) {
      const grown = new Uint8Array(Math.max(this.buf.length * 2, at + n));
      grown.set(this.buf.subarray(0, at));
      this.buf = grown;
      this.view = new DataView(grown.buffer);
    }
    this.len = at + n;
    return at;
  }

  // Each method reserves before touching this.buf/this.view: reserve() may replace them.
  u8(v: number): void {
    const at = this.reserve(1);
    this.buf[at] = v;
  }

  u16(v: number): void {
    const at = this.reserve(2);
    this.view.setUint16(at, v);
  }

  u32(v: number): void {
    const at = this.reserve(4);
    this.view.setUint32(at, v >>> 0);
  }

  f64(v: number): void {
    const at = this.reserve(8);
    this.view.setFloat64(at, v);
  }

  /** A u32 length followed by the bytes. */
  bytes(b: Uint8Array): void {
    this.u32(b.length);
    const at = this.reserve(b.length);
    this.buf.set(b, at);
  }

  /** A copy of everything written. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

export class ByteReader {
  private readonly buf: Uint8Array;
  private readonly view: DataView;
  private pos = 0;

  constructor(b: Uint8Array) {
    this.buf = b;
    this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  private take(n: number): number {
    if (this.pos + n > this.buf.length) {
      throw new RangeError(`ByteReader: need ${n} bytes at offset ${this.pos}, have ${this.remaining}`);
    }
    const at = this.pos;
    this.pos += n;
    return at;
  }

  u8(): number {
    return this.buf[this.take(1)];
  }

  u16(): number {
    return this.view.getUint16(this.take(2));
  }

  u32(): number {
    return this.view.getUint32(this.take(4));
  }

  f64(): number {
    return this.view.getFloat64(this.take(8));
  }

  /** Reads a length-prefixed byte string (a copy, independent of the input). */
  bytes(): Uint8Array {
    const n = this.u32();
    const at = this.take(n);
    return this.buf.slice(at, at + n);
  }
}
