import { test } from "node:test";
import assert from "node:assert/strict";
import { QueueMetrics, WINDOW_US } from "../src/queue-metrics.ts";
import { clockUs, threadCpuUs } from "../src/clock.ts";
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

test("with a CPU clock, idle is 1 - CPU time over wall time, polling given back to idle", () => {
  let active = 5_000; // the CPU clock's origin is arbitrary: only differences count
  const m = new QueueMetrics(0, () => active);
  m.recordCycle(4, 0, 200, 0); // the cycle itself: 200 us of the 3000 us active below
  active += 3_000;
  m.recordPoll(1_000);
  assert.equal(m.tick(WINDOW_US), true);
  assert.equal(m.last.idleFraction, 1 - 2_000 / WINDOW_US, "3000 us active, 1000 of them polling");
  assert.equal(m.last.pollFraction, 1_000 / WINDOW_US);
  assert.equal(m.last.cycleUs, 200, "the mean cycle time is still the cycles' own");
  // Work outside any cycle (decoding, socket writes) is not idle.
  active += 6_000;
  m.tick(2 * WINDOW_US);
  assert.equal(m.last.idleFraction, 1 - 6_000 / WINDOW_US);
  assert.equal(m.last.cyclesPerSecond, 0);
  // Three windows closed at once share the fraction measured over their span.
  active += 15_000;
  m.tick(5 * WINDOW_US);
  assert.equal(m.last.idleFraction, 0.5);
  // Polling counted beyond the loop's active time (clock skew) never reads as negative work.
  m.recordPoll(50_000);
  m.tick(6 * WINDOW_US);
  assert.equal(m.last.idleFraction, 1);
});

test("forced work in event-loop callbacks outside any cycle reads as busy, within the process's CPU time", async () => {
  // A core's work outside its cycle (NATS reads and decodes, socket writes)
  // is the case the cycle-sum idle fraction missed. Here the loop runs
  // callbacks that burn CPU and never records a cycle, with waits for I/O
  // between them. Whatever the machine's load: the thread's CPU time is
  // positive and at most the process's (which adds the GC and other
  // threads), so 0 < reported busy time <= process CPU time over the span.
  const cpu0 = process.cpuUsage();
  const t0 = clockUs();
  const m = new QueueMetrics(t0, threadCpuUs);
  const burnUs = 1_000; // thread CPU per callback
  for (let i = 0; i < 20; i++) {
    await new Promise<void>((resolve) =>
      setImmediate(() => {
        const until = threadCpuUs() + burnUs;
        while (threadCpuUs() < until); // forced work inside a callback
        resolve();
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 1)); // and the loop waits for I/O between them
  }
  while (clockUs() - t0 < WINDOW_US) await new Promise((resolve) => setTimeout(resolve, 2));
  const t1 = clockUs();
  assert.equal(m.tick(t1), true);
  const cpu = process.cpuUsage(cpu0);
  const processCpuUs = cpu.user + cpu.system;
  const busyUs = (1 - m.last.idleFraction) * (t1 - t0);
  const detail = `reported busy ${busyUs.toFixed(0)} us over ${(t1 - t0).toFixed(0)} us, process CPU ${processCpuUs} us`;
  assert.ok(busyUs >= 20 * burnUs * 0.99, `at least the forced work: ${detail}`);
  assert.ok(busyUs <= processCpuUs + 1, `at most the process's CPU time: ${detail}`);
  // The cycle-sum measure this replaces saw no cycle, hence idle 1 for the same work.
  const old = new QueueMetrics(t0);
  old.tick(t1);
  assert.equal(old.last.idleFraction, 1);
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
