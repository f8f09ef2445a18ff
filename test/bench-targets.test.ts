// The bench's reading of its own figures: issue 13's targets met or missed
// from a run's figures, memcaslap's TPS line, and NATS messages per request
// from two monitoring snapshots. Pure functions on fixtures: no cluster.
import { test } from "node:test";
import assert from "node:assert/strict";
import { evaluateTargets } from "../bench/support/targets.ts";
import { parseMemcaslap } from "../bench/memcaslap.bench.ts";
import { messagesPerRequest, type NatsCounters } from "../bench/support/nats-monitor.ts";
import { renderReport, type Report } from "../bench/support/markdown.ts";
import { parseMemcaslapSoak } from "./helpers/soak.ts";
import { mergeReports } from "../bench/support/merge.ts";

const figures = {
  memcaslap: { clusterVsMemcached: 0.3, clusterTps: 15000, memcachedTps: 50000 },
  latency: { pingTap: { p50Us: 800, p99Us: 2500 } },
  batching: { gain: 4.2 },
  messages: { usrMaxRate: { published: 1.5 }, echoMaxRate: { published: 0.1 }, usrAt1000: { published: 7 } },
  tail: { usrQuarterMax: { p99OverP50: 6, p50Us: 1000, p99Us: 6000, targetRate: 1000 } },
  controlplane: {
    energy: { coreSecondsSaved: 0.35, sloViolatingShare: 0.04 },
    static: { sloViolatingShare: 0.01 },
  },
};

test("issue 13's targets: met at or past the bound, missed beyond it, with the gap", () => {
  const t = evaluateTargets(figures);
  assert.equal(t.memcaslap.met, true);
  assert.equal(t.memcaslap.value, 0.3);
  assert.match(t.memcaslap.measured!, /15000 \/ 50000 TPS/);
  assert.equal(t.batching.met, true);
  assert.equal(t.natsMessages.met, true);
  assert.equal(t.natsMessages.value, 1.5);
  assert.equal(t.tail.met, false);
  assert.match(t.tail.gap, /1\.2x over/);
  // ping: p50 met, p99 missed -> the target is missed and names p99 only.
  assert.equal(t.ping.met, false);
  assert.match(t.ping.gap, /^p99: /);
  // control plane: both parts met; the static policy's share is printed beside energy's.
  assert.equal(t.controlplane.met, true);
  assert.match(t.controlplane.measured!, /energy 4%, static 1%/);
});

test("a target on a boundary value is met; over the SLO share or under the saving is not", () => {
  const edge = structuredClone(figures);
  edge.tail.usrQuarterMax.p99OverP50 = 5;
  edge.controlplane.energy.sloViolatingShare = 0.06;
  const t = evaluateTargets(edge);
  assert.equal(t.tail.met, true);
  assert.equal(t.controlplane.met, false);
  assert.match(t.controlplane.gap, /energy's intervals over the SLO/);
  edge.controlplane.energy = { coreSecondsSaved: 0.2, sloViolatingShare: 0 };
  assert.match(evaluateTargets(edge).controlplane.gap, /core-seconds saved/);
});

test("a scenario that did not run leaves its target not measured, never met", () => {
  const t = evaluateTargets({ memcaslap: { skipped: "needs root" } });
  assert.equal(t.memcaslap.met, false);
  assert.equal(t.memcaslap.value, null);
  assert.equal(t.memcaslap.gap, "not measured");
  assert.equal(t.memcaslap.measured, "needs root");
  assert.equal(t.controlplane.met, false);
  assert.match(t.controlplane.gap, /^not measured/);
});

test("memcaslap's closing line is parsed; output without it is an error that quotes it", () => {
  const out = "servers: 10.77.0.2:11211\n...\nRun time: 8.0s Ops: 545454 TPS: 68158 Net_rate: 21.3M/s\n";
  assert.deepEqual(parseMemcaslap(out), { runS: 8, ops: 545454, tps: 68158 });
  assert.throws(
    () => parseMemcaslap("connect error: refused"),
    /no "Run time: ... TPS:" line: connect error/,
  );
});

const snapshot = (
  inMsgs: number,
  outMsgs: number,
  clients: [string, number, number][],
  subjects: [string, number][],
): NatsCounters => ({
  inMsgs,
  outMsgs,
  clients: new Map(clients.map(([k, p, d]) => [k, { published: p, delivered: d }])),
  subjects: new Map(subjects),
});

test("messages per request: deltas over completed requests, idle traffic off, largest publishers first", () => {
  const before = snapshot(100, 90, [["nic-0", 50, 40]], [["ix.l2.rx", 10]]);
  const after = snapshot(
    1100 + 10,
    1090 + 10,
    [
      ["nic-0", 450, 440],
      ["ixload", 600, 0],
    ],
    [
      ["ix.l2.rx", 410],
      ["ix.nic.tx.*", 200],
    ],
  );
  const f = messagesPerRequest(before, after, 500, { published: 10, delivered: 10 });
  assert.equal(f.requests, 500);
  assert.equal(f.published, 2);
  assert.equal(f.delivered, 2);
  // A client that appeared during the run (ixload) counts from zero.
  assert.deepEqual(Object.keys(f.publishedByClient as object), ["ixload", "nic-0"]);
  assert.deepEqual(f.publishedByClient, { ixload: 1.2, "nic-0": 0.8 });
  assert.deepEqual(f.deliveredBySubject, { "ix.l2.rx": 0.8, "ix.nic.tx.*": 0.4 });
});

test("the report says when the figures come from a busy shared machine", () => {
  const machine = {
    cpuModel: "test",
    cores: 2,
    memoryGiB: 1,
    loadAverageAtStart: 8.9,
    loadAverageAtEnd: 9.4,
    node: "v24",
    nats: "nats",
    memcached: "mc",
    date: "2026-11-30",
  };
  const base: Report = { machine, quick: true, sloUs: 5000, wallSeconds: 1, targets: evaluateTargets({}) };
  assert.match(renderReport(base), /Taken on a busy shared machine\*\*: load average 8\.9 at the start/);
  const idle = { ...base, machine: { ...machine, loadAverageAtStart: 0.2, loadAverageAtEnd: 0.3 } };
  assert.doesNotMatch(renderReport(idle), /busy shared machine/);
});

test("the soak target: met only with >= 300 s, 0 errors, counters at 0 and RSS end/middle <= 1.2", () => {
  const soak = {
    durationS: 300,
    errors: 0,
    countersBackToZero: 1,
    maxGrowthOverMiddleLevel: 1.2,
    maxGrowthProcess: "app",
    maxEndOverMiddle: 1.7,
    maxEndOverMiddleProcess: "ixcp",
    churnConnections: 50000,
    steadyOperations: 600000,
  };
  const ok = evaluateTargets({ soak }).soak;
  assert.equal(ok.met, true, ok.gap);
  assert.equal(ok.value, 1.2);
  assert.match(
    ok.measured!,
    /300 s, 50000 churned connections, 600000 steady operations, 0 errors, counters back to 0, worst RSS growth over the middle level 1.2 \(app\); one sample at the end over one at the middle 1.7 \(ixcp/,
  );
  const bad = evaluateTargets({
    soak: { ...soak, durationS: 60, errors: 3, countersBackToZero: 0, maxGrowthOverMiddleLevel: 1.5 },
  }).soak;
  assert.equal(bad.met, false);
  assert.match(bad.gap, /seconds of load: 5\.00x short/);
  assert.match(bad.gap, /errors: 3 errors, not 0/);
  assert.match(bad.gap, /counters back to 0: 0 of 1: never met/);
  assert.match(bad.gap, /RSS second-half peak \/ level at the middle: 1\.25x over/);
  assert.equal(evaluateTargets({}).soak.gap.startsWith("not measured"), true);
});

test("memcaslap's soak summary: operations, verify_failed and error lines are counted", () => {
  const out =
    "cmd_get: 90\nverify_misses: 0\nverify_failed: 0\n\nRun time: 300.0s Ops: 600000 TPS: 2000 Net_rate: 1.0M/s\n";
  assert.deepEqual(parseMemcaslapSoak(out), { ops: 600000, errors: 0, errorSamples: [] });
  const bad = parseMemcaslapSoak(
    `connection refused by server\n${out.replace("verify_failed: 0", "verify_failed: 2")}`,
  );
  assert.equal(bad.errors, 3);
  assert.deepEqual(bad.errorSamples, ["verify_failed: 2", "connection refused by server"]);
  assert.throws(() => parseMemcaslapSoak("nothing"), /printed no "Run time/);
});

test("--merge: a rerun scenario replaces its figures, the earlier run's machine line stays, the rerun is listed", () => {
  const machine = {
    cpuModel: "test",
    cores: 2,
    memoryGiB: 1,
    loadAverageAtStart: 0.2,
    loadAverageAtEnd: 0.3,
    node: "v24",
    nats: "nats",
    memcached: "mc",
    date: "2026-11-25",
  };
  const old: Report = {
    machine,
    quick: false,
    sloUs: 2000,
    wallSeconds: 700,
    targets: {},
    batching: { gain: 1.7 },
    soak: { durationS: 60 },
  };
  const fresh: Report = {
    machine: { ...machine, date: "2026-11-30", loadAverageAtStart: 18.8, loadAverageAtEnd: 30.9 },
    quick: false,
    sloUs: 5000,
    wallSeconds: 320,
    targets: {},
    soak: { durationS: 300 },
  };
  const m = mergeReports(old, fresh, ["soak"]);
  assert.equal(m.machine.date, "2026-11-25");
  assert.equal(m.sloUs, 2000);
  assert.deepEqual(m.batching, { gain: 1.7 });
  assert.deepEqual(m.soak, { durationS: 300 });
  assert.deepEqual(
    m.merged?.map((x) => [x.scenarios, x.date, x.wallSeconds]),
    [[["soak"], "2026-11-30", 320]],
  );
  const md = renderReport({ ...m, targets: evaluateTargets({}) });
  assert.match(
    md,
    /Merged in from a later run \(`--merge`, same machine\): soak on 2026-11-30, load average 18\.80 at start/,
  );
  // merging soak again replaces the entry rather than listing both
  assert.equal(mergeReports(m, fresh, ["soak"]).merged?.length, 1);
});
