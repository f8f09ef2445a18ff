import assert from "node:assert/strict";
import { test } from "node:test";
import { RttEstimator } from "../src/tcp/rtt.ts";

test("RFC 6298: first sample sets SRTT=R, RTTVAR=R/2, RTO=SRTT+4*RTTVAR", () => {
  const r = new RttEstimator(200_000, 60_000_000, 1_000);
  assert.equal(r.rto(), 1_000_000, "initial RTO is 1 s (RFC 6298 2.1)");
  r.sample(100_000);
  assert.equal(r.srtt, 100_000);
  assert.equal(r.rttvar, 50_000);
  assert.equal(r.rto(), 300_000);
});

test("RFC 6298: subsequent samples with alpha=1/8, beta=1/4", () => {
  const r = new RttEstimator(0, 60_000_000, 1_000);
  r.sample(100_000);
  r.sample(200_000);
  // RTTVAR = 3/4*50000 + 1/4*|100000-200000| = 62500; SRTT = 7/8*100000 + 1/8*200000 = 112500
  assert.equal(r.rttvar, 62_500);
  assert.equal(r.srtt, 112_500);
  assert.equal(r.rto(), 112_500 + 4 * 62_500);
});

test("clamped to the minimum (200 ms) and the clock granularity", () => {
  const r = new RttEstimator(200_000, 60_000_000, 1_000);
  for (let i = 0; i < 50; i++) r.sample(1_000);
  assert.equal(r.rto(), 200_000);
  const g = new RttEstimator(0, 60_000_000, 1_000);
  for (let i = 0; i < 200; i++) g.sample(5_000); // RTTVAR decays to ~0: the G term takes over
  assert.ok(Math.abs(g.rto() - 6_000) < 10);
});

test("exponential backoff up to the 60 s maximum; a new sample collapses it", () => {
  const r = new RttEstimator(200_000, 60_000_000, 1_000);
  r.sample(100_000); // 300 ms
  r.expired();
  assert.equal(r.rto(), 600_000);
  r.expired();
  assert.equal(r.rto(), 1_200_000);
  for (let i = 0; i < 20; i++) r.expired();
  assert.equal(r.rto(), 60_000_000);
  r.sample(100_000);
  assert.equal(r.backoff, 0);
  assert.ok(r.rto() < 1_000_000);
});
