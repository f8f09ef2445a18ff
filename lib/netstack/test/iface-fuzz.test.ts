// Fuzz: random, mutated and valid-looking frames (TCP toward a listening port
// with random flags, numbers and raw option bytes, correct checksums) into a
// Stack with a busy application. Nothing may throw, drops must be counted, and
// memory (connections, held buffers, queued segments) must stay bounded.

import assert from "node:assert/strict";
import { test } from "node:test";
import { Rng } from "../src/device/rng.ts";
import { totalDrops } from "../src/counters.ts";
import { foldChecksum, onesSum, pseudoHeaderSum } from "../src/wire/checksum.ts";
import { EtherType, emitEthernet } from "../src/wire/ethernet.ts";
import { IpProtocol, emitIpv4Header } from "../src/wire/ipv4.ts";
import { PEER_IP, PEER_MAC, STACK_IP, STACK_MAC, TestPeer } from "./tcp-peer.ts";

const MAX_CONN = 200;

/** A TCP segment with a correct checksum but random header fields and raw option bytes. */
function validLookingTcp(rng: Rng, seqBase: number): Uint8Array {
  const optLen = rng.int(11) * 4;
  const dataLen = rng.next() < 0.5 ? 0 : rng.int(1400);
  const tcpLen = 20 + optLen + dataLen;
  const f = new Uint8Array(34 + tcpLen);
  const t = 34;
  const sport = 1024 + rng.int(64);
  f[t] = sport >> 8;
  f[t + 1] = sport & 0xff;
  f[t + 3] = rng.next() < 0.9 ? 80 : rng.int(256);
  const seq = rng.next() < 0.5 ? (seqBase + rng.int(100_000)) >>> 0 : rng.nextU32();
  f[t + 4] = seq >>> 24;
  f[t + 5] = (seq >>> 16) & 0xff;
  f[t + 6] = (seq >>> 8) & 0xff;
  f[t + 7] = seq & 0xff;
  for (let i = 8; i < 12; i++) f[t + i] = rng.int(256);
  f[t + 12] = ((20 + optLen) / 4) << 4;
  const flagsPick = [0x02, 0x10, 0x18, 0x11, 0x04, 0x12, 0x14, rng.int(256)];
  f[t + 13] = flagsPick[rng.int(flagsPick.length)];
  f[t + 14] = rng.int(256);
  f[t + 15] = rng.int(256);
  for (let i = 20; i < tcpLen; i++) f[t + i] = rng.int(256);
  if (optLen > 0 && rng.next() < 0.5) {
    // Mostly-valid options: MSS (possibly tiny) and window scale (possibly huge).
    f[t + 20] = 2;
    f[t + 21] = 4;
    f[t + 24] = 3;
    f[t + 25] = 3;
    f[t + 26] = rng.int(40);
    f[t + 27] = 0;
  }
  const sum = onesSum(f, t, tcpLen, pseudoHeaderSum(PEER_IP, STACK_IP, IpProtocol.TCP, tcpLen));
  const c = foldChecksum(sum);
  f[t + 16] = c >> 8;
  f[t + 17] = c & 0xff;
  emitIpv4Header(f, 14, { srcIp: PEER_IP, dstIp: STACK_IP, protocol: IpProtocol.TCP, payloadLength: tcpLen });
  emitEthernet(f, 0, STACK_MAC, PEER_MAC, EtherType.IPv4);
  return f;
}

test("fuzz: random and mutated frames never throw; drops counted; memory bounded", () => {
  const p = new TestPeer({
    maxConnections: MAX_CONN,
    synBacklog: 32,
    acceptBacklog: 64,
    tcp: { rcvBuf: 16384 },
  });
  const s = p.stack;
  s.listen(80);
  s.udpListen(53);
  const rng = new Rng(0xf022);
  const deadline = performance.now() + 4000;
  let frames = 0;
  let seqBase = 0;
  let maxConn = 0;
  let maxOoo = 0;
  const known: { port: number; seq: number; ack: number }[] = [];
  // At least 20,000 frames however slow the machine; then more until the deadline.
  while (frames < 20_000 || (performance.now() < deadline && frames < 300_000)) {
    frames++;
    const r = rng.next();
    let f: Uint8Array;
    if (r < 0.2) {
      f = new Uint8Array(rng.int(200));
      for (let i = 0; i < f.length; i++) f[i] = rng.int(256);
      if (rng.next() < 0.5 && f.length >= 14) f.set(STACK_MAC, 0);
    } else {
      f = validLookingTcp(rng, seqBase);
      if (r < 0.4) {
        // Mutate a few bytes anywhere (often breaking a checksum or a length).
        for (let k = 1 + rng.int(4); k > 0; k--) f[rng.int(f.length)] = rng.int(256);
      }
    }
    s.input(f);
    if (r > 0.85 && known.length > 0) {
      // Act like a real client on a connection we opened: ACK its SYN-ACK, then
      // send data at random offsets in and beyond the window (out-of-order queue).
      const k = known[rng.int(known.length)];
      const off = rng.next() < 0.3 ? 0 : rng.int(40_000);
      const data = new Uint8Array(rng.int(1400));
      p.send({
        flags: 0x10 | (rng.next() < 0.05 ? 1 : 0),
        seq: k.seq + off,
        ack: k.ack,
        srcPort: k.port,
        data,
      });
    }
    for (const seg of p.take()) {
      if (seg.flags === 0x12 && known.length < 64)
        known.push({ port: seg.dstPort, seq: seg.ack, ack: seg.seq + 1 });
    }
    // A busy application: accept everything, consume everything, close on death.
    for (const e of s.events) {
      if (e.type === "knock") s.accept(e.handle, 1);
      else if (e.type === "recv") s.recvDone(e.handle, e.data.length);
      else if (e.type === "dead") s.close(e.handle);
    }
    s.events.length = 0;
    if (frames % 64 === 0) {
      p.advance(rng.int(300_000));
      p.learnArp(); // keep the peer resolved so replies really go out
      seqBase = rng.nextU32();
      if (known.length >= 64) known.length = 0;
    }
    maxConn = Math.max(maxConn, s.connectionCount());
    if (frames % 1024 === 0) {
      let ooo = 0;
      for (const g of s.groups) if (g) for (const t of g.byId.values()) ooo += t.ooo.bytes;
      maxOoo = Math.max(maxOoo, ooo);
    }
  }
  console.log(
    `# fuzz: ${frames} frames, drops ${totalDrops(s.counters)} (${Object.entries(s.counters)
      .filter(([k, v]) => k.startsWith("drop") && v > 0)
      .join(
        " ",
      )}), max connections ${maxConn}, max ooo bytes ${maxOoo}, ooo segments ${s.counters.tcpOutOfOrder}, established ${s.counters.tcpPassiveOpens}`,
  );
  assert.ok(frames > 10_000, "fuzzed a meaningful number of frames");
  assert.ok(totalDrops(s.counters) > frames * 0.3, "malformed input shows up in drop counters");
  assert.ok(s.counters.tcpOutOfOrder > 0 && s.counters.tcpPassiveOpens > 0, "reached deep into TCP");
  assert.ok(s.counters.dropTcpChecksum > 0 && s.counters.dropEthNotForUs > 0);
  assert.ok(maxConn <= MAX_CONN, "connection table bounded");
  assert.ok(maxOoo <= MAX_CONN * 16384, "out-of-order memory bounded by the windows");
  assert.ok(s.pool.inUse <= s.pool.count);
  // With time, everything not established times out or finishes.
  p.runUntil(p.now + 30 * 60_000_000);
  for (const g of s.groups) {
    if (!g) continue;
    for (const t of g.byId.values())
      assert.ok(t.state >= 3 || t.finished, "no half-open connection survives");
  }
});
