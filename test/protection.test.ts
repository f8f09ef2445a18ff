// Issue 16 on a real cluster (nats-server with its per-component users, the
// NIC, two dataplane cores, IXCP; lib/cluster as `npm start` runs it):
//   - every mutating IXCP verb over HTTP without the admin token, with a wrong
//     one or with another scheme is refused (401/403), counted, and changes
//     nothing (IXCP's policy, active cores and RETA, and every core's own
//     flow groups and state, are the same before and after); the NIC's and the cores' admin servers
//     refuse every mutating request; reading stays open everywhere;
//   - the administrator still gets through: HTTP with .ix/admin-token (mode
//     0600, beside cluster.json), and ixctl over NATS as the `admin` user;
//   - hostile policies offered from the policy folder (a top level that
//     writes a file, one that connects to this test's loopback listener, one
//     that loops forever, one that hangs later) are contained while IXCP
//     keeps running its control periods (counted by ix_ixcp_periods_total).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { startCluster, type Cluster } from "@ix/cluster";
import { ixcpRequest } from "@ix/bus";

let cluster: Cluster;
let root: string;
let stateDir: string;
let policyDir: string;
let marker: string;
let listener: Server;
let connections = 0;
let admin: NatsConnection;

const VALID = (name: string): string => `export default { name: "${name}", decide: () => null };`;

before(async () => {
  root = mkdtempSync(join(tmpdir(), "ix-protect-"));
  stateDir = join(root, "state");
  policyDir = join(root, "policies");
  mkdirSync(policyDir);
  marker = join(root, "pwned");
  listener = createServer((s) => {
    connections++;
    s.destroy();
  });
  await new Promise<void>((r) => listener.listen(0, "127.0.0.1", r));
  const port = (listener.address() as { port: number }).port;
  const policies: Record<string, string> = {
    "write-file": `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "x");\n${VALID("write-file")}`,
    "open-socket": `import { connect } from "node:net";\nconnect(${port}, "127.0.0.1");\n${VALID("open-socket")}`,
    "loop-forever": `for (;;) {}\n${VALID("loop-forever")}`,
    "hangs-later": `let n = 0;\nexport default { name: "hangs-later", decide: () => { if (++n > 5) for (;;) {} return null; } };`,
  };
  for (const [name, src] of Object.entries(policies)) writeFileSync(join(policyDir, `${name}.ts`), src);
  cluster = await startCluster({
    cores: 2,
    app: false,
    policy: "static",
    stateDir,
    extraArgs: {
      ixcp: ["--policy-dir", policyDir, "--policy-load-ms", "15000", "--policy-deadline-ms", "500"],
    },
  });
  const u = cluster.users.find((x) => x.user === "admin")!;
  admin = await connect({ servers: cluster.nats.url, user: u.user, pass: u.password });
});

after(async () => {
  await admin?.close();
  await cluster?.stop();
  await new Promise((r) => listener.close(r));
  rmSync(root, { recursive: true, force: true });
});

const ixcpUrl = (): string => cluster.ixcp!.adminUrl;
const getJson = async <T>(url: string): Promise<T> => (await (await fetch(url)).json()) as T;

interface IxcpStatus {
  policy: string;
  activeCores: number[];
  reta: number[];
}

/** Everything a mutating verb could change: IXCP's view and each core's own (its flow groups, active or parked). */
async function snapshot(): Promise<{
  policy: string;
  activeCores: number[];
  reta: number[];
  cores: unknown[];
}> {
  const s = await getJson<IxcpStatus>(`${ixcpUrl()}/status`);
  const cores = await Promise.all(
    cluster.cores.map(async (c) => {
      const st = await getJson<{ active?: boolean; flowGroups?: number[] }>(`${c.adminUrl}/status`);
      assert.ok(Array.isArray(st.flowGroups), JSON.stringify(st));
      return { active: st.active, flowGroups: st.flowGroups };
    }),
  );
  return { policy: s.policy, activeCores: s.activeCores, reta: s.reta, cores };
}

const post = (url: string, body: unknown, authorization?: string): Promise<Response> =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });

async function metric(url: string, re: RegExp): Promise<number> {
  const m = re.exec(await (await fetch(`${url}/metrics`)).text());
  assert.ok(m, `no ${re} in ${url}/metrics`);
  return Number(m[1]);
}
const periods = (): Promise<number> => metric(ixcpUrl(), /^ix_ixcp_periods_total\{[^}]*\} (\d+)/m);

const VERBS: [string, unknown][] = [
  ["/policy", { name: "consolidation" }],
  ["/cores", { n: 1 }],
  ["/migrate", { flowGroups: [0, 1, 2, 3], to: 1 }],
];

test("the admin token is generated per run and stored beside cluster.json, mode 0600", () => {
  const file = join(stateDir, "admin-token");
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(statSync(join(stateDir, "cluster.json")).mode & 0o777, 0o600);
  assert.equal(readFileSync(file, "utf8").trim(), cluster.adminToken);
  assert.ok(cluster.adminToken.length >= 16);
  const state = JSON.parse(readFileSync(join(stateDir, "cluster.json"), "utf8")) as {
    adminTokenFile: string;
  };
  assert.equal(state.adminTokenFile, file);
});

test("every mutating IXCP verb without the token, with a wrong one or another scheme: 401/403, counted, nothing changes", async () => {
  const before = await snapshot();
  assert.deepEqual(before.activeCores, [0, 1]);
  const missing0 = await metric(
    ixcpUrl(),
    /ix_admin_requests_refused_total\{[^}]*reason="missing_token"[^}]*\} (\d+)/,
  );
  const bad0 = await metric(
    ixcpUrl(),
    /ix_admin_requests_refused_total\{[^}]*reason="bad_token"[^}]*\} (\d+)/,
  );
  for (const [path, body] of VERBS) {
    const none = await post(`${ixcpUrl()}${path}`, body);
    assert.equal(none.status, 401, `${path} without a token`);
    assert.equal(((await none.json()) as { ok: boolean }).ok, false);
    assert.equal(
      (await post(`${ixcpUrl()}${path}`, body, `Bearer ${cluster.adminToken}x`)).status,
      403,
      path,
    );
    assert.equal((await post(`${ixcpUrl()}${path}`, body, `Bearer ${"A".repeat(24)}`)).status, 403, path);
    assert.equal((await post(`${ixcpUrl()}${path}`, body, `Basic ${cluster.adminToken}`)).status, 401, path);
  }
  // A period or two: anything a refused request had started would show.
  await new Promise((r) => setTimeout(r, 400));
  assert.deepEqual(await snapshot(), before, "a refused request changed something");
  assert.equal(
    await metric(ixcpUrl(), /ix_admin_requests_refused_total\{[^}]*reason="missing_token"[^}]*\} (\d+)/),
    missing0 + 6,
  );
  assert.equal(
    await metric(ixcpUrl(), /ix_admin_requests_refused_total\{[^}]*reason="bad_token"[^}]*\} (\d+)/),
    bad0 + 6,
  );
  // Reading stays open.
  for (const path of ["/status", "/decisions", "/healthz", "/metrics"])
    assert.equal((await fetch(`${ixcpUrl()}${path}`)).status, 200, path);
});

test("the NIC's and the cores' admin servers refuse every mutating request (they have no token) and stay readable", async () => {
  for (const url of [cluster.nic.adminUrl, ...cluster.cores.map((c) => c.adminUrl)]) {
    for (const path of ["/status", "/metrics", "/reta"]) {
      const r = await post(`${url}${path}`, { queues: [0] }, `Bearer ${cluster.adminToken}`);
      assert.equal(r.status, 403, `${url}${path}`);
      assert.equal(((await r.json()) as { reason: string }).reason, "http_changes_disabled");
    }
    assert.equal((await fetch(`${url}/status`)).status, 200);
    assert.ok(
      (await metric(
        url,
        /ix_admin_requests_refused_total\{[^}]*reason="http_changes_disabled"[^}]*\} (\d+)/,
      )) >= 3,
    );
  }
});

test("the administrator gets through: HTTP with the token, and the admin verbs over NATS as `admin` (what ixctl sends)", async () => {
  const auth = `Bearer ${readFileSync(join(stateDir, "admin-token"), "utf8").trim()}`;
  const r = await post(`${ixcpUrl()}/cores`, { n: 1 }, auth);
  assert.equal(r.status, 200, await r.clone().text());
  assert.deepEqual(((await r.json()) as { activeCores: number[] }).activeCores, [0]);
  assert.deepEqual((await snapshot()).activeCores, [0]);
  const viaNats = await ixcpRequest(admin, "cores", { n: 2 });
  assert.equal(viaNats.ok, true, JSON.stringify(viaNats));
  assert.deepEqual((await snapshot()).activeCores, [0, 1]);
  const mig = await ixcpRequest(admin, "migrate", { flowGroups: [0, 1, 2, 3], to: 1 });
  assert.equal(mig.ok, true, JSON.stringify(mig));
  const s = await snapshot();
  assert.deepEqual(s.reta.slice(0, 4), [1, 1, 1, 1]);
  assert.ok([0, 1, 2, 3].every((g) => (s.cores[1] as { flowGroups: number[] }).flowGroups.includes(g)));
  const pol = await post(`${ixcpUrl()}/policy`, { name: "energy" }, auth);
  assert.equal(pol.status, 200);
  assert.equal((await ixcpRequest(admin, "policy", { name: "static" })).policy, "static");

  // Bad requests on the admin HTTP: 400/413 with a one-line { ok: false, error }.
  for (const q of ["-1", "abc", "0", "1.5"]) {
    const d = await fetch(`${ixcpUrl()}/decisions?limit=${q}`);
    assert.equal(d.status, 400, `limit=${q}`);
    const body = (await d.json()) as { ok: boolean; error: string };
    assert.equal(body.ok, false);
    assert.match(body.error, /^limit must be a positive integer[^\n]*$/);
  }
  const one = (await (await fetch(`${ixcpUrl()}/decisions?limit=1`)).json()) as { decisions: unknown[] };
  assert.equal(one.decisions.length, 1);
  const raw = (body: string) =>
    fetch(`${ixcpUrl()}/policy`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: auth },
      body,
    });
  const malformed = await raw("{not json");
  assert.equal(malformed.status, 400);
  const mb = (await malformed.json()) as Record<string, unknown>;
  assert.deepEqual(Object.keys(mb).sort(), ["error", "ok"]);
  assert.equal(mb.ok, false);
  const oversized = await raw(JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) }));
  assert.equal(oversized.status, 413);
  assert.equal(((await oversized.json()) as { ok: boolean }).ok, false);
});

test("hostile policies from the policy folder are contained while IXCP keeps running its periods", async () => {
  const p0 = await periods();
  const loop = await ixcpRequest(admin, "policy", { name: "loop-forever" }, 60_000);
  const p1 = await periods();
  assert.equal(loop.ok, false);
  assert.match(String(loop.error), /did not load within 15000 ms/);
  // Loading ran outside the control loop's exclusive section: the periods went on meanwhile
  // (15 s at 100 ms is ~150 periods; a loop blocked by the load would show 0 or 1).
  assert.ok(p1 - p0 >= 3, `only ${p1 - p0} control periods while loop-forever was loading`);
  for (const name of ["write-file", "open-socket"]) {
    const r = await ixcpRequest(admin, "policy", { name });
    assert.equal(r.ok, false, name);
    assert.match(String(r.error), /may not import/);
  }
  // Outside the folder: refused by name or by path.
  const outside = await ixcpRequest(admin, "policy", { name: join(root, "pwned.ts") });
  assert.match(String(outside.error), /outside the policy folders/);
  assert.equal((await ixcpRequest(admin, "status")).policy, "static", "the running policy stayed");

  // Loads (its first calls answer), then loops: late for a few periods (held),
  // stopped at the hang bound (10 periods = 1000 ms), static comes back.
  const hangs = await ixcpRequest(admin, "policy", { name: "hangs-later" });
  assert.equal(hangs.ok, true, JSON.stringify(hangs));
  const deadline = Date.now() + 20_000;
  while ((await ixcpRequest(admin, "status")).policy !== "static") {
    assert.ok(Date.now() < deadline, "hangs-later was never stopped");
    await new Promise((r) => setTimeout(r, 100));
  }
  const decisions = (await ixcpRequest(admin, "decisions", { limit: 50 })).decisions as unknown as {
    action: string;
    reason: string;
  }[];
  assert.ok(
    decisions.some(
      (d) => d.action === "policy_error" && /did not answer within 1000 ms \(hung\)/.test(d.reason),
    ),
    JSON.stringify(decisions.slice(-5)),
  );
  assert.ok(
    decisions.some((d) => d.action === "hold" && /^policy_late: .*user:hangs-later/.test(d.reason)),
    "the hanging policy's periods were held as late first",
  );
  const p2 = await periods();
  await new Promise((r) => setTimeout(r, 1000));
  assert.ok((await periods()) - p2 >= 3, "control periods stopped after the hanging policy");
  assert.equal(existsSync(marker), false, "a policy wrote a file");
  assert.equal(connections, 0, "a policy connected to the test's listener");
});
