// Minimal-move planning of flow group spreads (lib/bus spreadReta's balance,
// with only the groups whose owner must change).
import { test } from "node:test";
import assert from "node:assert/strict";
import { initialReta, spreadReta } from "@ix/bus";
import { batchMoves, coresInReta, planSpread, spreadQuotas } from "../src/spread-plan.ts";

const counts = (reta: readonly number[]): Map<number, number> => {
  const m = new Map<number, number>();
  for (const q of reta) m.set(q, (m.get(q) ?? 0) + 1);
  return m;
};
const changed = (a: readonly number[], b: readonly number[]): number => a.filter((q, i) => q !== b[i]).length;

test("step up 1 -> 2 cores moves exactly half the groups, all from core 0 to core 1", () => {
  const reta = new Array<number>(128).fill(0);
  const { reta: next, moves } = planSpread(reta, [0, 1]);
  assert.deepEqual(
    counts(next),
    new Map([
      [0, 64],
      [1, 64],
    ]),
  );
  assert.equal(moves.length, 1);
  assert.deepEqual([moves[0].source, moves[0].target], [0, 1]);
  assert.equal(moves[0].flowGroups.length, 64);
  // Core 0 keeps its lowest groups and gives away 64..127.
  assert.deepEqual(
    moves[0].flowGroups,
    Array.from({ length: 64 }, (_, i) => 64 + i),
  );
});

test("same balance as spreadReta with far fewer moves (2 -> 3 cores)", () => {
  const reta = initialReta(128, 2);
  const { reta: next, moves } = planSpread(reta, [0, 1, 2]);
  const naive = spreadReta(128, [0, 1, 2]);
  const sorted = (m: Map<number, number>) => [...m.values()].sort();
  assert.deepEqual(sorted(counts(next)), sorted(counts(naive)));
  const moved = moves.reduce((a, m) => a + m.flowGroups.length, 0);
  assert.equal(moved, changed(reta, next));
  // Minimal: core 2 needs 42 groups, nothing else has to move.
  assert.equal(moved, 42);
  assert.ok(changed(reta, naive) > moved, `naive spread moves ${changed(reta, naive)}`);
  assert.ok(moves.every((m) => m.target === 2));
});

test("step down 4 -> 3: only the leaving core's groups move", () => {
  const reta = initialReta(128, 4);
  const { reta: next, moves } = planSpread(reta, [0, 1, 2]);
  assert.equal(changed(reta, next), 32);
  assert.ok(moves.every((m) => m.source === 3));
  assert.deepEqual(coresInReta(next), [0, 1, 2]);
  assert.deepEqual([...counts(next).values()].sort(), [42, 43, 43]);
});

test("uneven tables: ceil quotas go to the cores that already own most", () => {
  const reta = [...new Array<number>(10).fill(0), ...new Array<number>(3).fill(1)];
  const q = spreadQuotas(reta, [0, 1]);
  assert.deepEqual([q.get(0), q.get(1)], [7, 6]);
  const { reta: next } = planSpread(reta, [0, 1]);
  assert.equal(changed(reta, next), 3);
  assert.throws(() => planSpread(reta, []), /at least one core/);
});

test("already balanced: no move; moves are batched", () => {
  assert.deepEqual(planSpread(initialReta(128, 4), [0, 1, 2, 3]).moves, []);
  const { moves } = planSpread(new Array<number>(128).fill(0), [0, 1]);
  const batches = batchMoves(moves, 16);
  assert.equal(batches.length, 4);
  assert.ok(batches.every((b) => b.flowGroups.length === 16));
  assert.deepEqual(
    batches.flatMap((b) => b.flowGroups),
    moves[0].flowGroups,
  );
});
