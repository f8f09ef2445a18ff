// A peer that fills the whole receive window (as Linux does with CUBIC on a
// short path) and loses one segment: everything behind the hole must be kept,
// so that one retransmission repairs the window. With the out-of-order queue
// bounded at 64 segments (the old default, a quarter of a 256 KB window) the
// rest was dropped, and Linux, without SACK, took one RTO per further hole
// with a backed-off timer: 10 MB at 1% loss took 150 s against the kernel.

import assert from "node:assert/strict";
import { test } from "node:test";
import { ACK, TestPeer, bytes } from "./tcp-peer.ts";
import { DEFAULT_TCP_CONFIG, oooSegmentsFor } from "../src/tcp/config.ts";

const MSS = 1460;
const ISS = 1000;

/** Passive connection with window scaling (so the full 256 KB window is usable); returns the peer and the stack's ISS. */
function connect(tcp: Partial<typeof DEFAULT_TCP_CONFIG> = {}) {
  const p = new TestPeer({ tcp });
  const { handle, siss } = p.establishPassive(ISS, { mss: MSS, wscale: 7 });
  return { p, handle, ack: siss + 1 };
}

/** Payload of segment i of the peer's stream. */
const segment = (i: number, len = MSS) => bytes(len, i);

test("a whole window behind one lost segment is queued and acknowledged by one retransmission", () => {
  const { p, ack } = connect();
  const n = Math.floor(DEFAULT_TCP_CONFIG.rcvBuf / MSS); // 179 full segments fill 256 KB
  // Segment 0 is lost; 1..n-1 arrive out of order, each answered at once with a duplicate ACK.
  for (let i = 1; i < n; i++) p.send({ flags: ACK, seq: ISS + 1 + i * MSS, ack, data: segment(i) });
  const dups = p.take();
  assert.equal(dups.length, n - 1, "one immediate duplicate ACK per out-of-order segment");
  for (const d of dups) assert.equal(d.ack, ISS + 1);
  const c = p.stack.counters;
  assert.equal(c.tcpOutOfOrder, n - 1);
  assert.equal(c.dropTcpOooFull, 0, "no segment inside the window was dropped");

  // The single retransmission fills the hole: the cumulative ACK covers the whole window.
  p.send({ flags: ACK, seq: ISS + 1, ack, data: segment(0) });
  const [full] = p.take();
  assert.equal(full.ack, ISS + 1 + n * MSS);

  // Every byte reached the application, in order.
  const got = p.stack.events.flatMap((e) => (e.type === "recv" ? [e.data] : []));
  assert.equal(got.length, n);
  for (let i = 0; i < n; i++) assert.deepEqual(got[i], segment(i), `segment ${i}`);
});

test("the automatic bound still caps tiny out-of-order segments, and counts the drops", () => {
  const { p, ack } = connect();
  const cap = oooSegmentsFor(DEFAULT_TCP_CONFIG);
  assert.equal(cap, Math.ceil(DEFAULT_TCP_CONFIG.rcvBuf / 536));
  // One-byte segments with gaps between them: none can be merged, each takes a slot.
  for (let i = 0; i < cap + 10; i++) p.send({ flags: ACK, seq: ISS + 2 + 2 * i, ack, data: segment(i, 1) });
  const c = p.stack.counters;
  assert.equal(c.tcpOutOfOrder, cap + 10);
  assert.equal(c.dropTcpOooFull, 10);
});

test("an explicit oooMaxSegments is honoured", () => {
  const { p, ack } = connect({ oooMaxSegments: 8 });
  for (let i = 1; i <= 20; i++) p.send({ flags: ACK, seq: ISS + 1 + i * MSS, ack, data: segment(i) });
  assert.equal(p.stack.counters.dropTcpOooFull, 12);
  p.send({ flags: ACK, seq: ISS + 1, ack, data: segment(0) });
  const last = p.take().at(-1);
  assert.equal(last?.ack, ISS + 1 + 9 * MSS, "the ACK stops at the first dropped segment");
});
