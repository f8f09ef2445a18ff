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

test("what fastify refuses before a route runs gets the project's { ok: false, error } shape and status", async () => {
  const s = await startAdminServer({
    service: "unit",
    defaultMetrics: false,
    token: "t0ken",
    routes: (app) => {
      app.post("/echo", async (req) => ({ ok: true, body: req.body }));
      app.get("/boom", async () => {
        throw new Error("kaput\nsecond line");
      });
    },
  });
  const post = (body: string) =>
    fetch(`${s.url}/echo`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer t0ken" },
      body,
    });
  try {
    const ok = await post('{"a":1}');
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { ok: true, body: { a: 1 } });

    const bad = await post("{not json");
    assert.equal(bad.status, 400);
    const badBody = (await bad.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(badBody).sort(), ["error", "ok"]);
    assert.equal(badBody.ok, false);
    assert.match(String(badBody.error), /JSON/);
    assert.doesNotMatch(String(badBody.error), /\n/);

    // fastify's default bodyLimit is 1 MiB.
    const big = await post(JSON.stringify({ x: "y".repeat(2 * 1024 * 1024) }));
    assert.equal(big.status, 413);
    const bigBody = (await big.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(bigBody).sort(), ["error", "ok"]);
    assert.equal(bigBody.ok, false);

    const boom = await fetch(`${s.url}/boom`);
    assert.equal(boom.status, 500);
    assert.deepEqual(await boom.json(), { ok: false, error: "internal error: kaput" });
  } finally {
    await s.close();
  }
});
