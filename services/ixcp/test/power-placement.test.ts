// The power model counts a polling core as busy (so parking it saves what IX
// saves), and the CPU placement IXCP moves with its grants and revokes
// (dedicated hardware threads), with a recording PlacementOps instead of
// taskset/renice.
import { test } from "node:test";
import assert from "node:assert/strict";
import { busyUtilization, estimatePower, DEFAULT_POWER } from "../src/policies/power.ts";
import {
  ACTIVE_NICE,
  CpuPlacement,
  PlacingActuator,
  parseCorePids,
  parseCpuList,
  type PlacementOps,
} from "../src/cpu-placement.ts";
import type { Actuator } from "../src/actuator.ts";

test("busyUtilization: work plus polling, clamped; polling is part of the idle time", () => {
  assert.equal(busyUtilization(1), 0, "idle and not polling");
  assert.equal(busyUtilization(0.9, 0.9), 1, "idle but polling the whole window: busy");
  assert.equal(busyUtilization(0.75, 0.5), 0.75);
  assert.equal(busyUtilization(0.2, 0), 0.8);
  assert.equal(busyUtilization(NaN, NaN), 0);
  assert.equal(busyUtilization(0, 0.5), 1, "never above 1");
});

test("a polling idle core costs busy power; parking it saves the difference", () => {
  const m = DEFAULT_POWER;
  const polling = estimatePower([busyUtilization(0.95, 0.95), busyUtilization(1, 0)], 0, 0);
  const sleeping = estimatePower([busyUtilization(1, 0), busyUtilization(1, 0)], 0, 0);
  const parked = estimatePower([busyUtilization(1, 0)], 1, 0);
  assert.equal(polling, m.packageIdleW + m.coreBusyW + m.coreIdleW);
  assert.equal(sleeping, m.packageIdleW + 2 * m.coreIdleW);
  assert.equal(polling - parked, m.coreBusyW - m.parkedW, "parking the polling core saves busy minus parked");
});

/** Records every placement call; fails those on `failPid`. */
function recorder(failPid = -1): PlacementOps & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    setAffinity(pid, cpus) {
      if (pid === failPid) throw new Error(`taskset: failed to set pid ${pid}'s affinity`);
      calls.push(`affinity ${pid} ${cpus.join(",")}`);
    },
    setNice(pid, nice) {
      if (pid === failPid) throw new Error("renice: permission denied");
      calls.push(`nice ${pid} ${nice}`);
    },
  };
}

test("CpuPlacement: a grant takes the lowest free dedicated CPU, a revoke frees it; beyond the set only the priority", () => {
  const ops = recorder();
  const p = new CpuPlacement({
    pids: new Map([
      [0, 100],
      [1, 101],
      [2, 102],
    ]),
    dedicated: [1, 2],
    all: [0, 1, 2],
    ops,
  });
  p.grant(0);
  p.grant(1);
  p.grant(2);
  assert.deepEqual(
    [...p.cpuOf],
    [
      [0, 1],
      [1, 2],
    ],
  );
  assert.deepEqual(ops.calls, [
    "affinity 100 1",
    `nice 100 ${ACTIVE_NICE}`,
    "affinity 101 2",
    `nice 101 ${ACTIVE_NICE}`,
    `nice 102 ${ACTIVE_NICE}`,
  ]);
  ops.calls.length = 0;
  p.revoke(0);
  assert.deepEqual(ops.calls, ["affinity 100 0,1,2", "nice 100 0"], "parked: anywhere, normal priority");
  p.grant(2);
  assert.equal(p.cpuOf.get(2), 1, "the freed CPU goes to the next grant");
  ops.calls.length = 0;
  p.grant(2);
  assert.deepEqual(ops.calls, [`nice 102 ${ACTIVE_NICE}`], "a second grant keeps the CPU");
  p.grant(7);
  assert.deepEqual(ops.calls, [`nice 102 ${ACTIVE_NICE}`], "a core without a known pid is left alone");
});

test("CpuPlacement: failures are counted and logged, never thrown; the CPU stays free", () => {
  const ops = recorder(100);
  const lines: string[] = [];
  const p = new CpuPlacement({
    pids: new Map([[0, 100]]),
    dedicated: [1],
    all: [0, 1],
    ops,
    log: (l) => lines.push(l),
  });
  p.grant(0);
  assert.equal(p.failures, 2);
  assert.equal(p.cpuOf.size, 0);
  assert.match(lines[0], /pin core 0 to CPU 1 failed: taskset/);
});

test("PlacingActuator: activate/adopt grant after the core said ok, park revokes; a refused command places nothing", async () => {
  const ops = recorder();
  const placement = new CpuPlacement({ pids: new Map([[0, 100]]), dedicated: [1], all: [0, 1], ops });
  let refuse = false;
  const inner: Actuator = {
    activate: async () => {
      if (refuse) throw new Error("activate on core 0 refused");
    },
    adopt: async () => undefined,
    park: async () => {
      if (refuse) throw new Error("park on core 0 refused");
    },
    background: async () => undefined,
    migrate: async () => undefined,
    setReta: async () => undefined,
    getReta: async () => [0, 0],
  };
  const a = new PlacingActuator(inner, placement);
  await a.activate(0);
  assert.equal(placement.cpuOf.get(0), 1);
  await a.park(0);
  assert.equal(placement.cpuOf.has(0), false);
  await a.adopt(0, [3]);
  assert.equal(placement.cpuOf.get(0), 1);
  refuse = true;
  ops.calls.length = 0;
  await assert.rejects(a.park(0), /refused/);
  assert.deepEqual(ops.calls, [], "the core did not park: it keeps its CPU");
  assert.equal(placement.cpuOf.get(0), 1);
  assert.deepEqual(await a.getReta(), [0, 0]);
});

test("--pin-pids and --pin-cpus parse taskset-like lists; malformed entries are named", () => {
  assert.deepEqual(
    [...parseCorePids("0:123, 1:456")],
    [
      [0, 123],
      [1, 456],
    ],
  );
  assert.throws(() => parseCorePids("0=123"), /core:pid, got "0=123"/);
  assert.deepEqual(parseCpuList("1,3-5"), [1, 3, 4, 5]);
  assert.throws(() => parseCpuList("5-3"), /empty range/);
  assert.throws(() => parseCpuList("a"), /CPU list/);
});
