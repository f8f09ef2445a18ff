import { test } from "node:test";
import assert from "node:assert/strict";
import { QueueMetrics, WINDOW_US } from "../src/queue-metrics.ts";
import { RxQueue } from "../src/rx-queue.ts";
import { MbufPool } from "../src/mbuf-pool.ts";

test("EMAs follow IX's update rule over 10 ms windows", () => {
  const m = new QueueMetrics(0);
  // Window 1: two cycles with queue sizes 40 and 60 -> sample 50.
  m.recordCycle(30, 10, 100, 50);
  m.recordCycle(40, 20, 300, 80);
  assert.equal(m.tick(WINDOW_US - 1), false);
  assert.equal(m.tick(WINDOW_US), true);
  assert.deepEqual(m.last.queueEma, [25, 12.5, 6.25]);
  assert.equal(m.last.batchSize, 35);
  assert.equal(m.last.cycleUs, 200);
  assert.equal(m.last.queuingDelayUs, 80);
  assert.equal(m.last.idleFraction, 1 - 400 / WINDOW_US);
  // Two idle windows: samples of 0 decay each EMA by (1 - alpha) per window.
  m.tick(3 * WINDOW_US);
  assert.deepEqual(m.last.queueEma, [25 * 0.25, 12.5 * 0.75 * 0.75, 6.25 * 0.875 * 0.875]);
  assert.equal(m.last.idleFraction, 1);
  assert.equal(m.last.batchSize, 0);
});

test("the RX ring is bounded, keeps order and extracts flow groups in order", () => {
  const q = new RxQueue(4, new MbufPool(64));
  const f = (i: number, fg: number) => ({
    data: new Uint8Array([i]),
    rxTimeUs: i,
    flowGroup: fg,
    rssHash: 0,
  });
  assert.ok(q.push(f(1, 1)) && q.push(f(2, 2)) && q.push(f(3, 1)) && q.push(f(4, 3)));
  assert.equal(q.push(f(5, 1)), false, "a full ring refuses");
  assert.equal(q.shift()?.rxTimeUs, 1);
  assert.ok(q.push(f(5, 1)));
  const taken = q.extract(new Set([1]));
  assert.deepEqual(
    taken.map((x) => x.rxTimeUs),
    [3, 5],
  );
  assert.deepEqual([q.shift()?.rxTimeUs, q.shift()?.rxTimeUs, q.shift()], [2, 4, undefined]);
});
