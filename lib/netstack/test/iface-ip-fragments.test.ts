// IPv4 fragments through the Stack, byte for byte against scapy's frames
// (ip-fragment-fixtures.ts, built by fixtures/ip-fragments.py): reassembly in
// any order, the reply fragmented on the way out, overlap and duplicate
// handling, the budget and the timeout (ICMP time exceeded, code 1), and TCP
// segments that arrive fragmented.

import assert from "node:assert/strict";
import { test } from "node:test";
import { FRAGMENT_OVERHEAD } from "../src/iface/ip-reassembly.ts";
import type { StackOptions } from "../src/iface/options.ts";
import { Stack } from "../src/iface/stack.ts";
import { flowGroupOf, Toeplitz, DEFAULT_RSS_KEY } from "../src/rss/toeplitz.ts";
import { emitEthernet, EtherType } from "../src/wire/ethernet.ts";
import { emitIpv4Header, IpProtocol, Ipv4View } from "../src/wire/ipv4.ts";
import { TcpFlag, TcpView } from "../src/wire/tcp.ts";
import {
  ECHO_3000_FRAGMENTS,
  ECHO_3000_REPLY_FRAGMENTS,
  FIRST_FRAGMENT_4444,
  LAST_FRAGMENT_4444,
  MIDDLE_FRAGMENT_4444,
  OVERLAPPING_FRAGMENT,
  TCP_SYN_FRAGMENTS,
  TIME_EXCEEDED_REASSEMBLY,
  UDP_2508_FRAGMENTS,
  UDP_8000_FRAGMENTS,
  UDP_8000_REPLY_FRAGMENTS,
} from "./ip-fragment-fixtures.ts";
import { ARP_REQUEST_PADDED, CLIENT_IP, CLIENT_MAC, STACK_IP, STACK_MAC, toHex } from "./wire-fixtures.ts";

const SECOND = 1_000_000;

class Host {
  now = 0;
  readonly out: Uint8Array[] = [];
  readonly stack: Stack;
  constructor(opts: Partial<StackOptions> = {}) {
    this.stack = new Stack({
      mac: STACK_MAC,
      ip: STACK_IP,
      clock: () => this.now,
      transmit: (f) => this.out.push(f.slice()),
      ...opts,
    });
    this.stack.input(ARP_REQUEST_PADDED.slice()); // learns the client's MAC
    this.out.length = 0;
  }
  /** Inputs a copy (the stack owns what it is given). */
  send(...frames: Uint8Array[]): void {
    for (const f of frames) this.stack.input(f.slice());
  }
  take(): Uint8Array[] {
    return this.out.splice(0);
  }
  /** Advances the clock and runs the stack's timers. */
  advance(us: number): void {
    this.now += us;
    this.stack.poll();
  }
}

const hexes = (frames: Uint8Array[]): string[] => frames.map(toHex);

test("an echo request in 4 fragments, in every order tried, is answered in 3 fragments equal to scapy's", () => {
  const orders = [
    [0, 1, 2, 3],
    [3, 2, 1, 0],
    [2, 0, 3, 1],
    [1, 3, 0, 2],
  ];
  for (const order of orders) {
    const h = new Host();
    for (const i of order.slice(0, 3)) {
      h.send(ECHO_3000_FRAGMENTS[i]);
      assert.equal(h.out.length, 0, `no reply before the last piece (order ${order})`);
    }
    h.send(ECHO_3000_FRAGMENTS[order[3]]);
    assert.deepEqual(hexes(h.take()), hexes(ECHO_3000_REPLY_FRAGMENTS), `order ${order}`);
    const c = h.stack.counters;
    assert.equal(c.ipFragmentsIn, 4);
    assert.equal(c.ipReassembled, 1);
    assert.equal(c.icmpEchoReplies, 1);
    assert.equal(c.ipFragmentedOut, 1);
    assert.equal(c.ipFragmentsOut, 3);
    assert.equal(h.stack.reassembly.size, 0);
    assert.equal(h.stack.reassembly.bytesHeld, 0, "nothing left charged to the budget");
  }
});

test("an 8000-byte UDP datagram is delivered whole, and 8000 bytes sent back leave as scapy's 6 fragments", () => {
  const h = new Host();
  h.stack.udpListen(7);
  h.send(...UDP_8000_FRAGMENTS);
  assert.equal(h.stack.events.length, 1);
  const ev = h.stack.events[0];
  assert.equal(ev.type, "udpRecv");
  if (ev.type !== "udpRecv") return;
  assert.equal(ev.srcIp, CLIENT_IP);
  assert.equal(ev.srcPort, 40000);
  assert.equal(ev.dstPort, 7);
  const want = Uint8Array.from({ length: 8000 }, (_, i) => (i * 7 + 3) & 0xff);
  assert.deepEqual(ev.data, want);
  assert.equal(h.stack.udpSend(7, CLIENT_IP, 40000, ev.data, 1), 8000);
  const out = h.take();
  assert.equal(out.length, 6);
  assert.deepEqual(hexes(out), hexes(UDP_8000_REPLY_FRAGMENTS));
  for (const f of out) assert.ok(f.length <= 14 + 1500, "every fragment fits the MTU");
});

test("overlapping fragments discard the whole datagram, including pieces that come later", () => {
  const h = new Host({ ipReassembly: { timeoutUs: 30 * SECOND } });
  h.stack.udpListen(7);
  h.send(FIRST_FRAGMENT_4444, OVERLAPPING_FRAGMENT);
  const c = h.stack.counters;
  assert.equal(c.dropIpFragOverlap, 2, "the held first piece and the overlapping one");
  assert.equal(h.stack.reassembly.bytesHeld, 0, "their bytes are released at once");
  h.send(MIDDLE_FRAGMENT_4444, LAST_FRAGMENT_4444);
  assert.equal(c.dropIpFragOverlap, 4, "pieces of a discarded datagram are dropped until its timeout");
  assert.equal(h.stack.events.length, 0);
  h.advance(30 * SECOND);
  assert.equal(h.out.length, 0, "no time exceeded for a discarded datagram");
  assert.equal(h.stack.reassembly.size, 0);
  assert.equal(c.dropIpFragTimeout, 0);
  // The same identification is usable again once the discarded record timed out.
  h.send(LAST_FRAGMENT_4444, FIRST_FRAGMENT_4444, MIDDLE_FRAGMENT_4444);
  assert.equal(h.stack.events.length, 1);
  const ev = h.stack.events[0];
  assert.ok(ev.type === "udpRecv" && ev.data.length === 2500 && ev.srcPort === 45003);
});

test("an exact duplicate fragment is dropped alone; the datagram still completes", () => {
  const h = new Host();
  h.stack.udpListen(7);
  h.send(FIRST_FRAGMENT_4444, FIRST_FRAGMENT_4444, MIDDLE_FRAGMENT_4444, LAST_FRAGMENT_4444);
  const c = h.stack.counters;
  assert.equal(c.dropIpFragDuplicate, 1);
  assert.equal(c.dropIpFragOverlap, 0);
  assert.equal(c.ipReassembled, 1);
  assert.equal(h.stack.events.length, 1);
});

test("a datagram whose first fragment came but not the rest times out with ICMP time exceeded (code 1), scapy's bytes", () => {
  const h = new Host({ ipReassembly: { timeoutUs: 30 * SECOND } });
  h.stack.udpListen(7);
  h.now = 5 * SECOND;
  h.send(UDP_2508_FRAGMENTS[0], UDP_2508_FRAGMENTS[2]);
  assert.equal(h.stack.nextDeadline(), 35 * SECOND, "the stack wakes for the timeout");
  h.advance(30 * SECOND - 1);
  assert.equal(h.out.length, 0, "not before the timeout");
  h.advance(1);
  assert.deepEqual(hexes(h.take()), [toHex(TIME_EXCEEDED_REASSEMBLY)]);
  const c = h.stack.counters;
  assert.equal(c.dropIpFragTimeout, 2, "each held fragment counts once");
  assert.equal(c.icmpTimeExceededSent, 1);
  assert.equal(h.stack.reassembly.size, 0);
  assert.equal(h.stack.reassembly.bytesHeld, 0);
  assert.equal(h.stack.nextDeadline(), Infinity);
});

test("without its first fragment a timed-out datagram is dropped silently (RFC 1122 3.3.2)", () => {
  const h = new Host({ ipReassembly: { timeoutUs: 30 * SECOND } });
  h.send(UDP_2508_FRAGMENTS[1], UDP_2508_FRAGMENTS[2]);
  h.advance(30 * SECOND);
  assert.equal(h.out.length, 0);
  assert.equal(h.stack.counters.dropIpFragTimeout, 2);
  assert.equal(h.stack.counters.icmpTimeExceededSent, 0);
});

test("the budget bounds datagrams and bytes per stack; what does not fit is a counted drop", () => {
  const h = new Host({ ipReassembly: { maxDatagrams: 1, maxBytes: 1000 + FRAGMENT_OVERHEAD } });
  h.stack.udpListen(7);
  h.send(UDP_2508_FRAGMENTS[0]); // 1000 bytes: exactly the budget
  assert.equal(h.stack.reassembly.bytesHeld, 1000 + FRAGMENT_OVERHEAD);
  h.send(UDP_2508_FRAGMENTS[1]);
  h.send(FIRST_FRAGMENT_4444); // a second datagram: over maxDatagrams
  const c = h.stack.counters;
  assert.equal(c.dropIpFragBudget, 2);
  assert.equal(h.stack.reassembly.size, 1);
  // Once the held datagram timed out, the budget is free again and a whole datagram fits.
  h.advance(30 * SECOND);
  const big = new Host({ ipReassembly: { maxDatagrams: 1, maxBytes: 3 * (1000 + FRAGMENT_OVERHEAD) } });
  big.stack.udpListen(7);
  big.send(...UDP_2508_FRAGMENTS);
  assert.equal(big.stack.counters.ipReassembled, 1);
  assert.equal(big.stack.counters.dropIpFragBudget, 0);
});

/** An IPv4 fragment to the stack with raw flags/offset and payload. */
function fragment(
  id: number,
  flagsOffset: number,
  payload: Uint8Array,
  protocol: number = IpProtocol.UDP,
): Uint8Array {
  const f = new Uint8Array(34 + payload.length);
  emitEthernet(f, 0, STACK_MAC, CLIENT_MAC, EtherType.IPv4);
  emitIpv4Header(f, 14, { srcIp: CLIENT_IP, dstIp: STACK_IP, protocol, payloadLength: payload.length, id });
  f[20] = flagsOffset >> 8;
  f[21] = flagsOffset & 0xff;
  f[24] = f[25] = 0;
  let sum = 0;
  for (let i = 14; i < 34; i += 2) sum += (f[i] << 8) | f[i + 1];
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  f[24] = (~sum >> 8) & 0xff;
  f[25] = ~sum & 0xff;
  f.set(payload, 34);
  return f;
}

test("malformed fragments (a middle piece not a multiple of 8, past 64 KiB, contradicting ends) are counted", () => {
  const h = new Host();
  const c = h.stack.counters;
  h.send(fragment(1, 0x2000, new Uint8Array(12))); // MF with 12 bytes
  h.send(fragment(2, 0x2000, new Uint8Array(0))); // MF with nothing
  h.send(fragment(3, 0x1fff, new Uint8Array(16))); // offset 65528 + 16 > 65535
  assert.equal(c.dropIpFragMalformed, 3);
  // Two "last" fragments with different ends: the datagram is discarded.
  h.send(fragment(4, 10, new Uint8Array(16)), fragment(4, 20, new Uint8Array(16)));
  assert.equal(c.dropIpFragOverlap, 2);
  // Data past a known end.
  h.send(fragment(5, 10, new Uint8Array(16)), fragment(5, 0x2000 | 20, new Uint8Array(16)));
  assert.equal(c.dropIpFragOverlap, 4);
  assert.equal(h.out.length, 0);
});

test("no ICMP time exceeded about an ICMP error message (RFC 1122 3.2.2)", () => {
  const h = new Host();
  // The first fragment of a destination unreachable (type 3) that never completes.
  const icmpError = new Uint8Array(16);
  icmpError[0] = 3;
  icmpError[1] = 1;
  h.send(fragment(9, 0x2000, icmpError, IpProtocol.ICMP));
  h.advance(30 * SECOND);
  assert.equal(h.out.length, 0);
  assert.equal(h.stack.counters.icmpErrorsNotAllowed, 1);
  assert.equal(h.stack.counters.dropIpFragTimeout, 1);
});

function tcpSegments(frames: Uint8Array[]): TcpView[] {
  const out: TcpView[] = [];
  for (const f of frames) {
    const ip = Ipv4View.parse(f.subarray(14));
    if (ip === null || ip.protocol() !== IpProtocol.TCP) continue;
    const t = TcpView.parse(ip.payload(), ip.srcIp(), ip.dstIp());
    if (t !== null) out.push(t);
  }
  return out;
}

test("a fragmented TCP segment is processed after reassembly on a stack that owns its flow group", () => {
  const h = new Host();
  h.stack.listen(80);
  h.send(TCP_SYN_FRAGMENTS[1], TCP_SYN_FRAGMENTS[0]);
  const [synAck] = tcpSegments(h.take());
  assert.ok(synAck !== undefined, "a SYN-ACK");
  assert.equal(synAck.flags(), TcpFlag.SYN | TcpFlag.ACK);
  assert.equal(synAck.ack(), 1001);
  assert.equal(synAck.dstPort(), 41000);
});

test("a fragmented TCP segment rebuilt where its flow group is not owned is dropped under its own reason", () => {
  const fg = flowGroupOf(new Toeplitz(DEFAULT_RSS_KEY).hashIpv4Ports(CLIENT_IP, STACK_IP, 41000, 80), 128);
  const others = Array.from({ length: 128 }, (_, i) => i).filter((i) => i !== fg);
  const h = new Host({ ownedFlowGroups: others });
  h.stack.listen(80);
  h.send(...TCP_SYN_FRAGMENTS);
  assert.equal(h.out.length, 0);
  assert.equal(h.stack.counters.ipReassembled, 1);
  assert.equal(h.stack.counters.dropTcpReassembledNotOwned, 1);
  assert.equal(h.stack.counters.dropTcpNotOwned, 0);
});

test("given the NIC's flow group (the 2-tuple's for fragments), a reassembled TCP segment is demuxed on its 4-tuple's", () => {
  const toeplitz = new Toeplitz(DEFAULT_RSS_KEY);
  const fg2 = flowGroupOf(toeplitz.hashIpv4(CLIENT_IP, STACK_IP), 128);
  const fg4 = flowGroupOf(toeplitz.hashIpv4Ports(CLIENT_IP, STACK_IP, 41000, 80), 128);
  assert.notEqual(fg2, fg4, "the fixture's two flow groups differ (else this test proves nothing)");
  // The core owns the 2-tuple's group (the NIC sent it the fragments) and the 4-tuple's: answered.
  const h = new Host({ ownedFlowGroups: [fg2, fg4], verifyFlowGroup: true });
  h.stack.listen(80);
  for (const f of TCP_SYN_FRAGMENTS) h.stack.input(f.slice(), fg2);
  const [synAck] = tcpSegments(h.take());
  assert.ok(synAck !== undefined && synAck.flags() === (TcpFlag.SYN | TcpFlag.ACK));
  assert.equal(
    h.stack.counters.dropTcpFlowGroupMismatch,
    0,
    "the 2-tuple group is not taken for the segment's",
  );
  // Only the 2-tuple's group here: the segment belongs to another core; dropped under its own reason.
  const g = new Host({ ownedFlowGroups: [fg2], verifyFlowGroup: true });
  g.stack.listen(80);
  for (const f of TCP_SYN_FRAGMENTS) g.stack.input(f.slice(), fg2);
  assert.equal(g.out.length, 0);
  assert.equal(g.stack.counters.dropTcpReassembledNotOwned, 1);
});

test("TCP never sends a segment over the MSS, so never a fragment: every frame fits the MTU with DF", () => {
  const h = new Host();
  h.stack.listen(80);
  // Handshake from the client side by hand: SYN with MSS 1460, then ACK.
  h.send(...TCP_SYN_FRAGMENTS);
  const [synAck] = tcpSegments(h.take());
  const seg = (flags: number, seq: number, ack: number) => {
    const f = new Uint8Array(54);
    emitEthernet(f, 0, STACK_MAC, CLIENT_MAC, EtherType.IPv4);
    emitIpv4Header(f, 14, { srcIp: CLIENT_IP, dstIp: STACK_IP, protocol: IpProtocol.TCP, payloadLength: 20 });
    f.set([0xa0, 0x28, 0, 80], 34); // 41000 -> 80
    new DataView(f.buffer).setUint32(38, seq);
    new DataView(f.buffer).setUint32(42, ack);
    f[46] = 0x50;
    f[47] = flags;
    f[48] = 0xff;
    f[49] = 0xff;
    let sum = 0x0a4d + 0x0001 + 0x0a4d + 0x0002 + 6 + 20;
    for (let i = 34; i < 54; i += 2) sum += (f[i] << 8) | f[i + 1];
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    f[50] = (~sum >> 8) & 0xff;
    f[51] = ~sum & 0xff;
    return f;
  };
  h.send(seg(TcpFlag.ACK, 1001, synAck.seq() + 1));
  const knock = h.stack.events.find((e) => e.type === "knock");
  assert.ok(knock !== undefined && knock.type === "knock");
  assert.equal(h.stack.accept(knock.handle, 1), 0);
  let acked = synAck.seq() + 1;
  let sent = 0;
  const data = new Uint8Array(64 * 1024);
  for (let round = 0; round < 200 && sent < data.length; round++) {
    const n = h.stack.sendv(knock.handle, [data.subarray(sent)]);
    assert.ok(n >= 0);
    sent += n;
    const frames = h.take();
    for (const f of frames) {
      assert.ok(f.length <= 14 + 1500, `frame of ${f.length} bytes`);
      const ip = Ipv4View.parse(f.subarray(14)) as Ipv4View;
      assert.ok(ip.dontFragment() && !ip.isFragment(), "TCP leaves whole, with DF");
    }
    for (const t of tcpSegments(frames)) {
      assert.ok(t.payload().length <= 1460, `segment of ${t.payload().length} bytes`);
      acked = Math.max(acked, t.seq() + t.payload().length);
    }
    h.send(seg(TcpFlag.ACK, 1001, acked));
  }
  assert.equal(sent, data.length, "all data went out");
  assert.equal(h.stack.counters.ipFragmentedOut, 0);
});
