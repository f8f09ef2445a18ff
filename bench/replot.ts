// `node bench/replot.ts [results]`: redraws the plots whose data the bench
// keeps, without rerunning it: batching.svg, connections.svg and latency.svg
// from bench.json (each scenario's figures), with the same functions the
// scenarios draw them with. memcached-usr/etc.svg have their own script
// (bench/replot-memcached.ts, from memcached-W.json). controlplane.svg cannot
// be redrawn: its per-interval traces are not stored.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { batchingPlot } from "./batching.bench.ts";
import { connectionsPlot } from "./connections.bench.ts";
import { latencyPlot } from "./latency.bench.ts";
import type { Figures } from "./support/types.ts";

const PLOTS: Record<string, (f: Figures) => Promise<string>> = {
  batching: batchingPlot,
  connections: connectionsPlot,
  latency: latencyPlot,
};

const dir = process.argv[2] ?? join(import.meta.dirname, "..", "results");
const bench = JSON.parse(readFileSync(join(dir, "bench.json"), "utf8")) as Record<string, Figures>;
for (const [scenario, plot] of Object.entries(PLOTS)) {
  const file = join(dir, `${scenario}.svg`);
  if (typeof bench[scenario] !== "object" || bench[scenario] === null) {
    console.log(`${file}: left as is (bench.json has no ${scenario} figures)`);
    continue;
  }
  writeFileSync(file, await plot(bench[scenario]));
  console.log(`${file}: redrawn from bench.json's ${scenario} figures`);
}
