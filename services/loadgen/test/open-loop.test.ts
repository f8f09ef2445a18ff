// The open loop's bookkeeping on a scripted connection and a hand-moved clock:
// the schedule never shifts, late sends are counted, and latency runs from
// the scheduled time (no coordinated omission).
import assert from "node:assert/strict";
import { test } from "node:test";
import { interArrival } from "../src/distributions.ts";
import { EchoClient } from "../src/echo-client.ts";
import { OpenLoopConnection } from "../src/open-loop.ts";
import { Rng } from "../src/rng.ts";
import type { Conn } from "../src/transport.ts";
import { Recorder } from "../src/window-stats.ts";

class ScriptedConn implements Conn {
  sent: Uint8Array[] = [];
  private dataCb: (chunk: Uint8Array) => void = () => {};
  private closeCb: (err?: Error) => void = () => {};
  send(bytes: Uint8Array): void {
    this.sent.push(bytes);
  }
  onData(cb: (chunk: Uint8Array) => void): void {
    this.dataCb = cb;
  }
  onClose(cb: (err?: Error) => void): void {
    this.closeCb = cb;
  }
  close(): void {
    this.closeCb();
  }
  deliver(chunk: Uint8Array): void {
    this.dataCb(chunk);
  }
}

function setup(depth: number, lateSlackUs: number) {
  let now = 0;
  const conn = new ScriptedConn();
  const recorder = new Recorder(0);
  const latencies: number[] = [];
  recorder.observer = (us) => latencies.push(us);
  const olc = new OpenLoopConnection(conn, new EchoClient(1, depth), new Rng(9), recorder, () => now, {
    depth,
    lateSlackUs,
    unitGap: interArrival("exponential", 1),
  });
  // The schedule the connection must follow: cumulative gaps from the same seed, mean 1000 us.
  const rng = new Rng(9);
  const unit = interArrival("exponential", 1);
  const schedule: number[] = [];
  for (let t = 0, i = 0; i < 50; i++) schedule.push((t += unit.sample(rng) * 1000));
  olc.setRate(1000, 0);
  return { conn, recorder, latencies, olc, schedule, setNow: (t: number) => (now = t) };
}

test("sends blocked at depth are late, keep their scheduled times, and do not shift the schedule", () => {
  const { conn, recorder, latencies, olc, schedule, setNow } = setup(1, 1e9);
  assert.equal(olc.nextDueUs, schedule[0]);
  const t = schedule[2] + 1;
  setNow(t);
  olc.pump(t);
  assert.equal(conn.sent.length, 1); // depth 1
  assert.equal(recorder.totals.scheduled, 3);
  assert.equal(recorder.totals.late, 2); // the 2nd and 3rd came due at full depth
  assert.equal(olc.nextDueUs, schedule[3]); // not re-based on "now"

  setNow(t + 100);
  conn.deliver(Buffer.from("a"));
  assert.equal(conn.sent.length, 2); // the freed slot goes to the oldest due send
  setNow(t + 250);
  conn.deliver(Buffer.from("a"));
  assert.equal(conn.sent.length, 3);
  // Latency is measured from each request's scheduled time, including its wait for a slot.
  assert.equal(latencies.length, 2);
  assert.ok(Math.abs(latencies[0] - (t + 100 - schedule[0])) < 1e-6);
  assert.ok(Math.abs(latencies[1] - (t + 250 - schedule[1])) < 1e-6);

  // A server that stalls does not slow the schedule: 40 more sends still come due on time.
  const later = schedule[42] + 1;
  setNow(later);
  olc.pump(later);
  assert.equal(recorder.totals.scheduled, 43);
  assert.equal(olc.nextDueUs, schedule[43]);
  assert.equal(conn.sent.length, 3); // still one outstanding, the rest wait
  assert.equal(olc.backlogged, 40);
});

test("a send noticed later than the slack is late even with free depth", () => {
  const { conn, recorder, olc, schedule, setNow } = setup(64, 500);
  for (let i = 0; i < 5; i++) {
    setNow(schedule[i] + 10); // each send noticed promptly
    olc.pump(schedule[i] + 10);
  }
  assert.equal(recorder.totals.late, 0);
  const now = schedule[20] + 100; // the loop wakes up late: everything older than 500 us is late
  setNow(now);
  olc.pump(now);
  const due = schedule.filter((t) => t > schedule[4] + 10 && t <= now);
  assert.equal(recorder.totals.late, due.filter((t) => now - t > 500).length);
  assert.ok(recorder.totals.late > 0);
  assert.equal(conn.sent.length, 21);
});

test("a rate of zero stops the schedule and a new rate restarts it", () => {
  const { olc } = setup(4, 500);
  olc.setRate(0, 5000);
  assert.equal(olc.nextDueUs, Infinity);
  olc.setRate(2000, 5000);
  assert.ok(olc.nextDueUs > 5000 && olc.nextDueUs < 5000 + 100_000);
});

test("requests on a closed connection count as errors, not as silence", () => {
  const { conn, recorder, olc, schedule, setNow } = setup(2, 1e9);
  setNow(schedule[3] + 1);
  olc.pump(schedule[3] + 1); // 2 in flight, 2 waiting
  conn.close();
  assert.equal(recorder.totals.errors, 4);
  olc.pump(schedule[5] + 1);
  assert.equal(recorder.totals.errors, 6);
  assert.equal(conn.sent.length, 2);
});
