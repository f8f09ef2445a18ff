// The general "stats" reply: the subset of memcached 1.6's STAT lines this
// server can answer truthfully, in memcached's order and formatting.
import { encodeAscii, VERSION_STRING } from "./replies.ts";
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
