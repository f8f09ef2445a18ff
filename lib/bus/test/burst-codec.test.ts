// The hand codecs of the hot messages (proto-wire.ts, burst-codec.ts) held
// against protobufjs's generated code for proto/ix.proto: same bytes where
// both write the same fields, same decoded message always.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ix } from "@ix/proto";
import {
  ProtoWriter,
  ProtoReader,
  RxBurstWriter,
  TxBurstWriter,
  decodeRxBurst,
  decodeTxBurst,
  type RxFrame,
  type TxBurstView,
} from "../src/mod.ts";

const bytes = (n: number, seed: number): Uint8Array =>
  Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) & 0xff);

const FRAMES: RxFrame[] = [
  { data: bytes(60, 1), rxTimeUs: 1_764_500_000_123_456, rssHash: 0xdeadbeef, flowGroup: 111 },
  { data: bytes(1514, 2), rxTimeUs: 1.5, rssHash: 7, flowGroup: 7 },
  // Larger than 16383 bytes: a three-byte length prefix in front of a moved sub-message.
  { data: bytes(20000, 3), rxTimeUs: 2, rssHash: 1, flowGroup: 127 },
];

test("RxBurst: the writer's bytes are protobufjs's, and both decoders agree", () => {
  const mine = new RxBurstWriter().encode(3, FRAMES);
  const theirs = ix.RxBurst.encode({ queue: 3, frames: FRAMES }).finish();
  assert.deepEqual(Buffer.from(mine), Buffer.from(theirs), "byte-exact with all fields set");
  const decoded: RxFrame[] = [];
  assert.equal(
    decodeRxBurst(theirs, (f) => decoded.push(f)),
    3,
  );
  assert.deepEqual(
    decoded.map((f) => ({ ...f, data: Buffer.from(f.data) })),
    FRAMES.map((f) => ({ ...f, data: Buffer.from(f.data) })),
  );
  assert.equal(decoded[0].data.buffer, theirs.buffer, "frames are views into the message (no copy)");
});

test("RxBurst: the NIC's bound on bursts in flight is protobufjs's field 3 and decodes into the header", () => {
  const mine = new RxBurstWriter(2).encode(1, FRAMES.slice(0, 1));
  const theirs = ix.RxBurst.encode({ queue: 1, frames: FRAMES.slice(0, 1), burstsInFlight: 2 }).finish();
  assert.deepEqual(Buffer.from(mine), Buffer.from(theirs), "byte-exact");
  const header = { queue: 9, burstsInFlight: 9 };
  assert.equal(
    decodeRxBurst(theirs, () => undefined, header),
    1,
  );
  assert.deepEqual(header, { queue: 1, burstsInFlight: 2 });
  // Not stated (an older NIC): 0, and the header is reset, not left from the previous burst.
  decodeRxBurst(new RxBurstWriter().encode(0, FRAMES.slice(0, 1)), () => undefined, header);
  assert.deepEqual(header, { queue: 0, burstsInFlight: 0 });
});

test("RxBurst: default fields are left out (proto3) and decode as 0; a sub-range of slots encodes", () => {
  const frames: RxFrame[] = [
    { data: bytes(1, 9), rxTimeUs: 0, rssHash: 0, flowGroup: 0 },
    { data: bytes(14, 9), rxTimeUs: 5, rssHash: 0, flowGroup: 0 },
  ];
  const w = new RxBurstWriter();
  const m = ix.RxBurst.decode(w.encode(0, frames, 1, 1));
  assert.equal(m.queue, 0);
  assert.equal(m.frames.length, 1);
  assert.deepEqual(Buffer.from(m.frames[0].data ?? []), Buffer.from(frames[1].data));
  assert.equal(m.frames[0].rxTimeUs, 5);
  assert.equal(m.frames[0].rssHash, 0);
  // The arena is reused: a second encode is independent of the first.
  const a = w.encode(1, frames);
  const b = w.encode(1, frames);
  assert.deepEqual(a, b);
  assert.notEqual(a.buffer, b.buffer, "each message is its own copy (the NATS client keeps it)");
});

test("RxBurst: malformed input is reported, never thrown", () => {
  const good = ix.RxBurst.encode({ queue: 1, frames: FRAMES.slice(0, 2) }).finish();
  for (const cut of [1, 5, good.length - 1]) {
    let n = 0;
    assert.equal(
      decodeRxBurst(good.subarray(0, cut), () => n++),
      -1,
      `truncated at ${cut}`,
    );
    assert.ok(n < 2);
  }
  assert.equal(
    decodeRxBurst(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]), () => undefined),
    -1,
  );
  assert.equal(
    decodeRxBurst(new Uint8Array(0), () => undefined),
    0,
    "empty message: no frames",
  );
});

test("TxBurst: frames, credits and B, byte-exact with protobufjs; decoded in place", () => {
  const frames = [bytes(60, 4), bytes(0, 0), bytes(300, 5)];
  const mine = new TxBurstWriter().encode(2, frames, 17, 64);
  const theirs = ix.TxBurst.encode({ queue: 2, frames, credits: 17, batchLimit: 64 }).finish();
  assert.deepEqual(Buffer.from(mine), Buffer.from(theirs));
  const view: TxBurstView = { queue: 0, frames: [], credits: 0, batchLimit: 0 };
  assert.ok(decodeTxBurst(theirs, view));
  assert.equal(view.queue, 2);
  assert.equal(view.credits, 17);
  assert.equal(view.batchLimit, 64);
  assert.deepEqual(
    view.frames.map((f) => Buffer.from(f)),
    frames.map((f) => Buffer.from(f)),
  );
  // Credits alone (a cycle with nothing to send).
  const credit = new TxBurstWriter().encode(0, [], 5, 1);
  assert.deepEqual(ix.TxBurst.toObject(ix.TxBurst.decode(credit)), { credits: 5, batchLimit: 1 });
  assert.ok(decodeTxBurst(credit, view));
  assert.equal(view.frames.length, 0, "the view's frames are replaced, not appended to");
  assert.equal(view.credits, 5);
  assert.equal(decodeTxBurst(theirs.subarray(0, theirs.length - 3), view), false);
});

test("ProtoWriter: negative int32 as protobufjs writes it (ten bytes), read back by ProtoReader", () => {
  const w = new ProtoWriter(4);
  w.uintField(8, -ix.Errno.ECONNREFUSED);
  const mine = w.finish();
  const theirs = ix.Event.encode({ value: -ix.Errno.ECONNREFUSED }).finish();
  assert.deepEqual(Buffer.from(mine), Buffer.from(theirs));
  const r = new ProtoReader().reset(mine);
  assert.ok(r.next());
  assert.equal(r.field, 8);
  assert.equal(r.int32(), -ix.Errno.ECONNREFUSED);
  assert.equal(r.next(), false);
  assert.equal(r.error, false);
});
