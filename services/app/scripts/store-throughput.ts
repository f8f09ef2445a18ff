#!/usr/bin/env node
// In-process set/get throughput of the memcached session and store, this
// tree's against another commit's (default main), side by side in one run:
// the other commit's services/app/src is extracted with `git archive` into a
// temporary directory and imported next to ours. Each round drives a
// MemcachedSession with pipelined requests (100 per chunk, 10,000 keys,
// 100-byte values), first sets then gets, and reports requests/s and the
// young-generation GCs (scavenges) the round caused: the hot path must not
// allocate more per request than before. A speed figure, so a script, not a test.
//   node services/app/scripts/store-throughput.ts [--ref main] [--rounds 5] [--requests 400000]
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PerformanceObserver, performance } from "node:perf_hooks";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    ref: { type: "string", default: "main" },
    rounds: { type: "string", default: "5" },
    requests: { type: "string", default: "400000" },
  },
});
const rounds = Number(values.rounds);
const requests = Number(values.requests);
const root = execFileSync("git", ["rev-parse", "--show-toplevel"], { encoding: "utf8" }).trim();
const dir = mkdtempSync(join(tmpdir(), "store-throughput-"));

interface Impl {
  name: string;
  Store: new (o: object) => unknown;
  Session: new (store: unknown) => {
    onData(c: Uint8Array, out: (r: Uint8Array) => void): unknown;
    onSent?(n: number): void;
  };
}

let scavenges = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries())
    if ((e as unknown as { detail?: { kind?: number } }).detail?.kind === 1) scavenges++;
}).observe({ entryTypes: ["gc"] });

function chunks(kind: "set" | "get"): Uint8Array[] {
  const value = "v".repeat(100);
  const out: Uint8Array[] = [];
  for (let i = 0; i < 10_000; i += 100) {
    let s = "";
    for (let k = i; k < i + 100; k++)
      s += kind === "set" ? `set key:${k} 0 0 100\r\n${value}\r\n` : `get key:${k}\r\n`;
    out.push(Buffer.from(s, "latin1"));
  }
  return out;
}

/** Lets the GC observer deliver its entries (they arrive on a later turn). */
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 50));

async function run(impl: Impl, data: Uint8Array[]): Promise<{ rate: number; scavenges: number }> {
  const store = new impl.Store({ maxBytes: 64 * 1024 * 1024 });
  const session = new impl.Session(store);
  let bytes = 0;
  const out = (r: Uint8Array): void => {
    bytes += r.length;
  };
  for (const c of chunks("set")) session.onData(c, out); // warm the store for gets
  await settle();
  const before = scavenges;
  const t0 = performance.now();
  let done = 0;
  while (done < requests) {
    for (const c of data) session.onData(c, out);
    session.onSent?.(bytes); // a transport that sent everything
    bytes = 0;
    done += 10_000;
  }
  const t1 = performance.now();
  await settle();
  return { rate: done / ((t1 - t0) / 1000), scavenges: scavenges - before };
}

try {
  execFileSync("sh", ["-c", `git -C ${root} archive ${values.ref} services/app/src | tar -x -C ${dir}`]);
  const load = async (name: string, base: string): Promise<Impl> => ({
    name,
    Store: (await import(join(base, "services/app/src/memcached/store.ts"))).MemcachedStore,
    Session: (await import(join(base, "services/app/src/memcached/session.ts"))).MemcachedSession,
  });
  const impls = [await load(values.ref, dir), await load("this tree", root)];
  const sets = chunks("set");
  const gets = chunks("get");
  const rows: string[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const impl of impls) {
      for (const [kind, data] of [
        ["set", sets],
        ["get", gets],
      ] as const) {
        const res = await run(impl, data);
        rows.push(`${r}\t${impl.name}\t${kind}\t${Math.round(res.rate)}\t${res.scavenges}`);
      }
    }
  }
  console.log(`round\timpl\top\treq/s\tscavenges (${requests} requests per cell)`);
  for (const row of rows) console.log(row);
  for (const impl of impls) {
    for (const kind of ["set", "get"]) {
      const cells = rows.map((r) => r.split("\t")).filter((c) => c[1] === impl.name && c[2] === kind);
      const rates = cells.map((c) => Number(c[3])).sort((a, b) => a - b);
      const gcs = cells.map((c) => Number(c[4])).sort((a, b) => a - b);
      const mid = (xs: number[]): number => xs[Math.floor(xs.length / 2)];
      console.log(`median\t${impl.name}\t${kind}\t${mid(rates)}\t${mid(gcs)}`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
