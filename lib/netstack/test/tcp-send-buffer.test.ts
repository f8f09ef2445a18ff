import assert from "node:assert/strict";
import { test } from "node:test";
import { SendBuffer } from "../src/tcp/send-buffer.ts";

const bytes = (n: number, from = 0): Uint8Array => new Uint8Array(n).map((_, i) => (from + i) & 0xff);
const live = (b: SendBuffer): number[] => [...b.buf.subarray(b.head, b.tail)];

test("a send buffer has no storage until the first append, then what that append needs", () => {
  const b = new SendBuffer(65536);
  assert.equal(b.buf.length, 0);
  assert.equal(b.length, 0);
  assert.equal(b.free, 65536);
  assert.equal(b.append(new Uint8Array(0)), 0);
  assert.equal(b.buf.length, 0, "an empty append allocates nothing");
  assert.equal(b.append(bytes(10)), 10);
  assert.equal(b.buf.length, 256, "the first allocation is the initial size");
  assert.deepEqual(live(b), [...bytes(10)]);
  const big = new SendBuffer(65536);
  assert.equal(big.append(bytes(1000)), 1000);
  assert.equal(big.buf.length, 1024, "a larger first append gets the next doubling that holds it");
  assert.deepEqual(live(big), [...bytes(1000)]);
});

test("growth, consumption and compaction keep the bytes in order, within max", () => {
  const b = new SendBuffer(4096);
  let written = 0;
  let acked = 0;
  for (let round = 0; round < 50; round++) {
    written += b.append(bytes(700, written));
    const n = Math.min(b.length, 500);
    b.consume(n);
    acked += n;
    assert.deepEqual(live(b), [...bytes(written - acked, acked)]);
    assert.ok(b.buf.length <= 2 * 4096, `storage ${b.buf.length} within 2 x max`);
  }
  // At max: an append takes only what fits, then nothing.
  assert.equal(b.length, 4096 - 500, "the appends outran the acks up to max (then one ack of 500)");
  assert.equal(b.append(bytes(8192)), 500);
  assert.equal(b.length, 4096);
  assert.equal(b.free, 0);
  assert.equal(b.append(bytes(1)), 0);
});
