// IX's control rules on a synthetic metric timeline with an injected clock:
// every tick is one 100 ms period; nothing here depends on wall time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { initialReta } from "@ix/bus";
import { Registry } from "prom-client";
import { ControlLoop } from "../src/control-loop.ts";
import { DecisionLog } from "../src/decision-log.ts";
import { createIxcpMetrics } from "../src/ixcp-metrics.ts";
import { consolidationPolicy, energyPolicy, staticPolicy } from "../src/policies/builtins.ts";
import { stepDownIdleThreshold } from "../src/policies/ix-rules.ts";
import type { Policy } from "../src/policies/policy.ts";
import { FakeClock, RecordingActuator, TimelineSource } from "./sim.ts";

const PERIOD = 100;

function setup(opts: { cores: number; active: number; policy?: Policy }) {
  const clock = new FakeClock();
  const source = new TimelineSource(clock, opts.cores);
  const reta = initialReta(128, opts.active);
  const actuator = new RecordingActuator(reta);
  const lines: string[] = [];
  const registry = new Registry();
  const metrics = createIxcpMetrics(registry);
  const log = new DecisionLog({ print: (l) => lines.push(l), metrics });
  const loop = new ControlLoop({
    source,
    actuator,
    policy: opts.policy ?? energyPolicy(),
    log,
    totalCores: opts.cores,
    reta,
    now: clock.now,
    metrics,
  });
  /** Ticks every period until `until` (inclusive). */
  const runUntil = async (until: number): Promise<void> => {
    while (clock.t + PERIOD <= until) {
      clock.t += PERIOD;
      await loop.tick();
    }
  };
  const steps = () => log.entries.filter((e) => e.action === "step_up" || e.action === "step_down");
  return { clock, source, actuator, loop, log, lines, registry, runUntil, steps };
}

test("steps up within two periods of the fast EMA crossing 32, in IX's order", async () => {
  const s = setup({ cores: 2, active: 1 });
  s.source.setAll({ emaFast: 10, emaSlow: 10, idleFraction: 0.2 });
  await s.runUntil(1000);
  assert.equal(s.steps().length, 0);
  s.source.set(0, { emaFast: 32 }); // not above 32: no step
  await s.runUntil(1300);
  assert.equal(s.steps().length, 0);
  const crossedAt = s.clock.t;
  s.source.set(0, { emaFast: 33 });
  await s.runUntil(crossedAt + 2 * PERIOD);
  const [up] = s.steps();
  assert.ok(up, "stepped up");
  assert.equal(up.action, "step_up");
  assert.ok(up.at - crossedAt <= 2 * PERIOD);
  assert.match(up.reason, /^queue_high: max fast EMA 33\.0 > 32/);
  assert.deepEqual([up.from, up.to], [1, 2]);
  // Activate first, then every batch: migrate on the source, then the RETA.
  assert.deepEqual(s.actuator.log, [
    "activate 1",
    "migrate 0->1 64+16",
    "reta 64+16->1",
    "migrate 0->1 80+16",
    "reta 80+16->1",
    "migrate 0->1 96+16",
    "reta 96+16->1",
    "migrate 0->1 112+16",
    "reta 112+16->1",
  ]);
  assert.deepEqual(s.loop.reconf.reta, s.actuator.reta);
  const line = JSON.parse(s.lines.find((l) => l.includes("step_up"))!);
  assert.equal(line.event, "decision");
  assert.match(
    await s.registry.metrics(),
    /ix_ixcp_decisions_total\{action="step_up",reason="queue_high"\} 1/,
  );
  assert.match(await s.registry.metrics(), /ix_ixcp_active_cores 2/);
});

test("hold times: 200 ms between step ups, 2 s after a step down, 4 s before a step down", async () => {
  const s = setup({ cores: 4, active: 1 });
  s.source.setAll({ emaFast: 50, emaSlow: 20, idleFraction: 0 });
  await s.runUntil(600);
  // Up at 100, 300, 500: every 200 ms, never faster.
  assert.deepEqual(
    s.steps().map((e) => [e.at, e.action, e.to]),
    [
      [100, "step_up", 2],
      [300, "step_up", 3],
      [500, "step_up", 4],
    ],
  );
  // Quiet load: the step down waits 4 s after the last step (500 -> 4500).
  s.source.setAll({ emaFast: 1, emaSlow: 1, idleFraction: 0.95 });
  await s.runUntil(4400);
  assert.equal(s.steps().length, 3);
  await s.runUntil(4500);
  assert.deepEqual(
    s
      .steps()
      .map((e) => [e.at, e.action, e.to])
      .at(-1),
    [4500, "step_down", 3],
  );
  // Load returns just after: no step up until 2 s after the step down.
  s.source.setAll({ emaFast: 50, emaSlow: 20, idleFraction: 0 });
  await s.runUntil(6400);
  assert.equal(s.steps().length, 4);
  await s.runUntil(6500);
  assert.deepEqual(
    s
      .steps()
      .map((e) => [e.at, e.action, e.to])
      .at(-1),
    [6500, "step_up", 4],
  );
});

test("step down needs the slow EMA below 8 AND the idle fraction above the step's threshold", async () => {
  assert.equal(stepDownIdleThreshold(2).toFixed(3), "0.583");
  assert.equal(stepDownIdleThreshold(1), Infinity);
  const s = setup({ cores: 2, active: 2 });
  s.source.setAll({ emaFast: 2, emaSlow: 2, idleFraction: 0.55 }); // short queues, but not idle enough
  await s.runUntil(6000);
  assert.equal(s.steps().length, 0);
  s.source.setAll({ emaSlow: 9, idleFraction: 0.9 }); // idle, but the slow EMA says 9 >= 8
  await s.runUntil(7000);
  assert.equal(s.steps().length, 0);
  s.source.setAll({ emaSlow: 7, idleFraction: 0.6 });
  await s.runUntil(7100);
  const [down] = s.steps();
  assert.deepEqual([down.at, down.action, down.from, down.to], [7100, "step_down", 2, 1]);
  // Core 1 (the higher one) leaves: its 64 groups move to core 0, then it is parked.
  assert.equal(s.actuator.log.filter((l) => l.startsWith("migrate 1->0")).length, 4);
  assert.equal(s.actuator.log.at(-1), "park 1");
  assert.ok(s.actuator.reta.every((q) => q === 0));
  // One core never steps down further.
  await s.runUntil(20_000);
  assert.equal(s.steps().length, 1);
});

test("a silent core is dead after 500 ms; its groups are rewritten to live cores within a second", async () => {
  const s = setup({ cores: 3, active: 3 });
  s.source.setAll({ emaFast: 5, emaSlow: 5, idleFraction: 0.3 });
  // After the start grace (1.5 s), when every core has been heard from.
  await s.runUntil(2000);
  s.source.silent.add(1); // last seen at 2000
  s.source.gone.add(1); // killed: its admin port refuses
  s.actuator.log.length = 0;
  await s.runUntil(2500);
  assert.equal(s.loop.dead.has(1), false, "500 ms of silence is not yet dead");
  await s.runUntil(3000);
  const dead = s.log.entries.find((e) => e.action === "core_dead")!;
  assert.equal(dead.at, 2600);
  assert.equal(dead.core, 1);
  const reassigned = s.log.entries.find((e) => e.action === "reassign_dead")!;
  assert.ok(reassigned.at - 2000 <= 1000, "reassigned within a second of going silent");
  // Nobody can migrate from a dead core: RETA rewrites only, never a migrate or park of core 1.
  assert.ok(!s.actuator.log.some((l) => l.startsWith("migrate 1->") || l === "park 1"));
  assert.ok(s.actuator.log.some((l) => l.startsWith("reta")));
  assert.ok(s.actuator.reta.every((q) => q === 0 || q === 2));
  assert.ok(Math.abs(s.actuator.reta.filter((q) => q === 0).length - 64) <= 1);
  assert.match(await s.registry.metrics(), /ix_ixcp_core_dead_total\{core="1"\} 1/);
  // Load rises: core 1 is not live, so there is nothing to step up to.
  s.source.setAll({ emaFast: 50 });
  await s.runUntil(4000);
  assert.equal(s.steps().length, 0);
  // It comes back: alive again, and the next step up may use it.
  s.source.silent.delete(1);
  await s.runUntil(4200);
  assert.ok(s.log.entries.some((e) => e.action === "core_alive" && e.core === 1));
  assert.deepEqual(
    s.steps().map((e) => e.to),
    [3],
  );
});

test("consolidation: background job stopped before activating, started after parking", async () => {
  const s = setup({ cores: 2, active: 2, policy: consolidationPolicy() });
  s.source.setAll({ emaFast: 1, emaSlow: 1, idleFraction: 0.9 });
  await s.runUntil(100);
  assert.deepEqual(s.actuator.log.slice(-2), ["park 1", "background 1 1"]);
  s.source.setAll({ emaFast: 40, emaSlow: 20, idleFraction: 0.1 });
  s.actuator.log.length = 0;
  await s.runUntil(2100);
  assert.deepEqual(s.actuator.log.slice(0, 3), ["background 1 0", "activate 1", "migrate 0->1 64+16"]);
});

test("a failed migration leaves its groups where they were and is logged", async () => {
  const s = setup({ cores: 2, active: 1 });
  s.actuator.refuse.add("migrate");
  s.source.setAll({ emaFast: 40 });
  await s.runUntil(100);
  assert.ok(s.actuator.reta.every((q) => q === 0));
  assert.ok(s.loop.reconf.reta.every((q) => q === 0));
  assert.ok(!s.actuator.log.some((l) => l.startsWith("reta")), "no RETA rewrite without an ok migrate");
  assert.equal(s.log.entries.filter((e) => e.action === "error").length, 4);
});

test("a core never heard from is declared dead only after the start grace plus 500 ms", async () => {
  const s = setup({ cores: 2, active: 2 });
  s.source.silent.add(1);
  s.source.gone.add(1);
  s.source.set(0, { emaFast: 5, emaSlow: 20, idleFraction: 0.2 });
  await s.runUntil(2000);
  assert.equal(s.loop.dead.has(1), false);
  await s.runUntil(2100);
  assert.equal(s.loop.dead.has(1), true);
  assert.ok(s.actuator.reta.every((q) => q === 0));
});

test("a core that is only slow (silent, but its port does not refuse) is dead only after 5 s", async () => {
  const s = setup({ cores: 2, active: 2 });
  s.source.setAll({ emaFast: 5, emaSlow: 20, idleFraction: 0.2 });
  await s.runUntil(2000);
  s.source.silent.add(1); // starved of CPU: scrapes time out
  await s.runUntil(6900);
  assert.equal(s.loop.dead.has(1), false, "a slow core keeps its flow groups");
  await s.runUntil(7200);
  assert.equal(s.loop.dead.has(1), true, "silent for 5 s: dead after all");
});

test("a gap in a core's metrics and heartbeats short of the limit (a nats-server failing over, a starved core) is a stall: recorded, its groups stay", async () => {
  const s = setup({ cores: 2, active: 2, policy: staticPolicy() });
  s.source.setAll({ emaFast: 5, emaSlow: 20, idleFraction: 0.2 });
  await s.runUntil(2000);
  const reta = [...s.actuator.reta];
  s.actuator.log.length = 0;
  s.source.silent.add(1); // last heard at 2000; its admin port does not refuse
  await s.runUntil(4000);
  s.source.silent.delete(1);
  await s.runUntil(4500);
  const liveness = s.log.entries
    .filter((e) => e.core === 1)
    .map((e) => [e.action, e.at])
    .filter(([a]) => String(a).startsWith("core_"));
  assert.deepEqual(liveness, [
    ["core_stalled", 2600],
    ["core_resumed", 4100],
  ]);
  assert.match(
    String(s.log.entries.find((e) => e.action === "core_resumed")!.reason),
    /after 2100 ms of silence/,
  );
  assert.equal(s.loop.dead.has(1), false, "never dead");
  assert.equal(s.loop.stalled.size, 0);
  assert.deepEqual(s.actuator.reta, reta, "no RETA rewrite: its flow groups stayed");
  assert.ok(!s.actuator.log.some((l) => l.startsWith("reta") || l.startsWith("migrate")));
  assert.match(
    await s.registry.metrics(),
    /ix_ixcp_decisions_total\{action="core_stalled",reason="silent"\} 1/,
  );
  assert.doesNotMatch(await s.registry.metrics(), /ix_ixcp_core_dead_total\{/);
});

test("a stall that lasts to the limit is a death after all: the stall record, then core_dead and the RETA rewrite", async () => {
  const s = setup({ cores: 2, active: 2, policy: staticPolicy() });
  s.source.setAll({ emaFast: 5, emaSlow: 20, idleFraction: 0.2 });
  await s.runUntil(2000);
  s.source.silent.add(1);
  await s.runUntil(7200);
  assert.deepEqual(
    s.log.entries.filter((e) => e.core === 1).map((e) => e.action),
    ["core_stalled", "core_dead"],
  );
  assert.equal(s.loop.stalled.size, 0, "dead, no longer stalled");
  assert.ok(s.actuator.reta.every((q) => q === 0));
});
