import assert from "node:assert/strict";
import { test } from "node:test";
import { seqAdd, seqDiff, seqGe, seqGt, seqInRange, seqLe, seqLt, seqMax, seqMin } from "../src/tcp/seq.ts";

test("sequence comparisons work across the 2^32 wrap", () => {
  const hi = 0xfffffff0;
  const lo = 0x00000010; // 32 bytes after hi, past the wrap
  assert.ok(seqLt(hi, lo));
  assert.ok(seqGt(lo, hi));
  assert.ok(seqLe(hi, hi) && seqGe(hi, hi));
  assert.equal(seqDiff(lo, hi), 32);
  assert.equal(seqDiff(hi, lo), -32);
  assert.equal(seqAdd(hi, 32), lo);
  assert.equal(seqAdd(lo, -32), hi);
  assert.equal(seqMax(hi, lo), lo);
  assert.equal(seqMin(hi, lo), hi);
  assert.ok(seqInRange(0, hi, lo));
  assert.ok(!seqInRange(lo, hi, lo));
});

test("results stay unsigned 32-bit", () => {
  assert.equal(seqAdd(0xffffffff, 1), 0);
  assert.equal(seqAdd(0, -1), 0xffffffff);
  assert.ok(seqAdd(0x7fffffff, 1) > 0);
  // Half the space apart is the ambiguity point: a - b = -2^31 counts as "before".
  assert.ok(seqLt(0, 0x80000000));
});
