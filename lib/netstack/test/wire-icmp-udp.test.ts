import assert from "node:assert/strict";
import { test } from "node:test";
import { WireError } from "../src/wire/errors.ts";
import { emitEthernet, EtherType } from "../src/wire/ethernet.ts";
import { emitIcmpEcho, IcmpType, IcmpView } from "../src/wire/icmp.ts";
import { emitIpv4Header, IpProtocol, Ipv4View } from "../src/wire/ipv4.ts";
import { emitUdp, UdpView, UDP_HEADER_LEN } from "../src/wire/udp.ts";
import {
  CLIENT_IP,
  CLIENT_MAC,
  codesForEveryPrefix,
  ICMP_ECHO_REPLY,
  ICMP_ECHO_REQUEST,
  IPV4_OPTIONS_ICMP,
  STACK_IP,
  STACK_MAC,
  toHex,
  UDP_MEMCACHED,
} from "./wire-fixtures.ts";

const l4 = (frame: Uint8Array): Uint8Array => (Ipv4View.parse(frame.subarray(14)) as Ipv4View).payload();

test("ICMP echo request fields", () => {
  const v = IcmpView.parse(l4(ICMP_ECHO_REQUEST));
  assert.ok(v);
  assert.equal(v.type(), IcmpType.EchoRequest);
  assert.equal(v.code(), 0);
  assert.equal(v.ident(), 1234);
  assert.equal(v.seqNo(), 1);
  assert.equal(v.data().length, 48);
  assert.equal(v.data()[8], 0x10);
});

test("the echo reply the stack would build equals the capture byte for byte", () => {
  const req = IcmpView.parse(l4(ICMP_ECHO_REQUEST)) as IcmpView;
  const out = new Uint8Array(ICMP_ECHO_REPLY.length);
  let n = emitEthernet(out, 0, CLIENT_MAC, STACK_MAC, EtherType.IPv4);
  const icmpLen = 8 + req.data().length;
  n += emitIpv4Header(out, n, {
    srcIp: STACK_IP,
    dstIp: CLIENT_IP,
    protocol: IpProtocol.ICMP,
    payloadLength: icmpLen,
  });
  n += emitIcmpEcho(out, n, IcmpType.EchoReply, req.ident(), req.seqNo(), req.data());
  assert.equal(n, ICMP_ECHO_REPLY.length);
  assert.equal(toHex(out), toHex(ICMP_ECHO_REPLY));
});

test("ICMP behind IPv4 options parses", () => {
  const v = IcmpView.parse(l4(IPV4_OPTIONS_ICMP));
  assert.ok(v);
  assert.equal(v.ident(), 7);
  assert.equal(v.seqNo(), 9);
  assert.equal(toHex(v.data()), "7261");
});

test("ICMP bad checksum and truncation", () => {
  const v = new IcmpView();
  const msg = l4(ICMP_ECHO_REQUEST).slice();
  const codes = codesForEveryPrefix(msg, (b) => v.reset(b));
  assert.ok(codes.slice(0, 8).every((c) => c === WireError.Truncated));
  assert.ok(codes.slice(8).every((c) => c === WireError.BadChecksum));
  msg[20] ^= 0x40;
  assert.equal(v.reset(msg), WireError.BadChecksum);
});

test("other ICMP types parse for type() and code()", () => {
  // Destination unreachable, port unreachable, with a zeroed "unused" word.
  const msg = new Uint8Array(8);
  msg[0] = 3;
  msg[1] = 3;
  msg[2] = 0xfc; // checksum of 0303 0000 0000 0000 is ~0x0303 = 0xfcfc
  msg[3] = 0xfc;
  const v = IcmpView.parse(msg);
  assert.ok(v);
  assert.equal(v.type(), 3);
  assert.equal(v.code(), 3);
});

test("UDP datagram fields", () => {
  const v = UdpView.parse(l4(UDP_MEMCACHED), CLIENT_IP, STACK_IP);
  assert.ok(v);
  assert.equal(v.srcPort(), 40000);
  assert.equal(v.dstPort(), 11211);
  assert.equal(v.length(), 23);
  assert.equal(v.checksum(), 0xd282);
  assert.equal(Buffer.from(v.payload().subarray(8)).toString(), "get k\r\n");
});

test("UDP emit equals the capture byte for byte", () => {
  const payload = l4(UDP_MEMCACHED).subarray(UDP_HEADER_LEN);
  const out = new Uint8Array(UDP_MEMCACHED.length);
  let n = emitEthernet(out, 0, STACK_MAC, CLIENT_MAC, EtherType.IPv4);
  n += emitIpv4Header(out, n, {
    srcIp: CLIENT_IP,
    dstIp: STACK_IP,
    protocol: IpProtocol.UDP,
    payloadLength: UDP_HEADER_LEN + payload.length,
    id: 0x7a01,
  });
  n += emitUdp(out, n, CLIENT_IP, STACK_IP, { srcPort: 40000, dstPort: 11211, payload });
  assert.equal(n, UDP_MEMCACHED.length);
  assert.equal(toHex(out), toHex(UDP_MEMCACHED));
});

test("UDP checksum covers the pseudo header; zero means unchecked", () => {
  const v = new UdpView();
  const d = l4(UDP_MEMCACHED).slice();
  assert.equal(v.reset(d, CLIENT_IP, STACK_IP), WireError.Ok);
  assert.equal(v.reset(d, CLIENT_IP, STACK_IP + 1), WireError.BadChecksum); // wrong destination
  d[d.length - 1] ^= 1;
  assert.equal(v.reset(d, CLIENT_IP, STACK_IP), WireError.BadChecksum);
  d[6] = 0;
  d[7] = 0;
  assert.equal(v.reset(d, CLIENT_IP, STACK_IP), WireError.Ok);
});

test("UDP computed checksum 0 is sent as 0xffff", () => {
  // Without payload the sum is protocol 17 + length 10 (pseudo header) + length 10 (header) = 0x25;
  // the payload word 0xffda brings it to 0xffff, whose complement is 0.
  const out = new Uint8Array(10);
  const payload = new Uint8Array([0xff, 0xda]);
  emitUdp(out, 0, 0, 0, { srcPort: 0, dstPort: 0, payload });
  assert.equal(toHex(out.subarray(6, 8)), "ffff");
  assert.equal(UdpView.parse(out, 0, 0)?.payload().length, 2);
});

test("UDP length errors and truncation", () => {
  const v = new UdpView();
  const d = l4(UDP_MEMCACHED);
  const codes = codesForEveryPrefix(d, (b) => v.reset(b, CLIENT_IP, STACK_IP));
  assert.ok(codes.every((c) => c === WireError.Truncated));
  const short = d.slice();
  short[5] = 7; // length 7 < header
  assert.equal(v.reset(short, CLIENT_IP, STACK_IP), WireError.BadTotalLength);
});

test("UDP round trip with an empty and a large payload", () => {
  for (const size of [0, 1, 1472]) {
    const payload = new Uint8Array(size).map((_, i) => i * 7);
    const out = new Uint8Array(8 + size);
    assert.equal(emitUdp(out, 0, 0xc0a80001, 0xc0a80002, { srcPort: 53, dstPort: 5353, payload }), 8 + size);
    const v = UdpView.parse(out, 0xc0a80001, 0xc0a80002);
    assert.ok(v, `size ${size}`);
    assert.deepEqual(v.payload(), payload);
  }
});
