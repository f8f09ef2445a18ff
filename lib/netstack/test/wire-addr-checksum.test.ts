import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BROADCAST_MAC,
  formatIpv4,
  formatMac,
  macEquals,
  parseIpv4,
  parseMac,
  readU16,
  readU32,
  writeU16,
  writeU32,
} from "../src/wire/addr.ts";
import { foldChecksum, onesSum, pseudoHeaderSum } from "../src/wire/checksum.ts";
import { WireError, wireErrorName } from "../src/wire/errors.ts";
import { hex } from "./wire-fixtures.ts";

test("IPv4 text round-trips, high addresses stay unsigned", () => {
  assert.equal(parseIpv4("10.77.0.2"), 0x0a4d0002);
  assert.equal(parseIpv4("255.255.255.255"), 0xffffffff);
  assert.equal(parseIpv4("0.0.0.0"), 0);
  assert.equal(formatIpv4(0xc0a80101), "192.168.1.1");
  assert.equal(formatIpv4(parseIpv4("161.142.100.80")), "161.142.100.80");
});

test("bad IPv4 text throws", () => {
  for (const s of ["", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1.2.3.x", "1..2.3", " 1.2.3.4", "1.2.3.-4"]) {
    assert.throws(() => parseIpv4(s), /bad IPv4/, s);
  }
});

test("MAC text round-trips and compares", () => {
  const m = parseMac("52:54:00:12:34:56");
  assert.deepEqual(m, hex("525400123456"));
  assert.equal(formatMac(m), "52:54:00:12:34:56");
  assert.deepEqual(parseMac("02-00-0A-4D-00-02"), hex("02000a4d0002"));
  assert.ok(macEquals(parseMac("ff:ff:ff:ff:ff:ff"), BROADCAST_MAC));
  assert.ok(!macEquals(m, BROADCAST_MAC));
  for (const s of ["52:54:00:12:34", "52:54:00:12:34:5g", "525400123456", "52:54:00:12:34:567"]) {
    assert.throws(() => parseMac(s), /bad MAC/, s);
  }
});

test("big-endian helpers", () => {
  const b = new Uint8Array(8);
  writeU16(b, 0, 0xbeef);
  writeU32(b, 2, 0xdeadbeef);
  assert.deepEqual(b, hex("beefdeadbeef0000"));
  assert.equal(readU16(b, 0), 0xbeef);
  assert.equal(readU32(b, 2), 0xdeadbeef); // positive, not -559038737
  writeU16(b, 6, 0x12345); // only the low 16 bits are written
  assert.equal(readU16(b, 6), 0x2345);
});

test("RFC 1071 worked example", () => {
  // RFC 1071 section 3: words 0001 f203 f4f5 f6f7 sum to 2ddf0, folded ddf2.
  const b = hex("0001f203f4f5f6f7");
  assert.equal(onesSum(b, 0, 8), 0x2ddf0);
  assert.equal(foldChecksum(0x2ddf0), ~0xddf2 & 0xffff);
  // The same sum split across calls, and at an offset.
  assert.equal(onesSum(b, 4, 4, onesSum(b, 0, 4)), 0x2ddf0);
});

test("odd length pads the last byte as a high byte", () => {
  assert.equal(onesSum(hex("0102ab"), 0, 3), 0x0102 + 0xab00);
  assert.equal(onesSum(hex("ff"), 0, 1), 0xff00);
  assert.equal(onesSum(hex(""), 0, 0, 7), 7);
});

test("unrolled and tail loops agree for every length", () => {
  const b = new Uint8Array(64);
  for (let i = 0; i < b.length; i++) b[i] = (i * 37 + 11) & 0xff;
  for (let len = 0; len <= 64; len++) {
    let slow = 0;
    for (let i = 0; i + 1 < len; i += 2) slow += (b[i] << 8) | b[i + 1];
    if (len & 1) slow += b[len - 1] << 8;
    assert.equal(onesSum(b, 0, len), slow, `len ${len}`);
  }
});

test("a buffer including its own checksum sums to zero", () => {
  const b = hex("450000283c1b40004006ea180a4d00010a4d0002"); // a real IPv4 header
  assert.equal(foldChecksum(onesSum(b, 0, 20)), 0);
  b[10] ^= 1;
  assert.notEqual(foldChecksum(onesSum(b, 0, 20)), 0);
});

test("foldChecksum handles many carries", () => {
  assert.equal(foldChecksum(0), 0xffff);
  assert.equal(foldChecksum(0xffff), 0);
  assert.equal(foldChecksum(0x1fffe), 0); // 0xfffe + 1 = 0xffff
  assert.equal(foldChecksum(0xffffffff), 0);
  assert.equal(foldChecksum(2 ** 32), ~1 & 0xffff); // 2^32 = 65536^2: folds to 1
  assert.equal(foldChecksum(2 ** 40), ~0x100 & 0xffff); // 2^40 = 256 * 65536^2
});

test("pseudo header sum matches the words of the pseudo header", () => {
  const ph = hex("0a4d0001 0a4d0002 0006 0028");
  assert.equal(pseudoHeaderSum(0x0a4d0001, 0x0a4d0002, 6, 0x28), onesSum(ph, 0, ph.length));
  assert.equal(pseudoHeaderSum(0xffffffff, 0xffffffff, 17, 0xffff), 4 * 0xffff + 17 + 0xffff);
});

test("error names", () => {
  assert.equal(wireErrorName(WireError.Ok), "ok");
  assert.equal(wireErrorName(WireError.BadChecksum), "bad_checksum");
  assert.equal(wireErrorName(WireError.BadOption), "bad_option");
  assert.equal(wireErrorName(99), "unknown");
});
