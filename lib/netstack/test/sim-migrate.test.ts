// Flow-group migration in the middle of a transfer: the group of an active
// connection moves from stack B to a fresh stack C with the same identity (as
// IX's cores share the host's MAC/IP); frames for host B go to whichever stack
// owns the segment's flow group, and the transfer completes intact.

import assert from "node:assert/strict";
import { test } from "node:test";
import { BulkEndpoint, IP_B, Sim } from "./sim-harness.ts";
import type { Stack } from "../src/iface/stack.ts";
import { HANDLE_FG_SCALE } from "../src/handle.ts";

/** Flow group of a TCP frame as received by host B, or -1 for anything else. */
function frameGroup(s: Stack, f: Uint8Array): number {
  if (f.length < 54 || f[12] !== 0x08 || f[13] !== 0x00 || f[23] !== 6) return -1;
  const ihl = (f[14] & 0xf) * 4;
  const rd = (o: number) => ((f[o] << 24) | (f[o + 1] << 16) | (f[o + 2] << 8) | f[o + 3]) >>> 0;
  const l4 = 14 + ihl;
  if (f.length < l4 + 4) return -1;
  return s.flowGroupOf(rd(26), rd(30), (f[l4] << 8) | f[l4 + 1], (f[l4 + 2] << 8) | f[l4 + 3]);
}

function migrateRun(total: number, migrateAt: number, faults: object, mirrorToOld = false) {
  const sim = new Sim(11, faults);
  const { a, b } = sim;
  const c = sim.makeB({ ownedFlowGroups: [] });
  sim.deliverToB = (f) => {
    const fg = frameGroup(b, f);
    if (fg < 0) {
      b.input(f);
      c.input(f.slice());
    } else if (c.ownsFlowGroup(fg)) {
      c.input(f);
      if (mirrorToOld) b.input(f.slice()); // a stale steering table still feeding the old owner
    } else b.input(f);
  };
  b.listen(80);
  c.listen(80);
  const ea = new BulkEndpoint(a, 0, total);
  const eb = new BulkEndpoint(b, 1, total);
  a.connect(IP_B, 80, 7);
  let migrated = false;
  let exportBytes = 0;
  const app = () => {
    for (const e of a.events) {
      if (e.type === "connected") ea.handle = e.handle;
      else ea.onEvent(e);
    }
    a.events.length = 0;
    for (const s of [b, c]) {
      for (const e of s.events) {
        if (e.type === "knock") {
          eb.handle = e.handle;
          s.accept(e.handle, 9);
        } else eb.onEvent(e);
      }
      s.events.length = 0;
    }
    ea.pump();
    eb.pump();
    // Migrate right after the app queued data, so unacked send data must travel.
    if (!migrated && eb.received >= migrateAt) {
      migrated = true;
      const fg = Math.floor(eb.handle / HANDLE_FG_SCALE);
      const bytes = b.exportFlowGroup(fg);
      exportBytes = bytes.length;
      assert.equal(b.ownsFlowGroup(fg), false);
      assert.equal(b.connectionCount(), 0);
      assert.equal(c.importFlowGroup(bytes), fg);
      assert.equal(c.connectionCount(), 1);
      eb.stack = c; // the handle stays valid: it encodes the flow group
    }
  };
  const done = () => ea.done() && eb.done() && a.connectionCount() === 0 && c.connectionCount() === 0;
  sim.run(done, app, 3_600_000_000);
  return { sim, ea, eb, migrated, exportBytes, a, b, c };
}

test("export a group mid-transfer from B to C: transfer completes intact", () => {
  const r = migrateRun(4_000_000, 1_500_000, { delayUs: 400 });
  assert.ok(r.migrated);
  assert.deepEqual(r.ea.errors, []);
  assert.deepEqual(r.eb.errors, []);
  assert.equal(r.ea.received, 4_000_000);
  assert.equal(r.eb.received, 4_000_000);
  assert.ok(r.exportBytes > 1000, "unacked send data travelled with the group");
  assert.equal(r.c.counters.flowGroupsImported, 1);
  assert.ok(r.c.counters.tcpOut > 0, "C carried the connection on");
});

test("export under loss and reordering (out-of-order data and timers travel too)", () => {
  const r = migrateRun(3_000_000, 1_000_000, { delayUs: 400, jitterUs: 300, loss: 0.03, reorder: 0.03 });
  assert.ok(r.migrated);
  assert.deepEqual(r.ea.errors, []);
  assert.deepEqual(r.eb.errors, []);
  assert.equal(r.ea.received, 3_000_000);
  assert.equal(r.eb.received, 3_000_000);
});

test("frames for a group B no longer owns are dropped and counted; empty groups round-trip", () => {
  const r = migrateRun(1_000_000, 200_000, { delayUs: 400 }, true);
  assert.equal(r.eb.received, 1_000_000);
  assert.ok(r.b.counters.dropTcpNotOwned > 100, "the old owner dropped the group's frames");
  assert.equal(r.b.counters.tcpResetsSent, 0, "and never answered them with RSTs");
  // Let the closed connection's TIME-WAIT record (2*MSL, 60 s) expire: the group is then empty.
  r.sim.now += 60_000_000;
  r.c.poll();
  r.a.poll();
  assert.equal(r.c.timeWaitCount() + r.a.timeWaitCount(), 0);
  const bytes = r.c.exportFlowGroup(r.c.ownedFlowGroups()[0]);
  assert.ok(bytes.length > 0);
  assert.equal(r.c.importFlowGroup(bytes.subarray(0, 10)), -22, "truncated import is EINVAL");
  const fg = (bytes[5] << 8) | bytes[6];
  assert.equal(r.c.ownsFlowGroup(fg), false);
  assert.equal(r.c.importFlowGroup(bytes), fg, "an empty group round-trips");
  assert.equal(r.c.ownsFlowGroup(fg), true);
  assert.equal(r.c.importFlowGroup(bytes), fg, "importing an empty group over an empty group is fine");
});
