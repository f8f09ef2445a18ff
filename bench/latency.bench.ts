// NetPIPE-style ping-pong (ixload --mode pingpong): one connection, one
// message in flight, one-way latency = RTT/2 against message size; the
// cluster (nats-l2 client host) against the same echo session served by
// node:net on kernel sockets (loopback).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { svgDocument, type RunResult } from "@ix/loadgen";
import { ixload, SERVER_IP, sharedCluster } from "./support/harness.ts";
import { startNodeNet } from "./support/servers.ts";
import type { BenchOptions, Figures } from "./support/types.ts";

export async function run(o: BenchOptions): Promise<Figures> {
  const sizes = o.quick ? [64, 1024, 16384] : [1, 64, 256, 1024, 4096, 16384, 65536];
  const args = [
    "--protocol",
    "echo",
    "--mode",
    "pingpong",
    "--sizes",
    sizes.join(","),
    "--duration",
    o.quick ? "0.7" : "2",
    "--ceiling",
    "off",
  ];
  const bc = await sharedCluster();
  const ix = (
    await ixload(["--server", `${SERVER_IP}:7`, "--transport", "nats-l2", ...args], { env: bc.hostEnv })
  ).result;
  const net = await startNodeNet("echo");
  let kernel: RunResult;
  try {
    kernel = (await ixload(["--server", `127.0.0.1:${net.port}`, ...args])).result;
  } finally {
    await net.stop();
  }
  const out: Figures = {};
  for (const [i, size] of sizes.entries()) {
    const a = ix.pingpong![i];
    const b = kernel.pingpong![i];
    out[`size${size}`] = {
      clusterOneWayP50Us: a.oneWayUs.p50,
      clusterOneWayP99Us: a.oneWayUs.p99,
      kernelOneWayP50Us: b.oneWayUs.p50,
      kernelOneWayP99Us: b.oneWayUs.p99,
      clusterOverKernelP50: Number((a.oneWayUs.p50 / b.oneWayUs.p50).toPrecision(3)),
      clusterMbps: a.mbps,
      kernelMbps: b.mbps,
    };
  }
  writeFileSync(join(o.outDir, "latency.svg"), await latencyPlot(out));
  o.log(
    `64 B one-way p50: cluster ${ix.pingpong![sizes.indexOf(64)].oneWayUs.p50} us, kernel ${kernel.pingpong![sizes.indexOf(64)].oneWayUs.p50} us`,
  );
  return out;
}

export const usesSharedCluster = true;

/**
 * latency.svg from the scenario's figures (run()'s output, kept in bench.json
 * under "latency": size<N> per message size), so `node bench/replot.ts`
 * redraws it without rerunning: one-way p50 against message size for the
 * cluster and the kernel (the chart `ixload plot` draws for ping-pong results).
 */
export function latencyPlot(f: Figures): Promise<string> {
  const sizes = Object.keys(f)
    .map((k) => /^size(\d+)$/.exec(k))
    .filter((m) => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
  const at = (size: number, key: string): [number, number] => [
    size,
    (f[`size${size}`] as Figures)[key] as number,
  ];
  return svgDocument([
    {
      title: "Ping-pong one-way latency (RTT/2)",
      xLabel: "message size (bytes)",
      yLabel: "one-way latency p50 (us, log)",
      yLog: true,
      series: [
        { name: "cluster (nats-l2)", points: sizes.map((s) => at(s, "clusterOneWayP50Us")) },
        { name: "node:net (kernel loopback)", points: sizes.map((s) => at(s, "kernelOneWayP50Us")) },
      ],
    },
  ]);
}
