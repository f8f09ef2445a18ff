// A moved connection's events in order across cores (move-order.ts): a
// batch whose EV_MOVED names the old core's last EventBatch waits, with the
// batches after it, until the old core's thread has handed that batch on;
// unknown sessions and batches already handed on never hold; a hold ends
// after MOVE_HOLD_MS. No bus: batches are fed by hand to two threads, and
// UDP datagrams (first byte = a number) show the order the app sees.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ix } from "@ix/proto";
import { udp } from "./events.ts";
import { Ixev, MOVE_HOLD_MS } from "../src/mod.ts";

const E = ix.EventKind;
const SESSION = [4242, 5353];

function app() {
  const clock = { ms: 1000 };
  const got: number[] = [];
  const ixev = new Ixev({
    nc: null,
    cores: [0, 1],
    app: "t",
    now: () => clock.ms,
    send: () => undefined,
    schedule: () => undefined,
    onKnock: () => null,
    onUdp: (d) => void got.push(d.data[0]),
  });
  const feed = (core: number, b: ix.IEventBatch): void =>
    ixev.threads
      .get(core)!
      .handleBatch(
        ix.EventBatch.decode(ix.EventBatch.encode({ core, session: SESSION[core], ...b }).finish()),
      );
  return { ixev, feed, clock, got };
}

/** EV_MOVED to core 1 of a connection the old core (session SESSION[0]) last reported in its batch `afterSeq`. */
const moved = (afterSeq: number, afterSession = SESSION[0]): ix.IEvent => ({
  kind: E.EV_MOVED,
  handle: 7,
  cookie: 99,
  value: 1,
  afterSeq,
  afterSession,
});

test("the new core's batches wait for the old core's last one, then go in their own order", () => {
  const { ixev, feed, got } = app();
  feed(0, { seq: 1, firstUnacked: 1, events: [udp(1)] });
  // Core 1 imported the connection after core 0's batch 2; batch 2 is still on its way.
  feed(1, { seq: 1, firstUnacked: 1, events: [moved(2)] });
  feed(1, { seq: 2, firstUnacked: 1, events: [udp(3)] });
  assert.deepEqual(got, [1], "core 1's batches are held");
  assert.equal(ixev.threads.get(1)!.holding, 2);
  feed(0, { seq: 2, firstUnacked: 1, events: [udp(2)] });
  assert.deepEqual(got, [1, 2, 3], "core 0's batch 2, then core 1's held batches in sequence");
  assert.equal(ixev.threads.get(1)!.holding, 0);
  feed(1, { seq: 3, firstUnacked: 1, events: [udp(4)] });
  assert.deepEqual(got, [1, 2, 3, 4]);
  assert.equal(ixev.moveOrder.holdTimeouts, 0);
});

test("nothing is held for a batch already handed on, for a session no thread knows, or without a mark", () => {
  const { feed, got } = app();
  feed(0, { seq: 1, firstUnacked: 1, events: [udp(1)] });
  feed(1, { seq: 1, firstUnacked: 1, events: [moved(1), udp(2)] });
  feed(1, { seq: 2, firstUnacked: 1, events: [moved(5, 777), udp(3)] });
  feed(1, { seq: 3, firstUnacked: 1, events: [moved(0, 0), udp(4)] });
  assert.deepEqual(got, [1, 2, 3, 4]);
});

test("a chain of moves: 0 -> 1 -> 0 releases in order when the first batch arrives last", () => {
  const { feed, got } = app();
  feed(0, { seq: 1, firstUnacked: 1, events: [udp(1)] });
  feed(1, { seq: 1, firstUnacked: 1, events: [udp(10)] });
  // Core 0 moves back after core 1's batch 2, which waits for core 0's batch 2.
  feed(0, { seq: 3, firstUnacked: 1, events: [udp(4)] }); // a gap: dropped, core 0 resends
  feed(1, { seq: 2, firstUnacked: 1, events: [moved(2), udp(3)] });
  assert.deepEqual(got, [1, 10], "core 1 holds for core 0's batch 2");
  feed(0, { seq: 2, firstUnacked: 1, events: [udp(2)] });
  feed(0, { seq: 3, firstUnacked: 1, events: [moved(2, SESSION[1]), udp(4)] });
  assert.deepEqual(got, [1, 10, 2, 3, 4], "core 0's 2, core 1's 2, core 0's 3");
});

test("a hold ends after MOVE_HOLD_MS (the old core died or gave its batch up), counted", () => {
  const { ixev, feed, got, clock } = app();
  feed(0, { seq: 1, firstUnacked: 1, events: [udp(1)] });
  feed(1, { seq: 1, firstUnacked: 1, events: [moved(2), udp(2)] });
  clock.ms += MOVE_HOLD_MS - 1;
  ixev.threads.get(1)!.tick();
  assert.deepEqual(got, [1]);
  clock.ms += 1;
  ixev.threads.get(1)!.tick();
  assert.deepEqual(got, [1, 2]);
  assert.equal(ixev.moveOrder.holdTimeouts, 1);
});
