import { test } from "node:test";
import assert from "node:assert/strict";
import { CoreLiveness } from "../src/core-liveness.ts";

test("a core silent beyond the limit is declared failed once, and revives when heard again", () => {
  const failed: number[] = [];
  const l = new CoreLiveness((c) => failed.push(c), 1000);
  l.seen(0, 0);
  l.seen(1, 0);
  l.check(900);
  assert.deepEqual(failed, []);
  l.seen(0, 900);
  l.check(1500);
  assert.deepEqual(failed, [1]);
  l.check(1600);
  assert.deepEqual(failed, [1], "reported once");
  l.seen(1, 1700);
  l.check(3000);
  assert.deepEqual(failed, [1, 0, 1]);
});
