// Executes parsed memcached requests against the shared store and emits the
// replies memcached 1.6 gives. Replies are handed out as views (constant
// replies, or an item's own wire bytes for a get hit), never copied here.
import { Buffer } from "node:buffer";
import { buildItem } from "./item.ts";
import type { Item } from "./item.ts";
import { PARSE_BIG, PARSE_FAIL, bigResult, parseU64 } from "./numeric.ts";
import { MAX_KEY_LENGTH, Op } from "./parser.ts";
import type { MemcachedRequest } from "./parser.ts";
import * as R from "./replies.ts";
import { formatStats } from "./stats.ts";
import { MISS_EXPIRED, MISS_FLUSHED } from "./store.ts";
import type { MemcachedStore } from "./store.ts";

/** Where a command's reply bytes go; the session forwards them to the transport. */
export interface ReplySink {
  emit(reply: Uint8Array): void;
}

// Node's native latin1 decoder works on any Uint8Array: one string per key,
// a bijection on bytes, so binary keys keep distinct identities.
const latin1Slice = (Buffer.prototype as unknown as { latin1Slice(s: number, e: number): string })
  .latin1Slice;

export function keyString(buf: Uint8Array, start: number, end: number): string {
  return latin1Slice.call(buf, start, end);
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
      const key = keyString(req.key, req.keyStart, req.keyEnd);
      const found = store.find(key, store.now(), false) !== undefined && store.unlink(key);
      if (found) store.stats.deleteHits++;
      else store.stats.deleteMisses++;
      reply(sink, req, found ? R.DELETED : R.NOT_FOUND);
      return true;
    }
    case Op.Incr:
    case Op.Decr:
      arithmetic(store, req, sink);
      return true;
    case Op.Touch: {
      const now = store.now();
      store.stats.cmdTouch++;
      const item = store.find(keyString(req.key, req.keyStart, req.keyEnd), now, true);
      if (item !== undefined) {
        item.exptime = store.absoluteExptime(req.exptime, now);
        store.stats.touchHits++;
      } else {
        store.stats.touchMisses++;
      }
      reply(sink, req, item !== undefined ? R.TOUCHED : R.NOT_FOUND);
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
    case Op.StatsReset:
      store.stats.reset();
      sink.emit(R.RESET);
      return true;
    case Op.Reply:
      reply(sink, req, req.reply);
      return true;
    case Op.TooLarge:
      store.stats.storeTooLarge++;
      // memcached drops the old value of a set it cannot store, so no stale data survives
      if (req.storeOp === Op.Set) store.unlink(keyString(req.key, req.keyStart, req.keyEnd));
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
  for (let i = req.tokEnd[0]; i < end;) {
    if (buf[i] === 32) {
      i++;
      continue;
    }
    const s = i;
    while (i < end && buf[i] !== 32) i++;
    stats.cmdGet++;
    const item = store.find(keyString(buf, s, i), now, true);
    if (item === undefined) {
      stats.getMisses++;
      if (store.lastMiss === MISS_EXPIRED) stats.getExpired++;
      else if (store.lastMiss === MISS_FLUSHED) stats.getFlushed++;
      continue;
    }
    stats.getHits++;
    if (!withCas) {
      sink.emit(item.wire);
    } else {
      const headerEnd = item.dataStart - 2;
      sink.emit(item.wire.subarray(0, headerEnd));
      sink.emit(R.encodeAscii(` ${item.cas}\r\n`));
      sink.emit(item.wire.subarray(item.dataStart));
    }
  }
  sink.emit(R.END);
}

/** A new item for `req` with the request's data (set, add, replace, cas). */
function newItem(
  store: MemcachedStore,
  req: MemcachedRequest,
  key: string,
  exptime: number,
  now: number,
): Item {
  return buildItem(
    store.draft
      .setKey(key, req.key, req.keyStart, req.keyEnd)
      .setHeader(req.flags, exptime, store.nextCas(), now)
      .setData(req.data, req.dataStart, req.dataLength),
  );
}

/**
 * The item append (old bytes first) or prepend (new bytes first) makes of
 * `old` and the request's data; the old item's flags and exptime win over the
 * ones on the command line.
 */
function joinedItem(store: MemcachedStore, req: MemcachedRequest, old: Item, now: number): Item {
  const d = store.draft
    .setKey(old.key, req.key, req.keyStart, req.keyEnd)
    .setHeader(old.flags, old.exptime, store.nextCas(), now);
  if (req.op === Op.Append)
    d.setData(old.wire, old.dataStart, old.dataLength, req.data, req.dataStart, req.dataLength);
  else d.setData(req.data, req.dataStart, req.dataLength, old.wire, old.dataStart, old.dataLength);
  return buildItem(d);
}

function storeCommand(store: MemcachedStore, req: MemcachedRequest): Uint8Array {
  const now = store.now();
  const stats = store.stats;
  const key = keyString(req.key, req.keyStart, req.keyEnd);
  const exptime = store.absoluteExptime(req.exptime, now);
  stats.cmdSet++;
  let item: Item;
  switch (req.op) {
    case Op.Set:
      item = newItem(store, req, key, exptime, now);
      if (store.link(item, now)) return R.STORED;
      store.unlink(key);
      stats.storeNoMemory++;
      return R.SERVER_ERROR_OUT_OF_MEMORY;
    case Op.Add:
      // an add that finds the key still refreshes its LRU position (memcached does too)
      if (store.find(key, now, true) !== undefined) return R.NOT_STORED;
      break;
    case Op.Replace:
      if (store.find(key, now, false) === undefined) return R.NOT_STORED;
      break;
    case Op.Append:
    case Op.Prepend: {
      const old = store.find(key, now, false);
      if (old === undefined) return R.NOT_STORED;
      if (!store.itemSizeOk(req.keyEnd - req.keyStart, old.dataLength + req.dataLength)) return R.NOT_STORED;
      item = joinedItem(store, req, old, now);
      return linkOrOom(store, item, now);
    }
    case Op.Cas: {
      const old = store.find(key, now, false);
      if (old === undefined) {
        stats.casMisses++;
        return R.NOT_FOUND;
      }
      if (old.cas !== req.casUnique) {
        stats.casBadval++;
        return R.EXISTS;
      }
      stats.casHits++;
      break;
    }
    default:
      return R.ERROR;
  }
  item = newItem(store, req, key, exptime, now);
  return linkOrOom(store, item, now);
}

function linkOrOom(store: MemcachedStore, item: Item, now: number): Uint8Array {
  if (store.link(item, now)) return R.STORED;
  store.stats.storeNoMemory++;
  return R.SERVER_ERROR_OUT_OF_MEMORY;
}

const SERVER_ERROR_OOM_DELTA = R.encodeAscii("SERVER_ERROR out of memory\r\n");

/** incr/decr: unsigned 64-bit, incr wraps, decr stops at 0; BigInt only past 2^53. */
function arithmetic(store: MemcachedStore, req: MemcachedRequest, sink: ReplySink): void {
  const now = store.now();
  const incr = req.op === Op.Incr;
  const key = keyString(req.key, req.keyStart, req.keyEnd);
  const item = store.find(key, now, true);
  if (item === undefined) {
    if (incr) store.stats.incrMisses++;
    else store.stats.decrMisses++;
    reply(sink, req, R.NOT_FOUND);
    return;
  }
  const value =
    item.dataLength === 0
      ? PARSE_FAIL
      : parseU64(item.wire, item.dataStart, item.dataStart + item.dataLength);
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
  if (incr) store.stats.incrHits++;
  else store.stats.decrHits++;
  // memcached rewrites a value that still fits in place, padding with spaces ("10" decr 1 -> "9 ")
  const length = Math.max(text.length, item.dataLength);
  const data = new Uint8Array(length).fill(32);
  for (let i = 0; i < text.length; i++) data[i] = text.charCodeAt(i);
  const updated = buildItem(
    store.draft
      .setKey(key, req.key, req.keyStart, req.keyEnd)
      .setHeader(item.flags, item.exptime, store.nextCas(), now)
      .setData(data, 0, length),
  );
  if (!store.link(updated, now)) {
    store.stats.storeNoMemory++;
    reply(sink, req, SERVER_ERROR_OOM_DELTA);
    return;
  }
  reply(sink, req, R.encodeAscii(text + "\r\n"));
}
