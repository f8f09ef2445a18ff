// IX's run-to-completion cycle (TOCS 2016 section 4.2), specified on a whole
// core driven synchronously: real Stack, the NIC's classifier and ARP offload,
// a peer Stack as the Linux client, a manual clock (harness.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { ix } from "@ix/proto";
import { TcpFlag } from "@ix/netstack";
import { TestWire, HOST_IP, PEER_IP, tcpFlags } from "./harness.ts";
import { EventOutbox, MAX_EVENTS_PER_CYCLE } from "../src/event-outbox.ts";

const K = ix.SyscallKind;
const E = ix.EventKind;

/** A wire with one core whose app listens on UDP `port` (listen already run). */
function udpCore(batch: number, port = 5353): TestWire {
  const w = new TestWire({ cores: 1, batch });
  w.cores[0].syscalls(1, [{ kind: K.SYS_UDP_LISTEN, port }]);
  w.settle();
  // ARP first: the peer resolves the host (the NIC answers), the core learns the peer.
  w.peer.udpSend(40000, HOST_IP, port, new Uint8Array([0]), 1);
  w.settle();
  return w;
}

test("a cycle takes at most B frames and returns exactly the credits it consumed", () => {
  const w = udpCore(4);
  const c = w.cores[0];
  c.tx.length = 0;
  c.events.length = 0;
  for (let i = 0; i < 10; i++) w.peer.udpSend(40000, HOST_IP, 5353, new Uint8Array([i + 1]), 1);
  w.pump();
  assert.equal(c.core.rx.length, 10, "all ten datagrams wait in the RX ring");
  assert.equal(w.time.immediateCount, 1, "the burst woke the thread once");
  w.time.runImmediates();
  assert.deepEqual(
    c.tx.map((t) => t.credits),
    [4],
    "first cycle: B = 4 frames, 4 credits",
  );
  assert.equal(c.core.rx.length, 6);
  assert.equal(w.time.immediateCount, 1, "frames left: the thread runs again without waiting for more");
  w.time.runImmediates();
  w.time.runImmediates();
  assert.deepEqual(
    c.tx.map((t) => t.credits),
    [4, 4, 2],
  );
  assert.equal(c.core.rx.length, 0);
  const data = c.allEvents().map((e) => (e.kind === E.EV_UDP_RECV ? e.data?.[0] : -1));
  assert.deepEqual(data, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "every datagram, once, in order");
  assert.deepEqual(
    c.events.map((b) => b.events.length),
    [4, 4, 2],
    "one EventBatch per cycle",
  );
});

test("syscalls run before RX: a listen and the SYN it answers in one cycle get a SYN-ACK, not a RST", () => {
  const w = udpCore(64);
  const c = w.cores[0];
  c.tx.length = 0;
  c.events.length = 0;
  w.peer.connect(HOST_IP, 7, 99);
  w.pump(); // the SYN waits in the ring
  c.syscalls(2, [{ kind: K.SYS_LISTEN, port: 7 }]); // and so does the listen
  assert.equal(w.time.immediateCount, 1);
  w.time.runImmediates();
  assert.equal(c.tx.length, 1);
  assert.deepEqual(c.tx[0].frames.map(tcpFlags), [TcpFlag.SYN | TcpFlag.ACK], "the SYN found the listener");
  assert.equal(c.core.stack.counters.tcpResetsSent, 0);
});

test("events and return codes leave in one EventBatch per cycle", () => {
  const w = udpCore(64, 53);
  const c = w.cores[0];
  c.events.length = 0;
  w.peer.udpSend(40000, HOST_IP, 53, new Uint8Array([7]), 1);
  w.pump();
  c.syscalls(8, [
    { kind: K.SYS_UDP_LISTEN, port: 53 }, // already listening: EADDRINUSE
    { kind: K.SYS_UDP_SEND, port: 53, ip: PEER_IP, port2: 40000, bufs: [new Uint8Array([1, 2])], cookie: 5 },
  ]);
  w.time.runImmediates();
  assert.equal(c.events.length, 1, "one batch");
  const b = c.events[0];
  assert.equal(b.resultsSeq, 8);
  assert.deepEqual(b.results, [-ix.Errno.EADDRINUSE, 2]);
  assert.deepEqual(
    b.events.map((e) => e.kind),
    [E.EV_UDP_SENT, E.EV_UDP_RECV],
  );
  assert.equal(b.core, 0);
});

test("a command that arrives during a cycle runs only at the next quiescent point, before that cycle's RX", () => {
  const w = udpCore(64);
  const c = w.cores[0];
  for (let i = 0; i < 5; i++) w.peer.udpSend(40000, HOST_IP, 5353, new Uint8Array([i]), 1);
  w.pump();
  let replies: ix.CommandReply[] = [];
  let sent = false;
  c.tx.length = 0;
  // Step 6 of this cycle: IXCP's command arrives while the cycle is running.
  c.duringTx = () => {
    if (sent) return;
    sent = true;
    replies = c.command({ kind: ix.CommandKind.CMD_SET_BATCH, value: 2 });
  };
  const flushes = c.tx;
  w.time.runImmediates();
  assert.ok(sent, "the command arrived mid-cycle");
  assert.equal(replies.length, 0, "not executed inside the cycle it arrived in");
  assert.equal(c.core.batch.batchSize, 64);
  assert.deepEqual(
    flushes.map((t) => t.credits),
    [5],
  );
  for (let i = 0; i < 5; i++) w.peer.udpSend(40000, HOST_IP, 5353, new Uint8Array([i]), 1);
  w.pump();
  w.time.runImmediates();
  assert.equal(replies.length, 1);
  assert.equal(replies[0].ok, true);
  assert.equal(replies[0].status?.batchSize, 2);
  assert.deepEqual(
    flushes.map((t) => t.credits),
    [5, 2],
    "the new B already bounds the cycle whose quiescent point ran it",
  );
});

test("an idle core does no work and schedules nothing", () => {
  const w = new TestWire({ cores: 1 });
  const c = w.cores[0];
  assert.equal(w.time.immediateCount, 0);
  assert.deepEqual(w.time.timerDelays, []);
  assert.ok(c.core.thread.sleeping);
  // A cycle run with nothing to do sends nothing and schedules nothing.
  c.core.thread.runCycle();
  assert.equal(c.tx.length, 0);
  assert.equal(c.events.length, 0);
  assert.equal(w.time.immediateCount, 0);
  assert.deepEqual(w.time.timerDelays, []);
  assert.equal(c.core.thread.stats.cycles, 0, "an empty cycle is not counted as busy");
  // After UDP traffic (no timers in UDP) the core goes back to sleep with no timer.
  const u = udpCore(64);
  u.settle();
  assert.equal(u.time.immediateCount, 0);
  assert.deepEqual(u.time.timerDelays, []);
  assert.ok(u.cores[0].core.thread.sleeping);
});

test("a core sleeps until its next TCP timer, not before", () => {
  const w = new TestWire({ cores: 1 });
  const c = w.cores[0];
  // The app connects to a port nobody answers on (the peer drops: no listener -> RST would end it,
  // so the peer is simply not pumped): the SYN's retransmission timer is the only deadline.
  c.syscalls(1, [{ kind: K.SYS_CONNECT, ip: PEER_IP, port: 9, cookie: 3 }]);
  w.time.runImmediates();
  assert.equal(w.time.immediateCount, 0);
  const delays = w.time.timerDelays;
  assert.equal(delays.length, 1, "one wake-up scheduled");
  const deadline = c.core.stack.nextDeadline() - w.time.nowUs;
  assert.ok(
    delays[0] >= deadline && delays[0] < deadline + 1000,
    `woken at the stack's deadline (${deadline} us), got ${delays[0]}`,
  );
});

test("event conditions beyond IX's per-cycle bound wait for the next batches, in order", () => {
  const stack = { events: [] as import("@ix/netstack").StackEvent[] };
  const sent: ix.EventBatch[] = [];
  const outbox = new EventOutbox({
    core: 3,
    stackEvents: stack,
    publish: (b) => sent.push(ix.EventBatch.decode(b)),
    clock: () => 1,
  });
  for (let i = 0; i < MAX_EVENTS_PER_CYCLE + 5; i++) stack.events.push({ type: "udpSent", cookie: i });
  outbox.setResults({ seq: 9, results: [0] });
  outbox.flush();
  assert.equal(stack.events.length, 0, "the stack's events are drained");
  assert.equal(sent.length, 1);
  assert.equal(sent[0].events?.length, MAX_EVENTS_PER_CYCLE);
  assert.equal(sent[0].resultsSeq, 9);
  assert.equal(outbox.backlog, 5);
  stack.events.push({ type: "udpSent", cookie: -1 });
  outbox.returned(); // the app answered the first batch (run_io)
  outbox.flush();
  assert.deepEqual(
    sent[1].events?.map((e) => e.cookie),
    [8192, 8193, 8194, 8195, 8196, -1],
  );
  assert.equal(sent[1].resultsSeq, 0, "return codes go once");
  assert.equal(outbox.backlog, 0);
  outbox.returned();
  outbox.flush();
  assert.equal(sent.length, 2, "nothing to say: nothing sent");
});
