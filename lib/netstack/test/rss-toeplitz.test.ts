import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_RSS_KEY, flowGroupOf, MICROSOFT_RSS_KEY, Toeplitz } from "../src/rss/toeplitz.ts";
import { parseIpv4 } from "../src/wire/addr.ts";

// Microsoft, "Verifying the RSS Hash Calculation" (IPv4 table), also quoted in
// Intel's 82599 datasheet 7.1.2.8.3 and DPDK's test_thash.c. The table lists
// destination before source; the hash input order is source address,
// destination address, source port, destination port.
const VECTORS: [string, number, string, number, number, number][] = [
  // src, srcPort, dst, dstPort, IPv4 only, IPv4 with TCP
  ["66.9.149.187", 2794, "161.142.100.80", 1766, 0x323e8fc2, 0x51ccc178],
  ["199.92.111.2", 14230, "65.69.140.83", 4739, 0xd718262a, 0xc626b0ea],
  ["24.19.198.95", 12898, "12.22.207.184", 38024, 0xd2d0a5de, 0x5c2b394a],
  ["38.27.205.30", 48228, "209.142.163.6", 2217, 0x82989176, 0xafc7327f],
  ["153.39.163.191", 44251, "202.188.127.2", 1303, 0x5d1809c5, 0x10e828a2],
];

test("Microsoft's RSS verification vectors, 2-tuple and 4-tuple", () => {
  const t = new Toeplitz(MICROSOFT_RSS_KEY);
  for (const [src, sp, dst, dp, h2, h4] of VECTORS) {
    assert.equal(t.hashIpv4(parseIpv4(src), parseIpv4(dst)), h2, `${src} -> ${dst}`);
    assert.equal(t.hashIpv4Ports(parseIpv4(src), parseIpv4(dst), sp, dp), h4, `${src}:${sp} -> ${dst}:${dp}`);
  }
});

test("hash over bytes equals the tuple helpers (wire order input)", () => {
  const t = new Toeplitz(MICROSOFT_RSS_KEY);
  const input = new Uint8Array(14);
  for (const [src, sp, dst, dp, h2, h4] of VECTORS) {
    const dv = new DataView(input.buffer);
    dv.setUint32(2, parseIpv4(src));
    dv.setUint32(6, parseIpv4(dst));
    dv.setUint16(10, sp);
    dv.setUint16(12, dp);
    assert.equal(t.hash(input, 2, 8), h2);
    assert.equal(t.hash(input, 2, 12), h4);
    assert.equal(t.hash(input.subarray(2)), h4);
  }
});

test("table lookup agrees with the bit-serial definition", () => {
  // The textbook algorithm: for each set input bit, XOR in the 32-bit key window at that bit.
  const key = DEFAULT_RSS_KEY;
  const reference = (input: Uint8Array): number => {
    let result = 0;
    for (let bit = 0; bit < input.length * 8; bit++) {
      if (!(input[bit >> 3] & (0x80 >> (bit & 7)))) continue;
      let w = 0;
      for (let k = 0; k < 32; k++) {
        const kb = bit + k;
        w = (w << 1) | ((key[kb >> 3] >> (7 - (kb & 7))) & 1);
      }
      result ^= w;
    }
    return result >>> 0;
  };
  const t = new Toeplitz(key);
  let seed = 12345;
  for (let n = 0; n < 200; n++) {
    const input = new Uint8Array(1 + (n % 36));
    for (let i = 0; i < input.length; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      input[i] = seed >>> 24;
    }
    assert.equal(t.hash(input), reference(input), `input ${Buffer.from(input).toString("hex")}`);
  }
});

test("a different key gives different hashes; input longer than the key is refused", () => {
  const key = MICROSOFT_RSS_KEY.slice();
  key[5] ^= 0xff; // inside the windows of the set input bits (input byte 3 = 1 uses key bits 31..62)
  const a = new Toeplitz(MICROSOFT_RSS_KEY).hashIpv4Ports(1, 2, 3, 4);
  const b = new Toeplitz(key).hashIpv4Ports(1, 2, 3, 4);
  assert.notEqual(a, b);
  const t = new Toeplitz(MICROSOFT_RSS_KEY);
  assert.equal(t.maxInputLength, 36);
  assert.throws(() => t.hash(new Uint8Array(37)), RangeError);
  assert.throws(() => new Toeplitz(new Uint8Array(15)), RangeError);
  assert.equal(new Toeplitz(new Uint8Array(16)).maxInputLength, 12);
});

test("flow groups are the low bits of the hash", () => {
  assert.equal(flowGroupOf(0x51ccc178, 128), 0x78);
  assert.equal(flowGroupOf(0x51ccc178, 8), 0);
  assert.equal(flowGroupOf(0xffffffff, 512), 511);
  // Connections spread over all groups.
  const t = new Toeplitz(DEFAULT_RSS_KEY);
  const seen = new Set<number>();
  for (let port = 1024; port < 1024 + 4096; port++) {
    seen.add(flowGroupOf(t.hashIpv4Ports(0x0a4d0001, 0x0a4d0002, port, 11211), 128));
  }
  assert.equal(seen.size, 128);
});
