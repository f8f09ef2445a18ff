// Executes parsed memcached requests against the shared store and emits the
// replies memcached 1.6 gives. Replies are handed out as views (constant
// replies, or an item's own wire bytes in the store's region for a get hit),
// never copied here; a view of an item goes out through emitItem so the
// session pins the item until the transport lets go of the bytes.
import { NIL_REF, type ItemRef } from "./item.ts";
import { PARSE_BIG, PARSE_FAIL, bigResult, parseU64 } from "./numeric.ts";
import { MAX_KEY_LENGTH, Op } from "./parser.ts";
import type { MemcachedRequest } from "./parser.ts";
import * as R from "./replies.ts";
import { formatStats, formatStatsItems, formatStatsSlabs } from "./stats.ts";
import { MISS_EXPIRED, MISS_FLUSHED } from "./store.ts";
import type { MemcachedStore } from "./store.ts";

/** Where a command's reply bytes go; the session forwards them to the transport. */
export interface ReplySink {
  /** A reply that stays valid as it is (a constant, or bytes made for this reply). */
  emit(reply: Uint8Array): void;
  /**
   * A view of item `ref`'s bytes in the store's region (it and every earlier
   * view of that item in this reply): the sink pins the item until the
   * transport has let go of them.
   */
  emitItem(reply: Uint8Array, ref: ItemRef): void;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** Runs one request; returns false when the connection must be closed. */
export function executeRequest(store: MemcachedStore, req: MemcachedRequest, sink: ReplySink): boolean {
  switch (req.op) {
    case Op.Get:
    case Op.Gets:
      getCommand(store, req, sink, req.op === Op.Gets);
      return true;
    case Op.Set:
    case Op.Add:
    case Op.Replace:
    case Op.Append:
    case Op.Prepend:
    case Op.Cas:
      reply(sink, req, storeCommand(store, req));
      return true;
    case Op.Delete: {
      const ref = store.find(req.key, req.keyStart, req.keyEnd, store.now(), false);
      if (ref !== NIL_REF) {
        store.stats.deleteHits++;
        store.classStats.deleteHits[store.classOf(ref)]++;
        store.remove(ref);
      } else {
        store.stats.deleteMisses++;
      }
      reply(sink, req, ref !== NIL_REF ? R.DELETED : R.NOT_FOUND);
      return true;
    }
    case Op.Incr:
    case Op.Decr:
      arithmetic(store, req, sink);
      return true;
    case Op.Touch: {
      const now = store.now();
      store.stats.cmdTouch++;
      const ref = store.find(req.key, req.keyStart, req.keyEnd, now, true);
      if (ref !== NIL_REF) {
        store.setExptime(ref, store.absoluteExptime(req.exptime, now));
        store.stats.touchHits++;
        store.classStats.touchHits[store.classOf(ref)]++;
      } else {
        store.stats.touchMisses++;
      }
      reply(sink, req, ref !== NIL_REF ? R.TOUCHED : R.NOT_FOUND);
      return true;
    }
    case Op.FlushAll:
      store.flushAll(req.exptime, store.now());
      reply(sink, req, R.OK);
      return true;
    case Op.Version:
      sink.emit(R.VERSION);
      return true;
    case Op.Verbosity:
      reply(sink, req, R.OK);
      return true;
    case Op.Stats:
      sink.emit(formatStats(store));
      return true;
    case Op.StatsSlabs:
      sink.emit(formatStatsSlabs(store));
      return true;
    case Op.StatsItems:
      sink.emit(formatStatsItems(store));
      return true;
    case Op.StatsReset:
      store.stats.reset();
      store.classStats.reset();
      sink.emit(R.RESET);
      return true;
    case Op.Reply:
      reply(sink, req, req.reply);
      return true;
    case Op.TooLarge:
      store.stats.storeTooLarge++;
      // memcached drops the old value of a set it cannot store, so no stale data survives
      if (req.storeOp === Op.Set) store.unlink(req.key, req.keyStart, req.keyEnd);
      reply(sink, req, R.SERVER_ERROR_TOO_LARGE);
      return true;
    case Op.Quit:
      return false;
    case Op.Close:
      store.stats.protocolCloses++;
      return false;
    default:
      sink.emit(R.ERROR);
      return true;
  }
}

function reply(sink: ReplySink, req: MemcachedRequest, bytes: Uint8Array): void {
  if (!req.noreply) sink.emit(bytes);
}

function getCommand(store: MemcachedStore, req: MemcachedRequest, sink: ReplySink, withCas: boolean): void {
  const buf = req.line;
  const end = req.lineEnd;
  // memcached throws away a multi-get's partial reply when a key is too long: check them all first.
  for (let i = req.tokEnd[0]; i < end;) {
    if (buf[i] === 32) {
      i++;
      continue;
    }
    const s = i;
    while (i < end && buf[i] !== 32) i++;
    if (i - s > MAX_KEY_LENGTH) {
      sink.emit(R.CLIENT_ERROR_BAD_FORMAT);
      return;
    }
  }
  const now = store.now();
  const stats = store.stats;
  const mem = store.mem;
  for (let i = req.tokEnd[0]; i < end;) {
    if (buf[i] === 32) {
      i++;
      continue;
    }
    const s = i;
    while (i < end && buf[i] !== 32) i++;
    stats.cmdGet++;
    const ref = store.find(buf, s, i, now, true);
    if (ref === NIL_REF) {
      stats.getMisses++;
      if (store.lastMiss === MISS_EXPIRED) stats.getExpired++;
      else if (store.lastMiss === MISS_FLUSHED) stats.getFlushed++;
      continue;
    }
    stats.getHits++;
    store.classStats.getHits[store.classOf(ref)]++;
    const wire = store.wireOffset(ref);
    if (!withCas) {
      sink.emitItem(mem.subarray(wire, store.wireEnd(ref)), ref);
    } else {
      const dataAt = store.dataOffset(ref);
      sink.emit(mem.subarray(wire, dataAt - 2));
      sink.emit(R.encodeAscii(` ${store.casOf(ref)}\r\n`));
      sink.emitItem(mem.subarray(dataAt, store.wireEnd(ref)), ref);
    }
  }
  sink.emit(R.END);
}

/** Stores the draft (filled by the caller); the reply: STORED or out of memory. */
function storeOrOom(store: MemcachedStore, now: number): Uint8Array {
  if (store.store(store.draft, now) !== NIL_REF) return R.STORED;
  store.stats.storeNoMemory++;
  return R.SERVER_ERROR_OUT_OF_MEMORY;
}

/** Fills the store's draft with the request's key and data (set, add, replace, cas). */
function draftFromRequest(store: MemcachedStore, req: MemcachedRequest, exptime: number, now: number): void {
  store.draft
    .setKey(req.key, req.keyStart, req.keyEnd)
    .setHeader(req.flags, exptime, store.nextCas(), now)
    .setData(req.data, req.dataStart, req.dataLength);
}

/**
 * Fills the draft with what append (old bytes first) or prepend (new bytes
 * first) makes of item `old` and the request's data; the old item's flags
 * and exptime win over the ones on the command line. The old data is read
 * from the region: store() keeps `old` pinned while it copies.
 */
function draftJoined(store: MemcachedStore, req: MemcachedRequest, old: ItemRef, now: number): void {
  const d = store.draft
    .setKey(req.key, req.keyStart, req.keyEnd)
    .setHeader(store.flagsOf(old), store.exptimeOf(old), store.nextCas(), now);
  const mem = store.mem;
  const at = store.dataOffset(old);
  const length = store.dataLength(old);
  if (req.op === Op.Append) d.setData(mem, at, length, req.data, req.dataStart, req.dataLength);
  else d.setData(req.data, req.dataStart, req.dataLength, mem, at, length);
}

function storeCommand(store: MemcachedStore, req: MemcachedRequest): Uint8Array {
  const now = store.now();
  const stats = store.stats;
  const exptime = store.absoluteExptime(req.exptime, now);
  stats.cmdSet++;
  // memcached counts the class of the item the request's own data makes, stored or not
  store.countSet(req.keyEnd - req.keyStart, req.flags, req.dataLength);
  switch (req.op) {
    case Op.Set:
      draftFromRequest(store, req, exptime, now);
      if (store.store(store.draft, now) !== NIL_REF) return R.STORED;
      // memcached drops the old value of a set it cannot store
      store.unlink(req.key, req.keyStart, req.keyEnd);
      stats.storeNoMemory++;
      return R.SERVER_ERROR_OUT_OF_MEMORY;
    case Op.Add:
      // an add that finds the key still refreshes its LRU position (memcached does too)
      if (store.find(req.key, req.keyStart, req.keyEnd, now, true) !== NIL_REF) return R.NOT_STORED;
      break;
    case Op.Replace:
      if (store.find(req.key, req.keyStart, req.keyEnd, now, false) === NIL_REF) return R.NOT_STORED;
      break;
    case Op.Append:
    case Op.Prepend: {
      const old = store.find(req.key, req.keyStart, req.keyEnd, now, false);
      if (old === NIL_REF) return R.NOT_STORED;
      const length = store.dataLength(old) + req.dataLength;
      if (!store.itemSizeOk(req.keyEnd - req.keyStart, length, store.flagsOf(old))) return R.NOT_STORED;
      draftJoined(store, req, old, now);
      return storeOrOom(store, now);
    }
    case Op.Cas: {
      const old = store.find(req.key, req.keyStart, req.keyEnd, now, false);
      if (old === NIL_REF) {
        stats.casMisses++;
        return R.NOT_FOUND;
      }
      if (store.casOf(old) !== req.casUnique) {
        stats.casBadval++;
        store.classStats.casBadval[store.classOf(old)]++;
        return R.EXISTS;
      }
      stats.casHits++;
      store.classStats.casHits[store.classOf(old)]++;
      break;
    }
    default:
      return R.ERROR;
  }
  draftFromRequest(store, req, exptime, now);
  return storeOrOom(store, now);
}

const SERVER_ERROR_OOM_DELTA = R.encodeAscii("SERVER_ERROR out of memory\r\n");

/** incr/decr: unsigned 64-bit, incr wraps, decr stops at 0; BigInt only past 2^53. */
function arithmetic(store: MemcachedStore, req: MemcachedRequest, sink: ReplySink): void {
  const now = store.now();
  const incr = req.op === Op.Incr;
  const ref = store.find(req.key, req.keyStart, req.keyEnd, now, true);
  if (ref === NIL_REF) {
    if (incr) store.stats.incrMisses++;
    else store.stats.decrMisses++;
    reply(sink, req, R.NOT_FOUND);
    return;
  }
  const dataAt = store.dataOffset(ref);
  const dataLength = store.dataLength(ref);
  const value = dataLength === 0 ? PARSE_FAIL : parseU64(store.mem, dataAt, dataAt + dataLength);
  if (value === PARSE_FAIL) {
    reply(sink, req, R.CLIENT_ERROR_NON_NUMERIC);
    return;
  }
  let text: string;
  const delta = req.delta;
  if (value !== PARSE_BIG && delta >= 0) {
    if (!incr) text = String(delta > value ? 0 : value - delta);
    else if (value + delta <= MAX_SAFE) text = String(value + delta);
    else text = BigInt.asUintN(64, BigInt(value) + BigInt(delta)).toString();
  } else {
    const v = value === PARSE_BIG ? bigResult : BigInt(value);
    const d = delta >= 0 ? BigInt(delta) : req.deltaBig;
    text = (incr ? BigInt.asUintN(64, v + d) : d > v ? 0n : v - d).toString();
  }
  const c = store.classOf(ref);
  if (incr) {
    store.stats.incrHits++;
    store.classStats.incrHits[c]++;
  } else {
    store.stats.decrHits++;
    store.classStats.decrHits[c]++;
  }
  // memcached rewrites a value that still fits in place, padding with spaces ("10" decr 1 -> "9 ")
  const length = Math.max(text.length, dataLength);
  const data = new Uint8Array(length).fill(32);
  for (let i = 0; i < text.length; i++) data[i] = text.charCodeAt(i);
  store.draft
    .setKey(req.key, req.keyStart, req.keyEnd)
    .setHeader(store.flagsOf(ref), store.exptimeOf(ref), store.nextCas(), now)
    .setData(data, 0, length);
  if (store.store(store.draft, now) === NIL_REF) {
    store.stats.storeNoMemory++;
    reply(sink, req, SERVER_ERROR_OOM_DELTA);
    return;
  }
  reply(sink, req, R.encodeAscii(text + "\r\n"));
}
