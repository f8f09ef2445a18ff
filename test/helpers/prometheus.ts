// A real Prometheus (Debian's /usr/bin/prometheus) on loopback for tests: a
// config written on the fly, a temp TSDB, and small clients for the HTTP API.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@ix/bus";

export interface ScrapeJob {
  job: string;
  /** host:port of each target, with the labels the deployment gives it. */
  targets: { address: string; labels?: Record<string, string> }[];
}

export interface PromSeries {
  metric: Record<string, string>;
  /** Instant queries: [time, value]. */
  value?: [number, string];
  /** Range queries: [[time, value], ...]. */
  values?: [number, string][];
}

/** A series of an instant query: always a value. */
export type InstantSeries = PromSeries & { value: [number, string] };

export interface PrometheusHandle {
  url: string;
  /** Instant query; throws with Prometheus's error when the query is refused. */
  query(expr: string): Promise<PromSeries[]>;
  /** Range query from `startS` to now (Unix seconds), as Grafana runs panels and annotations. */
  queryRange(expr: string, startS: number, stepS: number): Promise<PromSeries[]>;
  /** Every active target's scrape URL and health ("up", "down", "unknown"). */
  targets(): Promise<{ scrapeUrl: string; job: string; health: string; lastError: string }[]>;
  stop(): Promise<void>;
}

/** One scrape config per job; every target scraped every `intervalS` seconds on /metrics. */
export function prometheusConfig(jobs: ScrapeJob[], intervalS = 1): string {
  const lines = [
    "global:",
    `  scrape_interval: ${intervalS}s`,
    `  scrape_timeout: ${intervalS}s`,
    `  evaluation_interval: ${intervalS}s`,
    "scrape_configs:",
  ];
  for (const j of jobs) {
    lines.push(`  - job_name: ${JSON.stringify(j.job)}`, "    static_configs:");
    for (const t of j.targets) {
      lines.push(`      - targets: [${JSON.stringify(t.address)}]`);
      lines.push(`        labels: ${JSON.stringify(t.labels ?? {})}`);
    }
  }
  return lines.join("\n") + "\n";
}

interface ApiReply<T> {
  status: string;
  error?: string;
  data: T;
}

async function api<T>(url: string): Promise<T> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  const body = (await res.json()) as ApiReply<T>;
  if (body.status !== "success") throw new Error(`${url}: ${body.error ?? res.status}`);
  return body.data;
}

/**
 * Instant query against any Prometheus at `url` (one started here, or the
 * compose stack's); throws with Prometheus's error when the query is refused.
 */
export async function promQuery(url: string, expr: string): Promise<InstantSeries[]> {
  return (await api<{ result: InstantSeries[] }>(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`))
    .result;
}

export async function startPrometheus(config: string, readyTimeoutMs = 20_000): Promise<PrometheusHandle> {
  const dir = mkdtempSync(join(tmpdir(), "ix-prom-live-"));
  writeFileSync(join(dir, "prometheus.yml"), config);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let stderr = "";
  const child: ChildProcess = spawn(
    "/usr/bin/prometheus",
    [
      `--config.file=${join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(t);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    const ready = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus not ready within ${readyTimeoutMs} ms:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const q = encodeURIComponent;
  return {
    url,
    query: (expr) => promQuery(url, expr),
    queryRange: async (expr, startS, stepS) => {
      const end = Date.now() / 1000;
      const u = `${url}/api/v1/query_range?query=${q(expr)}&start=${startS}&end=${end}&step=${stepS}`;
      return (await api<{ result: PromSeries[] }>(u)).result;
    },
    targets: async () =>
      (
        await api<{
          activeTargets: { scrapeUrl: string; labels: { job: string }; health: string; lastError: string }[];
        }>(`${url}/api/v1/targets?state=active`)
      ).activeTargets.map((t) => ({
        scrapeUrl: t.scrapeUrl,
        job: t.labels.job,
        health: t.health,
        lastError: t.lastError,
      })),
    stop,
  };
}
