// One cached item. Its bytes are kept in wire form, "VALUE <key> <flags>
// <bytes>\r\n<data>\r\n", so a get hit is answered with a single zero-copy
// view. An item's bytes are never written after it is built (incr/append
// build a new item): replies handed to sendv may still reference them after
// the store has replaced or evicted the item.

/** memcached's per-item overhead on LP64: sizeof(item) 48 + 8 for the cas field. */
export const ITEM_HEADER_BYTES = 56;

/** memcached's -I default: the largest item (header + key + value) it accepts. */
export const DEFAULT_ITEM_SIZE_MAX = 1024 * 1024;

/**
 * memcached's ITEM_ntotal for an ASCII item: header + key + NUL + value + CRLF.
 * Used both for the 1 MB item limit and for "STAT bytes"/memory accounting,
 * so both agree with the real server.
 */
export function itemTotalSize(keyLength: number, valueLength: number): number {
  return ITEM_HEADER_BYTES + keyLength + 1 + valueLength + 2;
}

export class Item {
  readonly key: string;
  /** "VALUE key flags bytes\r\n" + data + "\r\n". */
  readonly wire: Uint8Array;
  /** Offset of the data in `wire` (just after the header's CRLF). */
  readonly dataStart: number;
  readonly dataLength: number;
  readonly flags: number;
  /** Absolute unix seconds at which the item dies; 0 = never. */
  exptime: number;
  readonly cas: number;
  /** Unix seconds (floored) when stored; compared against delayed flush_all. */
  readonly time: number;
  readonly size: number;

  constructor(
    key: string,
    wire: Uint8Array,
    dataStart: number,
    dataLength: number,
    flags: number,
    exptime: number,
    cas: number,
    time: number,
    keyLength: number,
  ) {
    this.key = key;
    this.wire = wire;
    this.dataStart = dataStart;
    this.dataLength = dataLength;
    this.flags = flags;
    this.exptime = exptime;
    this.cas = cas;
    this.time = time;
    this.size = itemTotalSize(keyLength, dataLength);
  }

  /** The value bytes (a view, no copy). */
  data(): Uint8Array {
    return this.wire.subarray(this.dataStart, this.dataStart + this.dataLength);
  }
}

/** Writes the ASCII decimal of a non-negative safe integer; returns the new offset. */
export function writeDecimal(out: Uint8Array, at: number, value: number): number {
  if (value < 10) {
    out[at] = 48 + value;
    return at + 1;
  }
  let digits = 1;
  for (let v = value; v >= 10; v = Math.floor(v / 10)) digits++;
  let v = value;
  for (let i = at + digits - 1; i >= at; i--) {
    out[i] = 48 + (v % 10);
    v = Math.floor(v / 10);
  }
  return at + digits;
}

export function decimalLength(value: number): number {
  let digits = 1;
  for (let v = value; v >= 10; v = Math.floor(v / 10)) digits++;
  return digits;
}

const VALUE_PREFIX = [86, 65, 76, 85, 69, 32]; // "VALUE "

/**
 * Builds an item's wire bytes from the key bytes and up to two data pieces
 * (two pieces let append/prepend concatenate without an intermediate copy).
 */
export function buildItem(
  key: string,
  keyBytes: Uint8Array,
  keyStart: number,
  keyEnd: number,
  flags: number,
  exptime: number,
  cas: number,
  time: number,
  a: Uint8Array,
  aStart: number,
  aLength: number,
  b: Uint8Array | null,
  bStart: number,
  bLength: number,
): Item {
  const keyLength = keyEnd - keyStart;
  const dataLength = aLength + bLength;
  const headerLength = 6 + keyLength + 1 + decimalLength(flags) + 1 + decimalLength(dataLength) + 2;
  const wire = new Uint8Array(headerLength + dataLength + 2);
  wire.set(VALUE_PREFIX, 0);
  let at = 6;
  for (let i = keyStart; i < keyEnd; i++) wire[at++] = keyBytes[i];
  wire[at++] = 32;
  at = writeDecimal(wire, at, flags);
  wire[at++] = 32;
  at = writeDecimal(wire, at, dataLength);
  wire[at++] = 13;
  wire[at++] = 10;
  if (aLength > 0) wire.set(a.subarray(aStart, aStart + aLength), at);
  if (b !== null && bLength > 0) wire.set(b.subarray(bStart, bStart + bLength), at + aLength);
  wire[headerLength + dataLength] = 13;
  wire[headerLength + dataLength + 1] = 10;
  return new Item(key, wire, headerLength, dataLength, flags, exptime, cas, time, keyLength);
}
