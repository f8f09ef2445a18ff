// `docker compose up` as a user runs it (all but Grafana; local images): the
// loadgen service drives a repeating triangle of memcached load whose peak is
// calibrated above one core's capacity and below all cores'
// (bench/calibration.bench.ts, deploy/docker-compose.yml IX_LOAD_*). Over two
// periods of the triangle, IXCP (energy policy, reading Prometheus) must grant
// at least one more core during each peak and park it after, read as
// sum(ix_dp_active) from Prometheus once a second. ixload's p99 over the run
// is printed against the SLO (a diagnostic: tests do not assert latency).
//
// Run it under the docker lock: `flock /tmp/ix-docker.lock node --test
// --test-reporter=spec test/compose-triangle.test.ts`. Skipped, with the
// reason, when no Docker engine answers or testcontainers is not installed;
// images as test/deploy-compose.test.ts (IX_IMAGE..., else built locally).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { freePort, sloUs } from "@ix/bus";
import { composeDefault } from "../bench/calibration.bench.ts";
import { triangleVerdicts, type Sample } from "./helpers/triangle.ts";
import {
  COMPOSE_SERVICES as SERVICES,
  ROOT,
  composeEnvironment,
  composeImages,
  composeUp,
  loadTestcontainers,
  succeeds,
  type StartedEnvironment,
} from "./helpers/compose.ts";
import { promQuery } from "./helpers/prometheus.ts";

const COMPOSE = readFileSync(join(ROOT, "deploy", "docker-compose.yml"), "utf8");
const PERIOD_S = Number(process.env.IX_LOAD_PERIOD_S || composeDefault(COMPOSE, "IX_LOAD_PERIOD_S"));

// Two periods of the triangle take about three minutes here (160-171 s of
// sampling plus the stack's start); while the test is a todo CI runs it only
// when asked (IX_COMPOSE_TRIANGLE=1).
const OPT_IN = process.env.IX_COMPOSE_TRIANGLE === "1";
const tc = OPT_IN ? await loadTestcontainers() : "opt-in: set IX_COMPOSE_TRIANGLE=1 (about three minutes)";
const skip = typeof tc === "string" ? tc : false;

let env: StartedEnvironment | undefined;
let promUrl = "";

before(
  async () => {
    if (typeof tc === "string") return;
    const port = await freePort();
    promUrl = `http://127.0.0.1:${port}`;
    const where = {
      project: `ixtri${process.pid}`,
      files: ["docker-compose.yml"],
      v2: succeeds("docker", ["compose", "version"]),
    };
    const compose = composeEnvironment(
      tc,
      where,
      { ...composeImages(), PROMETHEUS_PORT: String(port) },
      180_000,
    );
    env = await composeUp(compose, SERVICES, where);
  },
  { timeout: 900_000 },
);

after(async () => {
  await env?.down({ timeout: 10_000, removeVolumes: true });
});

/** One instant query's first value (NaN when Prometheus has none yet). */
async function scalar(expr: string): Promise<number> {
  const result = await promQuery(promUrl, expr);
  return result.length > 0 ? Number(result[0].value[1]) : NaN;
}

test(
  "over two periods of the compose triangle IXCP grants a core during each peak and parks it after",
  {
    skip,
    // Still fails on main as of bd16d1c (self-clocked frame path), for two
    // reasons measured 2026-11-30 (branch triangle's report): a peak of 3000
    // or 6000 req/s is served by one core (fast EMA <= 6, no grant: IXCP is
    // right), so IX_LOAD_HIGH's default is now 7500; and at 6000-8000 IXCP
    // does grant (fast EMA 41.7 > 32: 1 -> 4 cores) and parks after, but
    // after the step-down migrations 20-26 of the 32 connections stop being
    // answered (ixload_in_flight stuck at 160-208, achieved rate 200-1400
    // req/s), so the next peak reaches the cores too thin to grant. At 7500
    // (one run, load average 18-21): the first peak stayed on one core
    // (6853 req/s served, fast EMA 19), the second was granted 1 -> 4 and
    // parked back to 1 with no stall: one core's rate and all cores' are
    // close on 2 CPUs, so the grant is a matter of luck. A todo
    // runs and reports without failing the suite until that stall is fixed.
    todo: "connections stall after IXCP's step-down migrations under load (issue 13)",
    timeout: (4 * PERIOD_S + 240) * 1000,
  },
  async (t) => {
    const samples: Sample[] = [];
    const t0 = Date.now();
    let p99MaxS = 0;
    let achievedMax = 0;
    const deadline = Date.now() + (3.5 * PERIOD_S + 120) * 1000;
    let verdicts = triangleVerdicts(samples);
    while (Date.now() < deadline) {
      const [offered, active, p99, achieved] = await Promise.all([
        scalar("sum(ixload_offered_rate)"),
        scalar("sum(ix_dp_active)"),
        scalar('max(ixload_latency_percentile_seconds{percentile="99"})'),
        scalar("sum(ixload_achieved_rate)"),
      ]).catch(() => [NaN, NaN, NaN, NaN]);
      if (Number.isFinite(offered) && offered > 0 && Number.isFinite(active))
        samples.push({ t: (Date.now() - t0) / 1000, offered, active });
      if (Number.isFinite(p99)) p99MaxS = Math.max(p99MaxS, p99);
      if (Number.isFinite(achieved)) achievedMax = Math.max(achievedMax, achieved);
      verdicts = triangleVerdicts(samples);
      if (verdicts.length >= 2) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const slo = sloUs();
    t.diagnostic(
      `ixload's worst 1 s p99 over the run: ${Math.round(p99MaxS * 1e6)} us (SLO ${slo} us; ${((p99MaxS * 1e6) / slo).toFixed(1)}x)`,
    );
    t.diagnostic(`ixload's best achieved rate over a 1 s window: ${Math.round(achievedMax)} req/s`);
    for (const v of verdicts) t.diagnostic(v.text);
    assert.ok(
      verdicts.length >= 2,
      `two whole peaks (low, high, low halves of the triangle) never seen in ${samples.length} samples of ` +
        `sum(ixload_offered_rate) / sum(ix_dp_active)`,
    );
    for (const v of verdicts.slice(0, 2)) {
      assert.ok(v.granted, `no core granted during the peak: ${v.text}`);
      assert.ok(v.parked, `the granted core was not parked after the peak: ${v.text}`);
    }
  },
);
