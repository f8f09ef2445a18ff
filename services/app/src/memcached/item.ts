// One cached item as it lives in the store's region (memcached's `item`
// struct, memcached.h): a fixed 56-byte header of 32-bit words, then the
// item's bytes in wire form, "VALUE <key> <flags> <bytes>\r\n<data>\r\n", so a
// get hit is answered with a single view of the chunk. An item is named by
// its ItemRef: the chunk's byte offset in the region divided by 8 (chunks are
// 8-byte aligned), so header word i of item r is u32[r * 2 + i] and the
// 64-bit cas is f64[r + 2].
import { Buffer } from "node:buffer";

/** memcached's per-item overhead on LP64: sizeof(item) 48 + 8 for the cas field. */
export const ITEM_HEADER_BYTES = 56;

/** memcached's -I default: the largest item (header + key + value) it accepts. */
export const DEFAULT_ITEM_SIZE_MAX = 1024 * 1024;

/** memcached's CHUNK_ALIGN_BYTES: chunk sizes and offsets are multiples of it. */
export const CHUNK_ALIGN_BYTES = 8;

/** A chunk's byte offset / CHUNK_ALIGN_BYTES; NIL_REF for none. */
export type ItemRef = number;
export const NIL_REF = -1;

// Header words (u32 index = ref * 2 + word). Word 2..3 and 4..5 are 8-byte
// aligned, so the cas is one Float64 (exact up to 2^53 issued cas values).
/** LRU list / free list: the next item towards the tail (older), or NIL_REF. */
export const H_NEXT = 0;
/** LRU list: the previous item towards the head (newer), or NIL_REF. */
export const H_PREV = 1;
/** Unix seconds of the last access (set, get, touch): the LRU age memcached reports. */
export const H_ATIME = 2;
/** Absolute unix seconds at which the item dies; 0 = never. */
export const H_EXPTIME = 3;
/** Float64 index ref + H_CAS_F64: the cas unique. */
export const H_CAS_F64 = 2;
/** The client's 32-bit flags. */
export const H_FLAGS = 6;
/** Data length in bytes, without the trailing CRLF. */
export const H_NBYTES = 7;
/** Unix seconds when stored; compared against a delayed flush_all. */
export const H_TIME = 8;
/** References held by replies still queued in a transport (memcached's refcount, less the hash table's). */
export const H_REFCOUNT = 9;
/** slab class (bits 0-7), IT_* flags (bits 8-15), key length (bits 16-23). */
export const H_INFO = 10;
/** Offset of the data from the start of the wire bytes (the "VALUE ..." line's length). */
export const H_DATA_AT = 11;
/** Hash of the key bytes (hash-index.ts), kept so the index never rereads keys to rehash. */
export const H_HASH = 12;
export const HEADER_WORDS = 14;

/** H_INFO flag bits (memcached's it_flags). */
export const IT_LINKED = 1 << 8;
export const IT_FETCHED = 2 << 8;
export const IT_SLABBED = 4 << 8;

/** Bytes from the chunk start to the wire bytes. */
export const WIRE_AT = HEADER_WORDS * 4;
/** Offset of the key inside the wire bytes ("VALUE " comes first). */
export const KEY_AT = 6;

/**
 * memcached 1.6's ITEM_ntotal for an ASCII item: header + key + NUL + value +
 * CRLF, plus 4 bytes for client flags when they are not 0 (ITEM_CFLAGS).
 * Used both for the 1 MB item limit and for "STAT bytes"/mem_requested, so
 * both agree with the real server.
 */
export function itemTotalSize(keyLength: number, valueLength: number, flags = 0): number {
  return ITEM_HEADER_BYTES + keyLength + 1 + valueLength + 2 + (flags !== 0 ? 4 : 0);
}

/**
 * Bytes a chunk needs for an item: our header, then the wire form. At most
 * itemTotalSize + 25 (the "VALUE " prefix and the flags and length digits),
 * so the largest item memcached accepts fits WIRE_SLACK more than -I.
 */
export function chunkBytesNeeded(keyLength: number, flags: number, dataLength: number): number {
  return WIRE_AT + wireHeaderLength(keyLength, flags, dataLength) + dataLength + 2;
}

/** How much chunkBytesNeeded may exceed itemTotalSize (rounded up to the chunk alignment). */
export const WIRE_SLACK = 32;

function wireHeaderLength(keyLength: number, flags: number, dataLength: number): number {
  return 6 + keyLength + 1 + decimalLength(flags) + 1 + decimalLength(dataLength) + 2;
}

const EMPTY = new Uint8Array(0);

/**
 * What a new item is built from (memcached's item header fields, the key and
 * up to two data pieces; two let append/prepend concatenate without an
 * intermediate copy). A store owns one draft that every command fills and
 * hands to the store, so storing an item allocates nothing: the store copies
 * the key and data into a chunk and drops the draft's buffer references.
 */
export class ItemDraft {
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

  /** Sets the key to bytes[start, end). */
  setKey(bytes: Uint8Array, start: number, end: number): this {
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

  get keyLength(): number {
    return this.keyEnd - this.keyStart;
  }

  get dataLength(): number {
    return this.aLength + this.bLength;
  }

  /** Forgets the buffers it referenced (they belong to a request or an item). */
  release(): void {
    this.keyBytes = this.a = this.b = EMPTY;
  }
}

// Node's native copy works on any Uint8Array source (a memcpy, no view allocated).
const copyBytes = Buffer.prototype.copy as unknown as (
  this: Uint8Array,
  target: Uint8Array,
  targetStart: number,
  sourceStart: number,
  sourceEnd: number,
) => number;

const VALUE_PREFIX = [86, 65, 76, 85, 69, 32]; // "VALUE "

/**
 * Writes the draft's wire bytes at byte offset `at` of `mem` (a chunk's
 * WIRE_AT) and returns the offset of the data from `at` (the H_DATA_AT word).
 * The chunk must hold chunkBytesNeeded bytes.
 */
export function writeWire(mem: Uint8Array, at: number, d: ItemDraft): number {
  const dataLength = d.aLength + d.bLength;
  for (let i = 0; i < 6; i++) mem[at + i] = VALUE_PREFIX[i];
  let p = at + 6;
  copyBytes.call(d.keyBytes, mem, p, d.keyStart, d.keyEnd);
  p += d.keyEnd - d.keyStart;
  mem[p++] = 32;
  p = writeDecimal(mem, p, d.flags);
  mem[p++] = 32;
  p = writeDecimal(mem, p, dataLength);
  mem[p++] = 13;
  mem[p++] = 10;
  const dataAt = p - at;
  if (d.aLength > 0) copyBytes.call(d.a, mem, p, d.aStart, d.aStart + d.aLength);
  if (d.bLength > 0) copyBytes.call(d.b, mem, p + d.aLength, d.bStart, d.bStart + d.bLength);
  p += dataLength;
  mem[p] = 13;
  mem[p + 1] = 10;
  return dataAt;
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
