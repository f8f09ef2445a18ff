// The item store shared by every connection (and every core) of one app
// instance, as memcached's items.c keeps it: items live in slab chunks of one
// preallocated region the size of the memory limit (slabs.ts), found through
// a key index (hash-index.ts), each slab class with its own LRU list threaded
// through the item headers. A class that needs a chunk and can get no page
// evicts from its own LRU tail. Lazy expiry against an injected clock, and
// memcached's stats counters, general and per class.
//
// Items are named by ItemRef (item.ts). A reply that references an item's
// bytes (a get hit, answered with a view of the chunk) pins the item
// (memcached's refcount) until the transport has let go of the bytes: a
// pinned item may be unlinked (replaced, deleted, flushed) but its chunk is
// freed, and so rewritten, only once the last pin is gone.
import {
  DEFAULT_ITEM_SIZE_MAX,
  H_ATIME,
  H_CAS_F64,
  H_DATA_AT,
  H_EXPTIME,
  H_FLAGS,
  H_HASH,
  H_INFO,
  H_NBYTES,
  H_NEXT,
  H_PREV,
  H_REFCOUNT,
  H_TIME,
  IT_FETCHED,
  IT_LINKED,
  ItemDraft,
  KEY_AT,
  NIL_REF,
  WIRE_AT,
  chunkBytesNeeded,
  itemTotalSize,
  writeWire,
  type ItemRef,
} from "./item.ts";
import { HashIndex, hashKey } from "./hash-index.ts";
import { MAX_NUMBER_OF_SLAB_CLASSES, SlabAllocator } from "./slabs.ts";

/** memcached's REALTIME_MAXDELTA: exptimes above 30 days are absolute unix times. */
export const REALTIME_MAXDELTA = 60 * 60 * 24 * 30;

/** Items lru_pull_tail looks at from a class's tail before giving up (memcached: 5). */
const LRU_SEARCH_DEPTH = 5;

export interface StoreOptions {
  /** Memory limit for items in bytes (memcached -m); the region preallocated; default 64 MiB. */
  maxBytes?: number;
  /** Largest item accepted (memcached -I); default 1 MiB. */
  itemSizeMax?: number;
  /** false = answer "out of memory" instead of evicting (memcached -M). */
  evictions?: boolean;
  /** Unix time in seconds (fractions allowed); default Date.now()/1000. */
  clock?: () => number;
  /** Slab page size in bytes (memcached's slab_page_size); default 1 MiB. */
  pageSize?: number;
  /** Chunk growth factor (memcached -f); default 1.25. */
  growthFactor?: number;
  /** Smallest chunk in bytes (memcached's 48-byte item + -n 48); default 96. */
  chunkSizeMin?: number;
}

/** Counters behind "stats"; names mirror memcached's STAT lines. */
export class StoreStats {
  cmdGet = 0;
  cmdSet = 0;
  cmdFlush = 0;
  cmdTouch = 0;
  getHits = 0;
  getMisses = 0;
  getExpired = 0;
  getFlushed = 0;
  deleteMisses = 0;
  deleteHits = 0;
  incrMisses = 0;
  incrHits = 0;
  decrMisses = 0;
  decrHits = 0;
  casMisses = 0;
  casHits = 0;
  casBadval = 0;
  touchHits = 0;
  touchMisses = 0;
  storeTooLarge = 0;
  storeNoMemory = 0;
  bytesRead = 0;
  bytesWritten = 0;
  currConnections = 0;
  totalConnections = 0;
  totalItems = 0;
  evictions = 0;
  reclaimed = 0;
  /** Connections closed for protocol abuse (over-long line, HTTP); not a memcached stat. */
  protocolCloses = 0;

  /** "stats reset": every counter except the gauges. */
  reset(): void {
    const curr = this.currConnections;
    for (const k of Object.keys(this) as (keyof StoreStats)[]) {
      if (typeof this[k] === "number") (this as Record<string, unknown>)[k] = 0;
    }
    this.currConnections = curr;
  }
}

const perClass = (): Float64Array => new Float64Array(MAX_NUMBER_OF_SLAB_CLASSES);

/**
 * Per slab class counters (index = class id): memcached's slab_stats
 * ("stats slabs") and itemstats ("stats items").
 */
export class ClassStats {
  // stats slabs
  readonly getHits = perClass();
  readonly cmdSet = perClass();
  readonly deleteHits = perClass();
  readonly incrHits = perClass();
  readonly decrHits = perClass();
  readonly casHits = perClass();
  readonly casBadval = perClass();
  readonly touchHits = perClass();
  // stats items
  readonly evicted = perClass();
  readonly evictedNonzero = perClass();
  /** Seconds since the last access of the last item evicted. */
  readonly evictedTime = perClass();
  readonly outofmemory = perClass();
  readonly reclaimed = perClass();
  readonly expiredUnfetched = perClass();
  readonly evictedUnfetched = perClass();
  readonly lrutailReflocked = perClass();
  /** Pages moved between classes (memcached's slabs_moved). */
  slabsMoved = 0;

  reset(): void {
    for (const v of Object.values(this) as unknown[]) if (v instanceof Float64Array) v.fill(0);
    this.slabsMoved = 0;
  }
}

/** Why the last find() came back empty although the key was present. */
export const MISS_NONE = 0;
export const MISS_EXPIRED = 1;
export const MISS_FLUSHED = 2;

export class MemcachedStore {
  readonly stats = new StoreStats();
  readonly classStats = new ClassStats();
  readonly maxBytes: number;
  readonly itemSizeMax: number;
  readonly evictionsEnabled: boolean;
  readonly startedAt: number;
  /** Set by find(): MISS_EXPIRED / MISS_FLUSHED when it dropped a dead item. */
  lastMiss = MISS_NONE;
  /** Scratch every command fills to store an item (store()); reused, never kept. */
  readonly draft = new ItemDraft();
  readonly slabs: SlabAllocator;
  /** The region (slabs.mem): replies are views of it. */
  readonly mem: Uint8Array;
  private readonly u32: Uint32Array;
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  private readonly index: HashIndex;
  /** Per class: newest item (memcached's heads[]). */
  private readonly heads: Int32Array;
  /** Per class: oldest item (tails[]). */
  private readonly tails: Int32Array;
  /** Per class: linked items (sizes[]). */
  readonly classItems: Int32Array;
  /** Per class: itemTotalSize of linked items (mem_requested). */
  readonly classBytes: Float64Array;
  private readonly clock: () => number;
  private bytesUsed = 0;
  /** Pins outstanding over all items (replies not yet let go of). */
  pins = 0;
  private casCounter = 0;
  /** Items stored at or before this second are dead once it is reached (delayed flush_all); 0 = none. */
  private flushPoint = 0;

  constructor(options: StoreOptions = {}) {
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.itemSizeMax = options.itemSizeMax ?? DEFAULT_ITEM_SIZE_MAX;
    this.evictionsEnabled = options.evictions ?? true;
    this.clock = options.clock ?? (() => Date.now() / 1000);
    this.startedAt = this.now();
    this.slabs = new SlabAllocator({
      limit: this.maxBytes,
      pageSize: options.pageSize,
      factor: options.growthFactor,
      chunkSizeMin: options.chunkSizeMin,
      itemSizeMax: this.itemSizeMax,
    });
    this.mem = this.slabs.mem;
    this.u32 = this.slabs.u32;
    this.i32 = this.slabs.i32;
    this.f64 = this.slabs.f64;
    this.index = new HashIndex(this.mem, this.u32);
    this.heads = new Int32Array(MAX_NUMBER_OF_SLAB_CLASSES).fill(NIL_REF);
    this.tails = new Int32Array(MAX_NUMBER_OF_SLAB_CLASSES).fill(NIL_REF);
    this.classItems = new Int32Array(MAX_NUMBER_OF_SLAB_CLASSES);
    this.classBytes = new Float64Array(MAX_NUMBER_OF_SLAB_CLASSES);
  }

  /** Current unix time in whole seconds (memcached's clock resolution). */
  now(): number {
    return Math.floor(this.clock());
  }

  /** Sum of itemTotalSize over linked items (memcached's "bytes"). */
  get bytes(): number {
    return this.bytesUsed;
  }

  /** Bytes of the key index's tables (memcached's hash_bytes). */
  get hashBytes(): number {
    return this.index.capacity * 8;
  }

  get currItems(): number {
    return this.index.count;
  }

  nextCas(): number {
    return ++this.casCounter;
  }

  /** memcached's item_size_ok: would an item with this key, value and flags fit the -I limit? */
  itemSizeOk(keyLength: number, valueLength: number, flags: number): boolean {
    return itemTotalSize(keyLength, valueLength, flags) <= this.itemSizeMax;
  }

  /**
   * memcached's realtime(EXPTIME_TO_POSITIVE_TIME(x)) as an absolute unix time:
   * 0 never expires, negatives are already expired, up to 30 days is relative,
   * beyond that absolute.
   */
  absoluteExptime(exptime: number, now: number): number {
    if (exptime === 0) return 0;
    if (exptime < 0) return 1;
    if (exptime > REALTIME_MAXDELTA) return exptime;
    return now + exptime;
  }

  // --- item fields (ref: a live ItemRef from find() or store()) ---

  /** The item's slab class. */
  classOf(ref: ItemRef): number {
    return this.u32[ref * 2 + H_INFO] & 0xff;
  }

  flagsOf(ref: ItemRef): number {
    return this.u32[ref * 2 + H_FLAGS];
  }

  casOf(ref: ItemRef): number {
    return this.f64[ref + H_CAS_F64];
  }

  exptimeOf(ref: ItemRef): number {
    return this.u32[ref * 2 + H_EXPTIME];
  }

  setExptime(ref: ItemRef, exptime: number): void {
    this.u32[ref * 2 + H_EXPTIME] = exptime;
  }

  /** Data length in bytes (without CRLF). */
  dataLength(ref: ItemRef): number {
    return this.u32[ref * 2 + H_NBYTES];
  }

  /** Byte offset of the item's data in `mem`. */
  dataOffset(ref: ItemRef): number {
    return this.wireOffset(ref) + this.u32[ref * 2 + H_DATA_AT];
  }

  /** Byte offset of the item's wire bytes ("VALUE ...") in `mem`. */
  wireOffset(ref: ItemRef): number {
    return ref * 8 + WIRE_AT;
  }

  /** Byte offset in `mem` just past the item's wire bytes (after the data's CRLF). */
  wireEnd(ref: ItemRef): number {
    return this.dataOffset(ref) + this.dataLength(ref) + 2;
  }

  // --- lookup ---

  private isDead(ref: ItemRef, now: number): number {
    const w = ref * 2;
    if (this.flushPoint !== 0 && this.flushPoint <= now && this.u32[w + H_TIME] <= this.flushPoint)
      return MISS_FLUSHED;
    const exptime = this.u32[w + H_EXPTIME];
    if (exptime !== 0 && exptime <= now) return MISS_EXPIRED;
    return MISS_NONE;
  }

  /**
   * The live item whose key is key[start, end), or NIL_REF (a dead one found
   * is unlinked and counted as reclaimed). bump: a fetch (memcached's
   * do_item_bump), moving it to its class's LRU head.
   */
  find(key: Uint8Array, start: number, end: number, now: number, bump: boolean): ItemRef {
    this.lastMiss = MISS_NONE;
    const ref = this.index.find(key, start, end, hashKey(key, start, end));
    if (ref === NIL_REF) return NIL_REF;
    const dead = this.isDead(ref, now);
    if (dead !== MISS_NONE) {
      this.lastMiss = dead;
      this.unlinkItem(ref);
      this.stats.reclaimed++;
      return NIL_REF;
    }
    if (bump) {
      const w = ref * 2;
      this.u32[w + H_INFO] |= IT_FETCHED;
      this.u32[w + H_ATIME] = now;
      this.lruUnlink(ref);
      this.lruLink(ref);
    }
    return ref;
  }

  // --- storing ---

  /**
   * memcached's do_item_alloc + do_store_item: a chunk for the draft (from
   * its class's free list, a new page, or the class's LRU tail), the item
   * written into it and linked under its key, replacing any previous item.
   * Returns the new item, or NIL_REF with nothing changed when no chunk can
   * be had (every tail item pinned, evictions off, or no class/page fits);
   * either way the draft's buffers are released.
   */
  store(d: ItemDraft, now: number): ItemRef {
    const c = this.slabs.classFor(chunkBytesNeeded(d.keyLength, d.flags, d.dataLength));
    if (c === 0) {
      d.release();
      return NIL_REF;
    }
    const hv = hashKey(d.keyBytes, d.keyStart, d.keyEnd);
    let old = this.index.find(d.keyBytes, d.keyStart, d.keyEnd, hv);
    if (
      old !== NIL_REF &&
      this.classOf(old) === c &&
      this.u32[old * 2 + H_REFCOUNT] === 0 &&
      d.a !== this.mem &&
      d.b !== this.mem
    ) {
      // Overwriting in place of the old item: its chunk is the new one's, no eviction needed.
      this.unlinkItem(old);
      old = NIL_REF;
    }
    // The old item stays readable (append/prepend copy from it) and unevictable until linked over.
    if (old !== NIL_REF) this.pin(old);
    const ref = this.allocItem(c, now);
    if (ref === NIL_REF) {
      if (old !== NIL_REF) this.unpin(old);
      this.classStats.outofmemory[c]++;
      d.release();
      return NIL_REF;
    }
    const w = ref * 2;
    const nkey = d.keyLength;
    this.u32[w + H_INFO] = c | (nkey << 16);
    this.u32[w + H_ATIME] = now;
    this.u32[w + H_EXPTIME] = d.exptime;
    this.f64[ref + H_CAS_F64] = d.cas;
    this.u32[w + H_FLAGS] = d.flags;
    this.u32[w + H_NBYTES] = d.dataLength;
    this.u32[w + H_TIME] = d.time;
    this.u32[w + H_HASH] = hv;
    this.u32[w + H_DATA_AT] = writeWire(this.mem, ref * 8 + WIRE_AT, d);
    if (old !== NIL_REF) {
      this.index.replace(old, ref);
      this.unlinkItem(old, false);
      this.unpin(old);
    } else {
      this.index.insert(ref);
    }
    this.linkItem(ref, itemTotalSize(nkey, d.dataLength, d.flags));
    this.stats.totalItems++;
    d.release();
    return ref;
  }

  /** A storage command's data arrived (memcached's slab_stats set_cmds, by the class it needs). */
  countSet(keyLength: number, flags: number, dataLength: number): void {
    this.classStats.cmdSet[this.slabs.classFor(chunkBytesNeeded(keyLength, flags, dataLength))]++;
  }

  /** A chunk of class c: free list, new page, else memcached's lru_pull_tail on the class. */
  private allocItem(c: number, now: number): ItemRef {
    const ref = this.slabs.alloc(c);
    if (ref !== NIL_REF) return ref;
    const cs = this.classStats;
    let search = this.tails[c];
    for (let tries = LRU_SEARCH_DEPTH; tries > 0 && search !== NIL_REF; tries--) {
      const w = search * 2;
      const prev = this.i32[w + H_PREV];
      if (this.u32[w + H_REFCOUNT] !== 0) {
        // a reply still references its bytes
        cs.lrutailReflocked[c]++;
        search = prev;
        continue;
      }
      const fetched = (this.u32[w + H_INFO] & IT_FETCHED) !== 0;
      if (this.isDead(search, now) !== MISS_NONE) {
        cs.reclaimed[c]++;
        this.stats.reclaimed++;
        if (!fetched) cs.expiredUnfetched[c]++;
      } else if (this.evictionsEnabled) {
        cs.evicted[c]++;
        this.stats.evictions++;
        if (this.u32[w + H_EXPTIME] !== 0) cs.evictedNonzero[c]++;
        if (!fetched) cs.evictedUnfetched[c]++;
        cs.evictedTime[c] = now - this.u32[w + H_ATIME];
      } else {
        return NIL_REF;
      }
      this.unlinkItem(search);
      break;
    }
    const got = this.slabs.alloc(c);
    if (got !== NIL_REF || !this.evictionsEnabled || c === this.slabs.largest) return got;
    // Nothing of its own to evict: take a page from another class.
    return this.reassignPage(c, now) ? this.slabs.alloc(c) : NIL_REF;
  }

  /**
   * memcached's slab_reassign, on demand: gives class `dst` a page of the
   * class whose LRU tail is oldest (a class holding no items first), one
   * with no pinned chunk; its items are evicted. False if there is none.
   */
  private reassignPage(dst: number, now: number): boolean {
    const slabs = this.slabs;
    let victim = 0;
    let victimAge = -1;
    for (let c = 1; c < slabs.largest; c++) {
      if (c === dst || slabs.pages[c] === 0) continue;
      const age = this.classItems[c] === 0 ? Infinity : this.tailAge(c, now);
      if (age > victimAge) {
        victim = c;
        victimAge = age;
      }
    }
    if (victim === 0) return false;
    for (let p = 0; p < slabs.carvedPages; p++) {
      if (slabs.pageClass[p] !== victim) continue;
      const { first, step, count } = slabs.pageChunks(p);
      let pinned = false;
      for (let k = 0; k < count && !pinned; k++) pinned = this.u32[(first + k * step) * 2 + H_REFCOUNT] !== 0;
      if (pinned) continue;
      for (let k = 0; k < count; k++) {
        const ref = first + k * step;
        if ((this.u32[ref * 2 + H_INFO] & IT_LINKED) === 0) continue;
        this.classStats.evicted[victim]++;
        this.stats.evictions++;
        this.unlinkItem(ref);
      }
      slabs.movePage(p, dst);
      this.classStats.slabsMoved++;
      return true;
    }
    return false;
  }

  private linkItem(ref: ItemRef, total: number): void {
    const c = this.classOf(ref);
    this.u32[ref * 2 + H_INFO] |= IT_LINKED;
    this.lruLink(ref);
    this.classItems[c]++;
    this.classBytes[c] += total;
    this.bytesUsed += total;
  }

  /** Takes a linked item out of the index (unless indexed is false: already replaced there) and its LRU; frees its chunk unless pinned. */
  private unlinkItem(ref: ItemRef, indexed = true): void {
    const w = ref * 2;
    const info = this.u32[w + H_INFO];
    if ((info & IT_LINKED) === 0) return;
    const c = info & 0xff;
    const total = itemTotalSize((info >>> 16) & 0xff, this.u32[w + H_NBYTES], this.u32[w + H_FLAGS]);
    if (indexed) this.index.remove(ref);
    this.lruUnlink(ref);
    this.u32[w + H_INFO] = info & ~IT_LINKED;
    this.classItems[c]--;
    this.classBytes[c] -= total;
    this.bytesUsed -= total;
    if (this.u32[w + H_REFCOUNT] === 0) this.slabs.free(ref, c);
  }

  private lruLink(ref: ItemRef): void {
    const c = this.classOf(ref);
    const w = ref * 2;
    const head = this.heads[c];
    this.i32[w + H_PREV] = NIL_REF;
    this.i32[w + H_NEXT] = head;
    if (head !== NIL_REF) this.i32[head * 2 + H_PREV] = ref;
    else this.tails[c] = ref;
    this.heads[c] = ref;
  }

  private lruUnlink(ref: ItemRef): void {
    const c = this.classOf(ref);
    const w = ref * 2;
    const next = this.i32[w + H_NEXT];
    const prev = this.i32[w + H_PREV];
    if (prev !== NIL_REF) this.i32[prev * 2 + H_NEXT] = next;
    else this.heads[c] = next;
    if (next !== NIL_REF) this.i32[next * 2 + H_PREV] = prev;
    else this.tails[c] = prev;
  }

  // --- references held by replies ---

  /** A reply references the item's bytes: its chunk is not reused until unpin(). */
  pin(ref: ItemRef): void {
    this.u32[ref * 2 + H_REFCOUNT]++;
    this.pins++;
  }

  /** The reply's bytes were let go of; an item already unlinked is freed with its last pin. */
  unpin(ref: ItemRef): void {
    const w = ref * 2;
    const refcount = this.u32[w + H_REFCOUNT] - 1;
    this.pins--;
    this.u32[w + H_REFCOUNT] = refcount;
    const info = this.u32[w + H_INFO];
    if (refcount === 0 && (info & IT_LINKED) === 0) this.slabs.free(ref, info & 0xff);
  }

  // --- removal ---

  /** Removes the live or dead item under key[start, end); true if something was there. */
  unlink(key: Uint8Array, start: number, end: number): boolean {
    const ref = this.index.find(key, start, end, hashKey(key, start, end));
    if (ref === NIL_REF) return false;
    this.unlinkItem(ref);
    return true;
  }

  /** Removes item `ref` (live, from find()). */
  remove(ref: ItemRef): void {
    this.unlinkItem(ref);
  }

  /**
   * flush_all [delay]: with no (or a non-positive) delay everything goes now;
   * otherwise items stored up to a second before the deadline die when it
   * arrives (memcached sets oldest_live = realtime(delay) - 1).
   */
  flushAll(delay: number, now: number): void {
    this.stats.cmdFlush++;
    if (delay <= 0) {
      this.clear();
      this.flushPoint = 0;
      return;
    }
    const point = this.absoluteExptime(delay, now) - 1;
    if (point <= now) this.clear();
    this.flushPoint = point;
  }

  /** Unlinks every item (pinned chunks are freed when their replies let go). */
  private clear(): void {
    for (let c = 1; c <= this.slabs.largest; c++) {
      while (this.tails[c] !== NIL_REF) this.unlinkItem(this.tails[c], false);
    }
    this.index.clear();
  }

  /** The item's key bytes as a view (tests, diagnostics). */
  keyOf(ref: ItemRef): Uint8Array {
    const at = ref * 8 + WIRE_AT + KEY_AT;
    return this.mem.subarray(at, at + ((this.u32[ref * 2 + H_INFO] >>> 16) & 0xff));
  }

  /** Unix seconds since the oldest item of class c was last accessed (memcached's items:<c>:age), 0 when empty. */
  tailAge(c: number, now: number): number {
    const tail = this.tails[c];
    return tail === NIL_REF ? 0 : now - this.u32[tail * 2 + H_ATIME];
  }
}
