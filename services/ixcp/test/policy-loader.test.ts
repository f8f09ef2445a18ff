// Loading policies: built-ins, user modules (object or factory) from the
// policy folders, run in their sandbox process, and every way a module can be
// refused while the running policy stays. (Hostile modules and paths:
// policy-sandbox.test.ts.)
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadPolicy, type LoadOptions } from "../src/policies/loader.ts";
import { realPolicyDirs } from "../src/policies/policy-files.ts";
import { staticPolicy } from "../src/policies/builtins.ts";
import type { PolicyInput } from "../src/policies/policy.ts";
import { IxcpService } from "../src/service.ts";
import { simLoop } from "./sim.ts";

const FIX = join(import.meta.dirname, "fixtures");
const EXAMPLES = join(import.meta.dirname, "..", "examples");
const ctx = { totalCores: 4, periodMs: 100 };
// Generous: a policy process starts in ~0.15 s here, more on a loaded machine.
const opts: LoadOptions = { dirs: realPolicyDirs([FIX, EXAMPLES]), deadlineMs: 2000, loadTimeoutMs: 10_000 };
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
    assert.equal((await loadPolicy(name, ctx, probe, opts)).name, name);
  await assert.rejects(
    loadPolicy("turbo", ctx, probe, { dirs: [] }),
    /unknown policy "turbo": built-ins are static, energy, consolidation/,
  );
  await assert.rejects(loadPolicy("turbo", ctx, probe, opts), /"turbo" does not exist in the policy folders/);
  await assert.rejects(loadPolicy("  ", ctx, probe, opts), /no policy given/);
});

test("modules by name, by file name or by a path inside a folder: a default object, a factory", async () => {
  const good = await loadPolicy("good-policy", ctx, probe, opts);
  try {
    // Shown by its file name; what it declares only beside it, sanitized.
    assert.equal(good.name, "user:good-policy");
    assert.equal(good.declaredName, "always-two");
    assert.deepEqual(await good.decide(probe), { targetCores: 2, reason: "fixed: always two" });
  } finally {
    good.close?.();
  }
  for (const spec of ["factory-policy.ts", "./fixtures/factory-policy.ts", join(FIX, "factory-policy.ts")]) {
    const factory = await loadPolicy(spec, ctx, probe, { ...opts, cwd: import.meta.dirname });
    assert.equal(factory.name, "user:factory-policy");
    assert.equal(factory.declaredName, "all-of-4");
    assert.deepEqual(await factory.decide(probe), { targetCores: 4, reason: "all: every core" });
    factory.close?.();
  }
});

test("refused: missing file, failing import, wrong shape, throwing or malformed decide", async () => {
  await assert.rejects(loadPolicy(join(FIX, "nope.ts"), ctx, probe, opts), /"[^"]*nope\.ts" does not exist/);
  await assert.rejects(
    loadPolicy("broken-import", ctx, probe, opts),
    /failed to load: this module is broken/,
  );
  await assert.rejects(loadPolicy("wrong-shape", ctx, probe, opts), /needs a `decide\(input\)` function/);
  await assert.rejects(
    loadPolicy("throws-policy", ctx, probe, opts),
    /user:throws-policy refused: decide\(\) failed.*boom/,
  );
  await assert.rejects(loadPolicy("bad-decision", ctx, probe, opts), /must return null or \{ targetCores/);
});

test("the example delay-band policy loads and keeps the delay in its band", async () => {
  const p = await loadPolicy("delay-band", ctx, probe, opts);
  after(() => p.close?.());
  assert.equal(p.name, "user:delay-band");
  const at = async (now: number, delay: number, hist = probe.history) =>
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
  assert.match((await at(1000, 500))!.reason, /^delay_high: 500 us > 200 us/);
  assert.equal(await at(1100, 100), null); // inside the band
  assert.equal(await at(1200, 10), null); // below, but not for 2 s yet
  assert.equal(await at(3100, 10), null);
  assert.deepEqual((await at(3200, 10))?.targetCores, 1);
});

test("switching policy at run time: a refused module keeps the running one; a throwing one is reverted", async () => {
  const { clock, log, loop } = simLoop(2);
  const service = new IxcpService(loop, log, { totalCores: 2, periodMs: 100 }, opts);
  for (const f of ["throws-policy.ts", "wrong-shape.ts", "nope.ts"]) {
    const r = await service.policy({ name: f });
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

test("the trial decide() is a fresh process's first call: it has the load budget, later calls the period's deadline", async () => {
  // deadlineMs as in production (100 ms); the first call takes 400 ms.
  const tight: LoadOptions = { ...opts, deadlineMs: 100, loadTimeoutMs: 10_000 };
  const slow = await loadPolicy("slow-first-decide", ctx, probe, tight);
  try {
    assert.equal(slow.name, "user:slow-first-decide");
    assert.deepEqual(await slow.decide(probe), { targetCores: 1, reason: "fixed: call 2" });
  } finally {
    slow.close?.();
  }
  // A trial that never answers is still refused, at the load budget.
  await assert.rejects(
    loadPolicy("never-decides", ctx, probe, { ...opts, deadlineMs: 100, loadTimeoutMs: 3000 }),
    /never-decides refused: decide\(\) failed.*did not answer within 3000 ms/,
  );
});
