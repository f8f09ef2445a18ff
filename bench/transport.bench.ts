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
//
// clientComparison: the same ring with @nats-io/transport-node v3 (the
// dependency) and its predecessor nats v2 (when installed, see
// support/nats-client.ts), alternated on the same nats-server: one frame per
// message and the burst size, round trips/s and the ring's CPU per round trip.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { connect } from "@nats-io/transport-node";
import { freePort } from "@ix/bus";
import { median, round, sharedCluster } from "./support/harness.ts";
import { cpuWindow } from "./support/proc-cpu.ts";
import { loadNatsClient, NATS_CLIENTS, type NatsClient, type NatsClientName } from "./support/nats-client.ts";
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

async function relay(
  url: string,
  role: string,
  client: NatsClientName = "@nats-io/transport-node",
): Promise<ChildProcess> {
  const routes = HOPS.filter((h) => h[2] === role).map((h) => `${h[0]}>${h[1]}`);
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, "support", "nats-relay.ts"), url, ...routes],
    {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, NATS_CLIENT: client },
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once("data", () => resolve());
    child.once("exit", (c) => reject(new Error(`relay ${role} exited ${c}`)));
  });
  return child;
}

/** Round trips per second of `window` messages of `size` bytes circulating the 6 hops. */
async function ringRate(
  url: string,
  size: number,
  window: number,
  seconds: number,
  client: NatsClient = { connect },
): Promise<number> {
  const nc = await client.connect({ servers: url });
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

/**
 * The ring with each NATS client in turn (relays and driver alike), alternated
 * `repeats` times on one nats-server; medians and v3/v2 ratios. CPU per round
 * trip covers the 3 relays, this process (the driver) and nats-server, over the
 * whole ring run (its 0.5 s warm-up included, for both clients alike).
 */
async function compareClients(
  url: string,
  serverPid: number,
  sizes: Record<string, number>,
  window: number,
  repeats: number,
  seconds: number,
): Promise<Figures> {
  const clients: Partial<Record<NatsClientName, NatsClient>> = {};
  for (const name of NATS_CLIENTS) {
    const c = await loadNatsClient(name);
    if (c === null) return { skipped: `${name} is not installed (npm install --no-save ${name})` };
    clients[name] = c;
  }
  const samples: Record<string, Record<string, { rate: number[]; cpuUs: number[] }>> = {};
  for (let rep = 0; rep < repeats; rep++) {
    for (const [label, size] of Object.entries(sizes)) {
      for (const name of NATS_CLIENTS) {
        const relays: ChildProcess[] = [];
        try {
          for (const role of ["nic", "core", "app"]) relays.push(await relay(url, role, name));
          const pids = Object.fromEntries(relays.map((r, i) => [`relay${i}`, r.pid ?? 0]));
          const cpu = cpuWindow({ ...pids, driver: process.pid, server: serverPid });
          const t0 = performance.now();
          const rate = await ringRate(url, size, window, seconds, clients[name]);
          const shares = cpu.stop();
          const wallS = (performance.now() - t0) / 1000;
          const cpuS = Object.values(shares).reduce((s, x) => s + x, 0) * wallS;
          const s = ((samples[label] ??= {})[name] ??= { rate: [], cpuUs: [] });
          s.rate.push(rate);
          s.cpuUs.push((cpuS * 1e6) / Math.max(1, rate * seconds));
        } finally {
          for (const r of relays) r.kill("SIGTERM");
        }
      }
    }
  }
  const out: Figures = { window, repeats };
  for (const [label, per] of Object.entries(samples)) {
    const v2 = per["nats"];
    const v3 = per["@nats-io/transport-node"];
    out[label] = {
      bytes: sizes[label],
      v2RoundTripsPerSec: Math.round(median(v2.rate)),
      v3RoundTripsPerSec: Math.round(median(v3.rate)),
      v3OverV2Rate: round(median(v3.rate) / median(v2.rate)),
      v2CpuUsPerRoundTrip: round(median(v2.cpuUs)),
      v3CpuUsPerRoundTrip: round(median(v3.cpuUs)),
      v3OverV2Cpu: round(median(v3.cpuUs) / median(v2.cpuUs)),
      // Per repeat, in run order (v2 then v3 each time): the spread on a shared machine.
      v2RoundTripsPerSecEach: v2.rate.map(Math.round),
      v3RoundTripsPerSecEach: v3.rate.map(Math.round),
    };
  }
  return out;
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
    const clientComparison = await compareClients(
      nats.url,
      nats.child.pid ?? 0,
      { oneFrame: Math.round(pipe.bytesPerFrame + 16), burst: size },
      window,
      o.quick ? 1 : 3,
      o.quick ? 1 : 3,
    );
    o.log(`nats v2 vs @nats-io/transport-node v3: ${JSON.stringify(clientComparison)}`);
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
      clientComparison,
    };
  } finally {
    for (const r of relays) r.kill("SIGTERM");
    nats.child.kill("SIGTERM");
  }
}

export const usesSharedCluster = true;
