// IX's run_io alternation between an elastic thread and its app, and what
// the core sends the NIC per cycle, on a whole core driven synchronously
// (harness.ts: real Stack, the NIC's classifier, a peer Stack, a manual
// clock). The app is played by the test (autoReturn off): it returns from
// run_io by sending a SyscallBatch, or does not.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ix } from "@ix/proto";
import type { RxFrame } from "@ix/bus";
import { TcpFlag } from "@ix/netstack";
import { TestWire, HOST_IP, tcpFlags, type RecordedCore } from "./harness.ts";
import { RxQueue } from "../src/rx-queue.ts";
import { MbufPool } from "../src/mbuf-pool.ts";
import { EventOutbox } from "../src/event-outbox.ts";

const K = ix.SyscallKind;
const E = ix.EventKind;
const RETURN_MS = 50;

/** One core whose app listens on UDP 5353 and TCP 7 (ARP resolved); the app answers nothing by itself. */
function core(returnMs = RETURN_MS): { w: TestWire; c: RecordedCore } {
  const w = new TestWire({ cores: 1, extra: ["--app-return-timeout-ms", String(returnMs)] });
  const c = w.cores[0];
  c.syscalls(1, [
    { kind: K.SYS_UDP_LISTEN, port: 5353 },
    { kind: K.SYS_LISTEN, port: 7 },
  ]);
  w.settle();
  w.peer.udpSend(40000, HOST_IP, 5353, new Uint8Array([0]), 1);
  w.settle(); // the app (autoReturn) answered that datagram's batch
  c.autoReturn = false;
  c.events.length = 0;
  c.tx.length = 0;
  return { w, c };
}

/** The app returns from run_io with no call (what libix sends when it made none). */
function returnFromRunIo(c: RecordedCore, seq: number): void {
  c.syscalls(seq, []);
}

const udpData = (c: RecordedCore): number[][] =>
  c.events.map((b) => b.events.filter((e) => e.kind === E.EV_UDP_RECV).map((e) => e.data?.[0] ?? -1));

test("the core withholds the next EventBatch until the app returns, keeps cycling meanwhile, then sends the carried events as one batch", () => {
  const { w, c } = core();
  w.peer.udpSend(40000, HOST_IP, 5353, new Uint8Array([1]), 1);
  w.settle();
  assert.deepEqual(udpData(c), [[1]], "nothing owed: the first batch leaves at once");
  for (let i = 2; i <= 4; i++) {
    w.peer.udpSend(40000, HOST_IP, 5353, new Uint8Array([i]), 1);
    w.settle();
  }
  assert.equal(c.events.length, 1, "no second batch while the app has not returned");
  assert.equal(c.core.outbox.pending, 3, "the events are carried");
  assert.deepEqual(
    c.tx.map((t) => t.credits),
    [1, 1, 1, 1],
    "every frame was processed (and credited) in its own cycle meanwhile",
  );
  assert.deepEqual(w.time.timerDelays, [RETURN_MS * 1000], "the only wake-up: the return timeout");
  returnFromRunIo(c, 10);
  w.settle();
  assert.deepEqual(udpData(c), [[1], [2, 3, 4]], "carried events leave together, in order");
  assert.equal(c.events[1].resultsSeq, 0, "an empty return has no return codes to send back");
  assert.equal(c.core.outbox.lateReturns, 0);
  // The app returns again with nothing pending: nothing is sent (no empty EventBatch).
  returnFromRunIo(c, 11);
  w.settle();
  assert.equal(c.events.length, 2);
});

test("a batch of return codes alone is not a run_io round: the app owes nothing for it", () => {
  const { w, c } = core();
  c.syscalls(5, [
    { kind: K.SYS_UDP_SEND, port: 5353, ip: w.peer.ip, port2: 40000, bufs: [new Uint8Array([9])] },
  ]);
  w.settle();
  assert.equal(c.events.length, 1);
  assert.deepEqual(c.events[0].results, [1]);
  assert.equal(
    c.core.outbox.awaitingReturn,
    false,
    "an EV_UDP_SENT alone is a completion, not a return to user space (owesReturn)",
  );
  c.syscalls(7, [{ kind: K.SYS_LISTEN, port: 7 }]); // EADDRINUSE, no event
  w.settle();
  assert.equal(c.events.length, 2);
  assert.deepEqual(c.events[1].events, [], "return codes only");
  assert.deepEqual(c.events[1].results, [-ix.Errno.EADDRINUSE]);
  assert.equal(c.core.outbox.awaitingReturn, false, "codes alone: the app owes no return");
  w.peer.udpSend(40000, HOST_IP, 5353, new Uint8Array([3]), 1);
  w.settle();
  assert.deepEqual(udpData(c).at(-1), [3], "so the next event leaves at once");
});

test("while the app has not returned TCP keeps ACKing in-order data; the recv events wait and then leave together", () => {
  const { w, c } = core();
  const peerHandle = w.peer.connect(HOST_IP, 7, 42);
  w.settle();
  const knock = c.events.flatMap((b) => b.events).find((e) => e.kind === E.EV_KNOCK);
  assert.ok(knock, "knock delivered");
  c.syscalls(20, [{ kind: K.SYS_ACCEPT, handle: knock.handle, cookie: 77 }]);
  w.settle();
  const delivered = c.events.length;
  // The app now owes nothing... the peer's first segment goes out as a batch, the rest wait.
  const text = (s: string): Uint8Array => new TextEncoder().encode(s);
  w.peer.sendv(peerHandle, [text("one ")]);
  w.settle();
  assert.equal(c.events.length, delivered + 1, "first recv delivered");
  c.tx.length = 0;
  for (const s of ["two ", "three ", "four"]) {
    w.peer.sendv(peerHandle, [text(s)]);
    w.settle();
  }
  assert.equal(c.events.length, delivered + 1, "no batch while the app is inside its event handlers");
  const acks = c.tx.flatMap((t) => t.frames).filter((f) => (tcpFlags(f) & TcpFlag.ACK) !== 0);
  assert.ok(acks.length >= 1, "the core ACKed the segments meanwhile");
  assert.equal(w.peer.counters.tcpRetransmits, 0, "nothing the peer had to retransmit");
  returnFromRunIo(c, 21);
  w.settle();
  const last = c.events.at(-1)!;
  assert.deepEqual(
    last.events.map((e) => new TextDecoder().decode(e.data ?? new Uint8Array(0))),
    ["two ", "three ", "four"],
    "the three recvs in one batch, in order",
  );
});

test("an app that does not return is treated as slow after the timeout: events flow again, RX and TX never stopped", () => {
  const { w, c } = core();
  w.peer.udpSend(40000, HOST_IP, 5353, new Uint8Array([1]), 1);
  w.settle();
  w.peer.udpSend(40000, HOST_IP, 5353, new Uint8Array([2]), 1);
  w.settle();
  assert.equal(c.events.length, 1);
  w.time.advance(RETURN_MS * 1000 - 1);
  w.settle();
  assert.equal(c.events.length, 1, "not before the timeout");
  w.time.advance(1);
  w.settle();
  assert.deepEqual(udpData(c), [[1], [2]], "delivered at the timeout");
  assert.equal(c.core.outbox.lateReturns, 1, "counted");
  // Slow app: every cycle delivers, as to an app outside run_io; credits keep flowing to the NIC.
  const txBefore = c.tx.length;
  for (let i = 3; i <= 5; i++) {
    w.peer.udpSend(40000, HOST_IP, 5353, new Uint8Array([i]), 1);
    w.settle();
  }
  assert.deepEqual(udpData(c), [[1], [2], [3], [4], [5]]);
  assert.equal(c.tx.length - txBefore, 3, "each datagram processed and credited");
  assert.equal(c.core.outbox.lateReturns, 1, "one late return, not one per batch");
  // Once the app answers, run_io holds again.
  returnFromRunIo(c, 30);
  w.settle();
  w.peer.udpSend(40000, HOST_IP, 5353, new Uint8Array([6]), 1);
  w.settle();
  w.peer.udpSend(40000, HOST_IP, 5353, new Uint8Array([7]), 1);
  w.settle();
  assert.deepEqual(udpData(c).slice(5), [[6]], "7 waits for the app's return again");
});

test("one TxBurst per cycle carries the frames, the credits and B", () => {
  const w = new TestWire({ cores: 1, batch: 4 });
  const c = w.cores[0];
  c.syscalls(1, [{ kind: K.SYS_UDP_LISTEN, port: 5353 }]);
  w.settle();
  w.peer.udpSend(40000, HOST_IP, 5353, new Uint8Array([0]), 1);
  w.settle();
  c.tx.length = 0;
  for (let i = 1; i <= 6; i++) w.peer.udpSend(40000, HOST_IP, 5353, new Uint8Array([i]), 1);
  w.pump();
  c.syscalls(2, [
    { kind: K.SYS_UDP_SEND, port: 5353, ip: w.peer.ip, port2: 40000, bufs: [new Uint8Array([1])] },
  ]);
  w.time.runImmediates();
  assert.equal(c.tx.length, 1, "one message to the NIC for the cycle");
  assert.equal(c.tx[0].frames.length, 1, "the datagram sent");
  assert.equal(c.tx[0].credits, 4, "and the 4 descriptors consumed");
  assert.equal(c.tx[0].batchLimit, 4, "and B, which bounds the NIC's next burst");
});

test("frames a migration takes out of the RX ring are credited like processed ones", () => {
  const q = new RxQueue(8, new MbufPool(64));
  const f = (fg: number): RxFrame => ({ data: new Uint8Array(1), rxTimeUs: 0, rssHash: 1, flowGroup: fg });
  for (const fg of [1, 2, 1, 3]) q.push(f(fg));
  assert.equal(q.extract(new Set([1])).length, 2);
  assert.equal(q.takeReleased(), 2, "the two extracted descriptors are owed to the NIC");
  assert.equal(q.takeReleased(), 0, "once");
  assert.equal(q.length, 2);
});

test("the hand-encoded EventBatch decodes as protobufjs's for every kind of event condition", async () => {
  const { EventBatchWriter } = await import("../src/events.ts");
  const w = new EventBatchWriter();
  w.begin(2, 41);
  const data = new Uint8Array(300).fill(5);
  w.stackEvent({ type: "knock", handle: 2 ** 33 + 1, srcIp: 0x0a4d0001, srcPort: 40000, dstPort: 7 });
  w.stackEvent({ type: "connected", cookie: 3, handle: 4, ok: false });
  w.stackEvent({ type: "recv", cookie: 5, handle: 6, data });
  w.stackEvent({ type: "sent", cookie: 7, handle: 8, bytes: 100, window: 65535 });
  w.stackEvent({ type: "dead", cookie: 9, handle: 10, reason: "fin" });
  w.stackEvent({ type: "dead", cookie: 11, handle: 12, reason: "timeout" });
  w.stackEvent({ type: "udpRecv", srcIp: 1, srcPort: 2, dstPort: 3, data: new Uint8Array([1]) });
  w.stackEvent({ type: "udpSent", cookie: 13 });
  w.event({ kind: E.EV_MOVED, handle: 14, cookie: 15, value: 1, afterSeq: 2 ** 40 + 3, afterSession: 77 });
  const b = ix.EventBatch.decode(w.end(40, [0, -ix.Errno.EBADF, 1500]));
  assert.equal(b.core, 2);
  assert.equal(b.seq, 41);
  assert.equal(b.resultsSeq, 40);
  assert.deepEqual(b.results, [0, -ix.Errno.EBADF, 1500]);
  // EV_MOVED's mark (after_seq, after_session) is checked on its own below.
  const o = (e: ix.IEvent) => {
    const {
      afterSeq: _seq,
      afterSession: _session,
      ...rest
    } = ix.Event.toObject(e as ix.Event, { defaults: true });
    return { ...rest, data: [...(e.data ?? [])] };
  };
  assert.deepEqual(b.events.map(o), [
    {
      kind: E.EV_KNOCK,
      handle: 2 ** 33 + 1,
      cookie: 0,
      data: [],
      ip: 0x0a4d0001,
      port: 40000,
      port2: 7,
      value: 0,
      window: 0,
    },
    {
      kind: E.EV_CONNECTED,
      handle: 4,
      cookie: 3,
      data: [],
      ip: 0,
      port: 0,
      port2: 0,
      value: -ix.Errno.ECONNREFUSED,
      window: 0,
    },
    { kind: E.EV_RECV, handle: 6, cookie: 5, data: [...data], ip: 0, port: 0, port2: 0, value: 0, window: 0 },
    { kind: E.EV_SENT, handle: 8, cookie: 7, data: [], ip: 0, port: 0, port2: 0, value: 100, window: 65535 },
    { kind: E.EV_RECV, handle: 10, cookie: 9, data: [], ip: 0, port: 0, port2: 0, value: 0, window: 0 },
    {
      kind: E.EV_DEAD,
      handle: 12,
      cookie: 11,
      data: [],
      ip: 0,
      port: 0,
      port2: 0,
      value: ix.DeadReason.DEAD_TIMEOUT,
      window: 0,
    },
    { kind: E.EV_UDP_RECV, handle: 0, cookie: 0, data: [1], ip: 1, port: 2, port2: 3, value: 0, window: 0 },
    { kind: E.EV_UDP_SENT, handle: 0, cookie: 13, data: [], ip: 0, port: 0, port2: 0, value: 0, window: 0 },
    { kind: E.EV_MOVED, handle: 14, cookie: 15, data: [], ip: 0, port: 0, port2: 0, value: 1, window: 0 },
  ]);
  assert.deepEqual(
    b.events.map((e) => [e.afterSeq, e.afterSession]),
    [...Array<number[]>(8).fill([0, 0]), [2 ** 40 + 3, 77]],
    "only EV_MOVED carries a mark",
  );
});

test("while the app owes a return the core's timers still run: a lost segment is retransmitted", () => {
  const { w, c } = core(10_000); // the app is not treated as slow during the test
  const peerHandle = w.peer.connect(HOST_IP, 7, 42);
  w.settle();
  const knock = c.events.flatMap((b) => b.events).find((e) => e.kind === E.EV_KNOCK);
  assert.ok(knock, "knock delivered");
  c.syscalls(20, [{ kind: K.SYS_ACCEPT, handle: knock.handle, cookie: 77 }]);
  w.settle();
  // The peer's data makes a recv the app does not return from; the app's reply was sent just before.
  const toPeer = c.onTx;
  c.onTx = () => undefined; // the wire loses what the core sends from now on
  c.syscalls(21, [{ kind: K.SYS_SENDV, handle: knock.handle, bufs: [new TextEncoder().encode("reply")] }]);
  w.settle();
  w.peer.sendv(peerHandle, [new TextEncoder().encode("ping")]);
  w.settle();
  assert.equal(c.core.outbox.awaitingReturn, true, "the app owes a return");
  const sentBefore = c.tx.flatMap((t) => t.frames).length;
  const retransmitsBefore = c.core.stack.counters.tcpRetransmits;
  // The clock moves in 10 ms steps (the thread's own timers wake it) until the RTO (1 s at most, RFC 6298) passed.
  for (let ms = 0; ms < 3000 && c.core.stack.counters.tcpRetransmits === retransmitsBefore; ms += 10) {
    w.time.advance(10_000);
    w.settle();
  }
  assert.ok(c.core.stack.counters.tcpRetransmits > retransmitsBefore, "the timer ran and retransmitted");
  assert.ok(c.tx.flatMap((t) => t.frames).length > sentBefore, "and the segment left for the NIC");
  assert.equal(c.core.outbox.awaitingReturn, true, "all while the app still owed its return");
  assert.equal(c.core.outbox.lateReturns, 0);
  c.onTx = toPeer;
});

test("the outbox never replaces one batch's return codes with the next's: codes still pending leave first, alone", () => {
  const sent: ix.EventBatch[] = [];
  const outbox = new EventOutbox({
    core: 0,
    stackEvents: { events: [] },
    publish: (bytes) => sent.push(ix.EventBatch.decode(bytes)),
    clock: () => 1,
  });
  outbox.setResults({ seq: 4, results: [1] });
  outbox.setResults({ seq: 5, results: [2, 3] });
  outbox.flush();
  assert.deepEqual(
    sent.map((b) => [b.resultsSeq, b.results, b.events.length]),
    [
      [4, [1], 0],
      [5, [2, 3], 0],
    ],
  );
  assert.equal(outbox.awaitingReturn, false, "codes alone are no return to user space");
});
