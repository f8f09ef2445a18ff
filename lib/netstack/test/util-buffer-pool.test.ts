import assert from "node:assert/strict";
import { test } from "node:test";
import { BufferPool } from "../src/util/buffer-pool.ts";

test("budget is respected and exhaustion is counted", () => {
  const pool = new BufferPool(4, 128);
  const bufs: Uint8Array[] = [];
  for (let i = 0; i < 4; i++) {
    const b = pool.alloc();
    assert.ok(b);
    assert.equal(b.length, 128);
    bufs.push(b);
  }
  assert.equal(pool.available, 0);
  assert.equal(pool.inUse, 4);
  assert.equal(pool.alloc(), null);
  assert.equal(pool.alloc(), null);
  assert.equal(pool.exhaustions, 2);
  // Buffers do not overlap.
  bufs.forEach((b, i) => b.fill(i + 1));
  bufs.forEach((b, i) => assert.ok(b.every((x) => x === i + 1)));
});

test("free makes a buffer available again, and it is reused", () => {
  const pool = new BufferPool(2, 64);
  const a = pool.alloc() as Uint8Array;
  const b = pool.alloc() as Uint8Array;
  pool.free(a);
  assert.equal(pool.available, 1);
  const c = pool.alloc();
  assert.equal(c, a); // the same view object: no allocation per alloc
  pool.free(b.subarray(0, 10)); // a frame cut from a pool buffer frees the whole buffer
  assert.equal(pool.alloc(), b);
  assert.equal(pool.exhaustions, 0);
});

test("double free and foreign buffers are refused", () => {
  const pool = new BufferPool(2, 64);
  const a = pool.alloc() as Uint8Array;
  pool.free(a);
  assert.throws(() => pool.free(a), /twice/);
  assert.throws(() => pool.free(new Uint8Array(64)), /does not belong/);
  assert.throws(() => new BufferPool(0), RangeError);
  assert.throws(() => new BufferPool(2, 0), RangeError);
  assert.equal(pool.inUse, 0);
});

test("a long alloc/free churn keeps the accounting exact", () => {
  const pool = new BufferPool(16);
  const held: Uint8Array[] = [];
  let seed = 1;
  let failures = 0;
  for (let i = 0; i < 10_000; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    if (seed & 0x100 || held.length === 0) {
      const b = pool.alloc();
      if (b === null) failures++;
      else held.push(b);
    } else {
      pool.free(held.splice(seed % held.length, 1)[0]);
    }
    assert.equal(pool.inUse, held.length);
    assert.equal(pool.available + pool.inUse, 16);
  }
  assert.equal(pool.exhaustions, failures);
  assert.equal(new Set(held).size, held.length);
  assert.equal(held[0]?.length ?? 2048, 2048);
});
