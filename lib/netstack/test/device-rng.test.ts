import assert from "node:assert/strict";
import { test } from "node:test";
import { Rng } from "../src/device/rng.ts";

test("same seed, same stream; different seeds differ", () => {
  const a = new Rng(42);
  const b = new Rng(42);
  const c = new Rng(43);
  const sa: number[] = [];
  const sc: number[] = [];
  for (let i = 0; i < 100; i++) {
    const x = a.nextU32();
    assert.equal(x, b.nextU32());
    sa.push(x);
    sc.push(c.nextU32());
  }
  assert.notDeepEqual(sa, sc);
  assert.ok(sa.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32));
});

test("seed 0 works (no all-zero state)", () => {
  const r = new Rng(0);
  const xs = new Set<number>();
  for (let i = 0; i < 10; i++) xs.add(r.nextU32());
  assert.equal(xs.size, 10);
});

test("next() is in [0,1) with a flat distribution; int(n) covers [0,n)", () => {
  const r = new Rng(7);
  const bins = new Array(10).fill(0);
  const N = 100_000;
  for (let i = 0; i < N; i++) {
    const x = r.next();
    assert.ok(x >= 0 && x < 1);
    bins[Math.floor(x * 10)]++;
  }
  // Each bin expects 10_000 with sd ~95; 600 is over 6 sd.
  for (const b of bins) assert.ok(Math.abs(b - N / 10) < 600, `bins ${bins}`);
  const seen = new Set<number>();
  for (let i = 0; i < 1000; i++) {
    const k = r.int(6);
    assert.ok(Number.isInteger(k) && k >= 0 && k < 6);
    seen.add(k);
  }
  assert.equal(seen.size, 6);
});
