// RFC 5961 hardening: RST must match RCV.NXT exactly (else challenge ACK),
// SYN in a synchronized state draws a challenge ACK, ACKs for data never sent
// are dropped with a challenge ACK; RFC 9293 acceptability for everything else.

import assert from "node:assert/strict";
import { test } from "node:test";
import { TcpState } from "../src/tcp/tcb.ts";
import { Errno } from "../src/iface/errors.ts";
import { ACK, RST, SYN, TestPeer, bytes, tcbOf } from "./tcp-peer.ts";

test("RST exactly at RCV.NXT resets: dead{reset}, connection gone", () => {
  const p = new TestPeer();
  const { handle } = p.establishPassive(1000);
  p.send({ flags: RST, seq: 1001 });
  assert.deepEqual(p.stack.events, [{ type: "dead", cookie: 5, handle, reason: "reset" }]);
  assert.equal(p.stack.connectionCount(), 0);
  assert.equal(p.stack.sendv(handle, [bytes(1)]), -Errno.ECONNRESET, "ECONNRESET until closed");
  assert.equal(p.stack.close(handle), 0);
  assert.equal(p.stack.close(handle), -9);
});

test("in-window RST not at RCV.NXT: challenge ACK, connection kept", () => {
  const p = new TestPeer();
  const { handle, siss } = p.establishPassive(1000);
  p.send({ flags: RST, seq: 1500 });
  const out = p.take();
  assert.equal(out.length, 1);
  assert.equal(out[0].flags, ACK);
  assert.equal(out[0].seq, siss + 1);
  assert.equal(out[0].ack, 1001);
  assert.equal(tcbOf(p.stack, handle)?.state, TcpState.Established);
  assert.equal(p.stack.counters.tcpChallengeAcks, 1);
});

test("out-of-window RST is dropped silently", () => {
  const p = new TestPeer();
  const { handle } = p.establishPassive(1000);
  p.send({ flags: RST, seq: 1001 + 10_000_000 });
  assert.equal(p.take().length, 0);
  assert.equal(tcbOf(p.stack, handle)?.state, TcpState.Established);
  assert.equal(p.stack.counters.dropTcpOutOfWindow, 1);
});

test("SYN on an established connection: challenge ACK, no reset", () => {
  const p = new TestPeer();
  const { handle } = p.establishPassive(1000);
  p.send({ flags: SYN, seq: 1001 });
  const out = p.take();
  assert.equal(out.length, 1);
  assert.equal(out[0].flags, ACK);
  assert.equal(tcbOf(p.stack, handle)?.state, TcpState.Established);
  assert.equal(p.stack.counters.dropTcpBadSyn, 1);
});

test("ACK of data never sent: challenge ACK and the segment's data is dropped", () => {
  const p = new TestPeer();
  const { handle, siss } = p.establishPassive(1000);
  p.send({ flags: ACK, seq: 1001, ack: siss + 5000, data: bytes(10) });
  assert.equal(p.stack.events.length, 0, "data not delivered");
  assert.equal(p.take()[0].ack, 1001);
  assert.equal(tcbOf(p.stack, handle)?.rcvNxt, 1001);
  assert.equal(p.stack.counters.dropTcpBadAck, 1);
});

test("RST in SYN_RECEIVED returns the listener to LISTEN quietly", () => {
  const p = new TestPeer();
  p.stack.listen(80);
  p.send({ flags: SYN, seq: 1, options: { mss: 1000 } });
  assert.equal(p.stack.connectionCount(), 1);
  p.take();
  p.send({ flags: RST, seq: 2 });
  assert.equal(p.stack.connectionCount(), 0);
  assert.equal(p.stack.events.length, 0, "never knocked, nothing to report");
});

test("ACK with a bad number in SYN_RECEIVED draws a RST", () => {
  const p = new TestPeer();
  p.stack.listen(80);
  p.send({ flags: SYN, seq: 1 });
  const [synack] = p.take();
  p.send({ flags: ACK, seq: 2, ack: synack.seq + 99 });
  const [rst] = p.take();
  assert.equal(rst.flags, RST);
  assert.equal(rst.seq, synack.seq + 99);
});
