import assert from "node:assert/strict";
import { test } from "node:test";
import { FaultInjector, REORDER_HOLD_US } from "../src/device/fault-injector.ts";
import type { FaultConfig } from "../src/device/fault-injector.ts";
import { Rng } from "../src/device/rng.ts";

function frame(i: number): Uint8Array {
  const f = new Uint8Array(16);
  new DataView(f.buffer).setUint32(0, i);
  f.fill(0xa5, 4);
  return f;
}

const idOf = (f: Uint8Array): number => new DataView(f.buffer, f.byteOffset).getUint32(0);

interface Delivery {
  at: number;
  id: number;
  bytes: string;
}

/** Pushes `n` frames `gapUs` apart, popping as time passes, then drains; returns the trace. */
function run(cfg: Partial<FaultConfig>, seed: number, n: number, gapUs = 10): [Delivery[], FaultInjector] {
  const fi = new FaultInjector(cfg, new Rng(seed));
  const trace: Delivery[] = [];
  let now = 0;
  const out = (f: Uint8Array): void => {
    trace.push({ at: now, id: idOf(f), bytes: Buffer.from(f).toString("hex") });
  };
  for (let i = 0; i < n; i++) {
    now = i * gapUs;
    fi.pop(now, out);
    fi.push(frame(i), now);
  }
  for (let guard = 0; guard < 10 * n && fi.nextDeadline() !== Infinity; guard++) {
    now = fi.nextDeadline();
    fi.pop(now, out);
  }
  assert.equal(fi.pending, 0);
  return [trace, fi];
}

const ALL: Partial<FaultConfig> = {
  loss: 0.05,
  duplicate: 0.05,
  reorder: 0.05,
  corrupt: 0.05,
  delayUs: 100,
  jitterUs: 50,
};

test("same seed, same delivery trace; another seed, another trace", () => {
  const [a, fa] = run(ALL, 1234, 3000);
  const [b, fb] = run(ALL, 1234, 3000);
  const [c] = run(ALL, 4321, 3000);
  assert.deepEqual(a, b);
  assert.deepEqual(fa.counters, fb.counters);
  assert.notDeepEqual(a, c);
  // Every kind of fault happened in this trace.
  for (const k of ["lost", "duplicated", "reordered", "corrupted"] as const) assert.ok(fa.counters[k] > 0, k);
});

test("loss rate is close to the configured probability", () => {
  const n = 20_000;
  const [trace, fi] = run({ loss: 0.1 }, 99, n);
  // Binomial(20000, 0.1): sd ~42; allow 5 sd.
  assert.ok(Math.abs(fi.counters.lost - 2000) < 212, `lost ${fi.counters.lost}`);
  assert.equal(fi.counters.passed + fi.counters.lost, n);
  assert.equal(trace.length, fi.counters.passed);
  // No other fault without configuration: order kept, nothing altered.
  for (let i = 1; i < trace.length; i++) assert.ok(trace[i].id > trace[i - 1].id);
  assert.ok(trace.every((d) => d.bytes.endsWith("a5".repeat(12))));
});

test("reordering is observed and nothing is lost by it", () => {
  const n = 5000;
  const [trace, fi] = run({ reorder: 0.1 }, 5, n);
  assert.equal(trace.length, n);
  assert.deepEqual(
    trace.map((d) => d.id).sort((x, y) => x - y),
    Array.from({ length: n }, (_, i) => i),
  );
  let inversions = 0;
  for (let i = 1; i < trace.length; i++) if (trace[i].id < trace[i - 1].id) inversions++;
  assert.ok(Math.abs(fi.counters.reordered - 500) < 150, `reordered ${fi.counters.reordered}`);
  // Each held frame goes out right after its successor, so inversions track the counter.
  assert.ok(inversions > 0.8 * fi.counters.reordered && inversions <= fi.counters.reordered, `${inversions}`);
});

test("a reordered frame with no successor leaves after the hold time", () => {
  const fi = new FaultInjector({ reorder: 1 }, new Rng(1));
  fi.push(frame(7), 1000);
  assert.equal(fi.nextDeadline(), 1000 + REORDER_HOLD_US);
  const got: number[] = [];
  fi.pop(1000 + REORDER_HOLD_US - 1, (f) => got.push(idOf(f)));
  assert.equal(got.length, 0);
  fi.pop(1000 + REORDER_HOLD_US, (f) => got.push(idOf(f)));
  assert.deepEqual(got, [7]);
  assert.equal(fi.nextDeadline(), Infinity);
});

test("duplicates are delivered as equal copies right after the original", () => {
  const n = 5000;
  const [trace, fi] = run({ duplicate: 0.2 }, 77, n);
  assert.ok(Math.abs(fi.counters.duplicated - 1000) < 150, `duplicated ${fi.counters.duplicated}`);
  assert.equal(trace.length, n + fi.counters.duplicated);
  let pairs = 0;
  for (let i = 1; i < trace.length; i++) {
    if (trace[i].id === trace[i - 1].id) {
      pairs++;
      assert.equal(trace[i].bytes, trace[i - 1].bytes);
    }
  }
  assert.equal(pairs, fi.counters.duplicated);
});

test("corruption flips exactly one bit of a copy", () => {
  const n = 3000;
  const originals: Uint8Array[] = [];
  const fi = new FaultInjector({ corrupt: 0.1 }, new Rng(3));
  const delivered: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const f = frame(i);
    originals.push(f);
    fi.push(f, i);
    fi.pop(i, (g) => delivered.push(g));
  }
  assert.equal(delivered.length, n);
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const expected = frame(i);
    assert.deepEqual(originals[i], expected); // the caller's buffer is never modified
    let bits = 0;
    for (let j = 0; j < 16; j++) {
      let x = delivered[i][j] ^ expected[j];
      for (; x; x &= x - 1) bits++;
    }
    assert.ok(bits <= 1);
    if (bits === 1) {
      changed++;
      assert.notEqual(delivered[i], originals[i]);
    }
  }
  assert.equal(changed, fi.counters.corrupted);
  assert.ok(Math.abs(changed - 300) < 90, `corrupted ${changed}`);
});

test("delay and jitter bound every frame's time in flight", () => {
  const fi = new FaultInjector({ delayUs: 500, jitterUs: 100 }, new Rng(11));
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const now = i * 37;
    fi.pop(now, (f) => latencies.push(now - (sentAt.get(idOf(f)) as number)));
    sentAt.set(i, now);
    fi.push(frame(i), now);
    // Drain everything due before the next push, at its exact deadline.
    while (fi.nextDeadline() < (i + 1) * 37) {
      const t = fi.nextDeadline();
      fi.pop(t, (f) => latencies.push(t - (sentAt.get(idOf(f)) as number)));
    }
  }
  assert.equal(latencies.length + fi.pending, 2000);
  assert.ok(
    latencies.every((l) => l >= 500 && l <= 600),
    `${Math.min(...latencies)}..${Math.max(...latencies)}`,
  );
  assert.ok(Math.max(...latencies) - Math.min(...latencies) > 80); // jitter actually varies
});

test("fixed delay: nothing early, everything on time", () => {
  const fi = new FaultInjector({ delayUs: 250 }, new Rng(1));
  fi.push(frame(1), 1000);
  fi.push(frame(2), 1010);
  assert.equal(fi.nextDeadline(), 1250);
  const got: number[] = [];
  fi.pop(1249, (f) => got.push(idOf(f)));
  assert.equal(got.length, 0);
  fi.pop(1250, (f) => got.push(idOf(f)));
  assert.deepEqual(got, [1]);
  fi.pop(5000, (f) => got.push(idOf(f)));
  assert.deepEqual(got, [1, 2]);
});

test("configuration is validated and can change at run time", () => {
  const fi = new FaultInjector({}, new Rng(1));
  assert.deepEqual(fi.config, { loss: 0, duplicate: 0, reorder: 0, corrupt: 0, delayUs: 0, jitterUs: 0 });
  assert.throws(() => fi.set({ loss: 1.5 }), RangeError);
  assert.throws(() => fi.set({ corrupt: -0.1 }), RangeError);
  assert.throws(() => fi.set({ delayUs: -1 }), RangeError);
  assert.throws(() => new FaultInjector({ reorder: Number.NaN }, new Rng(1)), RangeError);
  fi.set({ loss: 1 });
  fi.push(frame(1), 0);
  assert.equal(fi.counters.lost, 1);
  assert.equal(fi.nextDeadline(), Infinity);
  fi.set({ loss: 0 });
  fi.push(frame(2), 0);
  assert.equal(fi.config.loss, 0);
  assert.equal(fi.counters.passed, 1);
});
