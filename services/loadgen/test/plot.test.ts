// The latency-against-throughput plot draws an SLO line only for a real SLO,
// at its value; `--slo-stop off` keeps the SLO and lets a sweep run past it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { OptionError, parseLoadOptions } from "../src/options.ts";
import { plotResults } from "../src/plot.ts";
import type { RunResult, StepResult } from "../src/results.ts";

const step = (achievedRate: number, p50: number, p99: number): StepResult =>
  ({ achievedRate, targetRate: achievedRate, latencyUs: { p50, p99 } }) as StepResult;
const sweep = (sloUs: number): RunResult =>
  ({ mode: "sweep", sloUs, steps: [step(1000, 100, 400), step(2000, 150, 3000)] }) as RunResult;

test("the SLO line is the results' SLO, at its value", async () => {
  const svg = await plotResults([{ label: "a", result: sweep(2000) }]);
  assert.match(svg, /SLO p99 2000 us/);
  // The y axis spans the data and the SLO, not more: 100 us .. 10 ms.
  const ticks = [...svg.matchAll(/text-anchor="end"[^>]*>([^<]+)</g)].map((m) => m[1]);
  assert.deepEqual(ticks, ["100", "1k", "10k"]);
});

test("an explicit SLO replaces the results' own; null draws none", async () => {
  const inputs = [{ label: "a", result: sweep(1e9) }];
  assert.match(await plotResults(inputs, { sloUs: 2000 }), /SLO p99 2000 us/);
  assert.doesNotMatch(await plotResults(inputs, { sloUs: 2000 }), /1000000000/);
  assert.doesNotMatch(await plotResults(inputs, { sloUs: null }), /SLO/);
});

test("results with different SLOs draw one line each", async () => {
  const svg = await plotResults([
    { label: "a", result: sweep(2000) },
    { label: "b", result: sweep(500) },
  ]);
  assert.match(svg, /SLO p99 2000 us/);
  assert.match(svg, /SLO p99 500 us/);
});

test("--slo-stop on|off (default on); anything else is an option error", () => {
  const base = ["--server", "127.0.0.1:7"];
  assert.equal(parseLoadOptions(base).sloStop, true);
  assert.equal(parseLoadOptions([...base, "--slo-stop", "off"]).sloStop, false);
  assert.throws(() => parseLoadOptions([...base, "--slo-stop", "maybe"]), OptionError);
});
