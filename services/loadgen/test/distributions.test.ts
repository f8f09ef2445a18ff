// Sample statistics of the workload distributions against their closed forms.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  Exponential,
  FB_INTER_ARRIVAL,
  FB_KEY_SIZE,
  FB_VALUE_SIZE,
  GPareto,
  gamma,
  interArrival,
} from "../src/distributions.ts";
import { Rng } from "../src/rng.ts";
import { memcachedWorkload } from "../src/workload.ts";

const N = 200_000;

function draw(n: number, f: () => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f();
  return out.sort();
}
const mean = (xs: Float64Array): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const quantile = (sorted: Float64Array, p: number): number => sorted[Math.floor(p * (sorted.length - 1))];
function near(actual: number, expected: number, relTol: number, what: string): void {
  assert.ok(
    Math.abs(actual - expected) <= relTol * Math.abs(expected),
    `${what}: ${actual} not within ${relTol * 100}% of ${expected}`,
  );
}

test("gamma function matches known values", () => {
  near(gamma(5), 24, 1e-10, "gamma(5)");
  near(gamma(0.5), Math.sqrt(Math.PI), 1e-10, "gamma(0.5)");
});

test("the RNG is deterministic per seed and uniform", () => {
  const a = new Rng(42);
  const b = new Rng(42);
  const c = new Rng(43);
  const seqA = Array.from({ length: 5 }, () => a.next());
  assert.deepEqual(
    seqA,
    Array.from({ length: 5 }, () => b.next()),
  );
  assert.notDeepEqual(
    seqA,
    Array.from({ length: 5 }, () => c.next()),
  );
  const u = draw(N, () => a.next());
  near(mean(u), 0.5, 0.01, "uniform mean");
  near(quantile(u, 0.9), 0.9, 0.01, "uniform p90");
});

test("ETC key sizes follow GEV(30.7984, 8.20449, 0.078688)", () => {
  const [loc, scale, xi] = [30.7984, 8.20449, 0.078688];
  const analyticMean = loc + (scale * (gamma(1 - xi) - 1)) / xi;
  const analyticQ = (p: number): number => loc + (scale * (Math.pow(-Math.log(p), -xi) - 1)) / xi;
  const rng = new Rng(1);
  const xs = draw(N, () => FB_KEY_SIZE.sample(rng));
  near(FB_KEY_SIZE.mean, analyticMean, 1e-9, "GEV analytic mean");
  near(mean(xs), analyticMean, 0.005, "GEV sample mean");
  for (const p of [0.1, 0.5, 0.9, 0.99]) near(quantile(xs, p), analyticQ(p), 0.01, `GEV p${p * 100}`);
  // Per-key sizes (hashed index -> quantile, truncated to bytes) have the same law, shifted by truncation.
  const etc = memcachedWorkload("etc");
  const sizes = draw(
    N,
    (() => {
      let i = 0;
      return () => etc.keySize(i++);
    })(),
  );
  assert.ok(Math.abs(mean(sizes) - (analyticMean - 0.5)) < 0.3, `key size mean ${mean(sizes)}`);
});

test("ETC value sizes: the 0-14 B table plus GPareto(15, 214.476, 0.348238) above", () => {
  const rng = new Rng(2);
  const etc = memcachedWorkload("etc");
  const n = N;
  let small = 0;
  let twos = 0;
  let elevens = 0;
  const tail: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = etc.valueSize(rng);
    if (v <= 14) small++;
    if (v === 2) twos++;
    if (v === 11) elevens++;
    if (v >= 15) tail.push(v);
  }
  near(small / n, 0.44155, 0.02, "P(value <= 14 B)");
  near(twos / n, 0.1782, 0.03, "P(value = 2 B)");
  near(elevens / n, 0.08989, 0.04, "P(value = 11 B)");
  const [loc, scale, xi] = [15, 214.476, 0.348238];
  const tailSorted = Float64Array.from(tail).sort();
  // Sizes are truncated to whole bytes: compare with the continuous quantile's floor.
  for (const p of [0.25, 0.5, 0.9]) {
    const q = loc + (scale * (Math.pow(1 - p, -xi) - 1)) / xi;
    near(quantile(tailSorted, p), Math.floor(q), 0.02, `tail p${p * 100}`);
  }
  // The continuous mixture's mean, from the table and the tail's loc + scale / (1 - shape).
  const contRng = new Rng(3);
  const cont = draw(N, () => FB_VALUE_SIZE.sample(contRng));
  near(mean(cont), FB_VALUE_SIZE.mean, 0.04, "value size mean");
  near(
    FB_VALUE_SIZE.mean,
    2.29836 + (1 - 0.44155) * (loc + scale / (1 - xi)),
    0.001,
    "analytic mixture mean",
  );
});

test("inter-arrival gaps: exponential and ETC's GPareto rescaled to the target rate", () => {
  const rng = new Rng(4);
  const meanUs = 250; // 4000 requests/s on one connection
  const exp = draw(N, () => interArrival("exponential", meanUs).sample(rng));
  near(mean(exp), meanUs, 0.01, "exponential mean");
  near(quantile(exp, 0.5), meanUs * Math.LN2, 0.02, "exponential median");
  near(quantile(exp, 0.99), meanUs * Math.log(100), 0.03, "exponential p99");
  assert.equal(new Exponential(meanUs).quantile(0.5), meanUs * Math.LN2);

  const fb = interArrival("fb_ia", meanUs);
  const xs = draw(N, () => fb.sample(rng));
  near(mean(xs), meanUs, 0.02, "GPareto inter-arrival mean");
  const [scale, xi] = [16.0292, 0.154971];
  const factor = meanUs / (scale / (1 - xi)); // rescaling keeps the shape
  for (const p of [0.5, 0.9, 0.99]) {
    near(
      quantile(xs, p),
      factor * ((scale * (Math.pow(1 - p, -xi) - 1)) / xi),
      0.03,
      `GPareto ia p${p * 100}`,
    );
  }
  near(FB_INTER_ARRIVAL.mean, scale / (1 - xi), 1e-12, "fb_ia mean");
  assert.throws(() => new GPareto(0, 0, 0.1), /scale/);
});
