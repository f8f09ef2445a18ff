// A child process for memory tests: the node:net memcached server
// (net-server.ts, the same sessions and store as the app) on 127.0.0.1:<port>
// with -m <MB>. Each "rss" line on stdin is answered on stdout with
// "rss <bytes>" after a full garbage collection (run with --expose-gc), so a
// test reads the memory the server keeps, not the socket read buffers V8 has
// not collected yet.
//   node --expose-gc net-server-child.ts <port> <MB>
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { MemcachedStore } from "../src/memcached/store.ts";
import { startNetServer } from "../src/net-server.ts";

const [port, mb] = process.argv.slice(2).map(Number);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");
await startNetServer({
  port,
  protocol: "memcached",
  store: new MemcachedStore({ maxBytes: mb * 1024 * 1024 }),
});
createInterface({ input: process.stdin }).on("line", (line) => {
  if (line === "rss") void report();
});
/** GC twice, a moment apart: V8 frees dead ArrayBuffers' memory on a background sweeper after the GC. */
async function report(): Promise<void> {
  gc!();
  await new Promise((r) => setTimeout(r, 200));
  gc!();
  await new Promise((r) => setTimeout(r, 200));
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
  const u = process.memoryUsage();
  const detail = `heapTotal ${u.heapTotal} external ${u.external} arrayBuffers ${u.arrayBuffers}`;
  process.stdout.write(`rss ${Number(m?.[1] ?? -1) * 1024} ${detail}\n`);
}
process.stdout.write("ready\n");
