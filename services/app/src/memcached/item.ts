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

const EMPTY = new Uint8Array(0);

/**
 * What a new item is built from (memcached's item header fields, the key and
 * up to two data pieces; two let append/prepend concatenate without an
 * intermediate copy). A store owns one draft that every command fills and
 * hands to buildItem, so building an item allocates nothing beyond the Item
 * and its wire bytes. The Item copies what it keeps; buildItem drops the
 * draft's references to the key and data buffers.
 */
export class ItemDraft {
  key = "";
  /** The key bytes are keyBytes[keyStart, keyEnd). */
  keyBytes: Uint8Array = EMPTY;
  keyStart = 0;
  keyEnd = 0;
  flags = 0;
  /** Absolute unix seconds; 0 = never. */
  exptime = 0;
  cas = 0;
  /** Unix seconds when stored. */
  time = 0;
  /** The first data piece: a[aStart, aStart + aLength). */
  a: Uint8Array = EMPTY;
  aStart = 0;
  aLength = 0;
  /** The second data piece (bLength 0: none). */
  b: Uint8Array = EMPTY;
  bStart = 0;
  bLength = 0;

  /** Sets the key to bytes[start, end) named `key`. */
  setKey(key: string, bytes: Uint8Array, start: number, end: number): this {
    this.key = key;
    this.keyBytes = bytes;
    this.keyStart = start;
    this.keyEnd = end;
    return this;
  }

  /** Sets the header fields. */
  setHeader(flags: number, exptime: number, cas: number, time: number): this {
    this.flags = flags;
    this.exptime = exptime;
    this.cas = cas;
    this.time = time;
    return this;
  }

  /** Sets the data to a[aStart, aStart + aLength) followed by b[bStart, bStart + bLength). */
  setData(
    a: Uint8Array,
    aStart: number,
    aLength: number,
    b: Uint8Array = EMPTY,
    bStart = 0,
    bLength = 0,
  ): this {
    this.a = a;
    this.aStart = aStart;
    this.aLength = aLength;
    this.b = b;
    this.bStart = bStart;
    this.bLength = bLength;
    return this;
  }
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

  /** An item over `wire` (built by buildItem), its data at `dataStart`; header fields from `d`. */
  constructor(d: ItemDraft, wire: Uint8Array, dataStart: number) {
    const dataLength = d.aLength + d.bLength;
    this.key = d.key;
    this.wire = wire;
    this.dataStart = dataStart;
    this.dataLength = dataLength;
    this.flags = d.flags;
    this.exptime = d.exptime;
    this.cas = d.cas;
    this.time = d.time;
    this.size = itemTotalSize(d.keyEnd - d.keyStart, dataLength);
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

/** Builds an item (its wire bytes and the Item) from a filled draft; leaves the draft without buffer references. */
export function buildItem(d: ItemDraft): Item {
  const keyLength = d.keyEnd - d.keyStart;
  const dataLength = d.aLength + d.bLength;
  const headerLength = 6 + keyLength + 1 + decimalLength(d.flags) + 1 + decimalLength(dataLength) + 2;
  const wire = new Uint8Array(headerLength + dataLength + 2);
  wire.set(VALUE_PREFIX, 0);
  let at = 6;
  const keyBytes = d.keyBytes;
  for (let i = d.keyStart; i < d.keyEnd; i++) wire[at++] = keyBytes[i];
  wire[at++] = 32;
  at = writeDecimal(wire, at, d.flags);
  wire[at++] = 32;
  at = writeDecimal(wire, at, dataLength);
  wire[at++] = 13;
  wire[at++] = 10;
  if (d.aLength > 0) wire.set(d.a.subarray(d.aStart, d.aStart + d.aLength), at);
  if (d.bLength > 0) wire.set(d.b.subarray(d.bStart, d.bStart + d.bLength), at + d.aLength);
  wire[headerLength + dataLength] = 13;
  wire[headerLength + dataLength + 1] = 10;
  const item = new Item(d, wire, headerLength);
  d.keyBytes = d.a = d.b = EMPTY;
  return item;
}
