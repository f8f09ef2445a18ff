// The item store shared by every connection (and every core) of one app
// instance: a hash map whose insertion order doubles as the LRU list (a hit
// moves the item to the back), a byte budget counted the way memcached counts
// "bytes", lazy expiry against an injected clock, and memcached's stats counters.
import { DEFAULT_ITEM_SIZE_MAX, ItemDraft, itemTotalSize } from "./item.ts";
import type { Item } from "./item.ts";

/** memcached's REALTIME_MAXDELTA: exptimes above 30 days are absolute unix times. */
export const REALTIME_MAXDELTA = 60 * 60 * 24 * 30;

export interface StoreOptions {
  /** Memory budget for items (memcached -m); default 64 MiB. */
  maxBytes?: number;
  /** Largest item accepted (memcached -I); default 1 MiB. */
  itemSizeMax?: number;
  /** false = answer "out of memory" instead of evicting (memcached -M). */
  evictions?: boolean;
  /** Unix time in seconds (fractions allowed); default Date.now()/1000. */
  clock?: () => number;
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

/** Why the last find() came back empty although the key was present. */
export const MISS_NONE = 0;
export const MISS_EXPIRED = 1;
export const MISS_FLUSHED = 2;

export class MemcachedStore {
  readonly stats = new StoreStats();
  readonly maxBytes: number;
  readonly itemSizeMax: number;
  readonly evictionsEnabled: boolean;
  readonly startedAt: number;
  /** Set by find(): MISS_EXPIRED / MISS_FLUSHED when it dropped a dead item. */
  lastMiss = MISS_NONE;
  /** Scratch every command fills to build a new item (buildItem); reused, never kept. */
  readonly draft = new ItemDraft();
  private readonly clock: () => number;
  private readonly items = new Map<string, Item>();
  private bytesUsed = 0;
  private casCounter = 0;
  /** Items stored at or before this second are dead once it is reached (delayed flush_all); 0 = none. */
  private flushPoint = 0;

  constructor(options: StoreOptions = {}) {
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.itemSizeMax = options.itemSizeMax ?? DEFAULT_ITEM_SIZE_MAX;
    this.evictionsEnabled = options.evictions ?? true;
    this.clock = options.clock ?? (() => Date.now() / 1000);
    this.startedAt = this.now();
  }

  /** Current unix time in whole seconds (memcached's clock resolution). */
  now(): number {
    return Math.floor(this.clock());
  }

  get bytes(): number {
    return this.bytesUsed;
  }

  get currItems(): number {
    return this.items.size;
  }

  nextCas(): number {
    return ++this.casCounter;
  }

  /** memcached's item_size_ok: would an item with this key and value fit the -I limit? */
  itemSizeOk(keyLength: number, valueLength: number): boolean {
    return itemTotalSize(keyLength, valueLength) <= this.itemSizeMax;
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

  private isDead(item: Item, now: number): number {
    if (this.flushPoint !== 0 && this.flushPoint <= now && item.time <= this.flushPoint) return MISS_FLUSHED;
    if (item.exptime !== 0 && item.exptime <= now) return MISS_EXPIRED;
    return MISS_NONE;
  }

  /** Live item for key, or undefined (dead items are unlinked and counted as reclaimed). */
  find(key: string, now: number, bump: boolean): Item | undefined {
    this.lastMiss = MISS_NONE;
    const item = this.items.get(key);
    if (item === undefined) return undefined;
    const dead = this.isDead(item, now);
    if (dead !== MISS_NONE) {
      this.lastMiss = dead;
      this.removeItem(item);
      this.stats.reclaimed++;
      return undefined;
    }
    if (bump) {
      // Move to the most-recently-used end of the insertion order.
      this.items.delete(key);
      this.items.set(key, item);
    }
    return item;
  }

  /**
   * Links item under its key, replacing any previous one and evicting from
   * the LRU end until it fits. Returns false, changing nothing, when it
   * cannot fit (larger than the budget, or full with evictions disabled).
   */
  link(item: Item, now: number): boolean {
    if (item.size > this.maxBytes) return false;
    const old = this.items.get(item.key);
    const freed = old === undefined ? 0 : old.size;
    while (this.bytesUsed - freed + item.size > this.maxBytes) {
      const victim = this.lruVictim(old);
      if (victim === undefined) return false;
      if (this.isDead(victim, now) !== MISS_NONE) this.stats.reclaimed++;
      else if (this.evictionsEnabled) this.stats.evictions++;
      else return false;
      this.removeItem(victim);
    }
    if (old !== undefined) this.removeItem(old);
    this.items.set(item.key, item);
    this.bytesUsed += item.size;
    this.stats.totalItems++;
    return true;
  }

  /** Oldest item other than `except` (the one being replaced), if any. */
  private lruVictim(except: Item | undefined): Item | undefined {
    for (const candidate of this.items.values()) {
      if (candidate !== except) return candidate;
    }
    return undefined;
  }

  /** Removes the live or dead item under key; true if something was there. */
  unlink(key: string): boolean {
    const item = this.items.get(key);
    if (item === undefined) return false;
    this.removeItem(item);
    return true;
  }

  private removeItem(item: Item): void {
    this.items.delete(item.key);
    this.bytesUsed -= item.size;
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

  private clear(): void {
    this.items.clear();
    this.bytesUsed = 0;
  }
}
