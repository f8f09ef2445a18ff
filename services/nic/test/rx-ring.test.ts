import { test } from "node:test";
import assert from "node:assert/strict";
import { RxRing } from "../src/rx-ring.ts";

test("a full ring drops and counts, and never grows", () => {
  const r = new RxRing(4);
  for (let i = 0; i < 4; i++) assert.equal(r.take(), true);
  assert.equal(r.free, 0);
  for (let i = 0; i < 10; i++) assert.equal(r.take(), false);
  assert.equal(r.missed, 10);
  assert.equal(r.delivered, 4);
  assert.equal(r.free, 0);
});

test("credits free descriptors, at most the ones in use", () => {
  const r = new RxRing(4);
  r.take();
  r.take();
  r.take();
  assert.equal(r.credit(2), 2);
  assert.equal(r.free, 3);
  assert.equal(r.credit(100), 1, "only one descriptor is still in use");
  assert.equal(r.free, 4);
  assert.equal(r.excessCredits, 99);
  assert.equal(r.credit(0), 0);
  assert.equal(r.credit(-3), 0);
  assert.equal(r.credit(Number.NaN), 0);
  assert.equal(r.free, 4);
  for (let i = 0; i < 4; i++) assert.equal(r.take(), true);
  assert.equal(r.take(), false);
});

test("bad sizes are refused", () => {
  assert.throws(() => new RxRing(0), RangeError);
  assert.throws(() => new RxRing(1.5), RangeError);
});
