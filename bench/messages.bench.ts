// NATS messages per request (issue 13: "reported, at most 2"), from
// nats-server's own monitoring counters (support/nats-monitor.ts), on the
// shared 2-core cluster (B = 64) through the nats-l2 client host:
//   - usrMaxRate (the target's figure): memcached USR, 32 connections with
//     one request each in flight (as a memcached client that waits for each
//     answer: one request per TCP segment), ixload asking 150,000 req/s so
//     the achieved rate is the ceiling;
//   - echoMaxRate: 64 B echo, 32 connections x 16 in flight (the batching
//     scenario's overload; several requests share a TCP segment, so this
//     counts segments' batching as much as the cluster's);
//   - usrAt1000: USR at 1,000 req/s, where a request goes through alone (one
//     frame per message: ~7 messages, one per hop).
// Per run: messages published (in_msgs) and delivered (out_msgs) per
// completed request, with what the cluster publishes when idle (heartbeats)
// taken off, and which clients publish and which subscriptions receive most.
// No warmup and no preload (gets miss: a miss is still one request and one
// answer): every message of the run belongs to a counted request, except the
// TCP handshakes (32 connections) and the requests still in flight at the
// end (at most 32 x depth), a few percent of a run at most.
import {
  ECHO_OVER_NATS_L2,
  generatorFigures,
  ixload,
  round,
  USR_OVER_NATS_L2,
  sharedCluster,
  type BenchCluster,
} from "./support/harness.ts";
import { messagesPerRequest, natsCounters } from "./support/nats-monitor.ts";
import type { BenchOptions, Figures } from "./support/types.ts";

/** What the cluster publishes and delivers per second with no load (heartbeats, metrics). */
async function idleRates(monitorUrl: string, seconds: number) {
  const a = await natsCounters(monitorUrl);
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const b = await natsCounters(monitorUrl);
  const s = (performance.now() - t0) / 1000;
  return { published: (b.inMsgs - a.inMsgs) / s, delivered: (b.outMsgs - a.outMsgs) / s };
}

async function measured(
  bc: BenchCluster,
  monitorUrl: string,
  idle: { published: number; delivered: number },
  args: string[],
  durationS: number,
): Promise<Figures> {
  const before = await natsCounters(monitorUrl);
  const t0 = performance.now();
  const { result } = await ixload([...args, "--duration", String(durationS), "--warmup", "0"], {
    env: bc.hostEnv,
  });
  const after = await natsCounters(monitorUrl);
  const s = (performance.now() - t0) / 1000;
  return {
    achievedRate: Math.round(result.achievedRate),
    ...messagesPerRequest(before, after, result.requests, {
      published: idle.published * s,
      delivered: idle.delivered * s,
    }),
    generator: generatorFigures(result),
  };
}

export async function run(o: BenchOptions): Promise<Figures> {
  const bc = await sharedCluster();
  const monitorUrl = bc.cluster.nats.monitorUrl;
  if (!monitorUrl) throw new Error("the shared cluster's nats-server has no monitoring endpoint");
  const idle = await idleRates(monitorUrl, 1);
  const usr = (rate: number, depth: number): string[] => [
    ...USR_OVER_NATS_L2,
    "--no-preload",
    "--rate",
    String(rate),
    "--connections",
    "32",
    "--depth",
    String(depth),
  ];
  const runs: [string, string[], number][] = [
    ["usrMaxRate", usr(150_000, 1), o.quick ? 2 : 5],
    [
      "echoMaxRate",
      [...ECHO_OVER_NATS_L2, "--rate", "150000", "--connections", "32", "--depth", "16"],
      o.quick ? 2 : 5,
    ],
    ["usrAt1000", usr(1000, 1), o.quick ? 1.5 : 4],
  ];
  const out: Figures = {
    idlePublishedPerSec: round(idle.published),
    idleDeliveredPerSec: round(idle.delivered),
  };
  for (const [name, args, seconds] of runs) {
    const f = await measured(bc, monitorUrl, idle, args, seconds);
    out[name] = f;
    o.log(
      `${name}: ${f.achievedRate} req/s, ${f.published} published, ${f.delivered} delivered NATS messages per request`,
    );
  }
  return out;
}

export const usesSharedCluster = true;
