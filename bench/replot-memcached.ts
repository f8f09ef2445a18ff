// `node bench/replot-memcached.ts [results]`: redraws results/memcached-usr.svg
// and memcached-etc.svg from the sweeps the memcached bench keeps beside them
// (memcached-W.json: {server label: ixload result}), with the SLO line at the
// SLO of that bench run (bench.json's sloUs), without rerunning the sweeps.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RunResult } from "@ix/loadgen";
import { memcachedPlot } from "./memcached.bench.ts";

const dir = process.argv[2] ?? join(import.meta.dirname, "..", "results");
const { sloUs } = JSON.parse(readFileSync(join(dir, "bench.json"), "utf8")) as { sloUs: number };
for (const w of ["usr", "etc"]) {
  const sweeps = JSON.parse(readFileSync(join(dir, `memcached-${w}.json`), "utf8")) as Record<
    string,
    RunResult
  >;
  writeFileSync(join(dir, `memcached-${w}.svg`), await memcachedPlot(sweeps, sloUs));
  console.log(`${join(dir, `memcached-${w}.svg`)}: ${Object.keys(sweeps).join(", ")}; SLO p99 ${sloUs} us`);
}
