// The transport's own limit: raw NATS with the pipeline's shape and nothing
// else. An echo round trip crosses 6 hops (host -> NIC -> core -> app -> core
// -> NIC -> host) through 3 service processes; here 3 relay processes
// (bench/support/nats-relay.ts) forward opaque messages along the same 6 hops,
// each message as large as the pipeline's bursts (frames per cycle x bytes per
// frame, measured in the batching scenario at B=64), with as many messages in
// flight chosen as the best of 4, 16 and 64 (the limit is the transport's best).
// A round trip moves K frames in and K
// out, so limit frames/s = 2 K round trips/s, against the NIC's frames/s
// (in + out) in the pipeline. fractionOfLimit = pipeline / limit.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { connect } from "nats";
import { freePort } from "@ix/bus";
import { median, round, sharedCluster } from "./support/harness.ts";
import { overload, type PipelineSample } from "./batching.bench.ts";
import type { BenchOptions, Figures } from "./support/types.ts";

const HOPS = [
  ["t.h1", "t.h2", "nic"],
  ["t.h2", "t.h3", "core"],
  ["t.h3", "t.h4", "app"],
  ["t.h4", "t.h5", "core"],
  ["t.h5", "t.h6", "nic"],
] as const;

async function startNats(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn("nats-server", ["-a", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
  const url = `nats://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    try {
      const nc = await connect({ servers: url, timeout: 500 });
      await nc.close();
      return { url, child };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill();
  throw new Error("nats-server did not start");
}

async function relay(url: string, role: string): Promise<ChildProcess> {
  const routes = HOPS.filter((h) => h[2] === role).map((h) => `${h[0]}>${h[1]}`);
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, "support", "nats-relay.ts"), url, ...routes],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once("data", () => resolve());
    child.once("exit", (c) => reject(new Error(`relay ${role} exited ${c}`)));
  });
  return child;
}

/** Round trips per second of `window` messages of `size` bytes circulating the 6 hops. */
async function ringRate(url: string, size: number, window: number, seconds: number): Promise<number> {
  const nc = await connect({ servers: url });
  const payload = new Uint8Array(size).fill(0x61);
  let done = 0;
  let counting = false;
  nc.subscribe("t.h6", {
    callback: () => {
      if (counting) done++;
      nc.publish("t.h1", payload);
    },
  });
  await nc.flush();
  for (let i = 0; i < window; i++) nc.publish("t.h1", payload);
  await new Promise((r) => setTimeout(r, 500)); // warm up
  counting = true;
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const rate = done / ((performance.now() - t0) / 1000);
  await nc.close();
  // Messages still in the relays die at t.h6 (no subscriber) before the next ring starts.
  await new Promise((r) => setTimeout(r, 300));
  return rate;
}

export async function run(o: BenchOptions): Promise<Figures> {
  let pipe = o.previous.batching?.B64 as unknown as PipelineSample | undefined;
  if (!pipe?.framesPerSec) {
    o.log("no batching figures: measuring the pipeline at B=64");
    pipe = await overload(await sharedCluster(), o.quick ? 2 : 5);
  }
  const framesPerMsg = Math.max(1, Math.round(pipe.framesPerCycle));
  const size = Math.round(framesPerMsg * (pipe.bytesPerFrame + 16)); // + the burst's per-frame framing
  const nats = await startNats();
  const relays: ChildProcess[] = [];
  try {
    for (const role of ["nic", "core", "app"]) relays.push(await relay(nats.url, role));
    let roundTrips = 0;
    let window = 0;
    for (const w of [4, 16, 64]) {
      const rates: number[] = [];
      for (let i = 0; i < (o.quick ? 1 : 3); i++)
        rates.push(await ringRate(nats.url, size, w, o.quick ? 1 : 3));
      const r = median(rates);
      o.log(`relay ring, ${w} messages of ${size} B in flight: ${Math.round(r)} round trips/s`);
      if (r > roundTrips) [roundTrips, window] = [r, w];
    }
    const limitFramesPerSec = 2 * framesPerMsg * roundTrips;
    // The same relays with one frame per message: what the transport gives without batching.
    const unbatched = await ringRate(
      nats.url,
      Math.round(pipe.bytesPerFrame + 16),
      window * framesPerMsg,
      o.quick ? 1 : 3,
    );
    // One message in flight: the transport's round-trip floor (compare the ping-pong latency).
    const single = await ringRate(nats.url, 100, 1, o.quick ? 1 : 3);
    o.log(
      `limit ${Math.round(limitFramesPerSec)} frames/s (${framesPerMsg} frames of ${Math.round(pipe.bytesPerFrame)} B per message), pipeline ${Math.round(pipe.framesPerSec)}`,
    );
    return {
      hops: 6,
      relayProcesses: 3,
      messageBytes: size,
      framesPerMessage: framesPerMsg,
      inFlight: window,
      limitRoundTripsPerSec: Math.round(roundTrips),
      limitFramesPerSec: Math.round(limitFramesPerSec),
      limitFramesPerSecOneFramePerMessage: Math.round(2 * unbatched),
      ringRoundTripFloorUs: Math.round(1e6 / single),
      pipelineFramesPerSec: Math.round(pipe.framesPerSec),
      pipelineRequestsPerSec: Math.round(pipe.maxRate),
      fractionOfLimit: round(pipe.framesPerSec / limitFramesPerSec),
    };
  } finally {
    for (const r of relays) r.kill("SIGTERM");
    nats.child.kill("SIGTERM");
  }
}

export const usesSharedCluster = true;
