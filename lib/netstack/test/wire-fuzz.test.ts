// Bounded parser fuzzing: seeded random bytes and mutations of real frames go
// through every view. Nothing may throw, and whatever a view accepts must be
// self-consistent (payloads inside the buffer, lengths matching the headers).
import assert from "node:assert/strict";
import { test } from "node:test";
import { Rng } from "../src/device/rng.ts";
import { readU16, writeU16 } from "../src/wire/addr.ts";
import { ArpView } from "../src/wire/arp.ts";
import { foldChecksum, onesSum } from "../src/wire/checksum.ts";
import { WireError } from "../src/wire/errors.ts";
import { EtherType, EthernetView } from "../src/wire/ethernet.ts";
import { IcmpView } from "../src/wire/icmp.ts";
import { IpProtocol, Ipv4View } from "../src/wire/ipv4.ts";
import { TcpView } from "../src/wire/tcp.ts";
import { UdpView } from "../src/wire/udp.ts";
import { ALL_FRAMES, IPV4_FRAGMENT_FIRST } from "./wire-fixtures.ts";

const MAX_INPUTS = 200_000;
const MAX_MS = 5_000; // a guard on slow machines, not a measurement
const MIN_INPUTS = 20_000; // reached however slow the machine: the time guard applies only after

const eth = new EthernetView();
const arp = new ArpView();
const ipv4 = new Ipv4View();
const icmp = new IcmpView();
const udp = new UdpView();
const tcp = new TcpView();

function within(inner: Uint8Array, outer: Uint8Array): boolean {
  return (
    inner.buffer === outer.buffer &&
    inner.byteOffset >= outer.byteOffset &&
    inner.byteOffset + inner.length <= outer.byteOffset + outer.length
  );
}

/** Runs one frame through the whole parse chain; returns how deep it got. */
function parseChain(frame: Uint8Array, fixIpChecksum: boolean): number {
  if (eth.reset(frame) !== WireError.Ok) return 0;
  eth.dst();
  eth.src();
  const body = eth.payload();
  // Views get every payload, whatever the EtherType says: they must cope with anything.
  if (arp.reset(body) === WireError.Ok) {
    arp.op();
    arp.senderMac();
    arp.senderIp();
    arp.targetMac();
    arp.targetIp();
  }
  if (fixIpChecksum && body.length >= 20) {
    const hlen = (body[0] & 0x0f) * 4;
    if (hlen >= 20 && hlen <= body.length) {
      writeU16(body, 10, 0);
      writeU16(body, 10, foldChecksum(onesSum(body, 0, hlen)));
    }
  }
  if (ipv4.reset(body) !== WireError.Ok) return 1;
  const p = ipv4.payload();
  assert.ok(within(p, body));
  assert.equal(p.length, ipv4.totalLength() - ipv4.headerLength());
  assert.ok(ipv4.headerLength() >= 20 && ipv4.headerLength() <= ipv4.totalLength());
  ipv4.isFragment();
  ipv4.options();
  const src = ipv4.srcIp();
  const dst = ipv4.dstIp();
  let depth = 2;
  if (icmp.reset(p) === WireError.Ok) {
    icmp.type();
    icmp.ident();
    icmp.seqNo();
    assert.ok(within(icmp.data(), p));
    depth = 3;
  }
  if (udp.reset(p, src, dst) === WireError.Ok) {
    assert.ok(within(udp.payload(), p));
    assert.equal(udp.payload().length, readU16(p, 4) - 8);
    depth = 3;
  }
  for (const verify of [true, false]) {
    if (tcp.reset(p, src, dst, verify) !== WireError.Ok) continue;
    const h = tcp.headerLength();
    assert.ok(h >= 20 && h <= p.length);
    assert.ok(within(tcp.payload(), p));
    assert.ok(tcp.wscale >= -1 && tcp.wscale <= 14);
    assert.ok(tcp.mss >= 0 && tcp.mss <= 0xffff);
    if (tcp.sackBlocks > 0) {
      assert.ok(tcp.sackOffset + tcp.sackBlocks * 8 <= h);
      tcp.sackLeft(tcp.sackBlocks - 1);
      tcp.sackRight(tcp.sackBlocks - 1);
    }
    tcp.seq();
    tcp.ack();
    tcp.flags();
    tcp.window();
    depth = 3;
  }
  return depth;
}

function mutate(rng: Rng, seed: Uint8Array): Uint8Array {
  const roll = rng.int(6);
  if (roll === 0) {
    // Pure noise, biased to short lengths and a plausible header start half the time.
    const b = new Uint8Array(rng.int(120));
    for (let i = 0; i < b.length; i++) b[i] = rng.nextU32() & 0xff;
    if (b.length > 14 && rng.next() < 0.5) {
      writeU16(b, 12, rng.next() < 0.8 ? EtherType.IPv4 : EtherType.ARP);
      b[14] = 0x45;
      b[23] = [IpProtocol.TCP, IpProtocol.UDP, IpProtocol.ICMP][rng.int(3)];
    }
    return b;
  }
  const b = seed.slice(0, roll === 1 ? rng.int(seed.length + 1) : seed.length);
  const edits = 1 + rng.int(4);
  for (let e = 0; e < edits && b.length > 0; e++) {
    const at = rng.int(b.length);
    switch (rng.int(4)) {
      case 0:
        b[at] ^= 1 << rng.int(8);
        break;
      case 1:
        b[at] = rng.nextU32() & 0xff;
        break;
      case 2:
        b[at] = [0, 1, 2, 3, 4, 5, 8, 10, 0x40, 0x45, 0x4f, 0x50, 0xa0, 0xf0, 0xff][rng.int(15)];
        break;
      default: {
        // Aim at length and offset fields: IPv4 total length, TCP data offset, UDP length.
        const field = [16, 17, 14, 46, 38, 39][rng.int(6)];
        if (field < b.length) b[field] = rng.nextU32() & 0xff;
      }
    }
  }
  return b;
}

test("fuzz: random and mutated frames never throw from any view", () => {
  const rng = new Rng(0xf00d);
  const fragFrame = new Uint8Array(14 + IPV4_FRAGMENT_FIRST.length);
  writeU16(fragFrame, 12, EtherType.IPv4);
  fragFrame.set(IPV4_FRAGMENT_FIRST, 14);
  const seeds = [...ALL_FRAMES, fragFrame];
  const depthCount = [0, 0, 0, 0];
  const start = Date.now();
  let n = 0;
  for (; n < MAX_INPUTS; n++) {
    if ((n & 1023) === 0 && n >= MIN_INPUTS && Date.now() - start > MAX_MS) break;
    const frame = mutate(rng, seeds[rng.int(seeds.length)]);
    depthCount[parseChain(frame, rng.next() < 0.5)]++;
  }
  // The corpus must reach every layer, or the fuzzing proves little.
  assert.ok(n >= 10_000, `only ${n} inputs`);
  assert.ok(
    depthCount.every((c) => c > n / 100),
    `depths ${depthCount}`,
  );
});

test("fuzz: every view's reset on all-0xff and all-zero buffers of every small length", () => {
  for (const fill of [0x00, 0xff]) {
    for (let len = 0; len <= 80; len++) {
      const b = new Uint8Array(len).fill(fill);
      for (const code of [
        eth.reset(b),
        arp.reset(b),
        ipv4.reset(b),
        icmp.reset(b),
        udp.reset(b, 0, 0),
        tcp.reset(b, 0, 0),
        tcp.reset(b, 0, 0, false),
      ]) {
        assert.ok(Number.isInteger(code) && code >= 0 && code <= 8);
      }
    }
  }
});
