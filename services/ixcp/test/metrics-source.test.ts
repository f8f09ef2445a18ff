// Both metrics sources against real servers: prom-client registries behind
// node:http for the scrape source, and a real Prometheus (Debian's binary)
// scraping them for the PromQL source.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer, type Server, type RequestListener } from "node:http";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Gauge, Registry } from "prom-client";
import { freePort } from "@ix/bus";
import { PrometheusSource, ScrapeSource } from "../src/metrics-source.ts";

const servers: Server[] = [];
after(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
});

async function serve(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const addr = server.address();
  return `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
}

async function coreServer(core: number, fast: number, extra = ""): Promise<string> {
  const registry = new Registry();
  registry.setDefaultLabels({ core: String(core) });
  const ema = new Gauge({ name: "ix_dp_queue_ema", help: "e", labelNames: ["alpha"], registers: [registry] });
  ema.set({ alpha: "0.5" }, fast);
  ema.set({ alpha: "0.125" }, fast / 4);
  new Gauge({ name: "ix_dp_idle_fraction", help: "i", registers: [registry] }).set(0.25);
  new Gauge({ name: "ix_dp_active", help: "a", registers: [registry] }).set(1);
  return serve((_req, res) => void registry.metrics().then((t) => res.end(t + extra)));
}

test("scrape source: every reachable target, problems counted", async () => {
  const a = await coreServer(0, 40);
  const b = await coreServer(1, 3, "garbage line\n");
  const failing = await serve((_req, res) => void res.writeHead(500).end());
  const closed = `http://127.0.0.1:${await freePort()}`;
  const src = new ScrapeSource({
    targets: () => [a, b, `${b}/metrics`, failing, closed],
    timeoutMs: 1000,
    now: () => 42,
  });
  const m = await src.sample();
  assert.deepEqual([...m.keys()].sort(), [0, 1]);
  assert.equal(m.get(0)!.emaFast, 40);
  assert.equal(m.get(0)!.emaSlow, 10);
  assert.equal(m.get(1)!.idleFraction, 0.25);
  assert.equal(m.get(1)!.seenAtMs, 42);
  assert.equal(src.errors.unreachable, 1);
  assert.equal(src.errors.http_status, 1);
  assert.equal(src.errors.malformed_lines, 2); // b is scraped twice (two spellings of its URL)
});

test("prometheus source: answers that are not a vector are counted, not thrown", async () => {
  const bad = await serve((_req, res) => void res.end('{"status":"error","error":"bad query"}'));
  const src = new PrometheusSource({ url: bad, timeoutMs: 1000 });
  assert.equal((await src.sample()).size, 0);
  assert.equal(src.errors.query_failed, 2);
  const gone = new PrometheusSource({ url: `http://127.0.0.1:${await freePort()}`, timeoutMs: 500 });
  assert.equal((await gone.sample()).size, 0);
  assert.equal(gone.errors.unreachable, 2);
});

const hasPrometheus = spawnSync("prometheus", ["--version"]).status === 0;

test(
  "prometheus source: PromQL over a real Prometheus scraping a core",
  { skip: !hasPrometheus && "no prometheus binary", timeout: 30_000 },
  async () => {
    const target = new URL(await coreServer(2, 37));
    const dir = mkdtempSync(join(tmpdir(), "ixcp-prom-"));
    const port = await freePort();
    writeFileSync(
      join(dir, "prometheus.yml"),
      `global: { scrape_interval: 200ms, scrape_timeout: 100ms }\nscrape_configs:\n  - job_name: dataplane\n    static_configs: [{ targets: ["${target.host}"] }]\n`,
    );
    const prom: ChildProcess = spawn(
      "prometheus",
      [
        `--config.file=${join(dir, "prometheus.yml")}`,
        `--storage.tsdb.path=${join(dir, "data")}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: "ignore" },
    );
    try {
      const src = new PrometheusSource({ url: `http://127.0.0.1:${port}`, timeoutMs: 1000 });
      const deadline = Date.now() + 20_000;
      let m = await src.sample();
      while (!m.has(2) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        m = await src.sample();
      }
      const core = m.get(2);
      assert.ok(core, "core 2 seen through Prometheus");
      assert.equal(core.emaFast, 37);
      assert.equal(core.emaSlow, 9.25);
      assert.equal(core.active, true);
      assert.ok(Math.abs(core.seenAtMs - Date.now()) < 60_000, "sample time from timestamp(), in ms");
    } finally {
      prom.kill("SIGTERM");
      await new Promise((r) => prom.once("exit", r));
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
