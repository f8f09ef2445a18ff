// Connection scalability: echo of 64 B messages over N connections (one
// request outstanding each, offered far beyond capacity) through the cluster
// over nats-l2, N from 100 up; throughput and the cluster's resident memory
// per connection (cores + app, RSS growth over the idle cluster, peak while
// the connections are open). One client host owns ~16k ephemeral ports, so
// beyond 15,000 connections ixload runs several agents (one host each).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { svgDocument } from "@ix/loadgen";
import { ixload, round, sharedCluster, ECHO_OVER_NATS_L2 } from "./support/harness.ts";
import type { BenchOptions, Figures } from "./support/types.ts";

function rssBytes(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export async function run(o: BenchOptions): Promise<Figures> {
  const counts = o.quick ? [100, 10_000] : [100, 1000, 10_000, 30_000];
  const bc = await sharedCluster();
  const memPids = Object.entries(bc.pids)
    .filter(([k]) => k.startsWith("core") || k === "app")
    .map(([, p]) => p);
  const rss = (): number => memPids.reduce((s, p) => s + rssBytes(p), 0);
  const out: Figures = {};
  const points: [number, number, number][] = [];
  {
    const idle = rss();
    for (const n of counts) {
      const agents = Math.ceil(n / 15_000);
      let peakRss = 0;
      const poll = setInterval(() => (peakRss = Math.max(peakRss, rss())), 200);
      const { result } = await ixload(
        [
          ...ECHO_OVER_NATS_L2,
          "--rate",
          "100000",
          "--connections",
          String(Math.ceil(n / agents)),
          "--agents",
          String(agents),
          "--depth",
          "1",
          "--duration",
          o.quick ? "1.5" : "4",
          "--warmup",
          o.quick ? "0.5" : "1",
        ],
        { env: bc.hostEnv, timeoutMs: 300_000 },
      ).finally(() => clearInterval(poll));
      const perConn = (peakRss - idle) / n;
      points.push([n, result.achievedRate, perConn]);
      out[`c${n}`] = {
        rate: Math.round(result.achievedRate),
        errors: result.errors,
        p99Us: result.latencyUs.p99,
        rssBytesPerConnection: Math.round(perConn),
      };
      o.log(
        `${n} connections: ${Math.round(result.achievedRate)} req/s, ${Math.round(perConn)} B/connection, ${result.errors} errors`,
      );
    }
  }
  const [first, last] = [points[0], points[points.length - 1]];
  out.maxConnections = last[0];
  // The slope between the smallest and largest N: what one more connection costs
  // (the idle baseline mixes in JIT and buffer-pool growth that any load causes).
  out.rssBytesPerConnectionSlope = Math.round(
    (last[2] * last[0] - first[2] * first[0]) / (last[0] - first[0]),
  );
  out.throughputAtMaxVs100 = round(last[1] / first[1]);
  writeFileSync(join(o.outDir, "connections.svg"), await connectionsPlot(out));
  return out;
}

export const usesSharedCluster = true;

/**
 * connections.svg from the scenario's figures (run()'s output, kept in
 * bench.json under "connections": c<N> per connection count), so `node
 * bench/replot.ts` redraws it without rerunning: throughput and RSS bytes per
 * connection against the connection count.
 */
export function connectionsPlot(f: Figures): Promise<string> {
  const counts = Object.keys(f)
    .map((k) => /^c(\d+)$/.exec(k))
    .filter((m) => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
  const at = (n: number, key: string): [number, number] => [n, (f[`c${n}`] as Figures)[key] as number];
  return svgDocument([
    {
      title: "Echo throughput against connections",
      xLabel: "connections",
      yLabel: "requests/s",
      series: [{ name: "cluster (nats-l2)", points: counts.map((n) => at(n, "rate")) }],
    },
    {
      title: "Cluster memory per connection",
      xLabel: "connections",
      yLabel: "RSS bytes per connection",
      series: [{ name: "cores + app", points: counts.map((n) => at(n, "rssBytesPerConnection")) }],
    },
  ]);
}
