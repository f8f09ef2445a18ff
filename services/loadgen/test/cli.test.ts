// The ixload command end to end (a child process) against loopback servers in
// this process: sweep with JSON/SVG/metrics, pattern with two agents,
// ping-pong, the plot subcommand and option errors.
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { startInstantServer, type InstantServer } from "../src/instant-server.ts";
import { isSaturated, maxRateUnderSlo } from "../src/modes.ts";
import type { RunResult } from "../src/results.ts";
import { freePort } from "./helpers.ts";

const CLI = new URL("../src/cli.ts", import.meta.url).pathname;
const run = promisify(execFile);
let echo: InstantServer;
let dir: string;
before(async () => {
  echo = await startInstantServer("echo");
  dir = mkdtempSync(join(tmpdir(), "ixload-"));
});
after(async () => {
  await echo?.close();
  rmSync(dir, { recursive: true, force: true });
});

const server = (): string[] => ["--server", `127.0.0.1:${echo.port}`, "--protocol", "echo"];
const readResult = (file: string): RunResult => JSON.parse(readFileSync(file, "utf8")) as RunResult;

test("sweep: steps, maxRateUnderSlo, ceiling flag, SVG, and live /metrics", { timeout: 60_000 }, async () => {
  const json = join(dir, "sweep.json");
  const svg = join(dir, "sweep.svg");
  const metricsPort = await freePort();
  const child = spawn(process.execPath, [
    CLI,
    ...server(),
    ...["--mode", "sweep", "--sweep-start", "2000", "--sweep-step", "2000", "--sweep-max", "6000"],
    ...["--duration", "0.6", "--warmup", "0.2", "--ceiling", "7000", "--json", json, "--plot", svg],
    ...["--metrics-port", String(metricsPort), "--slo-us", "50000"],
  ]);
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  let done = false;
  const exited = new Promise<number | null>((r) =>
    child.on("exit", (code) => {
      done = true;
      r(code);
    }),
  );
  // Scrape while it runs, until a request is counted or it exits (bounded: 30 s).
  let metrics = "";
  for (let i = 0; i < 600 && !done && !/ixload_requests_total [1-9]/.test(metrics); i++) {
    await new Promise((r) => setTimeout(r, 50));
    const text = await fetch(`http://127.0.0.1:${metricsPort}/metrics`).then(
      (res) => res.text(),
      () => "",
    );
    if (text !== "") metrics = text;
  }
  assert.equal(await exited, 0, stderr);
  for (const name of [
    "ixload_offered_rate",
    "ixload_late_sends_total",
    "ixload_in_flight",
    "ixload_latency_seconds_bucket",
  ]) {
    assert.ok(metrics.includes(name), `metrics lack ${name}`);
  }
  assert.match(metrics, /ixload_requests_total [1-9]/);
  const r = readResult(json);
  assert.equal(r.mode, "sweep");
  // Which steps run depends on how fast this machine answers (a step that
  // falls short of its target ends the sweep): the targets are a prefix of
  // the plan, and a short sweep says why it stopped.
  const targets = r.steps.map((s) => s.targetRate);
  assert.ok(targets.length >= 1, "no step measured");
  assert.deepEqual(targets, [2000, 4000, 6000].slice(0, targets.length));
  assert.match(String(r.stoppedBy), /^(max|saturated|slo)$/);
  if (targets.length < 3) assert.notEqual(r.stoppedBy, "max", `stopped after ${targets}`);
  if (r.stoppedBy === "saturated") assert.ok(isSaturated(r.steps.at(-1)!), "the last step fell short");
  for (const s of r.steps) {
    assert.equal(s.errors, 0);
    assert.ok(s.requests > 0, `no response at ${s.targetRate}/s`);
    // Quantiles are HDR bucket values, max the exact sample: p999 may exceed max.
    const l = s.latencyUs;
    assert.ok(
      0 < l.p50 && l.p50 <= l.p90 && l.p90 <= l.p99 && l.p99 <= l.p999 && l.max > 0,
      JSON.stringify(l),
    );
  }
  // The reported figures follow from the steps (whatever this machine measured).
  assert.equal(r.maxRateUnderSlo, maxRateUnderSlo(r.steps, 50_000));
  assert.equal(r.sloUs, 50_000);
  assert.equal(r.generatorCeiling, 7000);
  const peak = Math.max(r.achievedRate, ...r.steps.map((s) => s.achievedRate));
  assert.equal(r.nearCeiling, peak > 0.8 * 7000);
  const picture = readFileSync(svg, "utf8");
  assert.match(picture, /^<\?xml/);
  // Vega draws each series as one path: a line mark with its points.
  assert.match(picture, /aria-roledescription="line mark" d="M[\d.,]+L/);
  assert.match(stderr, /ixload: sweep achieved/);
});

test(
  "pattern with two agents: merged per-interval steps follow the triangle",
  { timeout: 60_000 },
  async () => {
    const json = join(dir, "pattern.json");
    await run(process.execPath, [
      CLI,
      ...server(),
      ...["--mode", "pattern", "--pattern", "triangle", "--pattern-low", "1000", "--pattern-high", "5000"],
      ...["--period", "2", "--duration", "2", "--interval", "0.5", "--warmup", "0.2"],
      ...["--connections", "4", "--agents", "2", "--ceiling", "off", "--json", json],
    ]);
    const r = readResult(json);
    assert.equal(r.steps.length, 4);
    const targets = r.steps.map((s) => s.targetRate);
    assert.ok(
      targets[1] > targets[0] && targets[2] < targets[1] + 1000 && targets[3] < targets[2],
      `${targets}`,
    );
    // Both agents answered in every interval, without errors (how close each
    // came to its target depends on this machine: that figure is the bench's).
    for (const s of r.steps) {
      assert.equal(s.errors, 0);
      assert.ok(s.requests > 0, `no response in the interval at ${s.startS} s`);
    }
    assert.equal(
      r.requests,
      r.steps.reduce((n, s) => n + s.requests, 0),
    );
    const svg = join(dir, "both.svg");
    await run(process.execPath, [CLI, "plot", json, join(dir, "sweep.json"), "--out", svg]);
    const picture = readFileSync(svg, "utf8");
    assert.match(picture, /load over time/);
    assert.match(picture, /sweep p99/);
  },
);

test("ping-pong reports one-way latency per message size", { timeout: 60_000 }, async () => {
  const json = join(dir, "pp.json");
  await run(process.execPath, [
    CLI,
    ...server(),
    ...["--mode", "pingpong", "--sizes", "1,4096", "--duration", "0.3", "--ceiling", "off", "--json", json],
  ]);
  const r = readResult(json);
  assert.deepEqual(
    r.pingpong!.map((p) => p.messageSize),
    [1, 4096],
  );
  for (const p of r.pingpong!) {
    assert.ok(p.roundTrips > 0, `no round trip of ${p.messageSize} bytes`);
    assert.ok(
      p.oneWayUs.p50 > 0 && p.oneWayUs.p50 <= p.oneWayUs.p99 && p.oneWayUs.max > 0,
      JSON.stringify(p.oneWayUs),
    );
  }
});

test("bad options exit with status 2 and name the flag", async () => {
  await assert.rejects(
    run(process.execPath, [CLI, ...server(), "--rate", "fast"]),
    (err: { code: number; stderr: string }) => {
      assert.equal(err.code, 2);
      assert.match(err.stderr, /--rate must be a number/);
      return true;
    },
  );
  await assert.rejects(run(process.execPath, [CLI, "--protocol", "echo"]), /--server HOST:PORT is required/);
});
