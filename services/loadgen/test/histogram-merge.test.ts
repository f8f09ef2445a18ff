// Merging agents' encoded histograms equals one histogram of all samples.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  decodeHistogram,
  encodeHistogram,
  latencySummary,
  mergeHistograms,
  newLatencyHistogram,
  recordLatencyUs,
} from "../src/histogram.ts";
import { mergeConcurrentSteps, type StepResult } from "../src/results.ts";
import { Rng } from "../src/rng.ts";

test("merged encoded histograms equal the histogram of all samples", () => {
  const rng = new Rng(5);
  const whole = newLatencyHistogram();
  const parts = [newLatencyHistogram(), newLatencyHistogram(), newLatencyHistogram()];
  for (let i = 0; i < 30_000; i++) {
    // a long-tailed mix: mostly tens of us, some ms, a few 100 ms outliers
    const u = rng.next();
    const us = u < 0.9 ? 20 + rng.next() * 80 : u < 0.999 ? 1000 + rng.next() * 9000 : 1e5 + rng.next() * 4e5;
    recordLatencyUs(whole, us);
    recordLatencyUs(parts[i % 3], us);
  }
  const merged = mergeHistograms(parts.map((p) => decodeHistogram(encodeHistogram(p))));
  assert.equal(merged.totalCount, whole.totalCount);
  // Bucket by bucket: the full percentile distribution prints identically (bar the exact-max footer).
  const table = (h: typeof whole): string[] =>
    h
      .outputPercentileDistribution()
      .split("\n")
      .filter((l) => !l.startsWith("#[Max"));
  assert.deepEqual(table(merged), table(whole));
  // Encoding keeps buckets, not the exact extreme samples: max is its bucket's top.
  assert.equal(merged.maxValue, whole.getValueAtPercentile(100));
  assert.equal(merged.mean, whole.mean);
  for (let p = 0; p <= 100; p += 0.5) {
    assert.equal(merged.getValueAtPercentile(p), whole.getValueAtPercentile(p), `p${p}`);
  }
  assert.equal(merged.getValueAtPercentile(99.99), whole.getValueAtPercentile(99.99));
  const { max: _m, ...rest } = latencySummary(merged);
  const { max: _w, ...wholeRest } = latencySummary(whole);
  assert.deepEqual(rest, wholeRest);
});

test("concurrent agent steps merge: counts add, quantiles come from the merged histogram", () => {
  const a = newLatencyHistogram();
  const b = newLatencyHistogram();
  for (let i = 1; i <= 100; i++) recordLatencyUs(a, i);
  for (let i = 1001; i <= 1100; i++) recordLatencyUs(b, i);
  const step = (h: typeof a, requests: number): StepResult => ({
    startS: 0,
    durationS: 1,
    targetRate: 500,
    offeredRate: 500,
    sentRate: 500,
    achievedRate: requests,
    requests,
    errors: 1,
    lateSends: 2,
    laggedSends: 1,
    droppedSends: 0,
    latencyUs: latencySummary(h),
    histogram: encodeHistogram(h),
  });
  const m = mergeConcurrentSteps([step(a, 100), step(b, 100)]);
  assert.equal(m.requests, 200);
  assert.equal(m.achievedRate, 200);
  assert.equal(m.targetRate, 1000);
  assert.equal(m.errors, 2);
  assert.equal(m.lateSends, 4);
  assert.equal(m.laggedSends, 2);
  assert.equal(m.latencyUs.p50, 100); // neither agent's own median
  assert.ok(m.latencyUs.p90 >= 1080 && m.latencyUs.p90 <= 1081);
});
