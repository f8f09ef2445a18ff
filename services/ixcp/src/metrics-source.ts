// Where IXCP reads the per-core load signals (IX: each core publishes its
// queue EMAs, idle fraction and queuing delay; ixcp.py reads them every
// 100 ms). Two sources behind one interface:
//   - ScrapeSource: GETs every dataplane's /metrics directly each period
//     (admin URLs from heartbeats, or fixed with --scrape); the default.
//   - PrometheusSource: instant PromQL queries over Prometheus's HTTP API
//     (--prometheus URL), as in docker compose.
// Both return only the cores they could read; a core missing from the result
// is not refreshed, and the control loop declares it dead after --dead-ms.
import { parsePromText, type PromSample } from "./prom-text.ts";

/** One core's load signals, as the dataplane exports them (services/dataplane/src/metrics.ts). */
export interface CoreMetrics {
  core: number;
  /** ix_dp_queue_ema{alpha="0.5"}: queue size (processed + waiting per cycle), fast EMA. */
  emaFast: number;
  /** alpha 0.25 */
  emaMid: number;
  /** alpha 0.125 */
  emaSlow: number;
  /** ix_dp_idle_fraction of the last 10 ms window, 0..1. */
  idleFraction: number;
  /**
   * ix_dp_poll_fraction of the last 10 ms window, 0..1: time the core spent
   * polling without work (part of idleFraction; absent: 0). The CPU was busy: the power
   * model counts it, the policies' idle tests do not.
   */
  pollFraction?: number;
  /** ix_dp_queuing_delay_us: age of the oldest waiting frame in the last window. */
  queuingDelayUs: number;
  /** ix_dp_active: the core says it is an elastic thread (not parked). */
  active: boolean;
  /** ix_dp_flow_groups: how many flow groups the core says it owns. */
  flowGroups: number;
  /** When the values were read (ms, epoch): the scrape time or Prometheus's sample time. */
  seenAtMs: number;
}

export interface MetricsSource {
  readonly kind: string;
  /** Reads every reachable core; never rejects (unreachable cores are left out). */
  sample(): Promise<Map<number, CoreMetrics>>;
  /** Counted problems (unreachable targets, malformed lines, failed queries). */
  readonly errors: Record<string, number>;
  /**
   * True when the core's process is known to be gone (its admin port refused
   * the last connection), as opposed to merely slow: a slow core under load
   * must not be declared dead (its connections would be reset).
   */
  refused?(core: number): boolean;
}

export const METRIC_NAMES = [
  "ix_dp_queue_ema",
  "ix_dp_idle_fraction",
  "ix_dp_poll_fraction",
  "ix_dp_queuing_delay_us",
  "ix_dp_active",
  "ix_dp_flow_groups",
] as const;

const blank = (core: number, seenAtMs: number): CoreMetrics => ({
  core,
  emaFast: 0,
  emaMid: 0,
  emaSlow: 0,
  idleFraction: 1,
  pollFraction: 0,
  queuingDelayUs: 0,
  active: false,
  flowGroups: 0,
  seenAtMs,
});

/**
 * Folds samples (from any source) into per-core metrics, keyed by the `core`
 * label. Samples without a valid core label or with a non-finite value are ignored.
 */
export function coreMetricsFromSamples(
  samples: readonly PromSample[],
  seenAtMs: (s: PromSample) => number,
): Map<number, CoreMetrics> {
  const out = new Map<number, CoreMetrics>();
  for (const s of samples) {
    if (!(METRIC_NAMES as readonly string[]).includes(s.name) || !Number.isFinite(s.value)) continue;
    const core = Number(s.labels.core);
    if (s.labels.core === undefined || !Number.isInteger(core) || core < 0) continue;
    let m = out.get(core);
    if (!m) out.set(core, (m = blank(core, seenAtMs(s))));
    m.seenAtMs = Math.max(m.seenAtMs, seenAtMs(s));
    switch (s.name) {
      case "ix_dp_queue_ema":
        if (s.labels.alpha === "0.5") m.emaFast = s.value;
        else if (s.labels.alpha === "0.25") m.emaMid = s.value;
        else if (s.labels.alpha === "0.125") m.emaSlow = s.value;
        break;
      case "ix_dp_idle_fraction":
        m.idleFraction = s.value;
        break;
      case "ix_dp_poll_fraction":
        m.pollFraction = s.value;
        break;
      case "ix_dp_queuing_delay_us":
        m.queuingDelayUs = s.value;
        break;
      case "ix_dp_active":
        m.active = s.value >= 1;
        break;
      case "ix_dp_flow_groups":
        m.flowGroups = s.value;
        break;
    }
  }
  return out;
}

const count = (errors: Record<string, number>, key: string, n = 1): void => {
  errors[key] = (errors[key] ?? 0) + n;
};

/** Scrapes /metrics of every dataplane admin URL; `targets()` is re-read each period. */
export class ScrapeSource implements MetricsSource {
  readonly kind = "scrape";
  readonly errors: Record<string, number> = {};
  private readonly targets: () => string[];
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly coreOfUrl = new Map<string, number>();
  private readonly refusedUrls = new Set<string>();

  constructor(opts: { targets: () => string[]; timeoutMs: number; now?: () => number }) {
    this.targets = opts.targets;
    this.timeoutMs = opts.timeoutMs;
    this.now = opts.now ?? Date.now;
  }

  async sample(): Promise<Map<number, CoreMetrics>> {
    const urls = [...new Set(this.targets())];
    const results = await Promise.all(urls.map((u) => this.scrape(u)));
    const out = new Map<number, CoreMetrics>();
    for (const r of results) for (const [core, m] of r) out.set(core, m);
    return out;
  }

  refused(core: number): boolean {
    for (const [url, c] of this.coreOfUrl) if (c === core && this.refusedUrls.has(url)) return true;
    return false;
  }

  private async scrape(adminUrl: string): Promise<Map<number, CoreMetrics>> {
    const url = adminUrl.replace(/\/+$/, "") + (adminUrl.endsWith("/metrics") ? "" : "/metrics");
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
      if (!res.ok) {
        count(this.errors, "http_status");
        return new Map();
      }
      const { samples, malformed } = parsePromText(await res.text());
      if (malformed > 0) count(this.errors, "malformed_lines", malformed);
      const at = this.now();
      const cores = coreMetricsFromSamples(samples, () => at);
      for (const core of cores.keys()) this.coreOfUrl.set(adminUrl, core);
      this.refusedUrls.delete(adminUrl);
      return cores;
    } catch (e) {
      count(this.errors, "unreachable");
      const code = ((e as Error).cause as { code?: string } | undefined)?.code;
      if (code === "ECONNREFUSED") this.refusedUrls.add(adminUrl);
      return new Map();
    }
  }
}

interface PromVectorResult {
  metric: Record<string, string>;
  value: [number, string];
}

/**
 * Instant queries over Prometheus's HTTP API. The sample time of each core
 * comes from timestamp(ix_dp_active), so a core Prometheus stopped scraping
 * ages out (Prometheus also drops stale series at once when a scrape fails).
 */
export class PrometheusSource implements MetricsSource {
  readonly kind = "prometheus";
  readonly errors: Record<string, number> = {};
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly selector: string;

  constructor(opts: { url: string; timeoutMs: number; selector?: string }) {
    this.base = opts.url.replace(/\/+$/, "");
    this.timeoutMs = opts.timeoutMs;
    this.selector = opts.selector ?? "";
  }

  async sample(): Promise<Map<number, CoreMetrics>> {
    const extra = this.selector ? `,${this.selector}` : "";
    const names = METRIC_NAMES.join("|");
    const [values, stamps] = await Promise.all([
      this.query(`{__name__=~"${names}"${extra}}`),
      this.query(`timestamp(ix_dp_active{${this.selector}})`),
    ]);
    const seen = new Map<string, number>();
    for (const r of stamps) seen.set(r.metric.core ?? "", Number(r.value[1]) * 1000);
    const samples: PromSample[] = [];
    for (const r of values) {
      const value = Number(r.value[1]);
      const name = r.metric.__name__ ?? "";
      samples.push({ name, labels: r.metric, value, timestampMs: seen.get(r.metric.core ?? "") });
    }
    return coreMetricsFromSamples(samples, (s) => s.timestampMs ?? Date.now());
  }

  private async query(promql: string): Promise<PromVectorResult[]> {
    try {
      const res = await fetch(`${this.base}/api/v1/query?query=${encodeURIComponent(promql)}`, {
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const body = (await res.json()) as {
        status?: string;
        data?: { resultType?: string; result?: unknown };
      };
      if (
        body.status !== "success" ||
        body.data?.resultType !== "vector" ||
        !Array.isArray(body.data.result)
      ) {
        count(this.errors, "query_failed");
        return [];
      }
      return (body.data.result as PromVectorResult[]).filter(
        (r) => r && typeof r.metric === "object" && Array.isArray(r.value),
      );
    } catch {
      count(this.errors, "unreachable");
      return [];
    }
  }
}
