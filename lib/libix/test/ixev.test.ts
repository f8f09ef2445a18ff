// libix and ixev without a bus: EventBatches are fed to the user threads by
// hand and every SyscallBatch they send is decoded and checked. Specifies
// IX's batching (one SyscallBatch per cycle, recv_done coalesced per
// connection, one sendv in flight) and the ESTALE replay on the core that
// EV_MOVED names.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ix } from "@ix/proto";
import { Ixev, type IxevConn } from "../src/mod.ts";

const { ESTALE } = ix.Errno;

const K = ix.SyscallKind;
const E = ix.EventKind;
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const str = (b: Uint8Array | null | undefined): string => new TextDecoder().decode(b ?? new Uint8Array(0));

/** An app bound to `cores` whose connections echo what they receive; batches sent are recorded per core. */
function echoApp(cores: number[]) {
  const sent: { core: number; batch: ix.SyscallBatch }[] = [];
  const later: (() => void)[] = [];
  const conns: IxevConn[] = [];
  const app = new Ixev({
    nc: null,
    cores,
    app: "test",
    send: (core, b) => sent.push({ core, batch: ix.SyscallBatch.decode(b) }),
    schedule: (fn) => later.push(fn),
    onKnock: () => ({
      onData: (conn, data) => {
        if (!conns.includes(conn)) conns.push(conn);
        conn.send(data.slice());
      },
    }),
  });
  const feed = (core: number, b: ix.IEventBatch): void =>
    app.threads.get(core)!.handleBatch(ix.EventBatch.decode(ix.EventBatch.encode({ core, ...b }).finish()));
  const runLater = (): void => {
    for (const fn of later.splice(0)) fn();
  };
  return { app, sent, feed, runLater, conns };
}

const calls = (b: ix.SyscallBatch) =>
  b.calls.map((c) => [c.kind, Number(c.handle), c.bytes ?? 0, (c.bufs ?? []).map(str).join("|")]);

test("one SyscallBatch per cycle: accepts, sendv and recv_done of every connection together, recv_done coalesced", () => {
  const { sent, feed } = echoApp([0]);
  feed(0, {
    seq: 1,
    events: [
      { kind: E.EV_KNOCK, handle: 10, ip: 1, port: 5000, port2: 7 },
      { kind: E.EV_KNOCK, handle: 11, ip: 1, port: 5001, port2: 7 },
    ],
  });
  assert.equal(sent.length, 1, "both accepts in one batch");
  assert.deepEqual(
    sent[0].batch.calls.map((c) => [c.kind, Number(c.handle), Number(c.cookie)]),
    [
      [K.SYS_ACCEPT, 10, 1],
      [K.SYS_ACCEPT, 11, 2],
    ],
  );
  assert.match(sent[0].batch.app, /^test#[0-9a-f]{12}$/, "the instance rides with every batch");
  feed(0, {
    seq: 2,
    resultsSeq: sent[0].batch.seq,
    results: [0, 0],
    events: [
      { kind: E.EV_RECV, cookie: 1, handle: 10, data: bytes("ab") },
      { kind: E.EV_RECV, cookie: 2, handle: 11, data: bytes("x") },
      { kind: E.EV_RECV, cookie: 1, handle: 10, data: bytes("cd") },
    ],
  });
  assert.equal(sent.length, 2, "the cycle's calls leave as one batch");
  assert.deepEqual(calls(sent[1].batch), [
    [K.SYS_SENDV, 10, 0, "ab"],
    [K.SYS_SENDV, 11, 0, "x"],
    [K.SYS_RECV_DONE, 10, 4, ""],
    [K.SYS_RECV_DONE, 11, 1, ""],
  ]);
  // "cd" waited for the first sendv's return code (one sendv in flight keeps the bytes in order).
  feed(0, { seq: 3, resultsSeq: sent[1].batch.seq, results: [2, 1, 0, 0] });
  assert.deepEqual(calls(sent[2].batch), [[K.SYS_SENDV, 10, 0, "cd"]]);
  // A partial acceptance: the rest is offered again, nothing reordered.
  feed(0, { seq: 4, resultsSeq: sent[2].batch.seq, results: [1] });
  assert.deepEqual(calls(sent[3].batch), [[K.SYS_SENDV, 10, 0, "d"]]);
});

test("calls outside event dispatch are flushed together on the next turn", () => {
  const { app, sent, runLater } = echoApp([0, 1]);
  app.listen(7);
  app.udpListen(53);
  assert.equal(sent.length, 0, "nothing leaves before the turn ends");
  runLater();
  assert.deepEqual(
    sent.map((s) => [s.core, s.batch.calls.map((c) => [c.kind, c.port])]),
    [
      [
        0,
        [
          [K.SYS_LISTEN, 7],
          [K.SYS_UDP_LISTEN, 53],
        ],
      ],
      [
        1,
        [
          [K.SYS_LISTEN, 7],
          [K.SYS_UDP_LISTEN, 53],
        ],
      ],
    ],
  );
});

test("ESTALE: a sendv refused by the old core is replayed on the core EV_MOVED names, in either order", () => {
  for (const movedFirst of [false, true]) {
    const { sent, feed, runLater } = echoApp([0, 1]);
    feed(0, { seq: 1, events: [{ kind: E.EV_KNOCK, handle: 10, ip: 1, port: 5000, port2: 7 }] });
    feed(0, {
      seq: 2,
      resultsSeq: sent[0].batch.seq,
      results: [0],
      events: [{ kind: E.EV_RECV, cookie: 1, handle: 10, data: bytes("hi") }],
    });
    const sendv = sent[1].batch;
    assert.deepEqual(calls(sendv)[0], [K.SYS_SENDV, 10, 0, "hi"]);
    const moved = { seq: 1, events: [{ kind: E.EV_MOVED, cookie: 1, handle: 10, value: 1 }] };
    if (movedFirst) feed(1, moved);
    feed(0, { seq: 3, resultsSeq: sendv.seq, results: [-ESTALE, 0] });
    if (!movedFirst) {
      assert.equal(
        sent.filter((s) => s.core === 1).length,
        0,
        "nothing replayed before the new core is known",
      );
      feed(1, moved);
    }
    runLater();
    const onNew = sent.filter((s) => s.core === 1).flatMap((s) => calls(s.batch));
    assert.deepEqual(onNew, [[K.SYS_SENDV, 10, 0, "hi"]], `replayed on core 1 (moved first: ${movedFirst})`);
    assert.equal(sent.filter((s) => s.core === 0).length, 2, "never reissued on the old core");
  }
});

test("ESTALE on accept: the EV_MOVED in the same batch sends the accept to the new core", () => {
  const { app, sent, feed, runLater } = echoApp([0, 1]);
  feed(0, { seq: 1, events: [{ kind: E.EV_KNOCK, handle: 10, ip: 1, port: 5000, port2: 7 }] });
  feed(0, {
    seq: 2,
    resultsSeq: sent[0].batch.seq,
    results: [-ESTALE],
    events: [{ kind: E.EV_MOVED, cookie: 1, handle: 10, value: 1 }],
  });
  runLater();
  const onNew = sent.filter((s) => s.core === 1);
  assert.equal(onNew.length, 1);
  assert.deepEqual(
    onNew[0].batch.calls.map((c) => [c.kind, Number(c.handle), Number(c.cookie)]),
    [[K.SYS_ACCEPT, 10, 1]],
  );
  assert.equal(app.lookup(1)?.thread.core, 1, "the connection is served by core 1 now");
});

test("a peer's FIN closes after queued data; the close lands and the connection is forgotten", () => {
  const { app, sent, feed } = echoApp([0]);
  feed(0, { seq: 1, events: [{ kind: E.EV_KNOCK, handle: 10, ip: 1, port: 5000, port2: 7 }] });
  feed(0, {
    seq: 2,
    resultsSeq: sent[0].batch.seq,
    results: [0],
    events: [
      { kind: E.EV_RECV, cookie: 1, handle: 10, data: bytes("bye") },
      { kind: E.EV_RECV, cookie: 1, handle: 10, data: new Uint8Array(0) },
    ],
  });
  assert.deepEqual(calls(sent[1].batch), [
    [K.SYS_SENDV, 10, 0, "bye"],
    [K.SYS_RECV_DONE, 10, 3, ""],
  ]);
  feed(0, { seq: 3, resultsSeq: sent[1].batch.seq, results: [3, 0] });
  assert.deepEqual(calls(sent[2].batch), [[K.SYS_CLOSE, 10, 0, ""]], "close once everything was accepted");
  assert.ok(app.lookup(1), "still findable until the close lands");
  feed(0, { seq: 4, resultsSeq: sent[2].batch.seq, results: [0] });
  assert.equal(app.lookup(1), undefined);
});
