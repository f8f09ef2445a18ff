// Credits that wait for the next TxBurst with frames (credit-hold.ts): the
// rule on its own, then on a whole core (harness.ts) whose NIC states a
// bound of 2 bursts in flight, as the real NIC's default. Nothing depends on
// time: the manual clock only moves when a test says so.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ix } from "@ix/proto";
import { CreditHold } from "../src/credit-hold.ts";
import { TestWire, HOST_IP } from "./harness.ts";

const K = ix.SyscallKind;
const E = ix.EventKind;

test("CreditHold: holds below the NIC's bound with an empty ring, gives everything back otherwise", () => {
  const h = new CreditHold();
  h.burstArrived(2);
  assert.equal(h.take(1, false, true), 0, "1 burst of 2 held: the NIC can still send one");
  assert.equal(h.held, 1);
  assert.equal(h.take(0, true, true), 1, "the next TxBurst with frames carries it");
  h.burstArrived(2);
  assert.equal(h.take(3, false, true), 0);
  h.burstArrived(2);
  assert.equal(h.take(2, false, true), 5, "a second burst while one is held: the NIC would wait, so all go");
  h.burstArrived(2);
  assert.equal(h.take(1, false, false), 1, "frames still in the ring: no hold");
  h.burstArrived(2);
  assert.equal(
    h.take(1, false, true),
    1,
    "the last return left frames in the ring (the NIC's count is not known exactly): no hold until a clean return",
  );
  h.burstArrived(2);
  assert.equal(h.take(1, false, true), 0, "after a clean return: holds again");
  assert.equal(h.take(0, false, true), 0, "nothing new: still held, nothing sent");
  const unknown = new CreditHold();
  unknown.burstArrived(0);
  assert.equal(unknown.take(1, false, true), 1, "a NIC that states no bound: never hold");
  const one = new CreditHold();
  one.burstArrived(1);
  assert.equal(one.take(1, false, true), 1, "one burst in flight: holding would stop the NIC");
  assert.equal(h.heldCycles, 3, "cycles that consumed descriptors and held them");
});

/** One core listening on UDP 5353 behind a NIC that states `burstsInFlight`; ARP resolved, the app quiet. */
function udpCore(burstsInFlight: number) {
  const w = new TestWire({ cores: 1, burstsInFlight });
  const c = w.cores[0];
  w.peer.udpListen(40000); // the peer takes the answers (no ICMP port unreachable back)
  c.syscalls(1, [{ kind: K.SYS_UDP_LISTEN, port: 5353 }]);
  w.settle();
  w.peer.udpSend(40000, HOST_IP, 5353, new Uint8Array([0]), 1);
  w.settle();
  // Whatever was held so far leaves with a datagram the app sends (so the test starts from a clean return).
  c.syscalls(2, [
    { kind: K.SYS_UDP_SEND, port: 5353, ip: w.peer.ip, port2: 40000, bufs: [new Uint8Array([1])] },
  ]);
  w.settle();
  c.tx.length = 0;
  c.events.length = 0;
  return { w, c };
}

test("a request's credit rides with its answer's TxBurst: no credit-only TxBurst at low load", () => {
  const { w, c } = udpCore(2);
  w.peer.udpSend(40000, HOST_IP, 5353, new Uint8Array([7]), 1);
  w.settle();
  assert.ok(
    c.allEvents().some((e) => e.kind === E.EV_UDP_RECV),
    "the datagram reached the app",
  );
  assert.equal(c.tx.length, 0, "no TxBurst for a cycle that had only a credit to give back");
  assert.equal(c.core.credits.held, 1);
  c.syscalls(3, [
    { kind: K.SYS_UDP_SEND, port: 5353, ip: w.peer.ip, port2: 40000, bufs: [new Uint8Array([8])] },
  ]);
  w.settle();
  assert.equal(c.tx.length, 1, "one TxBurst: the answer");
  assert.equal(c.tx[0].frames.length, 1);
  assert.equal(c.tx[0].credits, 1, "carrying the request's credit");
  assert.equal(c.core.credits.held, 0);
});

test("a second burst while a credit is held: both credits go at once (the NIC's queue never closes)", () => {
  const { w, c } = udpCore(2);
  w.peer.udpSend(40000, HOST_IP, 5353, new Uint8Array([1]), 1);
  w.settle();
  assert.equal(c.tx.length, 0, "the first credit held");
  w.peer.udpSend(40000, HOST_IP, 5353, new Uint8Array([2]), 1);
  w.settle();
  assert.deepEqual(
    c.tx.map((t) => [t.frames.length, t.credits]),
    [[0, 2]],
    "a credit-only TxBurst for both bursts",
  );
});

test("a NIC that states no bound gets every cycle's credits at once, as before", () => {
  const { w, c } = udpCore(0);
  w.peer.udpSend(40000, HOST_IP, 5353, new Uint8Array([7]), 1);
  w.settle();
  assert.deepEqual(
    c.tx.map((t) => [t.frames.length, t.credits]),
    [[0, 1]],
  );
});
