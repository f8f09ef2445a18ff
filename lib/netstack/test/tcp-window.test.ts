// Flow control: MSS and window scale negotiation, IX explicit receive window
// (reopens only on recvDone), zero window with persist probes, partial sendv,
// delayed ACKs, fast retransmit.

import assert from "node:assert/strict";
import { test } from "node:test";
import { ACK, FIN, PEER_IP, TestPeer, bytes, tcbOf } from "./tcp-peer.ts";

test("MSS option clamps our segments; window scale applied both ways", () => {
  const p = new TestPeer({ tcp: { rcvBuf: 1 << 20 } });
  p.stack.listen(80);
  p.send({ flags: 2, seq: 0, options: { mss: 500, wscale: 3 } });
  const [synack] = p.take();
  assert.equal(synack.mss, 1460);
  assert.equal(synack.wscale, 5, "1 MB buffer needs shift 5");
  assert.equal(synack.wnd, 65535, "SYN-ACK window is never scaled");
  p.send({ flags: ACK, seq: 1, ack: synack.seq + 1, wnd: 1000 }); // 1000 << 3 = 8000 bytes
  const knock = p.stack.events[0];
  assert.equal(knock.type, "knock");
  const h = knock.type === "knock" ? knock.handle : 0;
  p.stack.accept(h, 1);
  assert.equal(tcbOf(p.stack, h)?.sndWnd, 8000);
  assert.equal(p.stack.sendv(h, [bytes(20_000)]), 20_000);
  const segs = p.take();
  assert.ok(segs.every((s) => s.data.length <= 500));
  assert.equal(
    segs.reduce((n, s) => n + s.data.length, 0),
    5000,
    "cwnd = 10 x 500 bytes (initial window)",
  );
  assert.equal(segs[0].wnd, (1 << 20) >> 5, "our window is scaled down by 5");
});

test("receive window only reopens on recvDone; zero window advertised when full", () => {
  const p = new TestPeer({ tcp: { rcvBuf: 4000 } });
  const { handle, siss } = p.establishPassive(0, { mss: 1000 });
  for (let i = 0; i < 4; i++) p.send({ flags: ACK, seq: 1 + i * 1000, ack: siss + 1, data: bytes(1000) });
  const acks = p.take();
  assert.equal(acks.at(-1)?.ack, 4001);
  assert.equal(acks.at(-1)?.wnd, 0, "buffer full: zero window");
  // Data beyond the window is not accepted.
  p.send({ flags: ACK, seq: 4001, ack: siss + 1, data: bytes(10) });
  assert.equal(p.take()[0].ack, 4001);
  assert.equal(p.stack.recvDone(handle, 4001), -22, "beyond what was received");
  assert.equal(p.stack.recvDone(handle, 500), 0);
  assert.equal(p.take().length, 0, "500 bytes is less than an MSS: no window update yet (SWS)");
  assert.equal(p.stack.recvDone(handle, 3500), 0);
  const [upd] = p.take();
  assert.equal(upd.wnd, 4000, "window update sent when the window reopened");
});

test("zero window from the peer: persist probes back off until the window opens", () => {
  const p = new TestPeer();
  const { handle, siss } = p.establishPassive(0);
  p.send({ flags: ACK, seq: 1, ack: siss + 1, wnd: 0 });
  assert.equal(p.stack.sendv(handle, [bytes(3000)]), 3000);
  assert.equal(p.take().length, 0, "nothing sent into a zero window");
  const probes: number[] = [];
  for (let i = 0; i < 4; i++) {
    p.now = p.stack.nextDeadline();
    p.stack.poll();
    const out = p.take();
    assert.equal(out.length, 1);
    assert.equal(out[0].seq, siss, "probe is SND.UNA - 1 with no data");
    assert.equal(out[0].data.length, 0);
    probes.push(p.now);
  }
  assert.ok(probes[2] - probes[1] > probes[1] - probes[0], "exponential backoff");
  assert.equal(p.stack.counters.tcpPersistProbes, 4);
  p.send({ flags: ACK, seq: 1, ack: siss + 1, wnd: 65535 });
  const data = p.take();
  assert.equal(
    data.reduce((n, s) => n + s.data.length, 0),
    3000,
    "window opened: data flows",
  );
});

test("sendv accepts only what fits in the send buffer", () => {
  const p = new TestPeer({ tcp: { sndBuf: 5000 } });
  const { handle } = p.establishPassive(0);
  assert.equal(p.stack.sendv(handle, [bytes(3000), bytes(3000)]), 5000);
  assert.equal(p.stack.sendv(handle, [bytes(10)]), 0, "full");
});

test("delayed ACK: every second segment at once, a single one after 40 ms", () => {
  const p = new TestPeer();
  const { siss } = p.establishPassive(0);
  p.send({ flags: ACK, seq: 1, ack: siss + 1, data: bytes(1000) });
  assert.equal(p.take().length, 0);
  p.send({ flags: ACK, seq: 1001, ack: siss + 1, data: bytes(1000) });
  assert.equal(p.take()[0].ack, 2001);
  p.send({ flags: ACK, seq: 2001, ack: siss + 1, data: bytes(10) });
  assert.equal(p.take().length, 0);
  assert.equal(p.stack.nextDeadline(), p.now + 40_000);
  p.runUntil(40_000);
  assert.equal(p.take()[0].ack, 2011);
  assert.equal(p.stack.counters.tcpDelayedAcks, 1);
});

test("out-of-order segment: immediate duplicate ACK, delivered once the hole fills", () => {
  const p = new TestPeer();
  const { siss } = p.establishPassive(0);
  p.send({ flags: ACK | FIN, seq: 1001, ack: siss + 1, data: bytes(1000, 2) });
  assert.equal(p.take()[0].ack, 1, "dup ACK");
  assert.equal(p.stack.events.length, 0);
  p.send({ flags: ACK, seq: 1, ack: siss + 1, data: bytes(1000, 1) });
  assert.deepEqual(
    p.stack.events.map((e) => e.type),
    ["recv", "recv", "dead"],
    "both segments in order, then the queued FIN",
  );
  assert.equal(p.take().at(-1)?.ack, 2002);
});

test("three duplicate ACKs trigger fast retransmit; NewReno partial ACK resends the next hole", () => {
  const p = new TestPeer();
  const { handle, siss } = p.establishPassive(0, { mss: 1000 });
  p.stack.sendv(handle, [bytes(8000)]);
  const first = p.take();
  assert.equal(first.length, 8);
  for (let i = 0; i < 3; i++) p.send({ flags: ACK, seq: 1, ack: siss + 1 });
  const [rexmit] = p.take();
  assert.equal(rexmit.seq, siss + 1);
  assert.equal(p.stack.counters.tcpFastRetransmits, 1);
  p.send({ flags: ACK, seq: 1, ack: siss + 1001 }); // partial: segment 2 lost too
  const [second] = p.take().filter((s) => s.data.length > 0);
  assert.equal(second.seq, siss + 1001);
  p.send({ flags: ACK, seq: 1, ack: siss + 8001 });
  assert.equal(tcbOf(p.stack, handle)?.cc.inRecovery, false);
});

test("Nagle (opt-in) holds small segments while data is in flight", () => {
  const p = new TestPeer({ tcp: { nagle: true } });
  const { handle, siss } = p.establishPassive(0);
  p.stack.sendv(handle, [bytes(10)]);
  assert.equal(p.take().length, 1);
  p.stack.sendv(handle, [bytes(10)]);
  assert.equal(p.take().length, 0, "held");
  p.send({ flags: ACK, seq: 1, ack: siss + 11 });
  assert.equal(p.take()[0].data.length, 10, "released by the ACK");
  void PEER_IP;
});
