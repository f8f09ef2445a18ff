// The exposition-format parser, on prom-client's own output (the format the
// dataplanes really serve) and on hand-written edge cases.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Gauge, Registry } from "prom-client";
import { parsePromText, parseSampleLine, parsePromNumber } from "../src/prom-text.ts";
import { coreMetricsFromSamples } from "../src/metrics-source.ts";

test("parses what prom-client serves, labels included", async () => {
  const registry = new Registry();
  registry.setDefaultLabels({ service: "dataplane", core: "3" });
  const ema = new Gauge({
    name: "ix_dp_queue_ema",
    help: "ema",
    labelNames: ["alpha"],
    registers: [registry],
  });
  ema.set({ alpha: "0.5" }, 40.25);
  ema.set({ alpha: "0.25" }, 20);
  ema.set({ alpha: "0.125" }, 7.5);
  new Gauge({ name: "ix_dp_idle_fraction", help: "idle", registers: [registry] }).set(0.75);
  new Gauge({ name: "ix_dp_poll_fraction", help: "poll", registers: [registry] }).set(0.5);
  new Gauge({ name: "ix_dp_active", help: "a", registers: [registry] }).set(1);
  new Gauge({ name: "ix_dp_flow_groups", help: "fg", registers: [registry] }).set(64);
  new Gauge({ name: "ix_dp_queuing_delay_us", help: "d", registers: [registry] }).set(123);
  const { samples, malformed } = parsePromText(await registry.metrics());
  assert.equal(malformed, 0);
  assert.equal(samples.length, 8);
  assert.deepEqual(samples[0], {
    name: "ix_dp_queue_ema",
    labels: { alpha: "0.5", service: "dataplane", core: "3" },
    value: 40.25,
  });
  const m = coreMetricsFromSamples(samples, () => 1000).get(3);
  assert.deepEqual(m, {
    core: 3,
    emaFast: 40.25,
    emaMid: 20,
    emaSlow: 7.5,
    idleFraction: 0.75,
    pollFraction: 0.5,
    queuingDelayUs: 123,
    active: true,
    flowGroups: 64,
    seenAtMs: 1000,
  });
});

test("escapes, special values, timestamps and spacing", () => {
  assert.deepEqual(parseSampleLine('m{a="x\\"y",b="back\\\\slash",c="new\\nline"} 1 1700000000000'), {
    name: "m",
    labels: { a: 'x"y', b: "back\\slash", c: "new\nline" },
    value: 1,
    timestampMs: 1700000000000,
  });
  assert.deepEqual(parseSampleLine("up 0"), { name: "up", labels: {}, value: 0 });
  assert.deepEqual(parseSampleLine('m{a="1",} -2.5e3'), { name: "m", labels: { a: "1" }, value: -2500 });
  assert.deepEqual(parseSampleLine('m{ a = "1" , b="{}" } 3'), {
    name: "m",
    labels: { a: "1", b: "{}" },
    value: 3,
  });
  assert.ok(Number.isNaN(parseSampleLine("m NaN")!.value));
  assert.equal(parseSampleLine('h_bucket{le="+Inf"} +Inf')!.value, Infinity);
  assert.equal(parsePromNumber("-Inf"), -Infinity);
  assert.equal(parsePromNumber("0x10"), undefined);
  assert.equal(parsePromNumber(""), undefined);
});

test("malformed lines are counted and skipped, never thrown", () => {
  const text = [
    "# HELP ok a fine one",
    "# TYPE ok gauge",
    "ok 1",
    "9bad 1",
    'm{a="unterminated} 1',
    "m{a=1} 1",
    'm{a="x" b="y"} 1',
    'm{a="\\q"} 1',
    "m",
    "m one",
    "m 1 2 3",
    "m 1 1.5",
    "",
    "   ",
    "ok2 2",
  ].join("\n");
  const { samples, malformed } = parsePromText(text);
  assert.deepEqual(
    samples.map((s) => [s.name, s.value]),
    [
      ["ok", 1],
      ["ok2", 2],
    ],
  );
  assert.equal(malformed, 9);
});

test("samples without a core label, or with a bad one, are ignored", () => {
  const { samples } = parsePromText(
    [
      "ix_dp_active 1",
      'ix_dp_active{core="x"} 1',
      'ix_dp_active{core="-1"} 1',
      'ix_dp_active{core="2"} NaN',
      'ix_dp_active{core="1"} 0',
    ].join("\n"),
  );
  const m = coreMetricsFromSamples(samples, () => 5);
  assert.deepEqual([...m.keys()], [1]);
  assert.equal(m.get(1)!.active, false);
});
