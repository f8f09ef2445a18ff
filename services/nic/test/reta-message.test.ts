// reta.set accepts RetaUpdate or Reta on one subject: how the NIC tells them apart.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ix } from "@ix/proto";
import { parseRetaSet } from "../src/reta-message.ts";

const SIZE = 128;
const QUEUES = 4;
const rr = Array.from({ length: SIZE }, (_, i) => i % QUEUES);

test("a RetaUpdate with a queue is an update", () => {
  const body = ix.RetaUpdate.encode({ flowGroups: [1, 2], queue: 3 }).finish();
  assert.deepEqual(parseRetaSet(body, undefined, SIZE, QUEUES), {
    kind: "update",
    flowGroups: [1, 2],
    queue: 3,
  });
});

test("a RetaUpdate to queue 0 (no field 2 on the wire) is an update", () => {
  const body = ix.RetaUpdate.encode({ flowGroups: [5, 6, 7], queue: 0 }).finish();
  assert.deepEqual(parseRetaSet(body, undefined, SIZE, QUEUES), {
    kind: "update",
    flowGroups: [5, 6, 7],
    queue: 0,
  });
});

test("a full table, with or without key, is a full Reta", () => {
  const r1 = parseRetaSet(ix.Reta.encode({ queues: rr }).finish(), undefined, SIZE, QUEUES);
  assert.equal(r1.kind, "full");
  const key = new Uint8Array(40).fill(7);
  const r2 = parseRetaSet(ix.Reta.encode({ queues: [1, 2], rssKey: key }).finish(), undefined, SIZE, QUEUES);
  assert.equal(r2.kind, "full", "a key makes it a Reta whatever its length (then refused for size)");
});

test("the Ix-Msg-Type header decides", () => {
  const body = ix.Reta.encode({ queues: rr }).finish();
  assert.equal(parseRetaSet(body, "RetaUpdate", SIZE, QUEUES).kind, "update");
  assert.equal(parseRetaSet(body, "Reta", SIZE, QUEUES).kind, "full");
  assert.equal(parseRetaSet(body, "Other", SIZE, QUEUES).kind, "error");
});

test("garbage and empty updates are errors, never exceptions", () => {
  for (const body of [
    Uint8Array.from([0xff, 0xff, 0xff]),
    Uint8Array.from([0x0a, 0x05, 1]),
    new Uint8Array(0),
  ]) {
    assert.equal(parseRetaSet(body, undefined, SIZE, QUEUES).kind, "error");
  }
});
