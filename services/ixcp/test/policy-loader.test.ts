// Loading policies: built-ins, user modules (object or factory), and every
// way a module can be refused while the running policy stays.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { initialReta } from "@ix/bus";
import { loadPolicy } from "../src/policies/loader.ts";
import { energyPolicy, staticPolicy } from "../src/policies/builtins.ts";
import type { PolicyInput } from "../src/policies/policy.ts";
import { ControlLoop } from "../src/control-loop.ts";
import { DecisionLog } from "../src/decision-log.ts";
import { IxcpService } from "../src/service.ts";
import { FakeClock, RecordingActuator, TimelineSource } from "./sim.ts";

const FIX = join(import.meta.dirname, "fixtures");
const ctx = { totalCores: 4, periodMs: 100 };
const probe: PolicyInput = {
  now: 0,
  cores: [],
  activeCores: [0, 1],
  liveCores: [0, 1, 2, 3],
  totalCores: 4,
  history: { lastStepUpAt: -Infinity, lastStepDownAt: -Infinity, decisions: [] },
};

test("built-ins by name; unknown names are refused with the list", async () => {
  for (const name of ["static", "energy", "consolidation"])
    assert.equal((await loadPolicy(name, ctx, probe)).name, name);
  await assert.rejects(
    loadPolicy("turbo", ctx, probe),
    /unknown policy "turbo": built-ins are static, energy, consolidation/,
  );
  await assert.rejects(loadPolicy("  ", ctx, probe), /no policy given/);
});

test("modules: a default object, a factory, relative paths", async () => {
  const good = await loadPolicy(join(FIX, "good-policy.ts"), ctx, probe);
  assert.equal(good.name, "always-two");
  assert.deepEqual(good.decide(probe), { targetCores: 2, reason: "fixed: always two" });
  const factory = await loadPolicy("./fixtures/factory-policy.ts", ctx, probe, import.meta.dirname);
  assert.equal(factory.name, "all-of-4");
});

test("refused: missing file, failing import, wrong shape, throwing or malformed decide", async () => {
  await assert.rejects(loadPolicy(join(FIX, "nope.ts"), ctx, probe), /nope\.ts does not exist/);
  await assert.rejects(
    loadPolicy(join(FIX, "broken-import.ts"), ctx, probe),
    /failed to load: this module is broken/,
  );
  await assert.rejects(
    loadPolicy(join(FIX, "wrong-shape.ts"), ctx, probe),
    /needs a `decide\(input\)` function/,
  );
  await assert.rejects(
    loadPolicy(join(FIX, "throws-policy.ts"), ctx, probe),
    /thrower refused: decide\(\) failed.*boom/,
  );
  await assert.rejects(
    loadPolicy(join(FIX, "bad-decision.ts"), ctx, probe),
    /must return null or \{ targetCores/,
  );
});

test("the example delay-band policy loads and keeps the delay in its band", async () => {
  const p = await loadPolicy(join(import.meta.dirname, "..", "examples", "delay-band.ts"), ctx, probe);
  assert.equal(p.name, "delay-band");
  const at = (now: number, delay: number, hist = probe.history) =>
    p.decide({
      ...probe,
      now,
      history: hist,
      cores: [0, 1].map((core) => ({
        core,
        emaFast: 0,
        emaMid: 0,
        emaSlow: 0,
        idleFraction: 0.5,
        queuingDelayUs: core === 0 ? delay : 10,
        active: true,
        flowGroups: 64,
        seenAtMs: now,
      })),
    });
  assert.match(at(1000, 500)!.reason, /^delay_high: 500 us > 200 us/);
  assert.equal(at(1100, 100), null); // inside the band
  assert.equal(at(1200, 10), null); // below, but not for 2 s yet
  assert.equal(at(3100, 10), null);
  assert.deepEqual(at(3200, 10)?.targetCores, 1);
});

test("switching policy at run time: a refused module keeps the running one; a throwing one is reverted", async () => {
  const clock = new FakeClock();
  const source = new TimelineSource(clock, 2);
  const actuator = new RecordingActuator(initialReta(128, 2));
  const log = new DecisionLog({ print: () => undefined });
  const loop = new ControlLoop({
    source,
    actuator,
    policy: energyPolicy(),
    log,
    totalCores: 2,
    reta: initialReta(128, 2),
    now: clock.now,
  });
  const service = new IxcpService(loop, log, { totalCores: 2, periodMs: 100 });
  for (const f of ["throws-policy.ts", "wrong-shape.ts", "nope.ts"]) {
    const r = await service.policy({ path: join(FIX, f) });
    assert.equal(r.ok, false);
    assert.equal(loop.policy.name, "energy");
  }
  assert.equal(log.entries.filter((e) => e.action === "policy_refused").length, 3);
  assert.equal((await service.policy({ name: "static" })).ok, true);
  assert.equal(loop.policy.name, "static");
  // A policy that starts throwing later (after passing the probe) is replaced by the previous one.
  let calls = 0;
  loop.installPolicy({
    name: "flaky",
    decide: () => {
      if (++calls > 1) throw new Error("flaked");
      return null;
    },
  });
  clock.t = 100;
  await loop.tick();
  clock.t = 200;
  await loop.tick();
  assert.equal(loop.policy.name, "static");
  assert.ok(log.entries.some((e) => e.action === "policy_error" && /flaked/.test(e.reason)));
  assert.equal(staticPolicy().decide(probe), null);
});
