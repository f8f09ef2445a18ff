// The dataplane's app watch (services/dataplane/src/app-watch.ts) with an
// injected clock: stall detection and recovery, and telling a restarted app
// from the old instance or from another app.
import { test } from "node:test";
import assert from "node:assert/strict";
import { AppWatch } from "../services/dataplane/src/app-watch.ts";

test("a stall is reported once, after the limit, only while an answer is awaited", () => {
  const log: string[] = [];
  const w = new AppWatch({ stallUs: 1_000_000, log: (l) => log.push(l) });
  w.check(5_000_000, 0);
  assert.equal(w.stalled, false, "nothing awaited: an idle app is not stalled");
  w.delivered(10_000_000);
  w.delivered(10_500_000); // the first delivery starts the clock
  w.check(10_900_000, 3);
  assert.equal(w.stalled, false);
  w.check(11_000_000, 3);
  w.check(12_000_000, 3);
  assert.equal(w.stalled, true);
  assert.equal(w.stalls, 1);
  assert.equal(log.length, 1);
  assert.match(log[0], /app stalled: no syscalls for 1\.0 s .*3 still queued/);
  w.answered("app#a");
  assert.equal(w.stalled, false);
  assert.match(log[1], /answers again/);
  w.check(20_000_000, 0);
  assert.equal(w.stalled, false, "answered: the clock stopped");
});

test("a new instance of the same app is a restart; other names and unnamed apps are not", () => {
  const w = new AppWatch({ stallUs: 1 });
  assert.equal(w.answered("app#1"), false, "first instance");
  assert.equal(w.answered("app#1"), false);
  assert.equal(w.answered("hostile"), false, "no instance: never triggers a takeover");
  assert.equal(w.answered("other#9"), false, "another app's first instance");
  assert.equal(w.answered("app#2"), true, "restart");
  assert.equal(w.answered("app#2"), false);
  assert.equal(w.restarts, 1);
});
