// Flow groups: ephemeral ports probed so replies land in an owned group,
// handles encode the group, export/import carries connections in any state
// together with their undelivered events and timers.

import assert from "node:assert/strict";
import { test } from "node:test";
import { TcpState } from "../src/tcp/tcb.ts";
import { HANDLE_FG_SCALE } from "../src/handle.ts";
import { ACK, FIN, PEER_IP, STACK_IP, TestPeer, bytes, tcbOf } from "./tcp-peer.ts";

test("connect picks ports whose reverse tuple hashes to an owned group", () => {
  const owned = [3, 77];
  const p = new TestPeer({ ownedFlowGroups: owned });
  for (let i = 0; i < 20; i++) {
    const h = p.stack.connect(PEER_IP, 80 + i, i);
    assert.ok(h > 0);
    const fg = Math.floor(h / HANDLE_FG_SCALE);
    assert.ok(owned.includes(fg));
    const t = tcbOf(p.stack, h)!;
    assert.equal(
      p.stack.flowGroupOf(PEER_IP, STACK_IP, 80 + i, t.localPort),
      fg,
      "handle's group = RSS group of replies",
    );
  }
  assert.equal(p.stack.connectionCount(), 20);
});

test("export moves every state, unacked data, out-of-order data, events; import resumes", () => {
  const p = new TestPeer();
  const { handle, siss } = p.establishPassive(1000);
  p.stack.sendv(handle, [bytes(3000)]);
  p.take();
  p.send({ flags: ACK, seq: 3001, ack: siss + 1, data: bytes(500, 9) }); // out of order
  p.send({ flags: ACK, seq: 1001, ack: siss + 1, data: bytes(100, 4) }); // in order: a recv event left undrained
  const fg = Math.floor(handle / HANDLE_FG_SCALE);
  const before = tcbOf(p.stack, handle)!;
  const rto = before.rtoAt;
  assert.equal(p.stack.events.length, 1);
  const blob = p.stack.exportFlowGroup(fg);
  assert.equal(p.stack.events.length, 0, "the group's events left with it");
  assert.equal(p.stack.connectionCount(), 0);

  const q = new TestPeer({ ownedFlowGroups: [] });
  q.now = p.now;
  assert.deepEqual(q.stack.connectionsOf(fg), []);
  assert.equal(q.stack.importFlowGroup(blob), fg);
  assert.deepEqual(q.stack.connectionsOf(fg), [{ handle, cookie: 5 }]);
  const t = tcbOf(q.stack, handle)!;
  assert.equal(t.state, TcpState.Established);
  assert.equal(t.sndBuf.length, 3000);
  assert.equal(t.ooo.count, 1);
  assert.equal(t.rtoAt, rto, "deadline preserved (same clock)");
  const ev = q.stack.events[0];
  assert.ok(ev.type === "recv" && ev.data.length === 100 && ev.handle === handle && ev.cookie === 5);
  // The new owner carries on: fill the hole, the queued segment follows.
  q.send({ flags: ACK, seq: 1101, ack: siss + 3001, data: bytes(1900, 7) });
  const recvd = q.stack.events
    .filter((e) => e.type === "recv")
    .reduce((n, e) => n + (e.type === "recv" ? e.data.length : 0), 0);
  assert.equal(recvd, 100 + 1900 + 500);
  assert.equal(q.take().at(-1)?.ack, 3501);
  assert.equal(q.stack.recvDone(handle, 2500), 0);
});

test("a connection in TIME_WAIT travels too, as its record with the time it has left", () => {
  const p = new TestPeer();
  const { handle } = p.establishPassive(1000);
  p.stack.close(handle);
  const [fin] = p.take();
  p.send({ flags: ACK | FIN, seq: 1001, ack: fin.seq + 1 });
  assert.equal(tcbOf(p.stack, handle), undefined);
  assert.equal(p.stack.timeWaitCount(), 1);
  const fg = Math.floor(handle / HANDLE_FG_SCALE);
  assert.equal(p.stack.disownFlowGroup(fg), -16, "a group holding a TIME-WAIT record is not empty");
  const q = new TestPeer({ ownedFlowGroups: [] });
  q.now = p.now;
  q.stack.importFlowGroup(p.stack.exportFlowGroup(fg));
  assert.equal(p.stack.timeWaitCount(), 0);
  assert.equal(q.stack.timeWaitCount(), 1);
  q.runUntil(q.now + 60_000_000);
  assert.equal(q.stack.timeWaitCount(), 0, "its 2*MSL ran out on the new owner");
});
