// NetPIPE-style ping-pong over echo: one connection, one message in flight,
// message sizes swept; reports one-way latency as half the round trip.

import { monotonicUs } from "./clock.ts";
import { EchoClient } from "./echo-client.ts";
import { latencySummary, newLatencyHistogram, recordLatencyUs } from "./histogram.ts";
import type { PingPongPoint } from "./results.ts";
import type { Transport } from "./transport.ts";

export interface PingPongOptions {
  transport: Transport;
  host: string;
  port: number;
  sizes: number[];
  /** Measurement time per size (seconds). */
  durationS: number;
  warmupRoundTrips?: number;
  maxRoundTrips?: number;
}

export async function runPingPong(o: PingPongOptions): Promise<PingPongPoint[]> {
  const conn = await o.transport.connect(o.host, o.port);
  const points: PingPongPoint[] = [];
  let dataCb: (chunk: Uint8Array) => void = () => {};
  let closed: Error | null = null;
  conn.onData((chunk) => dataCb(chunk));
  conn.onClose((err) => {
    closed = err ?? new Error("server closed the connection");
  });
  try {
    for (const size of o.sizes) {
      points.push(await measureSize(size));
    }
  } finally {
    conn.close();
  }
  return points;

  function measureSize(size: number): Promise<PingPongPoint> {
    const client = new EchoClient(size, 1);
    const hist = newLatencyHistogram();
    const warmup = o.warmupRoundTrips ?? 100;
    const maxTrips = o.maxRoundTrips ?? 1_000_000;
    let watchdog: NodeJS.Timeout | undefined;
    return new Promise<PingPongPoint>((resolve, reject) => {
      // A server that stops answering must not hang the run.
      watchdog = setTimeout(
        () => reject(new Error(`ping-pong of ${size} B got no answer in time`)),
        o.durationS * 1000 + 10_000,
      );
      let trips = 0;
      let sentAt = 0;
      let measureStart = 0;
      const deadline = (): number => measureStart + o.durationS * 1e6;
      const sendOne = (): void => {
        sentAt = monotonicUs();
        conn.send(client.nextRequest());
      };
      const sink = {
        onResponse(): void {
          const now = monotonicUs();
          trips++;
          if (trips === warmup) measureStart = now;
          else if (trips > warmup) recordLatencyUs(hist, (now - sentAt) / 2);
          const measured = trips - warmup;
          if (closed) return reject(closed);
          if (measured >= maxTrips || (measured > 0 && now >= deadline())) {
            const seconds = (now - measureStart) / 1e6;
            return resolve({
              messageSize: size,
              roundTrips: measured,
              oneWayUs: latencySummary(hist),
              mbps: Math.round(((measured * size * 8) / seconds / 1e6) * 100) / 100,
            });
          }
          sendOne();
        },
      };
      dataCb = (chunk) => client.feed(chunk, sink);
      if (closed) return reject(closed);
      sendOne();
    }).finally(() => clearTimeout(watchdog));
  }
}
