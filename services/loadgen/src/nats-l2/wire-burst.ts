// ix.WireBurst ({ repeated bytes frames = 1; }) encoded and decoded by hand:
// the message is one repeated length-delimited field, so a hand codec is a
// few lines and lets the host copy each frame once into an arena (no per-frame
// objects) and read received frames in place. Byte-compatible with protobufjs
// (checked against ix.WireBurst in the tests).

const FRAMES_TAG = 0x0a; // field 1, wire type 2 (length-delimited)

/** Accumulates frames as encoded WireBurst bytes in a reusable arena. */
export class WireBurstWriter {
  private arena: Uint8Array;
  private len = 0;
  /** Frames in the current burst. */
  count = 0;

  constructor(initialBytes = 64 * 1024) {
    this.arena = new Uint8Array(initialBytes);
  }

  get bytes(): number {
    return this.len;
  }

  /** Copies `frame` into the burst (the caller may reuse `frame` afterwards). */
  add(frame: Uint8Array): void {
    const need = this.len + 1 + 5 + frame.length;
    if (need > this.arena.length) {
      let cap = this.arena.length * 2;
      while (cap < need) cap *= 2;
      const next = new Uint8Array(cap);
      next.set(this.arena.subarray(0, this.len));
      this.arena = next;
    }
    const a = this.arena;
    let o = this.len;
    a[o++] = FRAMES_TAG;
    let n = frame.length;
    while (n > 0x7f) {
      a[o++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    a[o++] = n;
    a.set(frame, o);
    this.len = o + frame.length;
    this.count++;
  }

  /**
   * Returns the encoded burst as a fresh copy (the NATS client keeps a
   * reference to published payloads until it flushes) and starts a new one.
   */
  take(): Uint8Array {
    const out = this.arena.slice(0, this.len);
    this.len = 0;
    this.count = 0;
    return out;
  }
}

/**
 * Calls `onFrame(data, offset, length)` for every frame of an encoded
 * WireBurst, in order. Returns the number of frames, or -1 if the message is
 * malformed (frames before the fault were delivered; unknown fields are
 * skipped as protobuf requires). Never throws.
 */
export function forEachFrame(
  data: Uint8Array,
  onFrame: (data: Uint8Array, offset: number, length: number) => void,
): number {
  let o = 0;
  let frames = 0;
  const end = data.length;
  while (o < end) {
    const tag = readVarint(data, o);
    if (tag < 0) return -1;
    o = varintEnd;
    const wireType = tag & 7;
    if (wireType === 2) {
      const len = readVarint(data, o);
      if (len < 0 || varintEnd + len > end) return -1;
      o = varintEnd;
      if (tag >>> 3 === 1) {
        onFrame(data, o, len);
        frames++;
      }
      o += len;
    } else if (wireType === 0) {
      if (readVarint(data, o) < 0) return -1;
      o = varintEnd;
    } else if (wireType === 1) o += 8;
    else if (wireType === 5) o += 4;
    else return -1;
  }
  return o === end ? frames : -1;
}

// readVarint's second result (where the varint ended), kept in module state
// so decoding allocates nothing.
let varintEnd = 0;

/** Reads an unsigned varint of at most 32 bits at `o`; -1 if truncated or too long. */
function readVarint(data: Uint8Array, o: number): number {
  let v = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    if (o >= data.length) return -1;
    const b = data[o++];
    v += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) {
      varintEnd = o;
      return v > 0xffffffff ? -1 : v;
    }
  }
  return -1;
}
