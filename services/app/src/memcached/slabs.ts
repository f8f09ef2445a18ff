// The slab allocator (memcached's slabs.c): one region the size of the memory
// limit (-m), preallocated, handed out in pages to slab classes of fixed-size
// chunks. Class sizes start at 96 bytes (memcached's sizeof(item) 48 + -n 48)
// and grow by -f 1.25, 8-byte aligned, up to half a page; pages are 1 MB and
// a page once given to a class stays there (memcached without slab
// rebalancing). Free chunks of a class form a list through their headers.
// Nothing here allocates after construction: the store's resident memory is
// the region plus fixed tables, whatever the item sizes.
//
// Pages of the last class (below) are carved from the end of the region,
// every other page from the start at a multiple of the page size, so a
// page's owner is found by its index. A class that needs a chunk, has none
// free, can get no new page and has nothing it may evict (no items, or all
// pinned) takes a page from the class whose LRU tail is oldest (store.ts),
// memcached's slab_reassign: that page's items are evicted and its chunks
// re-split. Free lists are doubly linked so those chunks leave in O(1).
//
// Where we differ from memcached 1.6: items over half a page are not chained
// across chunks; a last class holds one item up to -I (1 MB) per page, its
// page a chunk of that size. Pages move between classes only as above, not
// by a background automover balancing LRU ages.
import {
  CHUNK_ALIGN_BYTES,
  H_INFO,
  H_NEXT,
  H_PREV,
  H_REFCOUNT,
  IT_SLABBED,
  NIL_REF,
  WIRE_SLACK,
  type ItemRef,
} from "./item.ts";

/** memcached's POWER_SMALLEST: class ids start at 1 (0 = no class). */
export const POWER_SMALLEST = 1;
/** memcached's MAX_NUMBER_OF_SLAB_CLASSES (63 + 1). */
export const MAX_NUMBER_OF_SLAB_CLASSES = 64;

export interface SlabOptions {
  /** Region size in bytes (memcached -m, in bytes); a multiple of 8. */
  limit: number;
  /** Page size (memcached's slab_page_size, 1 MB). */
  pageSize?: number;
  /** Growth factor between classes (memcached -f, 1.25). */
  factor?: number;
  /** Smallest chunk (memcached's sizeof(item) + -n 48 = 96). */
  chunkSizeMin?: number;
  /** Largest item accepted (memcached -I, 1 MB); sizes the last class. */
  itemSizeMax: number;
}

export const DEFAULT_PAGE_SIZE = 1024 * 1024;
export const DEFAULT_FACTOR = 1.25;
export const DEFAULT_CHUNK_SIZE_MIN = 96;

const align = (n: number): number => Math.ceil(n / CHUNK_ALIGN_BYTES) * CHUNK_ALIGN_BYTES;

export class SlabAllocator {
  /** The region; every item lives in it. */
  readonly mem: Uint8Array;
  readonly u32: Uint32Array;
  readonly i32: Int32Array;
  readonly f64: Float64Array;
  readonly limit: number;
  readonly pageSize: number;
  /** Largest class id (memcached's power_largest). */
  readonly largest: number;
  /** Per class (index = class id): chunk size in bytes. */
  readonly size: Int32Array;
  /** Per class: chunks in one of its pages. */
  readonly perslab: Int32Array;
  /** Per class: pages assigned. */
  readonly pages: Int32Array;
  /** Per class: free chunks (memcached's sl_curr). */
  readonly freeCount: Int32Array;
  /** Per class: head of the free list. */
  private readonly freeHead: Int32Array;
  /** Bytes given out as pages (memcached's mem_malloced). */
  malloced = 0;
  /** Owner class of each page-size page from the region's start (0: not carved yet). */
  readonly pageClass: Uint8Array;
  /** Pages carved from the start, and bytes carved from the end (last class). */
  private lowPages = 0;
  private highBytes = 0;

  constructor(o: SlabOptions) {
    this.limit = Math.floor(o.limit / CHUNK_ALIGN_BYTES) * CHUNK_ALIGN_BYTES;
    // A store smaller than a page is one page (tests, tiny -m).
    const page = Math.min(o.pageSize ?? DEFAULT_PAGE_SIZE, this.limit);
    this.pageSize = Math.max(CHUNK_ALIGN_BYTES, Math.floor(page / CHUNK_ALIGN_BYTES) * CHUNK_ALIGN_BYTES);
    const factor = o.factor ?? DEFAULT_FACTOR;
    const buffer = new ArrayBuffer(this.limit);
    this.mem = new Uint8Array(buffer);
    this.u32 = new Uint32Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.f64 = new Float64Array(buffer);
    const n = MAX_NUMBER_OF_SLAB_CLASSES;
    this.size = new Int32Array(n);
    this.perslab = new Int32Array(n);
    this.pages = new Int32Array(n);
    this.freeCount = new Int32Array(n);
    this.freeHead = new Int32Array(n).fill(NIL_REF);
    this.pageClass = new Uint8Array(Math.floor(this.limit / this.pageSize));
    // slabs_init: grow by the factor until half a page (slab_chunk_size_max).
    const chunkMax = Math.floor(this.pageSize / 2);
    let size = o.chunkSizeMin ?? DEFAULT_CHUNK_SIZE_MIN;
    let i = POWER_SMALLEST - 1;
    while (++i < n - 2) {
      if (size >= chunkMax / factor) break;
      size = align(size);
      this.size[i] = size;
      this.perslab[i] = Math.floor(this.pageSize / size);
      size = Math.floor(size * factor);
    }
    this.size[i] = chunkMax;
    this.perslab[i] = Math.floor(this.pageSize / chunkMax);
    // Our last class: one item up to -I per page (memcached chains chunks instead).
    i++;
    this.size[i] = align(o.itemSizeMax + WIRE_SLACK);
    this.perslab[i] = 1;
    this.largest = i;
  }

  /** memcached's slabs_clsid: the smallest class whose chunks hold `bytes`, or 0. */
  classFor(bytes: number): number {
    if (bytes <= 0) return 0;
    for (let c = POWER_SMALLEST; c <= this.largest; c++) if (bytes <= this.size[c]) return c;
    return 0;
  }

  /** Bytes one page of class `c` takes from the region. */
  pageBytes(c: number): number {
    return c === this.largest ? this.size[c] : this.pageSize;
  }

  /** A free chunk of class `c` (from its free list, or a new page), or NIL_REF: the class must evict. */
  alloc(c: number): ItemRef {
    if (this.freeCount[c] === 0 && !this.newPage(c)) return NIL_REF;
    const ref = this.freeHead[c];
    this.unfree(ref, c);
    this.u32[ref * 2 + H_INFO] = c;
    this.u32[ref * 2 + H_REFCOUNT] = 0;
    return ref;
  }

  /** Returns the chunk of `ref` (class `c`) to its class's free list. */
  free(ref: ItemRef, c: number): void {
    const w = ref * 2;
    const head = this.freeHead[c];
    this.u32[w + H_INFO] = c | IT_SLABBED;
    this.i32[w + H_NEXT] = head;
    this.i32[w + H_PREV] = NIL_REF;
    if (head !== NIL_REF) this.i32[head * 2 + H_PREV] = ref;
    this.freeHead[c] = ref;
    this.freeCount[c]++;
  }

  /** Takes free chunk `ref` off class c's free list. */
  private unfree(ref: ItemRef, c: number): void {
    const w = ref * 2;
    const next = this.i32[w + H_NEXT];
    const prev = this.i32[w + H_PREV];
    if (prev !== NIL_REF) this.i32[prev * 2 + H_NEXT] = next;
    else this.freeHead[c] = next;
    if (next !== NIL_REF) this.i32[next * 2 + H_PREV] = prev;
    this.freeCount[c]--;
  }

  /** memcached's do_slabs_newslab: carve a page from the rest of the region, if it fits. */
  private newPage(c: number): boolean {
    const bytes = this.pageBytes(c);
    if (this.malloced + bytes > this.limit) return false;
    let start: number;
    if (c === this.largest) {
      start = this.limit - this.highBytes - bytes;
      if (start < this.lowPages * this.pageSize) return false;
      this.highBytes += bytes;
    } else {
      start = this.lowPages * this.pageSize;
      if (start + bytes > this.limit - this.highBytes) return false;
      this.pageClass[this.lowPages++] = c;
    }
    this.malloced += bytes;
    this.pages[c]++;
    this.splitPage(start, c);
    return true;
  }

  /** split_slab_page_into_freelist, last chunk first so allocation walks the page forwards. */
  private splitPage(start: number, c: number): void {
    const size = this.size[c];
    for (let k = this.perslab[c] - 1; k >= 0; k--) this.free((start + k * size) / CHUNK_ALIGN_BYTES, c);
  }

  /** Chunks of page `p` (a page-size page owned by class pageClass[p]), as refs: start, step, count. */
  pageChunks(p: number): { first: ItemRef; step: number; count: number } {
    const c = this.pageClass[p];
    return {
      first: (p * this.pageSize) / CHUNK_ALIGN_BYTES,
      step: this.size[c] / CHUNK_ALIGN_BYTES,
      count: this.perslab[c],
    };
  }

  /** Page-size pages carved so far (indexes 0 .. n-1 of pageClass). */
  get carvedPages(): number {
    return this.lowPages;
  }

  /**
   * memcached's slab_reassign for page `p`, whose chunks must all be free
   * (the store evicted its items first): they leave the old class's free
   * list and the page is re-split for class `dst`.
   */
  movePage(p: number, dst: number): void {
    const src = this.pageClass[p];
    const { first, step, count } = this.pageChunks(p);
    for (let k = 0; k < count; k++) this.unfree(first + k * step, src);
    this.pages[src]--;
    this.pages[dst]++;
    this.pageClass[p] = dst;
    this.splitPage(p * this.pageSize, dst);
  }
}
