// State transitions of RFC 9293 driven by a scripted peer: passive/active
// open, both closes, simultaneous open and close, TIME_WAIT, timeouts.

import assert from "node:assert/strict";
import { test } from "node:test";
import { TcpState } from "../src/tcp/tcb.ts";
import { ACK, FIN, PEER_IP, RST, SYN, TestPeer, bytes, tcbOf } from "./tcp-peer.ts";

test("passive open, data both ways, peer closes first: CLOSE_WAIT -> LAST_ACK -> CLOSED", () => {
  const p = new TestPeer();
  const { handle, siss } = p.establishPassive(1000);
  assert.equal(tcbOf(p.stack, handle)?.state, TcpState.Established);
  p.send({ flags: ACK, seq: 1001, ack: siss + 1, data: bytes(100) });
  const ev = p.stack.events.shift();
  assert.equal(ev?.type, "recv");
  assert.equal(ev?.type === "recv" && ev.cookie, 5);
  assert.deepEqual(ev?.type === "recv" && [...ev.data], [...bytes(100)]);
  assert.equal(p.stack.sendv(handle, [bytes(10, 3)]), 10);
  let out = p.take();
  assert.equal(out.length, 1);
  assert.equal(out[0].seq, siss + 1);
  assert.equal(out[0].ack, 1101, "the data segment piggybacks the ACK");
  assert.deepEqual([...out[0].data], [...bytes(10, 3)]);
  p.send({ flags: ACK | FIN, seq: 1101, ack: siss + 11 });
  assert.deepEqual(
    p.stack.events.map((e) => e.type),
    ["recv", "sent", "dead"].filter((t) => t !== "recv"),
  );
  assert.equal(tcbOf(p.stack, handle)?.state, TcpState.CloseWait);
  out = p.take();
  assert.equal(out.at(-1)?.ack, 1102, "FIN acknowledged at once");
  p.stack.events.length = 0;
  assert.equal(p.stack.close(handle), 0);
  out = p.take();
  assert.equal(out[0].flags & FIN, FIN);
  assert.equal(tcbOf(p.stack, handle)?.state, TcpState.LastAck);
  p.send({ flags: ACK, seq: 1102, ack: out[0].seq + 1 });
  assert.equal(tcbOf(p.stack, handle), undefined, "freed");
  assert.equal(p.stack.connectionCount(), 0);
});

test("active open and close: SYN_SENT -> ESTABLISHED -> FIN_WAIT_1/2 -> TIME_WAIT -> CLOSED", () => {
  const p = new TestPeer({ tcp: { timeWaitUs: 500_000 } });
  const h = p.stack.connect(PEER_IP, 80, 77);
  assert.ok(h > 0);
  const [syn] = p.take();
  assert.equal(syn.flags, SYN);
  assert.equal(syn.mss, 1460);
  assert.ok(syn.wscale >= 0, "window scale offered");
  p.port = syn.dstPort;
  p.stackPort = syn.srcPort;
  assert.equal(tcbOf(p.stack, h)?.state, TcpState.SynSent);
  p.send({ flags: SYN | ACK, seq: 5000, ack: syn.seq + 1, options: { mss: 1400, wscale: 2 } });
  assert.deepEqual(p.stack.events.shift(), { type: "connected", cookie: 77, handle: h, ok: true });
  assert.equal(tcbOf(p.stack, h)?.sndMss, 1400);
  const [ack] = p.take();
  assert.equal(ack.flags, ACK);
  assert.equal(ack.ack, 5001);
  p.stack.close(h);
  const [fin] = p.take();
  assert.equal(fin.flags, FIN | ACK);
  assert.equal(tcbOf(p.stack, h)?.state, TcpState.FinWait1);
  p.send({ flags: ACK, seq: 5001, ack: fin.seq + 1 });
  assert.equal(tcbOf(p.stack, h)?.state, TcpState.FinWait2);
  p.send({ flags: ACK | FIN, seq: 5001, ack: fin.seq + 1 });
  assert.equal(p.take()[0].ack, 5002);
  // TIME_WAIT: the TCB and its handle are gone, a compact record remains.
  assert.equal(tcbOf(p.stack, h), undefined);
  assert.equal(p.stack.connectionCount(), 0);
  assert.equal(p.stack.timeWaitCount(), 1);
  // A retransmitted FIN in TIME_WAIT is re-acknowledged.
  p.advance(100_000);
  p.send({ flags: ACK | FIN, seq: 5001, ack: fin.seq + 1 });
  const [again] = p.take();
  assert.deepEqual([again.flags, again.seq, again.ack], [ACK, fin.seq + 1, 5002]);
  p.runUntil(550_000);
  assert.equal(p.stack.timeWaitCount(), 1, "TIME_WAIT restarted by the FIN");
  p.runUntil(700_000);
  assert.equal(p.stack.timeWaitCount(), 0);
});

test("simultaneous open: SYN_SENT -> SYN_RECEIVED -> ESTABLISHED", () => {
  const p = new TestPeer();
  const h = p.stack.connect(PEER_IP, 80, 1);
  const [syn] = p.take();
  p.port = syn.dstPort;
  p.stackPort = syn.srcPort;
  p.send({ flags: SYN, seq: 9000, options: { mss: 1460 } }); // our SYN crossed theirs
  assert.equal(tcbOf(p.stack, h)?.state, TcpState.SynReceived);
  const [synack] = p.take();
  assert.equal(synack.flags, SYN | ACK);
  assert.equal(synack.seq, syn.seq, "same ISS");
  assert.equal(synack.ack, 9001);
  p.send({ flags: SYN | ACK, seq: 9000, ack: syn.seq + 1 }); // their SYN-ACK
  assert.equal(tcbOf(p.stack, h)?.state, TcpState.Established);
  assert.equal(p.stack.events.at(-1)?.type, "connected");
});

test("simultaneous close: FIN_WAIT_1 -> CLOSING -> TIME_WAIT", () => {
  const p = new TestPeer();
  const { handle, siss } = p.establishPassive(100);
  p.stack.close(handle);
  const [fin] = p.take();
  assert.equal(fin.flags & FIN, FIN);
  p.send({ flags: FIN | ACK, seq: 101, ack: siss + 1 }); // their FIN, not acking ours
  assert.equal(tcbOf(p.stack, handle)?.state, TcpState.Closing);
  p.send({ flags: ACK, seq: 102, ack: siss + 2 });
  assert.equal(tcbOf(p.stack, handle), undefined, "TIME_WAIT keeps a record, not the TCB");
  assert.equal(p.stack.timeWaitCount(), 1);
});

test("SYN retransmitted with backoff, then connected{ok:false} after maxSynRetries", () => {
  const p = new TestPeer({ tcp: { maxSynRetries: 2 } });
  const h = p.stack.connect(PEER_IP, 80, 3);
  const times: number[] = [];
  p.out.length = 0;
  for (let i = 0; i < 20 && p.stack.events.length === 0; i++) {
    p.now = p.stack.nextDeadline();
    p.stack.poll();
    if (p.take().some((s) => s.flags === SYN)) times.push(p.now);
  }
  assert.deepEqual(times, [1_000_000, 3_000_000], "RTO 1 s then 2 s");
  assert.deepEqual(p.stack.events, [{ type: "connected", cookie: 3, handle: h, ok: false }]);
  assert.equal(p.stack.close(h), -9, "the handle is already freed");
});

test("RST answering our SYN: connection refused", () => {
  const p = new TestPeer();
  const h = p.stack.connect(PEER_IP, 80, 3);
  const [syn] = p.take();
  p.port = syn.dstPort;
  p.stackPort = syn.srcPort;
  p.send({ flags: RST | ACK, seq: 0, ack: syn.seq + 1 });
  assert.deepEqual(p.stack.events, [{ type: "connected", cookie: 3, handle: h, ok: false }]);
  assert.equal(p.stack.connectionCount(), 0);
});

test("segment to a closed port draws a RST (RFC 9293 3.10.7.1)", () => {
  const p = new TestPeer();
  p.send({ flags: SYN, seq: 500, dstPort: 81 });
  const [rst] = p.take();
  assert.equal(rst.flags, RST | ACK);
  assert.equal(rst.ack, 501);
  p.send({ flags: ACK, seq: 1, ack: 777, dstPort: 81 });
  const [rst2] = p.take();
  assert.equal(rst2.flags, RST);
  assert.equal(rst2.seq, 777);
  p.send({ flags: RST, seq: 1, dstPort: 81 });
  assert.equal(p.take().length, 0, "never answer a RST");
  assert.equal(p.stack.counters.dropTcpNoListener, 2);
});
