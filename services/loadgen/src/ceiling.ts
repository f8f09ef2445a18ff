// The generator's own ceiling: the highest rate ixload achieves on this machine
// against a server that answers instantly (on a worker thread of this process,
// over loopback). Results near it measure ixload rather than the server.

import { Worker } from "node:worker_threads";
import { createProtocolClients } from "./clients.ts";
import { KernelTransport } from "./kernel-transport.ts";
import type { ProtocolName } from "./protocol.ts";
import { LoadRunner } from "./runner.ts";
import { latencySummary } from "./histogram.ts";

export interface CeilingOptions {
  protocol: ProtocolName;
  connections: number;
  depth: number;
  messageSize: number;
  /** Seconds per ramp step. */
  stepS: number;
  startRate: number;
  maxRate: number;
}

export interface CeilingResult {
  generatorCeiling: number;
  protocol: ProtocolName;
  connections: number;
  depth: number;
  steps: { offeredRate: number; achievedRate: number; p99Us: number }[];
}

export const DEFAULT_CEILING: CeilingOptions = {
  protocol: "memcached",
  connections: 8,
  depth: 16,
  messageSize: 64,
  stepS: 0.4,
  startRate: 25_000,
  maxRate: 4_000_000,
};

/** Doubles the offered rate until the achieved rate falls below 90% of it; the best achieved is the ceiling. */
export async function measureCeiling(partial: Partial<CeilingOptions> = {}): Promise<CeilingResult> {
  const o = { ...DEFAULT_CEILING, ...partial };
  const worker = new Worker(new URL("./instant-server-worker.ts", import.meta.url), {
    workerData: { protocol: o.protocol },
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      worker.once("message", (m: { port: number }) => resolve(m.port));
      worker.once("error", reject);
    });
    const clients = createProtocolClients({
      protocol: o.protocol,
      workload: "usr",
      keys: 1000,
      messageSize: o.messageSize,
      depth: o.depth,
    });
    const runner = await LoadRunner.connect({
      transport: new KernelTransport(),
      host: "127.0.0.1",
      port,
      connections: o.connections,
      depth: o.depth,
      interArrival: "exponential",
      seed: 7,
      lateSlackUs: 500,
      makeClient: clients.make,
    });
    const steps: CeilingResult["steps"] = [];
    let best = 0;
    try {
      for (let rate = o.startRate; rate <= o.maxRate; rate *= 2) {
        const [w] = await runner.runPhase({
          rateAt: () => rate,
          warmupUs: 100_000,
          durationUs: o.stepS * 1e6,
          bucketUs: o.stepS * 1e6,
        });
        const achieved = w.completed / o.stepS;
        steps.push({
          offeredRate: rate,
          achievedRate: Math.round(achieved),
          p99Us: latencySummary(w.histogram).p99,
        });
        best = Math.max(best, achieved);
        if (achieved < 0.9 * rate) break;
      }
    } finally {
      runner.close();
    }
    return {
      generatorCeiling: Math.round(best),
      protocol: o.protocol,
      connections: o.connections,
      depth: o.depth,
      steps,
    };
  } finally {
    worker.postMessage("close");
    await new Promise((r) => setTimeout(r, 20));
    await worker.terminate();
  }
}
