// The "stats", "stats slabs" and "stats items" replies: the subset of
// memcached 1.6's STAT lines this server can answer truthfully, in
// memcached's order and formatting.
import { encodeAscii, VERSION_STRING } from "./replies.ts";
import { POWER_SMALLEST } from "./slabs.ts";
import type { MemcachedStore } from "./store.ts";

/** "%ld.%06ld" of a microsecond count, as memcached prints rusage. */
function seconds(micros: number): string {
  const whole = Math.floor(micros / 1e6);
  return `${whole}.${String(Math.floor(micros - whole * 1e6)).padStart(6, "0")}`;
}

export function formatStats(store: MemcachedStore): Uint8Array {
  const s = store.stats;
  const now = store.now();
  const cpu = process.cpuUsage();
  const lines: [string, string | number][] = [
    ["pid", process.pid],
    ["uptime", now - store.startedAt],
    ["time", now],
    ["version", VERSION_STRING],
    ["pointer_size", 64],
    ["rusage_user", seconds(cpu.user)],
    ["rusage_system", seconds(cpu.system)],
    ["curr_connections", s.currConnections],
    ["total_connections", s.totalConnections],
    ["cmd_get", s.cmdGet],
    ["cmd_set", s.cmdSet],
    ["cmd_flush", s.cmdFlush],
    ["cmd_touch", s.cmdTouch],
    ["get_hits", s.getHits],
    ["get_misses", s.getMisses],
    ["get_expired", s.getExpired],
    ["get_flushed", s.getFlushed],
    ["delete_misses", s.deleteMisses],
    ["delete_hits", s.deleteHits],
    ["incr_misses", s.incrMisses],
    ["incr_hits", s.incrHits],
    ["decr_misses", s.decrMisses],
    ["decr_hits", s.decrHits],
    ["cas_misses", s.casMisses],
    ["cas_hits", s.casHits],
    ["cas_badval", s.casBadval],
    ["touch_hits", s.touchHits],
    ["touch_misses", s.touchMisses],
    ["store_too_large", s.storeTooLarge],
    ["store_no_memory", s.storeNoMemory],
    ["bytes_read", s.bytesRead],
    ["bytes_written", s.bytesWritten],
    ["limit_maxbytes", store.maxBytes],
    ["threads", 1],
    ["hash_bytes", store.hashBytes],
    ["slabs_moved", store.classStats.slabsMoved],
    ["bytes", store.bytes],
    ["curr_items", store.currItems],
    ["total_items", s.totalItems],
    ["evictions", s.evictions],
    ["reclaimed", s.reclaimed],
  ];
  let text = "";
  for (const [name, value] of lines) text += `STAT ${name} ${value}\r\n`;
  return encodeAscii(text + "END\r\n");
}

/**
 * "stats slabs" as memcached 1.6's do_slabs_stats prints it: per class with
 * pages, then the class count and the bytes given out as pages.
 */
export function formatStatsSlabs(store: MemcachedStore): Uint8Array {
  const slabs = store.slabs;
  const cs = store.classStats;
  let text = "";
  let active = 0;
  for (let c = POWER_SMALLEST; c <= slabs.largest; c++) {
    const pages = slabs.pages[c];
    if (pages === 0) continue;
    active++;
    const total = pages * slabs.perslab[c];
    const lines: [string, number][] = [
      ["chunk_size", slabs.size[c]],
      ["chunks_per_page", slabs.perslab[c]],
      ["total_pages", pages],
      ["total_chunks", total],
      ["used_chunks", total - slabs.freeCount[c]],
      ["free_chunks", slabs.freeCount[c]],
      // dead in memcached too: printed as 0
      ["free_chunks_end", 0],
      ["get_hits", cs.getHits[c]],
      ["cmd_set", cs.cmdSet[c]],
      ["delete_hits", cs.deleteHits[c]],
      ["incr_hits", cs.incrHits[c]],
      ["decr_hits", cs.decrHits[c]],
      ["cas_hits", cs.casHits[c]],
      ["cas_badval", cs.casBadval[c]],
      ["touch_hits", cs.touchHits[c]],
    ];
    for (const [name, value] of lines) text += `STAT ${c}:${name} ${value}\r\n`;
  }
  text += `STAT active_slabs ${active}\r\nSTAT total_malloced ${slabs.malloced}\r\nEND\r\n`;
  return encodeAscii(text);
}

/**
 * "stats items" as memcached 1.6 prints it with one LRU per class (its
 * -o no_lru_maintainer shape: no hot/warm/cold sub-LRUs): per class holding
 * items. tailrepairs and the crawler counters are 0 (no crawler here).
 */
export function formatStatsItems(store: MemcachedStore): Uint8Array {
  const cs = store.classStats;
  const now = store.now();
  let text = "";
  for (let c = POWER_SMALLEST; c <= store.slabs.largest; c++) {
    const number = store.classItems[c];
    if (number === 0) continue;
    const lines: [string, number][] = [
      ["number", number],
      ["age", store.tailAge(c, now)],
      ["mem_requested", store.classBytes[c]],
      ["evicted", cs.evicted[c]],
      ["evicted_nonzero", cs.evictedNonzero[c]],
      ["evicted_time", cs.evictedTime[c]],
      ["outofmemory", cs.outofmemory[c]],
      ["tailrepairs", 0],
      ["reclaimed", cs.reclaimed[c]],
      ["expired_unfetched", cs.expiredUnfetched[c]],
      ["evicted_unfetched", cs.evictedUnfetched[c]],
      ["crawler_reclaimed", 0],
      ["crawler_items_checked", 0],
      ["lrutail_reflocked", cs.lrutailReflocked[c]],
    ];
    for (const [name, value] of lines) text += `STAT items:${c}:${name} ${value}\r\n`;
  }
  return encodeAscii(text + "END\r\n");
}
