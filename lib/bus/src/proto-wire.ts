// The protobuf wire format (protobuf.dev/programming-guides/encoding) by hand,
// for the hot messages only (RxBurst, TxBurst, EventBatch, SyscallBatch):
// protobufjs's encoder allocates an operation object per field and its
// decoder an object per message, so a burst of 64 frames cost hundreds of
// small allocations per message. The writer appends into one reusable arena
// (as services/loadgen's WireBurstWriter does for WireBurst) and the reader
// walks a message in place. Everything else keeps protobufjs (proto/gen).
//
// Encoding follows proto3: scalar fields equal to their default (0, empty)
// are left out and repeated numeric fields are packed, so a decoder sees the
// same message protobufjs would produce (the codec tests check it against
// proto/gen's decoders).

/** Wire types (the low three bits of a tag). */
export const WireType = { Varint: 0, I64: 1, Len: 2, I32: 5 } as const;

const utf8 = new TextEncoder();

/** Appends protobuf fields into a growing, reused arena. */
export class ProtoWriter {
  private buf: Uint8Array;
  private view: DataView;
  private len = 0;
  /** Offsets of the one-byte length placeholders of open sub-messages. */
  private readonly open: number[] = [];

  constructor(initialBytes = 64 * 1024) {
    this.buf = new Uint8Array(initialBytes);
    this.view = new DataView(this.buf.buffer);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.len;
  }

  /** Drops what was written (the arena stays). */
  reset(): void {
    this.len = 0;
    this.open.length = 0;
  }

  /**
   * The message as a fresh copy (a NATS client keeps a reference to a
   * published payload until it writes it out), and a new message begins.
   * One allocation per message, none per field.
   */
  finish(): Uint8Array {
    if (this.open.length > 0) throw new Error("ProtoWriter.finish with an open sub-message");
    const out = this.buf.slice(0, this.len);
    this.len = 0;
    return out;
  }

  /** Field `field` with wire type `wt`. */
  tag(field: number, wt: number): void {
    this.varint((field << 3) | wt);
  }

  /** An unsigned varint (0..2^53); a negative number as int32/int64 does (ten bytes, two's complement). */
  varint(v: number): void {
    this.ensure(10);
    const b = this.buf;
    let o = this.len;
    if (v < 0) {
      // Sign-extended to 64 bits: low 32 bits, then the high 32 all ones.
      let lo = v >>> 0;
      for (let i = 0; i < 4; i++) {
        b[o++] = (lo & 0x7f) | 0x80;
        lo >>>= 7;
      }
      // 28 bits written; byte 5 holds the low 4 remaining bits of lo and 3 of hi (all ones).
      b[o++] = (lo & 0x0f) | 0x70 | 0x80;
      for (let i = 0; i < 4; i++) b[o++] = 0xff;
      b[o++] = 0x01;
      this.len = o;
      return;
    }
    while (v > 0x7f) {
      b[o++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    b[o++] = v;
    this.len = o;
  }

  /** A uint32/int32/enum field, left out when 0. */
  uintField(field: number, v: number): void {
    if (!v) return;
    this.tag(field, WireType.Varint);
    this.varint(v);
  }

  /** A double field, left out when 0. */
  doubleField(field: number, v: number): void {
    if (!v) return;
    this.tag(field, WireType.I64);
    this.double(v);
  }

  double(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.len, v, true);
    this.len += 8;
  }

  /** A bytes field (copied into the arena), left out when empty. */
  bytesField(field: number, data: Uint8Array): void {
    if (data.length === 0) return;
    this.tag(field, WireType.Len);
    this.varint(data.length);
    this.ensure(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
  }

  /** One element of a repeated bytes field: written even when empty (its position matters). */
  repeatedBytes(field: number, data: Uint8Array): void {
    this.tag(field, WireType.Len);
    this.varint(data.length);
    this.ensure(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
  }

  /** A string field (UTF-8), left out when empty. */
  stringField(field: number, s: string): void {
    if (s.length === 0) return;
    this.tag(field, WireType.Len);
    this.fork();
    this.ensure(s.length * 3);
    this.len += utf8.encodeInto(s, this.buf.subarray(this.len)).written;
    this.ldelim();
  }

  /** A packed repeated double field, left out when empty. */
  packedDoubles(field: number, values: readonly number[]): void {
    if (values.length === 0) return;
    this.tag(field, WireType.Len);
    this.varint(values.length * 8);
    this.ensure(values.length * 8);
    for (let i = 0; i < values.length; i++) this.double(values[i]);
  }

  /** Starts a length-delimited sub-message (write its tag first); close it with ldelim(). */
  fork(): void {
    this.ensure(1);
    this.open.push(this.len);
    this.len++;
  }

  /** Ends the sub-message fork() opened: writes its length, moving the content if it needs more than one byte. */
  ldelim(): void {
    const at = this.open.pop();
    if (at === undefined) throw new Error("ProtoWriter.ldelim without fork");
    const n = this.len - at - 1;
    if (n < 0x80) {
      this.buf[at] = n;
      return;
    }
    let size = 1;
    for (let v = n; v > 0x7f; v = Math.floor(v / 128)) size++;
    this.ensure(size - 1);
    this.buf.copyWithin(at + size, at + 1, this.len);
    let o = at;
    let v = n;
    while (v > 0x7f) {
      this.buf[o++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[o] = v;
    this.len += size - 1;
  }

  private ensure(extra: number): void {
    const need = this.len + extra;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
}

/**
 * Walks one encoded message in place. next() reads a tag; then exactly one
 * of varint(), double(), bytes() or skip() reads its value. Malformed input
 * (truncated, bad wire type, over-long varint) sets `error` and ends the walk;
 * it never throws. bytes() returns views into the message (no copy).
 */
export class ProtoReader {
  private data: Uint8Array = new Uint8Array(0);
  private view: DataView = new DataView(this.data.buffer);
  private pos = 0;
  private end = 0;
  /** Field number and wire type of the tag next() just read. */
  field = 0;
  wireType = 0;
  error = false;

  /** Starts on `data[start, end)`. */
  reset(data: Uint8Array, start = 0, end = data.length): this {
    if (data !== this.data) {
      this.data = data;
      this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    }
    this.pos = start;
    this.end = end;
    this.error = false;
    return this;
  }

  /** Where the reader is (to resume an outer message after a sub-message). */
  get offset(): number {
    return this.pos;
  }

  /** Reads the next tag; false at the end or on malformed input. */
  next(): boolean {
    if (this.error || this.pos >= this.end) return false;
    const tag = this.varint();
    if (this.error || tag > 0xffffffff) {
      this.fail();
      return false;
    }
    this.field = tag >>> 3;
    this.wireType = tag & 7;
    return this.field > 0;
  }

  /** An unsigned varint; values above 2^32 keep their low 32 bits for uint32 fields (as protobufjs). */
  varint(): number {
    const d = this.data;
    const end = this.end;
    let p = this.pos;
    if (p >= end) return this.fail();
    let b = d[p++];
    if (b < 0x80) {
      this.pos = p;
      return b;
    }
    // Multi-byte: bits beyond 49 are dropped (exact in a double; uint32 and int32 only need the low 32).
    let v = b & 0x7f;
    let scale = 128;
    for (let i = 1; i < 10; i++) {
      if (p >= end) return this.fail();
      b = d[p++];
      if (i < 7) v += (b & 0x7f) * scale;
      scale *= 128;
      if (b < 0x80) {
        this.pos = p;
        return v;
      }
    }
    return this.fail();
  }

  /** A varint read as uint32 (the low 32 bits). */
  uint32(): number {
    return this.varint() % 2 ** 32;
  }

  /** A varint read as int32 (two's complement of the low 32 bits). */
  int32(): number {
    return this.uint32() | 0;
  }

  double(): number {
    if (this.pos + 8 > this.end) return this.fail();
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /** A length-delimited value as a view into the message; its bounds also stay in `start`/`stop`. */
  bytes(): Uint8Array {
    const n = this.lengthPrefix();
    if (n < 0) return EMPTY;
    return this.data.subarray(this.start, this.stop);
  }

  /** Bounds of the last length-delimited value read by lengthPrefix() or bytes(). */
  start = 0;
  stop = 0;

  /** Reads a length prefix and steps over the value; its bounds are in `start`/`stop`. Returns the length or -1. */
  lengthPrefix(): number {
    const n = this.varint();
    if (this.error || this.pos + n > this.end) {
      this.fail();
      return -1;
    }
    this.start = this.pos;
    this.stop = this.pos + n;
    this.pos = this.stop;
    return n;
  }

  /** Steps over the value of the current tag. */
  skip(): void {
    switch (this.wireType) {
      case WireType.Varint:
        this.varint();
        return;
      case WireType.I64:
        if (this.pos + 8 > this.end) this.fail();
        else this.pos += 8;
        return;
      case WireType.Len:
        this.lengthPrefix();
        return;
      case WireType.I32:
        if (this.pos + 4 > this.end) this.fail();
        else this.pos += 4;
        return;
      default:
        this.fail();
    }
  }

  private fail(): number {
    this.error = true;
    this.pos = this.end;
    return 0;
  }
}

const EMPTY = new Uint8Array(0);
