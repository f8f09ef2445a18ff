// libix's half of delivery over a lossy bus (event-sequence.ts,
// syscall-batch.ts): EventBatches handed on in order and once, the resend
// asked for once per gap, duplicates acknowledged again; SyscallBatches with
// calls kept until their return codes come back, resent after the timeout or
// from the seq the core reports missing; empty batches repeat the last seq.
// No bus: batches are fed by hand and every SyscallBatch sent is decoded.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ix } from "@ix/proto";
import { udp } from "./events.ts";
import { Ixev, ACK_DELAY_MS, DEFAULT_SYSCALL_RESEND_MS, MAX_SYSCALL_RESEND_MS } from "../src/mod.ts";

const K = ix.SyscallKind;
const SESSION = 4242;

function app() {
  const sent: ix.SyscallBatch[] = [];
  const later: (() => void)[] = [];
  const clock = { ms: 1000 };
  /** First byte of every UDP datagram handed to the app, in order. */
  const got: number[] = [];
  const ixev = new Ixev({
    nc: null,
    cores: [0],
    app: "t",
    now: () => clock.ms,
    send: (_core, b) => sent.push(ix.SyscallBatch.decode(b)),
    schedule: (fn) => later.push(fn),
    onKnock: () => null,
    onUdp: (d) => void got.push(d.data[0]),
  });
  const thread = ixev.threads.get(0)!;
  const feed = (b: ix.IEventBatch): void =>
    thread.handleBatch(
      ix.EventBatch.decode(ix.EventBatch.encode({ core: 0, session: SESSION, ...b }).finish()),
    );
  const runLater = (): void => {
    for (const fn of later.splice(0)) fn();
  };
  return { ixev, thread, sent, feed, clock, runLater, got };
}

test("EventBatches are handled in order and once: a duplicate is dropped and acknowledged again, a gap dropped and asked for once", () => {
  const { thread, sent, feed, got } = app();
  feed({ seq: 10, firstUnacked: 10, events: [udp(10)] });
  assert.deepEqual(got, [10], "a new session starts at its first_unacked");
  assert.equal(sent.length, 1, "the return from run_io");
  assert.equal(sent[0].eventsSession, SESSION);
  assert.equal(sent[0].eventsAcked, 10, "it acknowledges seq 10");

  feed({ seq: 10, firstUnacked: 10, events: [udp(10)] });
  assert.deepEqual(got, [10], "the duplicate is not handled again");
  assert.equal(
    sent.length,
    2,
    "but acknowledged again: the core resent it, so it missed the first acknowledgement",
  );
  assert.equal(sent[1].eventsAcked, 10);

  feed({ seq: 12, firstUnacked: 10, events: [udp(12)] });
  feed({ seq: 13, firstUnacked: 10, events: [udp(13)] });
  assert.deepEqual(got, [10], "nothing after a gap is handled");
  assert.equal(sent.length, 3, "one resend request for the gap");
  assert.equal(sent[2].eventsMissing, 11);
  assert.deepEqual(sent[2].calls, []);

  for (const s of [11, 12, 13]) feed({ seq: s, firstUnacked: 11, events: [udp(s)] });
  assert.deepEqual(got, [10, 11, 12, 13], "the resends, in order");
  assert.equal(sent.at(-1)!.eventsMissing, 0, "the request is made once");
  const c = thread.events.counters;
  assert.deepEqual([c.duplicates, c.gaps, c.resendRequests], [1, 2, 1]);
});

test("a batch of return codes alone is acknowledged by an empty batch after ACK_DELAY_MS, unless another batch carried it", () => {
  const { ixev, thread, sent, feed, clock, runLater } = app();
  ixev.listen(7);
  runLater();
  assert.equal(sent.length, 1);
  feed({ seq: 1, firstUnacked: 1, resultsSeq: sent[0].seq, results: [0] });
  assert.equal(sent.length, 1, "no answer at once (return codes need none)");
  clock.ms += ACK_DELAY_MS - 1;
  thread.tick();
  assert.equal(sent.length, 1);
  clock.ms += 1;
  thread.tick();
  assert.equal(sent.length, 2, "the delayed acknowledgement");
  assert.deepEqual(sent[1].calls, []);
  assert.equal(sent[1].seq, sent[0].seq, "an empty batch repeats the last seq (nothing new to run)");
  assert.equal(sent[1].eventsAcked, 1);
  clock.ms += 10 * ACK_DELAY_MS;
  thread.tick();
  assert.equal(sent.length, 2, "acknowledged once");
});

test("a SyscallBatch is kept until its return codes arrive and resent after the timeout, which doubles up to the cap", () => {
  const { ixev, thread, sent, feed, clock, runLater } = app();
  feed({ seq: 1, firstUnacked: 1 }); // the core is known to sequence
  let code: number | undefined;
  thread.call({ kind: K.SYS_LISTEN, port: 7 }, (c) => (code = c));
  runLater();
  const original = sent.at(-1)!;
  assert.equal(original.seq, 1);
  assert.equal(original.firstUnacked, 1);
  assert.equal(thread.batch.unanswered, 1);

  const resends: number[] = [];
  let timeout = DEFAULT_SYSCALL_RESEND_MS;
  for (let i = 0; i < 6; i++) {
    const before = sent.length;
    clock.ms += timeout - 1;
    thread.tick();
    assert.equal(sent.length, before, `not before the timeout (${timeout} ms)`);
    clock.ms += 1;
    thread.tick();
    assert.equal(sent.length, before + 1, `resent after ${timeout} ms`);
    resends.push(timeout);
    timeout = Math.min(timeout * 2, MAX_SYSCALL_RESEND_MS);
  }
  assert.deepEqual(resends, [200, 400, 800, 1600, 2000, 2000]);
  const resent = sent.at(-1)!;
  assert.deepEqual(
    ix.SyscallBatch.toObject(resent),
    ix.SyscallBatch.toObject(original),
    "the same batch, byte for byte",
  );

  feed({ seq: 2, firstUnacked: 2, resultsSeq: 1, results: [0] });
  assert.equal(code, 0, "the callback ran on the return code");
  assert.equal(thread.batch.unanswered, 0);
  const n = sent.length;
  clock.ms += 10 * MAX_SYSCALL_RESEND_MS;
  thread.tick();
  assert.ok(
    sent.slice(n).every((b) => b.calls.length === 0),
    "nothing is resent once answered",
  );
  ixev.close();
});

test("the core's report of a missing SyscallBatch resends the kept ones from it, in order", () => {
  const { thread, sent, feed, runLater } = app();
  feed({ seq: 1, firstUnacked: 1 });
  for (const port of [7, 8, 9]) {
    thread.call({ kind: K.SYS_LISTEN, port });
    runLater();
  }
  const before = sent.length;
  feed({ seq: 0, syscallsMissing: 2 });
  assert.deepEqual(
    sent.slice(before).map((b) => [b.seq, b.calls[0].port]),
    [
      [2, 8],
      [3, 9],
    ],
  );
  assert.equal(thread.batch.resent, 2);
  assert.equal(thread.events.delivered, 1, "a seq 0 batch is outside the sequence");
});

test("no resend toward a core that has not shown it sequences (a bare core's batches carry no session)", () => {
  const { thread, sent, clock, runLater } = app();
  thread.call({ kind: K.SYS_LISTEN, port: 7 });
  runLater();
  clock.ms += 10 * MAX_SYSCALL_RESEND_MS;
  thread.tick();
  assert.equal(sent.length, 1);
  thread.handleBatch(
    ix.EventBatch.decode(ix.EventBatch.encode({ core: 0, seq: 5, resultsSeq: 1, results: [0] }).finish()),
  );
  assert.equal(thread.batch.unanswered, 0, "a bare core's return codes answer it all the same");
});

test("a restarted core (new session) is followed from its first_unacked", () => {
  const { thread, feed } = app();
  feed({ seq: 40, firstUnacked: 40 });
  thread.handleBatch(
    ix.EventBatch.decode(
      ix.EventBatch.encode({ core: 0, session: SESSION + 1, seq: 1, firstUnacked: 1 }).finish(),
    ),
  );
  assert.equal(thread.events.session, SESSION + 1);
  assert.equal(thread.events.delivered, 1);
  assert.equal(thread.events.counters.sessions, 2);
});

test("a core declared dead: its unanswered batches are given up, and the next batch's first_unacked moves past them", () => {
  const { ixev, thread, sent, feed, clock, runLater } = app();
  feed({ seq: 1, firstUnacked: 1 });
  thread.call({ kind: K.SYS_LISTEN, port: 7 });
  runLater();
  thread.call({ kind: K.SYS_LISTEN, port: 8 });
  runLater();
  assert.equal(thread.batch.unanswered, 2);
  ixev.liveness.seen(0, clock.ms);
  ixev.liveness.check(clock.ms + 10_000);
  assert.equal(thread.batch.unanswered, 0, "given up with the core");
  const n = sent.length;
  clock.ms += 10 * MAX_SYSCALL_RESEND_MS;
  thread.tick();
  assert.ok(
    sent.slice(n).every((b) => b.calls.length === 0),
    "nothing meant for the dead core is resent",
  );
  thread.call({ kind: K.SYS_LISTEN, port: 9 });
  runLater();
  assert.equal(sent.at(-1)!.seq, 3);
  assert.equal(sent.at(-1)!.firstUnacked, 3, "a restarted core starts at this batch");
});
