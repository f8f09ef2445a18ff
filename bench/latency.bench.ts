// NetPIPE-style ping-pong (ixload --mode pingpong): one connection, one
// message in flight, one-way latency = RTT/2 against message size; the
// cluster (nats-l2 client host) against the same echo session served by
// node:net on kernel sockets (loopback).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { plotResults, type RunResult } from "@ix/loadgen";
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
  writeFileSync(
    join(o.outDir, "latency.svg"),
    await plotResults([
      { label: "cluster (nats-l2)", result: ix },
      { label: "node:net (kernel loopback)", result: kernel },
    ]),
  );
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
  o.log(
    `64 B one-way p50: cluster ${ix.pingpong![sizes.indexOf(64)].oneWayUs.p50} us, kernel ${kernel.pingpong![sizes.indexOf(64)].oneWayUs.p50} us`,
  );
  return out;
}

export const usesSharedCluster = true;
