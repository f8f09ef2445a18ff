// Stores every key of the key space before measuring, so GETs hit (as mutilate
// does with its loader). Pipelined SETs over a few connections, bounded window
// and bounded time.

import type { KeySpace } from "./keyspace.ts";
import { setRequest } from "./memcached-client.ts";
import { MemcachedResponseParser } from "./memcached-parser.ts";
import type { Transport } from "./transport.ts";
import type { MemcachedWorkload } from "./workload.ts";

export interface PreloadResult {
  stored: number;
  errors: number;
  seconds: number;
}

const WINDOW = 64; // SETs in flight per connection

export async function preloadKeys(
  transport: Transport,
  host: string,
  port: number,
  keys: KeySpace,
  workload: MemcachedWorkload,
  options: { connections?: number; timeoutMs?: number } = {},
): Promise<PreloadResult> {
  const started = performance.now();
  const nConn = Math.max(1, Math.min(options.connections ?? 4, keys.count));
  const conns = await Promise.all(Array.from({ length: nConn }, () => transport.connect(host, port)));
  let stored = 0;
  let errors = 0;
  const jobs = conns.map(
    (conn, c) =>
      new Promise<void>((resolve, reject) => {
        const parser = new MemcachedResponseParser();
        let next = c; // this connection stores keys c, c + nConn, ...
        let inFlight = 0;
        const sendMore = (): void => {
          while (inFlight < WINDOW && next < keys.count) {
            conn.send(setRequest(keys.key(next), workload.preloadValueSize(next)));
            next += nConn;
            inFlight++;
          }
          if (inFlight === 0) resolve();
        };
        const sink = {
          onResponse(isError: boolean): void {
            inFlight--;
            if (isError) errors++;
            else stored++;
          },
        };
        conn.onData((chunk) => {
          parser.feed(chunk, sink);
          sendMore();
        });
        conn.onClose((err) => {
          if (inFlight > 0 || next < keys.count)
            reject(new Error(`preload connection closed: ${err?.message ?? "eof"}`));
        });
        sendMore();
      }),
  );
  const timeoutMs = options.timeoutMs ?? 120_000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`preload did not finish in ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([Promise.all(jobs), timeout]);
  } finally {
    clearTimeout(timer);
    for (const conn of conns) conn.close();
  }
  if (stored === 0 && keys.count > 0) throw new Error(`preload stored nothing (${errors} errors)`);
  return { stored, errors, seconds: (performance.now() - started) / 1000 };
}
