import { test } from "node:test";
import assert from "node:assert/strict";
import { Counter } from "prom-client";
import { startAdminServer, createRegistry } from "../src/mod.ts";

test("serves /metrics in Prometheus format and /healthz", async () => {
  const registry = createRegistry("unit", false);
  const c = new Counter({
    name: "ix_unit_things_total",
    help: "Things counted by the unit test",
    registers: [registry],
  });
  c.inc(3);
  let healthy = true;
  const s = await startAdminServer({ service: "unit", registry, health: () => (healthy ? null : "stalled") });
  try {
    const m = await (await fetch(`${s.url}/metrics`)).text();
    assert.match(m, /# TYPE ix_unit_things_total counter/);
    assert.match(m, /ix_unit_things_total\{service="unit"\} 3/);
    assert.equal((await fetch(`${s.url}/healthz`)).status, 200);
    healthy = false;
    const r = await fetch(`${s.url}/healthz`);
    assert.equal(r.status, 503);
    assert.deepEqual(await r.json(), { status: "unhealthy", reason: "stalled" });
  } finally {
    await s.close();
  }
});
