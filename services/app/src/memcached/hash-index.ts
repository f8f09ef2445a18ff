// The key index (memcached's assoc.c): key bytes -> ItemRef, as an
// open-addressing table with linear probing in two typed arrays (the refs and
// their key hashes). The key bytes themselves live only in the item's chunk
// and are compared there, so looking a key up or storing one allocates
// nothing (a Map<string, ...> would allocate a string per request and an
// entry per item). Removal shifts the following run back (no tombstones).
// The table doubles when it is half full, as memcached's assoc_expand does
// past 1.5 items per bucket; it never shrinks.
import { H_HASH, H_INFO, KEY_AT, NIL_REF, WIRE_AT, type ItemRef } from "./item.ts";

/** memcached's HASHPOWER_DEFAULT: 2^16 buckets to start. */
const INITIAL_CAPACITY = 1 << 16;

/**
 * 32-bit FNV-1a over bytes[start, end), finished with murmur3's fmix32 so
 * the low bits (the bucket) depend on every byte.
 */
export function hashKey(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class HashIndex {
  private readonly mem: Uint8Array;
  private readonly u32: Uint32Array;
  private refs: Int32Array;
  private hashes: Uint32Array;
  private mask: number;
  /** Keys indexed. */
  count = 0;
  /** Bucket of the last find() that hit (for replace/remove without a second probe). */
  private lastBucket = -1;

  /** An index over items stored in `mem` (the slab region; u32 is the same memory). */
  constructor(mem: Uint8Array, u32: Uint32Array) {
    this.mem = mem;
    this.u32 = u32;
    this.refs = new Int32Array(INITIAL_CAPACITY).fill(NIL_REF);
    this.hashes = new Uint32Array(INITIAL_CAPACITY);
    this.mask = INITIAL_CAPACITY - 1;
  }

  get capacity(): number {
    return this.mask + 1;
  }

  /** The item whose key is bytes[start, end) (hash `hv`), or NIL_REF. */
  find(bytes: Uint8Array, start: number, end: number, hv: number): ItemRef {
    const refs = this.refs;
    const hashes = this.hashes;
    const mask = this.mask;
    for (let b = hv & mask; ; b = (b + 1) & mask) {
      const ref = refs[b];
      if (ref === NIL_REF) return NIL_REF;
      if (hashes[b] === hv && this.keyEquals(ref, bytes, start, end)) {
        this.lastBucket = b;
        return ref;
      }
    }
  }

  /** Does item `ref` have the key bytes[start, end)? */
  keyEquals(ref: ItemRef, bytes: Uint8Array, start: number, end: number): boolean {
    const nkey = (this.u32[ref * 2 + H_INFO] >>> 16) & 0xff;
    if (nkey !== end - start) return false;
    const mem = this.mem;
    const at = ref * 8 + WIRE_AT + KEY_AT - start;
    for (let i = start; i < end; i++) if (mem[at + i] !== bytes[i]) return false;
    return true;
  }

  /** Indexes `ref` (its key must not be indexed; its H_HASH word is its hash). */
  insert(ref: ItemRef): void {
    if (this.count + 1 > (this.mask + 1) >>> 1) this.grow();
    this.place(ref, this.u32[ref * 2 + H_HASH]);
    this.count++;
  }

  /** Puts `ref` where `old` (same key, just found) was. */
  replace(old: ItemRef, ref: ItemRef): void {
    const b = this.bucketOf(old);
    this.refs[b] = ref;
  }

  /** Removes `ref` from the index (it must be indexed). */
  remove(ref: ItemRef): void {
    const refs = this.refs;
    const hashes = this.hashes;
    const mask = this.mask;
    let hole = this.bucketOf(ref);
    // Backward-shift deletion: move later members of the run into the hole
    // when the hole lies between their home bucket and where they sit.
    for (let b = (hole + 1) & mask; refs[b] !== NIL_REF; b = (b + 1) & mask) {
      const home = hashes[b] & mask;
      if (((b - home) & mask) >= ((b - hole) & mask)) {
        refs[hole] = refs[b];
        hashes[hole] = hashes[b];
        hole = b;
      }
    }
    refs[hole] = NIL_REF;
    this.count--;
    this.lastBucket = -1;
  }

  /** Drops every key (flush_all). */
  clear(): void {
    this.refs.fill(NIL_REF);
    this.count = 0;
    this.lastBucket = -1;
  }

  private bucketOf(ref: ItemRef): number {
    if (this.lastBucket >= 0 && this.refs[this.lastBucket] === ref) return this.lastBucket;
    const mask = this.mask;
    for (let b = this.u32[ref * 2 + H_HASH] & mask; ; b = (b + 1) & mask) {
      if (this.refs[b] === ref) return b;
      if (this.refs[b] === NIL_REF) throw new Error(`item ${ref} is not indexed`);
    }
  }

  private place(ref: ItemRef, hv: number): void {
    const mask = this.mask;
    let b = hv & mask;
    while (this.refs[b] !== NIL_REF) b = (b + 1) & mask;
    this.refs[b] = ref;
    this.hashes[b] = hv;
  }

  private grow(): void {
    const oldRefs = this.refs;
    const oldHashes = this.hashes;
    const capacity = oldRefs.length * 2;
    this.refs = new Int32Array(capacity).fill(NIL_REF);
    this.hashes = new Uint32Array(capacity);
    this.mask = capacity - 1;
    this.lastBucket = -1;
    for (let b = 0; b < oldRefs.length; b++) if (oldRefs[b] !== NIL_REF) this.place(oldRefs[b], oldHashes[b]);
  }
}
