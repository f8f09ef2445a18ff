// The closing states after the server closes first (memcached after `quit`):
// TIME-WAIT as a compact record for 2*MSL (RFC 9293 3.10.7.4), retransmitted
// FINs re-acknowledged, reuse by a higher SYN (RFC 1122 4.2.2.13, RFC 6191),
// RST ignored (RFC 1337), migration with the flow group, the FIN-WAIT-2 and
// orphan-retransmission bounds. Simulated time only.

import assert from "node:assert/strict";
import { test } from "node:test";
import { TimeWaitRecord, TimeWaitTable } from "../src/tcp/time-wait-table.ts";
import { ACK, FIN, RST, SYN, TestPeer, tcbOf } from "./tcp-peer.ts";

const MSL2 = 60_000_000;

/**
 * The stack (port 80) accepts a connection from the peer (ISN 1000) and the
 * app closes it first; the peer acknowledges the FIN and sends its own, which
 * the stack acknowledges: TIME-WAIT. Returns the stack's ISS and when the
 * peer's FIN arrived.
 */
function serverClosesFirst(p: TestPeer): { siss: number; finAt: number } {
  const before = p.stack.timeWaitCount();
  p.learnArp();
  const { handle, siss } = p.establishPassive(1000);
  assert.equal(p.stack.close(handle), 0);
  const [fin] = p.take();
  assert.deepEqual([fin.flags, fin.seq], [FIN | ACK, siss + 1], "the server's FIN");
  p.send({ flags: ACK, seq: 1001, ack: siss + 2 });
  assert.equal(tcbOf(p.stack, handle)?.state !== undefined, true, "FIN_WAIT_2 keeps the TCB");
  p.send({ flags: FIN | ACK, seq: 1001, ack: siss + 2 });
  const [ack] = p.take();
  assert.deepEqual([ack.flags, ack.seq, ack.ack], [ACK, siss + 2, 1002], "the client's FIN is ACKed");
  assert.equal(tcbOf(p.stack, handle), undefined, "TIME-WAIT holds no TCB");
  assert.equal(p.stack.connectionCount(), 0);
  assert.equal(p.stack.timeWaitCount(), before + 1);
  return { siss, finAt: p.now };
}

/** The peer retransmits its FIN (our ACK was lost); returns what the stack answered. */
function retransmitFin(p: TestPeer, siss: number) {
  p.learnArp(); // the stack's ARP entry for us may have aged out over the minutes simulated
  p.send({ flags: FIN | ACK, seq: 1001, ack: siss + 2 });
  return p.take();
}

test("a FIN retransmitted 2 s and 30 s after the server's close is ACKed, not reset", () => {
  const p = new TestPeer();
  const { siss } = serverClosesFirst(p);
  for (const at of [2_000_000, 30_000_000]) {
    p.runUntil(at);
    const out = retransmitFin(p, siss);
    assert.equal(out.length, 1, `one answer at ${at} us`);
    assert.deepEqual([out[0].flags, out[0].seq, out[0].ack], [ACK, siss + 2, 1002], `ACK at ${at} us`);
  }
  assert.equal(p.stack.counters.tcpResetsSent, 0);
  assert.equal(p.stack.counters.tcpTimeWaitAcks, 2);
  assert.equal(p.stack.timeWaitCount(), 1);
});

test("TIME-WAIT ends 2*MSL after the last FIN; a later FIN draws a RST", () => {
  const p = new TestPeer();
  const { siss, finAt } = serverClosesFirst(p);
  assert.equal(p.stack.nextDeadline(), finAt + MSL2, "the record's deadline is the next timer");
  p.runUntil(finAt + MSL2 - 1);
  assert.equal(p.stack.timeWaitCount(), 1, "not one microsecond early");
  // A retransmitted FIN restarts the 2*MSL (RFC 9293 3.10.7.4).
  const restartAt = p.now;
  assert.equal(retransmitFin(p, siss)[0].flags, ACK);
  p.runUntil(restartAt + MSL2 - 1);
  assert.equal(p.stack.timeWaitCount(), 1, "restarted by the FIN");
  p.runUntil(restartAt + MSL2);
  assert.equal(p.stack.timeWaitCount(), 0, "gone at 2*MSL");
  assert.equal(p.stack.nextDeadline(), Infinity);
  const [rst] = retransmitFin(p, siss);
  assert.deepEqual([rst.flags, rst.seq], [RST, siss + 2], "no state left: RST (RFC 9293 3.10.7.1)");
});

test("a SYN above RCV.NXT reopens the TIME-WAIT tuple; a SYN at or below it does not", () => {
  const p = new TestPeer();
  const { siss } = serverClosesFirst(p);
  p.runUntil(5_000_000);
  // Old duplicate (ISN below RCV.NXT 1002) and one exactly at it: ACK, record kept.
  for (const isn of [500, 1002]) {
    p.send({ flags: SYN, seq: isn, options: { mss: 1460 } });
    const out = p.take();
    assert.equal(out.length, 1);
    assert.deepEqual([out[0].flags, out[0].seq, out[0].ack], [ACK, siss + 2, 1002], `ISN ${isn}: ACK`);
    assert.equal(p.stack.timeWaitCount(), 1, `ISN ${isn}: record kept`);
    assert.equal(p.stack.events.length, 0);
  }
  // A new incarnation: ISN above the old RCV.NXT.
  p.send({ flags: SYN, seq: 90_000, options: { mss: 1460 } });
  const [synack] = p.take();
  assert.equal(synack.flags, SYN | ACK);
  assert.equal(synack.ack, 90_001);
  assert.equal(synack.seq, (siss + 2 + 65537) >>> 0, "ISS above all the old incarnation sent");
  assert.equal(p.stack.timeWaitCount(), 0, "the record is dropped");
  p.send({ flags: ACK, seq: 90_001, ack: synack.seq + 1 });
  const knock = p.stack.events.find((e) => e.type === "knock");
  assert.ok(knock !== undefined, "the new connection is established and knocks");
  assert.equal(p.stack.connectionCount(), 1);
  assert.equal(p.stack.counters.tcpTimeWaitReopened, 1);
});

test("RST in TIME-WAIT is ignored (RFC 1337); with rfc1337 off an exact RST ends it (RFC 9293)", () => {
  const p = new TestPeer();
  serverClosesFirst(p);
  p.send({ flags: RST, seq: 1002 });
  assert.equal(p.take().length, 0);
  assert.equal(p.stack.timeWaitCount(), 1, "TIME-WAIT assassination refused");
  assert.equal(p.stack.counters.dropTcpTimeWaitRst, 1);

  const q = new TestPeer({ tcp: { rfc1337: false } });
  const { siss } = serverClosesFirst(q);
  q.send({ flags: RST, seq: 5000 });
  const [challenge] = q.take();
  assert.deepEqual([challenge.flags, challenge.seq, challenge.ack], [ACK, siss + 2, 1002], "RFC 5961");
  assert.equal(q.stack.timeWaitCount(), 1);
  q.send({ flags: RST, seq: 1002 });
  assert.equal(q.stack.timeWaitCount(), 0);
});

test("TIME-WAIT records migrate with their flow group and keep their deadline", () => {
  const p = new TestPeer();
  const { siss, finAt } = serverClosesFirst(p);
  p.runUntil(10_000_000);
  const fg = p.stack.ownedFlowGroups().find((g) => p.stack.groups[g]?.timeWait.size === 1)!;
  const blob = p.stack.exportFlowGroup(fg);
  assert.equal(p.stack.timeWaitCount(), 0, "the old owner keeps nothing");
  const q = new TestPeer({ ownedFlowGroups: [] });
  q.now = p.now;
  assert.equal(q.stack.importFlowGroup(blob), fg);
  assert.equal(q.stack.timeWaitCount(), 1);
  assert.equal(q.stack.nextDeadline(), finAt + MSL2, "deadline preserved (same clock)");
  q.runUntil(20_000_000);
  const [ack] = retransmitFin(q, siss);
  assert.deepEqual([ack.flags, ack.seq, ack.ack], [ACK, siss + 2, 1002], "the new owner ACKs the FIN");
  q.runUntil(20_000_000 + MSL2);
  assert.equal(q.stack.timeWaitCount(), 0);
});

test("many records: each costs a table entry, expires at its own deadline, restarts move it", () => {
  const p = new TestPeer({ maxConnections: 10_000 });
  p.stack.listen(80);
  const n = 2000;
  const sisses: number[] = [];
  for (let i = 0; i < n; i++) {
    p.now = i * 10; // 10 us apart
    p.port = 20000 + i;
    const { siss } = serverClosesFirst(p);
    sisses.push(siss);
  }
  assert.equal(p.stack.timeWaitCount(), n);
  assert.equal(p.stack.connectionCount(), 0);
  // Restart every tenth record at 30 s.
  p.runUntil(30_000_000);
  for (let i = 0; i < n; i += 10) {
    p.port = 20000 + i;
    assert.equal(retransmitFin(p, sisses[i])[0].flags, ACK);
  }
  p.runUntil(MSL2 + n * 10);
  assert.equal(p.stack.timeWaitCount(), n / 10, "only the restarted records remain");
  p.runUntil(30_000_000 + MSL2);
  assert.equal(p.stack.timeWaitCount(), 0);
});

test("past maxTimeWait a closing connection skips TIME-WAIT, counted", () => {
  const p = new TestPeer({ tcp: { maxTimeWait: 1 } });
  serverClosesFirst(p);
  p.port++;
  const { handle, siss } = p.establishPassive(1000);
  p.stack.close(handle);
  p.take();
  p.send({ flags: ACK, seq: 1001, ack: siss + 2 });
  p.send({ flags: FIN | ACK, seq: 1001, ack: siss + 2 });
  assert.equal(p.take()[0].ack, 1002, "the FIN is still ACKed");
  assert.equal(p.stack.timeWaitCount(), 1);
  assert.equal(p.stack.counters.tcpTimeWaitOverflows, 1);
});

test("TimeWaitTable keeps deadline order across restarts and out-of-order (imported) inserts", () => {
  const t = new TimeWaitTable();
  const rec = (port: number, at: number) =>
    new TimeWaitRecord({
      remoteIp: 1,
      remotePort: port,
      localPort: 80,
      sndNxt: 0,
      rcvNxt: 0,
      window: 0,
      expiresAt: at,
    });
  const a = rec(1, 100);
  const b = rec(2, 300);
  const c = rec(3, 200); // inserted after b with an earlier deadline
  const d = rec(3, 250);
  d.localPort = 81; // same remote as c, other local port
  for (const r of [a, b, c, d]) t.add(r);
  assert.deepEqual(
    [...t.records()].map((r) => r.expiresAt),
    [100, 200, 250, 300],
  );
  assert.equal(t.lookup(1, 3, 80), c);
  assert.equal(t.lookup(1, 3, 81), d);
  assert.equal(t.lookup(1, 3, 82), undefined);
  t.restart(a, 400);
  assert.equal(t.nextDeadline(), 200);
  assert.equal(t.expire(260), 2);
  assert.equal(t.lookup(1, 3, 80), undefined);
  assert.equal(t.lookup(1, 3, 81), undefined);
  assert.deepEqual(
    [...t.records()].map((r) => r.remotePort),
    [2, 1],
  );
  assert.equal(t.expire(400), 2);
  assert.equal(t.size, 0);
  assert.equal(t.nextDeadline(), Infinity);
});

test("FIN-WAIT-2 after the app's close ends silently after finWait2Us (Linux tcp_fin_timeout)", () => {
  const p = new TestPeer();
  const { handle, siss } = p.establishPassive(1000);
  p.stack.close(handle);
  p.take();
  p.send({ flags: ACK, seq: 1001, ack: siss + 2 });
  const at = p.now;
  p.runUntil(at + 60_000_000 - 1);
  assert.notEqual(tcbOf(p.stack, handle), undefined, "still waiting for the peer's FIN");
  p.runUntil(at + 60_000_000);
  assert.equal(tcbOf(p.stack, handle), undefined);
  assert.equal(p.take().length, 0, "nothing sent on expiry");
  assert.equal(p.stack.timeWaitCount(), 0);
});

test("LAST-ACK with a silent peer: the FIN is retransmitted orphanRetries times, then RST", () => {
  const p = new TestPeer();
  const { handle, siss } = p.establishPassive(1000);
  p.send({ flags: FIN | ACK, seq: 1001, ack: siss + 1 }); // client closes first
  p.take();
  p.stack.close(handle); // LAST_ACK
  const [fin] = p.take();
  assert.equal(fin.flags, FIN | ACK);
  let fins = 0;
  let rst = 0;
  for (let i = 0; i < 50 && p.stack.connectionCount() > 0; i++) {
    p.now = p.stack.nextDeadline();
    p.learnArp();
    p.stack.poll();
    for (const s of p.take()) {
      if (s.flags & FIN) fins++;
      if (s.flags & RST) rst++;
    }
  }
  assert.equal(fins, 8, "tcp_orphan_retries' effective default");
  assert.equal(rst, 1);
  assert.equal(p.stack.connectionCount(), 0);
  assert.equal(p.stack.counters.tcpOrphansAborted, 1);
});
