// The TX path's reusable header (tcp/output.ts): one TcpEmitHeader and one
// SYN-option object per stack, filled in place for every segment. Two stacks
// in one process (one per core) must not see each other's scratch, and a fill
// must leave nothing of the previous segment behind.

import assert from "node:assert/strict";
import { test } from "node:test";
import { bareHeader, resetFor } from "../src/tcp/output.ts";
import { Segment } from "../src/tcp/segment.ts";
import { newTcpEmitHeader } from "../src/wire/tcp.ts";
import { ACK, PSH, RST, SYN, TestPeer, bytes } from "./tcp-peer.ts";

test("two stacks in one process fill their own header and SYN options", () => {
  const a = new TestPeer({ tcp: { mss: 1000 } });
  const b = new TestPeer({ tcp: { mss: 1400 } });
  assert.notEqual(a.stack.txHeader, b.stack.txHeader);
  assert.notEqual(a.stack.synOptions, b.stack.synOptions);
  a.stack.listen(80);
  b.stack.listen(80);
  b.send({ flags: SYN, seq: 1, options: { mss: 1460, wscale: 2 } });
  const [bSynAck] = b.take();
  assert.equal(bSynAck.mss, 1400);
  assert.ok(bSynAck.wscale >= 0, "B offers window scaling (the peer did)");
  a.send({ flags: SYN, seq: 1, options: { mss: 1460 } });
  const [aSynAck] = a.take();
  assert.equal(aSynAck.flags, SYN | ACK);
  assert.equal(aSynAck.mss, 1000);
  assert.equal(aSynAck.wscale, -1, "A offers no window scaling (the peer did not)");
  // A's SYN-ACK was built in A's objects: B's still hold B's segment.
  assert.equal(b.stack.synOptions.mss, 1400);
  assert.notEqual(b.stack.synOptions.wscale, undefined);
  assert.equal(b.stack.txHeader.seq, bSynAck.seq);
  assert.equal(b.stack.txHeader.flags, SYN | ACK);
});

test("a segment after a SYN-ACK and a data segment carries neither's options nor payload", () => {
  const p = new TestPeer();
  const { handle, siss } = p.establishPassive(1000, { mss: 1460, wscale: 3 });
  assert.equal(p.stack.sendv(handle, [bytes(100)]), 100);
  const [data] = p.take();
  assert.equal(data.data.length, 100);
  p.send({ flags: ACK | PSH, seq: 1001, ack: siss + 101, data: bytes(10) });
  p.advance(500_000); // delayed ACK
  const [ack] = p.take();
  assert.equal(ack.flags, ACK);
  assert.equal(ack.ack, 1011);
  assert.equal(ack.data.length, 0);
  assert.equal(ack.mss, 0, "no MSS option");
  assert.equal(ack.wscale, -1, "no window scale option");
});

test("resetFor follows RFC 9293 3.10.7.1 and clears the rest of the header", () => {
  const x = newTcpEmitHeader();
  x.options = { mss: 1460 };
  x.payload = new Uint8Array(10);
  x.payloadLen = 10;
  x.window = 500;
  const s = new Segment();
  s.flags = ACK;
  s.seq = 100;
  s.ack = 7000;
  s.len = 5;
  assert.equal(resetFor(x, s), x);
  assert.deepEqual([x.seq, x.ack, x.flags, x.window], [7000, 0, RST, 0]);
  assert.equal(x.options, undefined);
  assert.equal(x.payload, null);
  assert.equal(x.payloadLen, 0);
  s.flags = SYN;
  s.len = 1;
  resetFor(x, s);
  assert.deepEqual([x.seq, x.ack, x.flags], [0, 101, RST | ACK]);
  s.seq = 0xffffffff;
  resetFor(x, s);
  assert.equal(x.ack, 0, "SEG.SEQ + SEG.LEN wraps modulo 2^32");
  bareHeader(x, 1, 2, ACK, 3);
  assert.deepEqual([x.seq, x.ack, x.flags, x.window, x.payloadOff], [1, 2, ACK, 3, 0]);
});
