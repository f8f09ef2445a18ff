import assert from "node:assert/strict";
import { test } from "node:test";
import { WireError } from "../src/wire/errors.ts";
import { emitIpv4Header, IpProtocol, Ipv4View, IPV4_MIN_HEADER_LEN } from "../src/wire/ipv4.ts";
import {
  CLIENT_IP,
  codesForEveryPrefix,
  ICMP_ECHO_REPLY,
  ICMP_ECHO_REQUEST,
  IPV4_FRAGMENT_FIRST,
  IPV4_FRAGMENT_LAST,
  IPV4_OPTIONS_ICMP,
  STACK_IP,
  TCP_ACK_PADDED,
  TCP_SYN,
  toHex,
  UDP_MEMCACHED,
} from "./wire-fixtures.ts";

const ip = (frame: Uint8Array): Uint8Array => frame.subarray(14);

test("fields of a captured IPv4 header", () => {
  const v = Ipv4View.parse(ip(ICMP_ECHO_REQUEST));
  assert.ok(v);
  assert.equal(v.version(), 4);
  assert.equal(v.headerLength(), 20);
  assert.equal(v.tos(), 0);
  assert.equal(v.totalLength(), 76);
  assert.equal(v.id(), 0x1c46);
  assert.ok(v.dontFragment());
  assert.ok(!v.moreFragments());
  assert.equal(v.fragmentOffset(), 0);
  assert.ok(!v.isFragment());
  assert.equal(v.ttl(), 64);
  assert.equal(v.protocol(), IpProtocol.ICMP);
  assert.equal(v.checksum(), 0x09cf);
  assert.equal(v.srcIp(), CLIENT_IP);
  assert.equal(v.dstIp(), STACK_IP);
  assert.equal(v.options().length, 0);
  assert.equal(v.payload().length, 56);
  assert.equal(v.payload()[0], 8); // the ICMP type
});

test("emitted headers equal the captured ones byte for byte", () => {
  const cases: [Uint8Array, number, number, number, number, number][] = [
    [ICMP_ECHO_REQUEST, CLIENT_IP, STACK_IP, IpProtocol.ICMP, 56, 0x1c46],
    [ICMP_ECHO_REPLY, STACK_IP, CLIENT_IP, IpProtocol.ICMP, 56, 0],
    [UDP_MEMCACHED, CLIENT_IP, STACK_IP, IpProtocol.UDP, 23, 0x7a01],
    [TCP_SYN, CLIENT_IP, STACK_IP, IpProtocol.TCP, 40, 0x3c1a],
  ];
  for (const [frame, srcIp, dstIp, protocol, payloadLength, id] of cases) {
    const out = new Uint8Array(24).fill(0xee);
    const n = emitIpv4Header(out, 2, { srcIp, dstIp, protocol, payloadLength, id });
    assert.equal(n, IPV4_MIN_HEADER_LEN);
    assert.equal(toHex(out.subarray(2, 22)), toHex(frame.subarray(14, 34)));
    assert.equal(out[0], 0xee); // nothing written outside [off, off+20)
    assert.equal(out[22], 0xee);
  }
});

test("emit defaults and explicit ttl round-trip through the view", () => {
  const out = new Uint8Array(20 + 8);
  emitIpv4Header(out, 0, { srcIp: 0xffffffff, dstIp: 0x01020304, protocol: 17, payloadLength: 8, ttl: 3 });
  const v = Ipv4View.parse(out);
  assert.ok(v);
  assert.equal(v.srcIp(), 0xffffffff);
  assert.equal(v.dstIp(), 0x01020304);
  assert.equal(v.ttl(), 3);
  assert.equal(v.id(), 0);
  assert.equal(v.totalLength(), 28);
  assert.ok(v.dontFragment());
});

test("Ethernet padding beyond totalLength is cut from the payload", () => {
  const v = Ipv4View.parse(ip(TCP_ACK_PADDED));
  assert.ok(v);
  assert.equal(ip(TCP_ACK_PADDED).length, 46);
  assert.equal(v.totalLength(), 40);
  assert.equal(v.payload().length, 20);
});

test("header options (ihl 6) are skipped", () => {
  const v = Ipv4View.parse(ip(IPV4_OPTIONS_ICMP));
  assert.ok(v);
  assert.equal(v.headerLength(), 24);
  assert.equal(toHex(v.options()), "94040000"); // Router Alert
  assert.ok(!v.dontFragment());
  assert.equal(v.ttl(), 1);
  assert.equal(toHex(v.payload()), "0800858e000700097261");
});

test("fragments are recognised (first and last piece)", () => {
  const first = Ipv4View.parse(IPV4_FRAGMENT_FIRST);
  const last = Ipv4View.parse(IPV4_FRAGMENT_LAST);
  assert.ok(first && last);
  assert.ok(first.isFragment() && first.moreFragments());
  assert.equal(first.fragmentOffset(), 0);
  assert.ok(last.isFragment() && !last.moreFragments());
  assert.equal(last.fragmentOffset(), 64);
  assert.equal(first.id(), last.id());
  assert.equal(first.payload().length + last.payload().length, 8 + 100);
});

test("a flipped bit anywhere in the header is a bad checksum", () => {
  const v = new Ipv4View();
  const hdr = ip(IPV4_OPTIONS_ICMP);
  for (let bit = 0; bit < 24 * 8; bit++) {
    const b = hdr.slice();
    b[bit >> 3] ^= 0x80 >> (bit & 7);
    const code = v.reset(b);
    assert.notEqual(code, WireError.Ok, `bit ${bit}`);
    // Flips in version/ihl/length fields are caught by their own checks first.
    if (bit >= 32) assert.equal(code, WireError.BadChecksum, `bit ${bit}`);
  }
  // The payload is not covered by the header checksum.
  const b = hdr.slice();
  b[30] ^= 1;
  assert.equal(v.reset(b), WireError.Ok);
});

test("structural errors", () => {
  const v = new Ipv4View();
  const good = ip(UDP_MEMCACHED);
  const with0 = (at: number, value: number): Uint8Array => {
    const b = good.slice();
    b[at] = value;
    return b;
  };
  assert.equal(v.reset(with0(0, 0x65)), WireError.BadVersion); // IPv6 nibble
  assert.equal(v.reset(with0(0, 0x44)), WireError.BadHeaderLength); // ihl 4
  assert.equal(v.reset(with0(0, 0x4f)), WireError.Truncated); // ihl 15 = 60 bytes > 43
  assert.equal(v.reset(with0(3, 19)), WireError.BadTotalLength); // total 19 < 20
  assert.equal(v.reset(with0(3, 44)), WireError.Truncated); // total 44 > 43 bytes present
});

test("truncated at every length: a nonzero code, never a throw", () => {
  const v = new Ipv4View();
  for (const frame of [ICMP_ECHO_REQUEST, UDP_MEMCACHED, TCP_SYN, IPV4_OPTIONS_ICMP]) {
    const codes = codesForEveryPrefix(ip(frame), (b) => v.reset(b));
    assert.ok(
      codes.every((c) => c === WireError.Truncated),
      `${toHex(frame.subarray(14, 18))}: ${codes}`,
    );
  }
});
