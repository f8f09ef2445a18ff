// Prometheus /metrics for a running ixload (lib/admin's server + prom-client,
// own registry). Counters and gauges are read from the run at scrape time, so
// the hot path pays only for the latency histogram's observe(). Being a
// lib/admin server, it follows the same rule as every other: reads open,
// mutating requests refused (ixload has none to offer).

import { startAdminServer } from "@ix/admin";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { latencySummary, type Histogram as HdrHistogram } from "./histogram.ts";

export interface MetricsSource {
  targetRate(): number;
  /** Requests per second over the most recent interval. */
  achievedRate(): number;
  inFlight(): number;
  totals(): {
    scheduled: number;
    sent: number;
    completed: number;
    errors: number;
    late: number;
    dropped: number;
  };
  /** Latencies of the current window, for quantile gauges (null when unknown, e.g. with agents). */
  windowHistogram(): HdrHistogram | null;
}

export interface MetricsServer {
  readonly port: number;
  /** Feed to the Recorder's observer: one latency in microseconds. */
  observeLatencyUs(us: number): void;
  close(): Promise<void>;
}

// Label "percentile", not "quantile": Prometheus reserves "quantile" for summaries.
const PERCENTILES: [string, number][] = [
  ["50", 50],
  ["90", 90],
  ["99", 99],
  ["99.9", 99.9],
];

export async function startMetricsServer(
  port: number,
  source: MetricsSource,
  // IX_ADMIN_HOST, as for every service: 0.0.0.0 in containers so Prometheus can scrape.
  host = process.env.IX_ADMIN_HOST ?? "127.0.0.1",
): Promise<MetricsServer> {
  const registry = new Registry();
  const gauge = (name: string, help: string, read: () => number): void => {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  };
  const counter = (name: string, help: string, read: () => number): void => {
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  };
  gauge("ixload_offered_rate", "Target request rate in requests per second", () => source.targetRate());
  gauge("ixload_achieved_rate", "Responses per second over the last interval", () => source.achievedRate());
  gauge("ixload_in_flight", "Requests sent and not yet answered", () => source.inFlight());
  counter(
    "ixload_scheduled_total",
    "Sends the open-loop schedule asked for",
    () => source.totals().scheduled,
  );
  counter("ixload_requests_total", "Responses received, errors included", () => source.totals().completed);
  counter(
    "ixload_errors_total",
    "Error responses and requests lost with their connection",
    () => source.totals().errors,
  );
  counter(
    "ixload_late_sends_total",
    "Sends that came due at full depth or on a late event loop",
    () => source.totals().late,
  );
  counter(
    "ixload_dropped_sends_total",
    "Due sends dropped because a connection backlog was full",
    () => source.totals().dropped,
  );
  const quantiles = new Gauge({
    name: "ixload_latency_percentile_seconds",
    help: "Latency quantiles of the current measurement window, from scheduled send to response",
    labelNames: ["percentile"],
    registers: [registry],
    collect() {
      const h = source.windowHistogram();
      if (!h) return;
      const s = latencySummary(h);
      const byPercentile: Record<number, number> = { 50: s.p50, 90: s.p90, 99: s.p99, 99.9: s.p999 };
      for (const [label, p] of PERCENTILES) this.set({ percentile: label }, byPercentile[p] / 1e6);
    },
  });
  void quantiles;
  const latency = new Histogram({
    name: "ixload_latency_seconds",
    help: "Latency from scheduled send to response",
    buckets: [
      10e-6, 25e-6, 50e-6, 100e-6, 250e-6, 500e-6, 1e-3, 2e-3, 5e-3, 10e-3, 25e-3, 50e-3, 0.1, 0.25, 1,
    ],
    registers: [registry],
  });

  const admin = await startAdminServer({ service: "loadgen", registry, host, port, defaultMetrics: false });
  return {
    port: admin.port,
    observeLatencyUs: (us) => latency.observe(us / 1e6),
    close: () => admin.close(),
  };
}
