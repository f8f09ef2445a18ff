// libix's side of IX's run_io: every EventBatch with events is answered by
// exactly one SyscallBatch (empty when the app made no call), because the
// core holds the next events until it comes; a batch of return codes alone
// is not answered. And the hand-encoded SyscallBatch decodes as protobufjs's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ix } from "@ix/proto";
import { ProtoWriter } from "@ix/bus";
import { Ixev } from "../src/mod.ts";
import { encodeSyscallBatch } from "../src/syscall-batch.ts";

const K = ix.SyscallKind;
const E = ix.EventKind;

function app() {
  const sent: ix.SyscallBatch[] = [];
  const later: (() => void)[] = [];
  const ixev = new Ixev({
    nc: null,
    cores: [0],
    app: "test",
    send: (_core, b) => sent.push(ix.SyscallBatch.decode(b)),
    schedule: (fn) => later.push(fn),
    onKnock: () => null, // rejects
  });
  const feed = (b: ix.IEventBatch): void =>
    ixev.threads.get(0)!.handleBatch(ix.EventBatch.decode(ix.EventBatch.encode({ core: 0, ...b }).finish()));
  return { ixev, sent, feed, later };
}

test("events with no call in answer: one empty SyscallBatch, the return from run_io", () => {
  const { sent, feed } = app();
  // An EV_DEAD for a cookie ixev does not know: no handler makes a call.
  feed({ seq: 1, events: [{ kind: E.EV_DEAD, cookie: 99, handle: 5, value: 1 }] });
  assert.equal(sent.length, 1, "exactly one answer");
  assert.deepEqual(sent[0].calls, [], "empty");
  assert.match(sent[0].app, /^test#[0-9a-f]{12}$/, "it names the instance like every batch");
  feed({ seq: 2, events: [{ kind: E.EV_KNOCK, handle: 6, ip: 1, port: 2, port2: 7 }] });
  assert.equal(sent.length, 2, "one answer per batch of events");
  assert.deepEqual(
    sent[1].calls.map((c) => [c.kind, Number(c.handle)]),
    [[K.SYS_REJECT, 6]],
    "the calls made while handling are the answer",
  );
});

test("send completions alone owe no return: no empty SyscallBatch for them (@ix/bus owesReturn)", () => {
  const { sent, feed } = app();
  feed({ seq: 1, events: [{ kind: E.EV_SENT, cookie: 99, handle: 5, value: 10 }] });
  feed({ seq: 2, events: [{ kind: E.EV_UDP_SENT, cookie: 98 }] });
  assert.equal(sent.length, 0, "nothing to answer, nothing sent");
  // With any other event beside them the batch is a return again.
  feed({
    seq: 3,
    events: [
      { kind: E.EV_SENT, cookie: 99, handle: 5, value: 10 },
      { kind: E.EV_DEAD, cookie: 97, handle: 4, value: 1 },
    ],
  });
  assert.equal(sent.length, 1);
  assert.deepEqual(sent[0].calls, []);
});

test("return codes alone are not answered", () => {
  const { ixev, sent, feed, later } = app();
  ixev.listen(7);
  for (const fn of later.splice(0)) fn();
  assert.equal(sent.length, 1);
  feed({ seq: 1, events: [], resultsSeq: sent[0].seq, results: [0] });
  assert.equal(sent.length, 1, "nothing sent for a batch of return codes");
});

test("the hand-encoded SyscallBatch is protobufjs's, byte for byte", () => {
  const calls: ix.ISyscall[] = [
    {
      kind: K.SYS_SENDV,
      handle: 2 ** 40 + 3,
      bufs: [new Uint8Array([1, 2, 3]), new Uint8Array(200).fill(7)],
    },
    { kind: K.SYS_RECV_DONE, handle: 9, bytes: 1500 },
    { kind: K.SYS_CONNECT, ip: 0x0a4d0001, port: 11211, cookie: 12 },
  ];
  const w = new ProtoWriter(8);
  const mine = encodeSyscallBatch(w, 1, 77, calls, "memcached#00ff");
  const theirs = ix.SyscallBatch.encode({ core: 1, seq: 77, calls, app: "memcached#00ff" }).finish();
  assert.deepEqual(Buffer.from(mine), Buffer.from(theirs));
  const empty = encodeSyscallBatch(w, 0, 1, [], "a#1");
  assert.deepEqual(ix.SyscallBatch.toObject(ix.SyscallBatch.decode(empty)), { seq: 1, app: "a#1" });
});
