// Lost and repeated batches between a core and its app (app-link.ts): a
// whole core (harness.ts: real Stack, the NIC's classifier, a Linux-like
// peer Stack, a manual clock) and, where it says so, the real libix (Ixev,
// no bus) as its app, with a channel between them that drops and repeats
// batches on a fixed pattern. Checked: every byte echoed intact and in
// order, every syscall the app issued executed exactly once, nothing hangs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ix } from "@ix/proto";
import { Ixev } from "@ix/libix";
import { TestWire, HOST_IP, type RecordedCore } from "./harness.ts";
import { DEFAULT_RESEND_TIMEOUT_US } from "../src/app-link.ts";

const K = ix.SyscallKind;
const E = ix.EventKind;
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A sequenced SyscallBatch as libix sends it (fields 5..8). */
function sequenced(c: RecordedCore, b: ix.ISyscallBatch): void {
  c.core.receiveSyscalls(
    ix.SyscallBatch.decode(ix.SyscallBatch.encode({ core: 0, app: "app#1", ...b }).finish()),
  );
}

function oneCore(): { w: TestWire; c: RecordedCore } {
  const w = new TestWire({ cores: 1 });
  const c = w.cores[0];
  c.autoReturn = false;
  return { w, c };
}

test("a sequenced app's EventBatch is kept until acknowledged and resent, in order, after the timeout", () => {
  const { w, c } = oneCore();
  const link = c.core.outbox.link;
  sequenced(c, { seq: 1, firstUnacked: 1, calls: [{ kind: K.SYS_LISTEN, port: 7 }] });
  w.settle();
  assert.equal(c.events.length, 1, "the listen's return code");
  const first = c.events[0];
  assert.equal(first.session, link.session, "batches carry the core's session");
  assert.equal(first.firstUnacked, first.seq, "nothing older is kept");
  assert.equal(link.unacked, 1, "kept until the app acknowledges it");

  w.time.advance(DEFAULT_RESEND_TIMEOUT_US - 1000);
  w.settle();
  assert.equal(c.events.length, 1, "not resent before the timeout");
  w.time.advance(2000);
  w.settle();
  assert.equal(c.events.length, 2, "resent once the timeout passed (a timer woke the idle core)");
  assert.deepEqual(ix.EventBatch.toObject(c.events[1]), ix.EventBatch.toObject(first), "the same bytes");
  assert.equal(link.counters.eventsResent, 1);

  // An empty batch (seq repeats the last one) acknowledges it.
  sequenced(c, { seq: 1, firstUnacked: 2, eventsSession: link.session, eventsAcked: Number(first.seq) });
  w.settle();
  assert.equal(link.unacked, 0, "acknowledged: nothing kept");
  w.time.advance(10 * DEFAULT_RESEND_TIMEOUT_US);
  w.settle();
  assert.equal(c.events.length, 2, "nothing is resent after the acknowledgement");
});

test("an acknowledgement for another session (the app still talks to a core that restarted) releases nothing", () => {
  const { w, c } = oneCore();
  const link = c.core.outbox.link;
  sequenced(c, { seq: 1, firstUnacked: 1, calls: [{ kind: K.SYS_LISTEN, port: 7 }] });
  w.settle();
  sequenced(c, { seq: 1, firstUnacked: 2, eventsSession: link.session + 1, eventsAcked: 1e6 });
  w.settle();
  assert.equal(link.unacked, 1);
});

test("a repeated SyscallBatch is never executed twice: the peer receives a sendv's bytes once", () => {
  const { w, c } = oneCore();
  const link = c.core.outbox.link;
  sequenced(c, { seq: 1, firstUnacked: 1, calls: [{ kind: K.SYS_LISTEN, port: 7 }] });
  w.settle();
  const peerHandle = w.peer.connect(HOST_IP, 7, 1);
  w.settle();
  const knock = c.allEvents().find((e) => e.kind === E.EV_KNOCK)!;
  const accept = {
    seq: 2,
    firstUnacked: 2,
    calls: [{ kind: K.SYS_ACCEPT, handle: knock.handle, cookie: 9 }],
  };
  sequenced(c, accept);
  sequenced(c, accept);
  w.settle();
  const send = {
    seq: 3,
    firstUnacked: 3,
    calls: [{ kind: K.SYS_SENDV, handle: knock.handle, bufs: [text("hello")] }],
  };
  sequenced(c, send);
  w.settle();
  sequenced(c, send);
  w.settle();
  const got = w.peerEvents
    .filter((e) => e.type === "recv" && e.handle === peerHandle)
    .map((e) => (e.type === "recv" ? new TextDecoder().decode(e.data) : ""))
    .join("");
  assert.equal(got, "hello", "the bytes once");
  assert.equal(link.counters.syscallDuplicates, 2);
  assert.equal(c.core.inbox.counters.calls, 3, "listen, accept, sendv: each once");
  const sendvResults = c.events.filter((b) => Number(b.resultsSeq) === 3);
  assert.deepEqual(
    sendvResults.map((b) => b.results),
    [[5]],
    "one return code, 5 bytes accepted",
  );
});

test("a SyscallBatch after a missing one is dropped, the resend asked for once (seq 0), then both run in order", () => {
  const { w, c } = oneCore();
  const link = c.core.outbox.link;
  sequenced(c, { seq: 1, firstUnacked: 1, calls: [{ kind: K.SYS_LISTEN, port: 7 }] });
  w.settle();
  const before = c.events.length;
  const third = { seq: 3, firstUnacked: 2, calls: [{ kind: K.SYS_UDP_LISTEN, port: 53 }] };
  sequenced(c, third);
  sequenced(c, third);
  w.settle();
  const asks = c.events.slice(before).filter((b) => Number(b.syscallsMissing) > 0);
  assert.deepEqual(
    asks.map((b) => [Number(b.seq), Number(b.syscallsMissing), b.events.length]),
    [[0, 2, 0]],
    "one request, outside the sequence, for seq 2",
  );
  assert.equal(c.core.inbox.counters.calls, 1, "seq 3 did not run before seq 2");
  sequenced(c, { seq: 2, firstUnacked: 2, calls: [{ kind: K.SYS_LISTEN, port: 8 }] });
  sequenced(c, third);
  w.settle();
  assert.equal(c.core.inbox.counters.calls, 3);
  const results = c.events
    .filter((b) => Number(b.resultsSeq) > 1)
    .map((b) => [Number(b.resultsSeq), b.results]);
  assert.deepEqual(results, [
    [2, [0]],
    [3, [0]],
  ]);
  assert.equal(link.counters.syscallGaps, 2);
  assert.equal(link.counters.syscallResendRequests, 1);
});

test("bare batches (no first_unacked: tools, old clients) run as they come and nothing is kept for them", () => {
  const { w, c } = oneCore();
  c.syscalls(5, [{ kind: K.SYS_LISTEN, port: 7 }]);
  c.syscalls(5, [{ kind: K.SYS_LISTEN, port: 8 }]);
  w.settle();
  assert.equal(c.core.inbox.counters.calls, 2);
  assert.equal(c.core.outbox.link.unacked, 0);
});

/**
 * The real libix as the app, echoing, over a channel that loses and repeats
 * batches in both directions on a fixed pattern (lossEvery: the n-th message
 * of each direction is dropped, dupEvery: delivered twice).
 */
function lossyPair(opts: { lossEvery: number; dupEvery: number }) {
  const w = new TestWire({ cores: 1 });
  const c = w.cores[0];
  let toCore = 0;
  let toApp = 0;
  /** Distinct sequenced batches the app issued: seq -> calls. */
  const issued = new Map<number, number>();
  const lost = { sys: 0, evt: 0 };
  const app = new Ixev({
    nc: null,
    cores: [0],
    app: "echo",
    now: () => w.time.nowUs / 1000,
    schedule: (fn) => w.time.immediate(fn),
    send: (_core, bytes) => {
      const b = ix.SyscallBatch.decode(bytes);
      if (b.calls.length > 0) issued.set(Number(b.seq), b.calls.length);
      const n = ++toCore;
      if (n % opts.lossEvery === 0) return void lost.sys++;
      const copies = n % opts.dupEvery === 0 ? 2 : 1;
      for (let i = 0; i < copies; i++)
        w.time.immediate(() => c.core.receiveSyscalls(ix.SyscallBatch.decode(bytes)));
    },
    onKnock: () => ({
      onData: (conn, data) => conn.send(data.slice()),
    }),
  });
  const thread = app.threads.get(0)!;
  c.toApp = (bytes) => {
    const n = ++toApp;
    if (n % opts.lossEvery === 0) return void lost.evt++;
    const copies = n % opts.dupEvery === 0 ? 2 : 1;
    for (let i = 0; i < copies; i++) w.time.immediate(() => thread.handleBatch(ix.EventBatch.decode(bytes)));
  };
  return { w, c, app, issued, lost };
}

test("libix and a core over a channel losing every 7th batch and repeating every 5th: 8 echo streams intact, every call once", () => {
  const { w, c, app, issued, lost } = lossyPair({ lossEvery: 7, dupEvery: 5 });
  app.listen(7);
  w.settle();
  const CONNS = 8;
  const CHUNKS = 20;
  const streams = Array.from({ length: CONNS }, (_, i) => ({
    handle: w.peer.connect(HOST_IP, 7, 100 + i),
    sent: "",
    got: "",
    next: 0,
  }));
  const byHandle = new Map(streams.map((s) => [s.handle, s]));
  for (let round = 0; round < 4000; round++) {
    for (const s of streams) {
      if (s.next < CHUNKS && s.got.length === s.sent.length) {
        const chunk = `[${s.handle}:${s.next++}:${"x".repeat(100 + s.next * 7)}]`;
        if (w.peer.sendv(s.handle, [text(chunk)]) === chunk.length) s.sent += chunk;
        else s.next--;
      }
    }
    w.settle();
    for (const e of w.peerEvents.splice(0)) {
      if (e.type !== "recv") continue;
      const s = byHandle.get(e.handle);
      if (s) {
        s.got += new TextDecoder().decode(e.data);
        w.peer.recvDone(e.handle, e.data.length);
      }
    }
    if (streams.every((s) => s.next === CHUNKS && s.got.length === s.sent.length)) break;
    // Time passes: the timers (TCP's, the core's resend, libix's resend and delayed acks) run.
    w.time.advance(20_000);
    w.peer.poll();
    for (const t of app.threads.values()) t.tick();
  }
  for (const s of streams) {
    assert.equal(s.next, CHUNKS, `connection ${s.handle} sent everything (it would hang otherwise)`);
    assert.equal(s.got, s.sent, `connection ${s.handle} echoed intact and in order`);
  }
  assert.ok(
    lost.sys > 0 && lost.evt > 0,
    `batches were lost both ways (${lost.sys} syscall, ${lost.evt} event)`,
  );
  const distinct = [...issued.values()].reduce((a, b) => a + b, 0);
  assert.equal(c.core.inbox.counters.calls, distinct, "every call the app issued ran exactly once");
  const link = c.core.outbox.link.counters;
  const d = app.delivery();
  assert.ok(link.eventsResent > 0, "the core resent lost EventBatches");
  assert.ok(link.syscallDuplicates > 0, "repeated SyscallBatches were dropped");
  assert.ok(d.syscallsResent > 0, "libix resent lost SyscallBatches");
  assert.ok(d.eventDuplicates > 0, "libix dropped repeated EventBatches");
  app.close();
});

test("a hostile app: sequence fields that are not integers make a batch bare, and a flood of resend reports resends each batch at most once per 20 ms", () => {
  const { w, c } = oneCore();
  const link = c.core.outbox.link;
  for (const first of [Infinity, -1, 0.5, 2 ** 60]) {
    sequenced(c, { seq: 1, firstUnacked: first, calls: [{ kind: K.SYS_LISTEN, port: 7 }] });
    w.settle();
  }
  assert.equal(link.sequenced, false, "none of them started a sequence");
  assert.equal(
    c.core.inbox.counters.calls,
    4,
    "run as bare batches (the listen, then EADDRINUSE three times)",
  );

  sequenced(c, { seq: 1, firstUnacked: 1, calls: [{ kind: K.SYS_UDP_LISTEN, port: 53 }] });
  w.settle();
  sequenced(c, { seq: 2, firstUnacked: 2, calls: [{ kind: K.SYS_UDP_LISTEN, port: 54 }] });
  w.settle();
  const kept = link.unacked;
  assert.ok(kept >= 2, "return codes kept, unacknowledged");
  const before = link.counters.eventsResent;
  for (let i = 0; i < 100; i++)
    sequenced(c, { seq: 2, firstUnacked: 3, eventsSession: link.session, eventsMissing: 1 });
  w.settle();
  assert.equal(link.counters.eventsResent - before, 0, "all were sent under 20 ms ago: nothing resent");
  w.time.advance(25_000);
  for (let i = 0; i < 100; i++)
    sequenced(c, { seq: 2, firstUnacked: 3, eventsSession: link.session, eventsMissing: 1 });
  w.settle();
  assert.equal(link.counters.eventsResent - before, kept, "each kept batch resent once for 100 reports");
});
