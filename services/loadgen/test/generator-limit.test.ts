// The generator's self-report: CPU share per process, merged over agents, and
// the "may have been the limit" verdict from its CPU share and lagged sends.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  generatorCpuOf,
  markGeneratorLimit,
  mergeGeneratorCpu,
  GENERATOR_CPU_LIMIT,
  type RunResult,
} from "../src/results.ts";

function result(share: number, laggedSends: number): RunResult {
  return {
    tool: "ixload",
    mode: "fixed",
    startedAt: "",
    config: {},
    achievedRate: 1000,
    offeredRate: 1000,
    requests: 2000,
    errors: 0,
    lateSends: laggedSends,
    laggedSends,
    droppedSends: 0,
    latencyUs: { p50: 1, p90: 1, p99: 1, p999: 1, max: 1, mean: 1, min: 1 },
    histogram: "",
    sloUs: 1000,
    steps: [{ durationS: 2 } as RunResult["steps"][number]], // 2000 scheduled over the run
    generatorCpu: { cpuS: share * 2, wallS: 2, share, perProcess: [share] },
  };
}

test("the CPU share is CPU time over wall time, user and system together", () => {
  const c = generatorCpuOf({ user: 300_000, system: 100_000 }, 2_000_000);
  assert.deepEqual(c, { cpuS: 0.4, wallS: 2, share: 0.2, perProcess: [0.2] });
  assert.equal(generatorCpuOf({ user: 5, system: 5 }, 0).share, 0);
});

test("agents: CPU adds, the span is the longest, the share is the busiest agent's, each one kept", () => {
  const m = mergeGeneratorCpu([
    generatorCpuOf({ user: 500_000, system: 0 }, 1_000_000),
    generatorCpuOf({ user: 900_000, system: 50_000 }, 1_100_000),
  ]);
  assert.equal(m.cpuS, 1.45);
  assert.equal(m.wallS, 1.1);
  assert.deepEqual(m.perProcess, [0.5, 0.864]);
  assert.equal(m.share, 0.864);
});

test("the generator is flagged as the limit above the CPU limit or when over 1% of sends lagged", () => {
  const idle = result(0.3, 0);
  markGeneratorLimit(idle);
  assert.equal(idle.generatorLimited, false);
  const busy = result(GENERATOR_CPU_LIMIT + 0.01, 0);
  markGeneratorLimit(busy);
  assert.equal(busy.generatorLimited, true);
  const fewLagged = result(0.3, 20); // exactly 1% of 2000: not over
  markGeneratorLimit(fewLagged);
  assert.equal(fewLagged.generatorLimited, false);
  const lagging = result(0.3, 21);
  markGeneratorLimit(lagging);
  assert.equal(lagging.generatorLimited, true);
});
