import assert from "node:assert/strict";
import { test } from "node:test";
import { ByteReader, ByteWriter } from "../src/util/bytes.ts";

test("writer layout is big-endian with u32 length prefixes", () => {
  const w = new ByteWriter(16);
  w.u8(0xab);
  w.u16(0x1234);
  w.u32(0xdeadbeef);
  w.f64(1.5);
  w.bytes(Uint8Array.of(9, 8, 7));
  const out = w.finish();
  assert.equal(
    Buffer.from(out).toString("hex"),
    "ab" + "1234" + "deadbeef" + "3ff8000000000000" + "00000003" + "090807",
  );
  assert.equal(w.length, out.length);
});

test("reader round-trips every type, including values past 2^31 and non-integers", () => {
  const w = new ByteWriter(1); // forces growth
  const big = new Uint8Array(10_000).map((_, i) => i);
  for (let i = 0; i < 100; i++) {
    w.u8(i);
    w.u16(65535 - i);
    w.u32(0xfffffff0 + (i % 16));
    w.f64(i === 0 ? Number.MAX_SAFE_INTEGER : -i / 3);
    w.bytes(i % 10 === 0 ? big : new Uint8Array(0));
  }
  const r = new ByteReader(w.finish());
  for (let i = 0; i < 100; i++) {
    assert.equal(r.u8(), i);
    assert.equal(r.u16(), 65535 - i);
    assert.equal(r.u32(), 0xfffffff0 + (i % 16));
    assert.equal(r.f64(), i === 0 ? Number.MAX_SAFE_INTEGER : -i / 3);
    assert.deepEqual(r.bytes(), i % 10 === 0 ? big : new Uint8Array(0));
  }
  assert.equal(r.remaining, 0);
});

test("reader works on a subarray and throws RangeError on overrun", () => {
  const backing = Uint8Array.of(0xff, 0x00, 0x01, 0x00, 0x00, 0x00, 0x05, 0x01);
  const r = new ByteReader(backing.subarray(1));
  assert.equal(r.u16(), 0x0001);
  assert.equal(r.remaining, 5);
  assert.throws(() => r.bytes(), RangeError); // claims 5 bytes, 1 left
  const r2 = new ByteReader(Uint8Array.of(1, 2, 3));
  assert.throws(() => r2.u32(), /need 4 bytes/);
  assert.equal(r2.u16(), 0x0102);
  assert.throws(() => r2.f64(), RangeError);
});
