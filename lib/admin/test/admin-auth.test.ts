// The admin servers' one rule: GET/HEAD open, any other method only with the
// admin token; a refusal is 401/403, runs no route, is counted and logged.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startAdminServer, adminTokenFromEnv } from "../src/mod.ts";

const TOKEN = "tok-0123456789abcdef";

async function server(token?: string) {
  const lines: string[] = [];
  let changes = 0;
  const s = await startAdminServer({
    service: "unit",
    defaultMetrics: false,
    token,
    log: (l) => lines.push(l),
    routes: (app) => {
      app.get("/status", async () => ({ changes }));
      app.post("/change", async () => ({ ok: true, changes: ++changes }));
    },
  });
  return { s, lines, changes: () => changes };
}

const post = (url: string, auth?: string) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(auth ? { authorization: auth } : {}) },
    body: "{}",
  });

const refusedCount = async (url: string, reason: string): Promise<number> => {
  const m = new RegExp(`ix_admin_requests_refused_total\\{[^}]*reason="${reason}"[^}]*\\} (\\d+)`).exec(
    await (await fetch(`${url}/metrics`)).text(),
  );
  assert.ok(m, `no ix_admin_requests_refused_total{reason="${reason}"}`);
  return Number(m[1]);
};

test("with a token: no credential 401, a wrong one 403, the right one runs the route", async () => {
  const { s, lines, changes } = await server(TOKEN);
  try {
    const none = await post(`${s.url}/change`);
    assert.equal(none.status, 401);
    assert.match(none.headers.get("www-authenticate") ?? "", /^Bearer/);
    assert.equal(((await none.json()) as { reason: string }).reason, "missing_token");
    for (const bad of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, "Bearer x", `Basic ${TOKEN}`]) {
      const r = await post(`${s.url}/change`, bad);
      assert.equal(r.status, bad.startsWith("Basic") ? 401 : 403, bad);
    }
    assert.equal(changes(), 0, "no refused request ran the route");
    assert.equal(await refusedCount(s.url, "missing_token"), 2);
    assert.equal(await refusedCount(s.url, "bad_token"), 3);
    assert.equal(lines.length, 5);
    assert.match(lines[0], /^unit: admin refused POST "\/change" from .*: missing_token$/);
    // A POST to a path that does not exist is refused the same way (no route probing).
    assert.equal((await post(`${s.url}/nope`)).status, 401);
    const ok = await post(`${s.url}/change`, `Bearer ${TOKEN}`);
    assert.equal(ok.status, 200);
    assert.equal(changes(), 1);
    // Reading stays open.
    assert.equal((await fetch(`${s.url}/status`)).status, 200);
    assert.equal((await fetch(`${s.url}/healthz`)).status, 200);
    assert.equal((await fetch(`${s.url}/metrics`, { method: "HEAD" })).status, 200);
  } finally {
    await s.close();
  }
});

test("without a token every mutating method is refused 403, even with some Authorization", async () => {
  const { s, changes } = await server(undefined);
  try {
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
      const r = await fetch(`${s.url}/change`, { method, headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(r.status, 403, method);
    }
    assert.equal(changes(), 0);
    assert.equal(await refusedCount(s.url, "http_changes_disabled"), 4);
    assert.equal((await fetch(`${s.url}/status`)).status, 200);
  } finally {
    await s.close();
  }
});

test("adminTokenFromEnv: variable, file, too short", async () => {
  assert.equal(adminTokenFromEnv({}), undefined);
  assert.equal(adminTokenFromEnv({ IX_ADMIN_TOKEN: TOKEN }), TOKEN);
  assert.throws(() => adminTokenFromEnv({ IX_ADMIN_TOKEN: "short" }), /at least 16/);
  const { mkdtempSync, writeFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { tmpdir } = await import("node:os");
  const f = join(mkdtempSync(join(tmpdir(), "ix-admin-")), "token");
  writeFileSync(f, `${TOKEN}\n`, { mode: 0o600 });
  assert.equal(adminTokenFromEnv({ IX_ADMIN_TOKEN_FILE: f }), TOKEN);
});
