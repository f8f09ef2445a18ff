// The runner's scheduler sleeps until the earliest due send and sends all that
// are due; it never spins. Checked two ways: on a simulated clock whose waker
// jumps straight to the armed time (so every count is exact and the schedule
// can be recomputed from the seeds), and against a real echo server on
// loopback with the real (thread) waker, where only counts are asserted.
import assert from "node:assert/strict";
import net from "node:net";
import { test } from "node:test";
import { interArrival } from "../src/distributions.ts";
import { EchoClient } from "../src/echo-client.ts";
import { KernelTransport } from "../src/kernel-transport.ts";
import { Rng } from "../src/rng.ts";
import { LoadRunner } from "../src/runner.ts";
import type { Conn, Transport } from "../src/transport.ts";
import type { Waker } from "../src/wake.ts";

/** A connection that swallows requests (no responses): what the schedule does, alone. */
class SilentConn implements Conn {
  sends = 0;
  send(): void {
    this.sends++;
  }
  onData(): void {}
  onClose(): void {}
  close(): void {}
}

/**
 * Discrete-event time: the clock stands still while the runner works and jumps
 * to the armed time when the runner sleeps. `armedAt` records every arming.
 */
class SimulatedTime {
  nowUs = 1_000_000;
  armedAt: { atUs: number; nowUs: number }[] = [];
  /** One wake at or after this time comes `lateByUs` late (a busy machine), once. */
  lateWakeAfterUs = Infinity;
  lateByUs = 0;
  private pending = Infinity;
  private onWake: () => void = () => {};
  readonly clock = (): number => this.nowUs;
  readonly waker = (onWake: () => void): Waker => {
    this.onWake = onWake;
    return {
      arm: (atUs) => {
        this.armedAt.push({ atUs, nowUs: this.nowUs });
        this.pending = atUs;
      },
      disarm: () => (this.pending = Infinity),
      close: () => (this.pending = Infinity),
    };
  };
  /** Runs wakes until `done()` or no wake is pending; bounded so a bug cannot hang the test. */
  drive(done: () => boolean, maxWakes: number): number {
    let wakes = 0;
    while (!done() && this.pending !== Infinity) {
      assert.ok(++wakes <= maxWakes, `more than ${maxWakes} wakes: the scheduler is spinning`);
      this.nowUs = Math.max(this.nowUs, this.pending);
      if (this.nowUs >= this.lateWakeAfterUs) {
        this.nowUs += this.lateByUs;
        this.lateWakeAfterUs = Infinity;
      }
      this.pending = Infinity;
      this.onWake();
    }
    return wakes;
  }
}

const SEED = 42;
const CONNECTIONS = 4;
const RATE = 2000; // requests/s over all connections
const DURATION_US = 1_000_000;

/** The send times of connection i in (start, start + duration], from the runner's seeding. */
function expectedSchedule(i: number, startUs: number): number[] {
  const rng = new Rng(SEED * 1_000_003 + i * 2 + 1);
  const unit = interArrival("exponential", 1);
  const meanGapUs = 1e6 / (RATE / CONNECTIONS);
  const times: number[] = [];
  for (
    let t = startUs + unit.sample(rng) * meanGapUs;
    t < startUs + DURATION_US;
    t += unit.sample(rng) * meanGapUs
  )
    times.push(t);
  return times;
}

test("on a simulated clock every send goes out exactly at its due time, and each wake is for a future send", async () => {
  const time = new SimulatedTime();
  const conns: SilentConn[] = [];
  const transport: Transport = {
    name: "silent",
    connect: async () => {
      const c = new SilentConn();
      conns.push(c);
      return c;
    },
  };
  const runner = await LoadRunner.connect({
    transport,
    host: "127.0.0.1",
    port: 1,
    connections: CONNECTIONS,
    depth: 100_000, // nothing ever blocks: every send's timing is the scheduler's alone
    interArrival: "exponential",
    seed: SEED,
    lateSlackUs: 0, // a send out even 1 us after its time would count as late
    makeClient: () => new EchoClient(8, 100_000),
    clock: time.clock,
    waker: time.waker,
  });
  const startUs = time.nowUs;
  let done = false;
  const phase = runner
    .runPhase({ rateAt: () => RATE, warmupUs: 0, durationUs: DURATION_US, bucketUs: DURATION_US })
    .then((w) => ((done = true), w));
  const wakes = time.drive(() => done, 100_000);
  const [window] = await phase;

  const expected = conns.map((_, i) => expectedSchedule(i, startUs));
  const total = expected.reduce((s, t) => s + t.length, 0);
  // The schedule is the seeded one, to the request, on every connection.
  assert.deepEqual(
    conns.map((c) => c.sends),
    expected.map((t) => t.length),
  );
  assert.equal(window.scheduled, total);
  assert.equal(window.sent, total);
  assert.equal(window.late, 0, "a send went out after its due time");
  assert.equal(window.lagged, 0);
  // Poisson count: 2000 +- 45 (1 sigma); 25% is a bound no correct schedule breaks.
  assert.ok(Math.abs(total - RATE) < 0.25 * RATE, `${total} sends for ${RATE}/s over 1 s`);
  // No spinning: every arming is for a time after "now", and there is at most one
  // wake per send plus one per MAX_SLEEP (10 ms) rate re-read and per window end.
  for (const a of time.armedAt) assert.ok(a.atUs > a.nowUs, `armed for ${a.atUs} at ${a.nowUs}`);
  const sendTimes = new Set(expected.flat());
  assert.ok(wakes <= sendTimes.size + DURATION_US / 10_000 + 2, `${wakes} wakes for ${total} sends`);
  runner.close();
});

test("a wake that comes late past a window's end still counts each send in the window it was due in", async () => {
  const time = new SimulatedTime();
  const transport: Transport = { name: "silent", connect: async () => new SilentConn() };
  const runner = await LoadRunner.connect({
    transport,
    host: "127.0.0.1",
    port: 1,
    connections: CONNECTIONS,
    depth: 100_000,
    interArrival: "exponential",
    seed: SEED,
    lateSlackUs: 0,
    makeClient: () => new EchoClient(8, 100_000),
    clock: time.clock,
    waker: time.waker,
  });
  const startUs = time.nowUs;
  const bucketUs = DURATION_US / 4;
  time.lateWakeAfterUs = startUs + 2 * bucketUs - 20_000; // the wake before the 2nd window's end...
  time.lateByUs = 45_000; // ...comes 45 ms late, 25 ms past that end
  let done = false;
  const phase = runner
    .runPhase({ rateAt: () => RATE, warmupUs: 0, durationUs: DURATION_US, bucketUs })
    .then((w) => ((done = true), w));
  time.drive(() => done, 100_000);
  const windows = await phase;
  const due = Array.from({ length: CONNECTIONS }, (_, i) => expectedSchedule(i, startUs)).flat();
  assert.equal(windows.length, 4);
  windows.forEach((w, k) => {
    const lo = startUs + k * bucketUs;
    const inWindow = due.filter((t) => t > lo && t <= lo + bucketUs).length;
    assert.equal(w.scheduled, inWindow, `window ${k}: scheduled`);
    assert.equal(w.sent, inWindow, `window ${k}: sent`);
  });
  // Those 45 ms of sends were noticed late on both sides of the boundary, all as
  // the generator's own lag (depth never ran out).
  for (const k of [1, 2]) {
    assert.ok(windows[k].late > 0, `window ${k}: no late sends`);
    assert.equal(windows[k].lagged, windows[k].late, `window ${k}: lagged`);
  }
  assert.equal(windows[0].late + windows[3].late, 0);
  runner.close();
});

test(
  "against a loopback echo server the real waker keeps the schedule and every request is answered",
  { timeout: 60_000 },
  async () => {
    const sockets = new Set<net.Socket>();
    const server = net.createServer({ noDelay: true }, (s) => {
      sockets.add(s);
      s.on("error", () => s.destroy());
      s.on("close", () => sockets.delete(s));
      s.pipe(s);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as net.AddressInfo).port;
    const runner = await LoadRunner.connect({
      transport: new KernelTransport(),
      host: "127.0.0.1",
      port,
      connections: CONNECTIONS,
      depth: 64,
      interArrival: "exponential",
      seed: SEED,
      lateSlackUs: 500,
      makeClient: () => new EchoClient(16, 64),
    });
    try {
      const [window] = await runner.runPhase({
        rateAt: () => RATE,
        warmupUs: 0,
        durationUs: DURATION_US,
        bucketUs: DURATION_US,
      });
      // The schedule depends on the seed and the clock only, never on the machine's
      // speed: a slow machine shows late sends, not fewer scheduled ones.
      assert.ok(
        Math.abs(window.scheduled - RATE) < 0.25 * RATE,
        `${window.scheduled} scheduled for ${RATE}/s over 1 s`,
      );
      assert.equal(window.dropped, 0);
      const t = runner.recorder.totals;
      const deadline = Date.now() + 30_000;
      while (t.completed < t.sent && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.equal(t.completed, t.sent, `only ${t.completed} of ${t.sent} echoes came back within 30 s`);
      assert.equal(t.errors, 0);
      assert.equal(t.sent, t.scheduled, "every scheduled request was sent");
    } finally {
      runner.close();
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    }
  },
);
