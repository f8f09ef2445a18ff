import assert from "node:assert/strict";
import { test } from "node:test";
import { Reassembly } from "../src/tcp/reassembly.ts";

const b = (...v: number[]) => new Uint8Array(v);

test("segments come out in order once the gap is filled, overlaps trimmed", () => {
  const r = new Reassembly(8, 1000);
  assert.ok(r.insert(110, b(10, 11, 12, 13), false));
  assert.ok(r.insert(104, b(4, 5, 6, 7, 8, 9, 10, 11), false)); // overlaps the next one
  assert.equal(r.takeNext(100), null, "gap at 100..104");
  assert.deepEqual([...r.takeNext(104)!], [4, 5, 6, 7, 8, 9, 10, 11]);
  assert.deepEqual([...r.takeNext(112)!], [12, 13], "already-received part trimmed");
  assert.equal(r.count, 0);
  assert.equal(r.bytes, 0);
});

test("duplicates are not stored twice and old segments are discarded", () => {
  const r = new Reassembly(8, 1000);
  r.insert(200, b(1, 2, 3), false);
  r.insert(200, b(1, 2, 3), false);
  assert.equal(r.count, 1);
  r.insert(150, b(9), false);
  assert.equal(r.takeNext(205), null, "both wholly below rcvNxt: dropped");
  assert.equal(r.count, 0);
});

test("bounded by segment count and bytes", () => {
  const r = new Reassembly(2, 5);
  assert.ok(r.insert(10, b(1, 2), false));
  assert.ok(r.insert(20, b(1, 2), false));
  assert.ok(!r.insert(30, b(1), false), "count limit");
  const s = new Reassembly(10, 5);
  assert.ok(s.insert(10, b(1, 2, 3), false));
  assert.ok(!s.insert(20, b(1, 2, 3), false), "byte limit");
});

test("a queued FIN is reported with the data before it", () => {
  const r = new Reassembly(8, 100);
  r.insert(0xfffffffe, b(1, 2, 3), true); // wraps past 2^32
  const d = r.takeNext(0xfffffffe)!;
  assert.equal(d.length, 3);
  assert.equal(r.lastFin, true);
});
