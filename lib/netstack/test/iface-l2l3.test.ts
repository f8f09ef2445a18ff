// Interface layer below TCP: ARP (answer, learn, hold frames while resolving,
// retries, bounded queue), IPv4 checks (fragments, foreign address, bad
// checksum), ICMP echo, UDP listen/send/receive. Byte-level checks.

import assert from "node:assert/strict";
import { test } from "node:test";
import { ArpOp, ArpView, emitArp } from "../src/wire/arp.ts";
import { EtherType, EthernetView, emitEthernet } from "../src/wire/ethernet.ts";
import { IcmpType, IcmpView, emitIcmpEcho } from "../src/wire/icmp.ts";
import { IpProtocol, Ipv4View, emitIpv4Header } from "../src/wire/ipv4.ts";
import { UdpView, emitUdp } from "../src/wire/udp.ts";
import { PEER_IP, PEER_MAC, STACK_IP, STACK_MAC, TestPeer } from "./tcp-peer.ts";

const BCAST = new Uint8Array(6).fill(0xff);

function arpFrame(op: number, senderIp: number, targetIp: number, dst = BCAST): Uint8Array {
  const f = new Uint8Array(60);
  emitEthernet(f, 0, dst, PEER_MAC, EtherType.ARP);
  emitArp(f, 14, { op, senderMac: PEER_MAC, senderIp, targetMac: new Uint8Array(6), targetIp });
  return f;
}

function ipFrame(
  protocol: number,
  l4: (buf: Uint8Array, off: number) => number,
  dstIp = STACK_IP,
): Uint8Array {
  const f = new Uint8Array(1600);
  const n = l4(f, 34);
  emitIpv4Header(f, 14, { srcIp: PEER_IP, dstIp, protocol, payloadLength: n });
  emitEthernet(f, 0, STACK_MAC, PEER_MAC, EtherType.IPv4);
  return f.subarray(0, 34 + n);
}

test("ARP request for our IP is answered and teaches us the sender", () => {
  const p = new TestPeer({}, false);
  p.stack.input(arpFrame(ArpOp.Request, PEER_IP, STACK_IP));
  assert.equal(p.out.length, 1);
  const f = p.out[0];
  assert.equal(f.length, 60, "padded to the Ethernet minimum");
  const eth = EthernetView.parse(f)!;
  assert.deepEqual([...eth.dst()], [...PEER_MAC]);
  assert.equal(eth.etherType(), EtherType.ARP);
  const arp = ArpView.parse(eth.payload())!;
  assert.equal(arp.op(), ArpOp.Reply);
  assert.equal(arp.senderIp(), STACK_IP);
  assert.deepEqual([...arp.senderMac()], [...STACK_MAC]);
  assert.equal(arp.targetIp(), PEER_IP);
  assert.ok(p.stack.arp.lookup(PEER_IP, 0));
  p.stack.input(arpFrame(ArpOp.Request, 0x0a000009, 0x0a000063));
  assert.equal(p.stack.arp.lookup(0x0a000009, 0), null, "requests for others teach nothing new");
  assert.equal(p.stack.counters.dropArpNotForUs, 1);
});

test("with answerRequests off (the NIC offloads ARP) a request teaches the sender but gets no reply", () => {
  const p = new TestPeer({ arp: { answerRequests: false } }, false);
  p.stack.input(arpFrame(ArpOp.Request, PEER_IP, STACK_IP));
  assert.equal(p.out.length, 0, "no reply");
  assert.ok(p.stack.arp.lookup(PEER_IP, 0), "the sender is learned");
});

test("frames wait for ARP resolution, then go out; retries and expiry", () => {
  const p = new TestPeer({ arp: { retryUs: 1_000_000, maxTries: 2, ttlUs: 5_000_000 } }, false);
  p.stack.udpSend(1000, PEER_IP, 2000, new Uint8Array([1, 2, 3]), 7);
  p.stack.udpSend(1000, PEER_IP, 2000, new Uint8Array([4]), 8);
  assert.equal(p.out.length, 1, "one ARP request, the datagrams are held");
  assert.equal(ArpView.parse(p.out[0].subarray(14))!.targetIp(), PEER_IP);
  assert.deepEqual(p.stack.events, [
    { type: "udpSent", cookie: 7 },
    { type: "udpSent", cookie: 8 },
  ]);
  p.out.length = 0;
  p.stack.input(arpFrame(ArpOp.Reply, PEER_IP, STACK_IP, STACK_MAC));
  assert.equal(p.out.length, 2, "held frames flushed on the reply");
  const udp = new UdpView();
  const ip = Ipv4View.parse(p.out[0].subarray(14))!;
  assert.equal(udp.reset(ip.payload(), ip.srcIp(), ip.dstIp()), 0);
  assert.deepEqual([...udp.payload()], [1, 2, 3]);
  assert.deepEqual([...EthernetView.parse(p.out[0])!.dst()], [...PEER_MAC]);
  // Entry expires; unanswered requests are retried then the held frames dropped.
  p.out.length = 0;
  p.now = 6_000_000;
  p.stack.udpSend(1000, PEER_IP, 2000, new Uint8Array([9]), 9);
  assert.equal(p.out.length, 1, "expired: a new request");
  p.runUntil(1_000_000 + p.now);
  assert.equal(p.out.length, 2, "retried once");
  p.runUntil(2_000_000 + p.now);
  assert.equal(p.stack.counters.dropArpUnresolved, 1);
  assert.equal(p.stack.pool.inUse, 0, "held buffers returned to the pool");
});

test("the ARP hold queue is bounded: overflow is a counted drop", () => {
  const p = new TestPeer({ arp: { maxQueuedPerIp: 3 } }, false);
  for (let i = 0; i < 5; i++) p.stack.udpSend(1000, PEER_IP, 2000, new Uint8Array([i]), i);
  assert.equal(p.stack.counters.dropArpQueueFull, 2);
  assert.equal(p.stack.pool.inUse, 3);
});

test("ICMP echo request gets a byte-exact echo reply", () => {
  const p = new TestPeer();
  const data = new Uint8Array([0xde, 0xad, 0xbe, 0xef, 1, 2, 3]);
  p.stack.input(
    ipFrame(IpProtocol.ICMP, (b, o) => emitIcmpEcho(b, o, IcmpType.EchoRequest, 0x1234, 7, data)),
  );
  assert.equal(p.out.length, 1);
  const ip = Ipv4View.parse(p.out[0].subarray(14))!;
  assert.equal(ip.srcIp(), STACK_IP);
  assert.equal(ip.dstIp(), PEER_IP);
  const icmp = IcmpView.parse(ip.payload())!;
  assert.equal(icmp.type(), IcmpType.EchoReply);
  assert.equal(icmp.ident(), 0x1234);
  assert.equal(icmp.seqNo(), 7);
  assert.deepEqual([...icmp.data()], [...data]);
  assert.equal(p.stack.counters.icmpEchoReplies, 1);
});

test("UDP: delivered to a listening port as a view, dropped and counted otherwise", () => {
  const p = new TestPeer();
  p.stack.udpListen(53);
  const payload = new Uint8Array([5, 6, 7]);
  p.stack.input(
    ipFrame(IpProtocol.UDP, (b, o) =>
      emitUdp(b, o, PEER_IP, STACK_IP, { srcPort: 3333, dstPort: 53, payload }),
    ),
  );
  assert.deepEqual(p.stack.events, [
    { type: "udpRecv", srcIp: PEER_IP, srcPort: 3333, dstPort: 53, data: payload },
  ]);
  p.stack.input(
    ipFrame(IpProtocol.UDP, (b, o) =>
      emitUdp(b, o, PEER_IP, STACK_IP, { srcPort: 3333, dstPort: 54, payload }),
    ),
  );
  assert.equal(p.stack.counters.dropUdpNoListener, 1);
});

test("IPv4: fragments, foreign destination, bad checksum, unknown protocol are counted drops", () => {
  const p = new TestPeer();
  const udp = (b: Uint8Array, o: number) =>
    emitUdp(b, o, PEER_IP, STACK_IP, { srcPort: 1, dstPort: 53, payload: new Uint8Array(4) });
  p.stack.udpListen(53);
  const frag = ipFrame(IpProtocol.UDP, udp).slice();
  frag[14 + 6] = 0x20; // MF
  frag[14 + 10] = frag[14 + 11] = 0;
  emitIpv4Header(frag, 14, { srcIp: PEER_IP, dstIp: STACK_IP, protocol: IpProtocol.UDP, payloadLength: 12 });
  frag[14 + 6] |= 0x20; // set MF again after the emitter (DF) and fix the checksum by hand
  let sum = 0;
  frag[24] = frag[25] = 0;
  for (let i = 14; i < 34; i += 2) sum += (frag[i] << 8) | frag[i + 1];
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  frag[24] = (~sum >> 8) & 0xff;
  frag[25] = ~sum & 0xff;
  p.stack.input(frag);
  assert.equal(p.stack.counters.dropIpFragMalformed, 1, "MF set on 12 bytes: not a multiple of 8");
  p.stack.input(ipFrame(IpProtocol.UDP, udp, 0x0a0000fe));
  assert.equal(p.stack.counters.dropIpNotForUs, 1);
  const bad = ipFrame(IpProtocol.UDP, udp).slice();
  bad[14 + 8] ^= 1; // TTL changed, checksum now wrong
  p.stack.input(bad);
  assert.equal(p.stack.counters.dropIpChecksum, 1);
  p.stack.input(ipFrame(99, () => 4));
  assert.equal(p.stack.counters.dropIpUnknownProtocol, 1);
  assert.equal(p.stack.events.length, 0);
});

test("frames for another MAC or of unknown EtherType are dropped", () => {
  const p = new TestPeer();
  const f = arpFrame(ArpOp.Request, PEER_IP, STACK_IP, new Uint8Array([2, 9, 9, 9, 9, 9]));
  p.stack.input(f);
  assert.equal(p.stack.counters.dropEthNotForUs, 1);
  const g = arpFrame(ArpOp.Request, PEER_IP, STACK_IP, STACK_MAC);
  g[12] = 0x86;
  g[13] = 0xdd;
  p.stack.input(g);
  assert.equal(p.stack.counters.dropEthUnknownType, 1);
  p.stack.input(new Uint8Array(5));
  assert.equal(p.stack.counters.dropEthMalformed, 1);
});
