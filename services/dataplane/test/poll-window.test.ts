// Polling before sleeping (poll-window.ts), with a manual clock: an active
// core polls while within --poll-us of its last work, sleeps after it, never
// polls when parked, and counts the time it polled. Nothing here depends on
// the machine's speed: time only moves when a test advances it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ix } from "@ix/proto";
import { PollWindow } from "../src/poll-window.ts";
import { QueueMetrics, WINDOW_US } from "../src/queue-metrics.ts";
import { loadConfig } from "../src/config.ts";
import { TestWire, HOST_IP } from "./harness.ts";

const K = ix.SyscallKind;

test("PollWindow: polls within the window after work, then stops; counts exactly the time polled", () => {
  let active = true;
  const w = new PollWindow({ windowUs: 100, active: () => active });
  assert.equal(w.polling, false, "no work yet: nothing to poll for");
  assert.equal(w.beginTurn(1000), 0);
  assert.equal(w.endTurn(1010, true), 0, "a working turn is not polling");
  assert.equal(w.polling, true, "within the window after work");
  // Empty turns at 1030-1040 and 1080-1090: everything since 1010 was polling.
  assert.equal(w.beginTurn(1030), 20);
  assert.equal(w.endTurn(1040, false), 10);
  assert.equal(w.polling, true);
  assert.equal(w.beginTurn(1080), 40);
  assert.equal(w.endTurn(1110, false), 30);
  assert.equal(w.polling, false, "100 us after the last work: sleep");
  assert.equal(w.polledUs, 100);
  // Sleeping: the next turn (woken by a frame) polled nothing.
  assert.equal(w.beginTurn(5000), 0);
  assert.equal(w.endTurn(5005, true), 0);
  assert.equal(w.polling, true);
  // Parked in between: the core stops polling at the next turn's end.
  active = false;
  assert.equal(w.beginTurn(5010), 5);
  assert.equal(w.endTurn(5012, false), 2);
  assert.equal(w.polling, false, "a parked core never polls");
  assert.equal(w.polledUs, 107);
});

test("PollWindow: window 0 never polls; a bad window is refused", () => {
  const w = new PollWindow({ windowUs: 0, active: () => true });
  w.beginTurn(0);
  w.endTurn(1, true);
  assert.equal(w.polling, false);
  assert.throws(() => new PollWindow({ windowUs: -1, active: () => true }), /poll window/);
  assert.throws(() => new PollWindow({ windowUs: NaN, active: () => true }), /poll window/);
});

test("--poll-us and IX_POLL_US set the window; out of range is a clear error", () => {
  assert.equal(loadConfig(["--poll-us", "250"], {}).pollUs, 250);
  assert.equal(loadConfig([], { IX_POLL_US: "0" }).pollUs, 0);
  assert.throws(() => loadConfig(["--poll-us=-5"], {}), /IX_POLL_US must be an integer/);
  assert.throws(() => loadConfig(["--poll-us", "x"], {}), /IX_POLL_US must be an integer/);
});

test("QueueMetrics: polling time is reported as the poll fraction and stays part of the idle fraction", () => {
  const m = new QueueMetrics(0);
  m.recordCycle(1, 0, 1000, 0);
  m.recordPoll(4000);
  m.tick(WINDOW_US);
  assert.equal(m.last.pollFraction, 4000 / WINDOW_US);
  assert.equal(m.last.idleFraction, 1 - 1000 / WINDOW_US, "polling is not work");
  m.tick(2 * WINDOW_US);
  assert.equal(m.last.pollFraction, 0, "a window without polling");
});

/** One active core with a UDP listener, polling for `pollUs` after its last work. */
function pollingCore(pollUs: number, extra: string[] = []): TestWire {
  const w = new TestWire({ cores: 1, extra: ["--poll-us", String(pollUs), ...extra] });
  w.cores[0].syscalls(1, [{ kind: K.SYS_UDP_LISTEN, port: 5353 }]);
  return w;
}

test("an active core keeps polling (one turn scheduled, no timer) within the window, then sleeps", () => {
  const w = pollingCore(500);
  const c = w.cores[0];
  const thread = c.core.thread;
  assert.equal(w.time.runImmediates(), 1, "the listen runs");
  assert.ok(thread.polling, "after work the core polls");
  assert.equal(w.time.immediateCount, 1, "polling: the next turn is already scheduled");
  assert.deepEqual(w.time.timerDelays, [], "polling arms no timer");
  // Turns with nothing to do keep polling while inside the window.
  for (let i = 0; i < 4; i++) {
    w.time.nowUs += 100;
    assert.equal(w.time.runImmediates(), 1);
    assert.ok(thread.polling, `turn ${i + 1} at +${(i + 1) * 100} us still polls`);
    assert.equal(w.time.immediateCount, 1);
  }
  assert.equal(c.tx.length, 0, "an empty polling turn sends nothing");
  assert.equal(c.events.length, 1, "and hands the app nothing new (only the listen's batch)");
  assert.equal(thread.stats.cycles, 1, "polling turns are not busy cycles");
  // A datagram arriving while polling is taken by the turn already scheduled.
  w.peer.udpSend(40000, HOST_IP, 5353, new Uint8Array([7]), 1);
  w.pump();
  assert.equal(w.time.immediateCount, 1, "no second wake-up: the polling turn picks it up");
  // Turns and wire rounds: the ARP exchange (the core learns the peer), then the datagram.
  for (let i = 0; i < 3; i++) {
    w.time.nowUs += 20;
    assert.equal(w.time.runImmediates(), 1, "exactly one turn scheduled at a time");
    w.pump();
  }
  assert.ok(
    c.allEvents().some((e) => e.kind === ix.EventKind.EV_UDP_RECV && e.data?.[0] === 7),
    "the datagram reached the app",
  );
  assert.ok(thread.polling, "work restarted the window");
  // 500 us without work: the next turn ends the polling and nothing is scheduled.
  w.time.nowUs += 500;
  w.time.runImmediates();
  assert.equal(thread.polling, false);
  assert.equal(w.time.immediateCount, 0, "after the window the core sleeps");
  assert.deepEqual(w.time.timerDelays, [], "UDP has no timers: nothing wakes it but traffic");
  assert.ok(thread.sleeping);
  assert.ok(c.core.poll.polledUs >= 500, `polled ${c.core.poll.polledUs} us, at least the window`);
});

test("a parked core never polls, even right after work", () => {
  const w = pollingCore(10_000, ["--parked"]);
  const c = w.cores[0];
  assert.equal(w.time.runImmediates(), 1, "the listen runs on the parked core");
  assert.equal(c.core.control.active, false);
  assert.equal(c.core.thread.polling, false);
  assert.equal(w.time.immediateCount, 0, "parked: sleeps at once");
  assert.ok(c.core.thread.sleeping);
  assert.equal(c.core.poll.polledUs, 0);
});

test("IXCP's park ends the polling at once; an activated core polls again after its next work", () => {
  const w = new TestWire({ cores: 2, extra: ["--poll-us", "10000"] });
  const c = w.cores[1];
  c.syscalls(1, [{ kind: K.SYS_UDP_LISTEN, port: 5353 }]);
  w.time.runImmediates();
  assert.ok(c.core.thread.polling, "active core after work: polling");
  // IXCP moved its flow groups away (migration.test.ts covers how); then it parks the core.
  for (const fg of [...c.core.stack.ownedFlowGroups()]) c.core.stack.disownFlowGroup(fg);
  const park = c.command({ kind: ix.CommandKind.CMD_PARK });
  w.time.nowUs += 10;
  w.time.runImmediates();
  assert.equal(park[0]?.ok, true, park[0]?.error ?? "");
  assert.equal(c.core.thread.polling, false, "parked by IXCP: no more polling");
  assert.equal(w.time.immediateCount, 0, "and nothing scheduled");
  w.time.nowUs += 20_000; // longer than the window since the last work
  const act = c.command({ kind: ix.CommandKind.CMD_ACTIVATE });
  w.time.runImmediates();
  assert.equal(act[0]?.ok, true);
  assert.equal(c.core.thread.polling, false, "a command is not work: nothing to poll for yet");
  c.syscalls(2, [{ kind: K.SYS_UDP_LISTEN, port: 5354 }]);
  w.time.runImmediates();
  assert.ok(c.core.thread.polling, "active again: work restarts the window");
});
