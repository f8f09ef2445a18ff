import assert from "node:assert/strict";
import { test } from "node:test";
import { Rng } from "../src/device/rng.ts";
import { TimerWheel } from "../src/util/timer-wheel.ts";

const TICK = 16;

test("timers fire in deadline order, never early, at most one tick late", () => {
  const rng = new Rng(1);
  const w = new TimerWheel<number>(0, TICK);
  const deadlines: number[] = [];
  for (let i = 0; i < 2000; i++) {
    deadlines.push(rng.int(2_000_000)); // up to 2 s: levels 0, 1 and 2
    w.schedule(deadlines[i], i);
  }
  assert.equal(w.size, 2000);
  const fired: number[] = [];
  let now = 0;
  while (w.size > 0) {
    now += 7; // finer than a tick
    w.advance(now, (i) => {
      assert.ok(now >= deadlines[i], `timer ${i} early: now ${now} < ${deadlines[i]}`);
      assert.ok(now - deadlines[i] < TICK + 7, `timer ${i} late: ${now - deadlines[i]}`);
      fired.push(i);
    });
  }
  assert.equal(fired.length, 2000);
  for (let k = 1; k < fired.length; k++) {
    assert.ok(Math.ceil(deadlines[fired[k]] / TICK) >= Math.ceil(deadlines[fired[k - 1]] / TICK));
  }
});

test("cancel: cancelled timers never fire; stale and unknown ids are ignored", () => {
  const w = new TimerWheel<string>(1000);
  const a = w.schedule(2000, "a");
  const b = w.schedule(2000, "b");
  const c = w.schedule(500_000, "c");
  w.cancel(b);
  w.cancel(c);
  w.cancel(c); // twice
  w.cancel(123456789); // never issued
  assert.equal(w.size, 1);
  const fired: string[] = [];
  w.advance(600_000, (s) => fired.push(s));
  assert.deepEqual(fired, ["a"]);
  w.cancel(a); // already fired
  // The freed entry is reused; the old id must not cancel the new timer.
  const d = w.schedule(700_000, "d");
  w.cancel(a);
  w.cancel(b);
  w.advance(700_000, (s) => fired.push(s));
  assert.deepEqual(fired, ["a", "d"]);
  assert.notEqual(d, a);
  assert.equal(w.size, 0);
});

test("a callback may cancel a timer of the same tick and schedule new ones", () => {
  const w = new TimerWheel<string>(0);
  const ids = new Map<string, number>();
  // 96 is a whole number of ticks, so advance(96) is exactly on time.
  for (const s of ["x", "y", "z"]) ids.set(s, w.schedule(96, s));
  const fired: string[] = [];
  w.advance(96, (s) => {
    fired.push(s);
    for (const other of ["x", "y", "z"]) if (other !== s) w.cancel(ids.get(other) as number);
    w.schedule(96, `${s}-again`); // a deadline already passed: next tick
  });
  assert.equal(fired.length, 1);
  assert.equal(w.size, 1);
  w.advance(96 + TICK, (s) => fired.push(s));
  assert.deepEqual(fired, [fired[0], `${fired[0]}-again`]);
  assert.throws(() => {
    w.schedule(200, "r");
    w.advance(1000, () => w.advance(2000, () => {}));
  }, /callback/);
});

test("a deadline between ticks fires at the next whole tick, which nextDeadline() reports", () => {
  const w = new TimerWheel<number>(0);
  w.schedule(100, 1);
  assert.equal(w.nextDeadline(), 112);
  const fired: number[] = [];
  w.advance(111, (i) => fired.push(i));
  assert.equal(fired.length, 0);
  w.advance(112, (i) => fired.push(i));
  assert.deepEqual(fired, [1]);
});

test("deadlines in the past fire on the next advance", () => {
  const w = new TimerWheel<number>(50_000);
  w.schedule(10, 1);
  w.schedule(50_000, 2);
  assert.equal(w.nextDeadline(), 50_000);
  const fired: number[] = [];
  w.advance(50_000, (i) => fired.push(i));
  assert.deepEqual(fired.sort(), [1, 2]);
  assert.equal(w.nextDeadline(), Infinity);
});

test("large deadlines (beyond the 19 h wheel) and a single long jump", () => {
  const w = new TimerWheel<string>(0);
  const hour = 3600e6;
  const plan: [number, string][] = [
    [5 * 60e6, "5min"],
    [hour, "1h"],
    [30 * hour, "30h"], // overflow list
    [2 ** 40, "2^40us"], // ~12.7 days
    [1000, "1ms"],
  ];
  for (const [t, s] of plan) w.schedule(t, s);
  assert.equal(w.nextDeadline(), 1008); // rounded up to a whole tick
  const fired: string[] = [];
  w.advance(2 * hour, (s) => fired.push(s));
  assert.deepEqual(fired, ["1ms", "5min", "1h"]);
  assert.equal(w.nextDeadline(), Math.ceil((30 * hour) / TICK) * TICK);
  w.advance(30 * hour - 1, (s) => fired.push(s));
  assert.equal(fired.length, 3);
  w.advance(30 * hour, (s) => fired.push(s));
  assert.deepEqual(fired.slice(3), ["30h"]);
  assert.equal(w.nextDeadline(), 2 ** 40);
  w.advance(2 ** 41, (s) => fired.push(s));
  assert.deepEqual(fired.slice(4), ["2^40us"]);
  assert.equal(w.size, 0);
});

test("many small advances across a long idle stretch, with a periodic timer", () => {
  const w = new TimerWheel<string>(0);
  let fires = 0;
  const period = 200_000; // 200 ms, like a retransmission timer
  w.schedule(period, "tick");
  w.schedule(3600e6, "end");
  let end = false;
  // 1 ms steps over 10 minutes: 600k calls; each must be cheap when nothing is due.
  for (let now = 0; now <= 600e6; now += 1000) {
    w.advance(now, (s) => {
      if (s === "tick") {
        fires++;
        w.schedule(now + period, "tick");
      } else end = true;
    });
  }
  assert.equal(fires, 3000);
  assert.ok(!end);
  assert.equal(w.size, 2);
});

test("matches a naive model under random schedule/cancel/advance", () => {
  const rng = new Rng(2024);
  const w = new TimerWheel<number>(12_345, TICK);
  let cur = Math.floor(12_345 / TICK); // the model's next unprocessed tick
  const model = new Map<number, { fireTick: number; id: number }>();
  let now = 12_345;
  let next = 0;
  for (let step = 0; step < 20_000; step++) {
    const r = rng.next();
    if (r < 0.5) {
      // Deadlines spread over every level: microseconds to days, some in the past.
      const scale = [100, 10_000, 1e6, 1e8, 1e10, 1e12][rng.int(6)];
      const deadline = now - 500 + rng.int(scale);
      const key = next++;
      const id = w.schedule(deadline, key);
      model.set(key, { fireTick: Math.max(Math.ceil(deadline / TICK), cur), id });
    } else if (r < 0.7 && model.size > 0) {
      const keys = [...model.keys()];
      const key = keys[rng.int(keys.length)];
      w.cancel((model.get(key) as { id: number }).id);
      model.delete(key);
    } else {
      now += [1, 50, 5000, 1e6, 1e9][rng.int(5)] * rng.next();
      const target = Math.floor(now / TICK);
      const expected = [...model.entries()].filter(([, v]) => v.fireTick <= target);
      const got: number[] = [];
      w.advance(now, (k) => got.push(k));
      assert.deepEqual(new Set(got), new Set(expected.map(([k]) => k)), `step ${step}`);
      const ticks = got.map((k) => (model.get(k) as { fireTick: number }).fireTick);
      for (let i = 1; i < ticks.length; i++) assert.ok(ticks[i] >= ticks[i - 1], `order at step ${step}`);
      for (const k of got) model.delete(k);
      cur = Math.max(cur, target + 1);
    }
    assert.equal(w.size, model.size);
    const min = Math.min(...[...model.values()].map((v) => v.fireTick));
    assert.equal(w.nextDeadline(), model.size === 0 ? Infinity : min * TICK, `nextDeadline at step ${step}`);
  }
});

test("10,000 timers around 60 s (FIN_WAIT_2, RTO cap) sit in level 2 and fire on time", () => {
  // 60 s = 3.75 M ticks of 16 us: inside level 2 (65,536 .. 16.7 M ticks, 4.5 min).
  const rng = new Rng(7);
  const w = new TimerWheel<number>(0, TICK);
  const deadlines: number[] = [];
  for (let i = 0; i < 10_000; i++) {
    deadlines.push(60_000_000 + rng.int(1_000_000));
    w.schedule(deadlines[i], i);
  }
  assert.equal(w.nextDeadline(), Math.ceil(Math.min(...deadlines) / TICK) * TICK);
  let fired = 0;
  let advances = 0;
  // Jump deadline to deadline, as the dataplane does: the idle minute costs nothing.
  while (w.size > 0) {
    const now = w.nextDeadline();
    advances++;
    w.advance(now, (i) => {
      assert.ok(now >= deadlines[i] && now - deadlines[i] < TICK, `timer ${i} at ${now}`);
      fired++;
    });
  }
  assert.equal(fired, 10_000);
  assert.ok(advances <= 10_000, `${advances} advances`);
});
