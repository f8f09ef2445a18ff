// IXCP as a real process against a real nats-server with per-role users.
// Stand-ins that are real servers: small HTTP servers serve each "core's"
// Prometheus text (made by prom-client, which the test controls), a NATS
// responder as user "dataplane" answers ix.core.<c>.ctl and publishes
// heartbeats (IXCP discovers the admin URLs from them), and a responder as
// user "nic" keeps a RETA for ix.nic.ctl.reta.get/set. The test watches the
// order of what IXCP sends when core 0's fast EMA crosses 32.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { Gauge, Registry } from "prom-client";
import { ix } from "@ix/proto";
import {
  credentialEnv,
  generateUsers,
  initialReta,
  ixcpRequest,
  startNatsServer,
  subjects as S,
  type NatsServerHandle,
  type UserEntry,
} from "@ix/bus";
import { spawnService, type ServiceProcess } from "@ix/cluster";

const MAIN = join(import.meta.dirname, "..", "src", "main.ts");
const CORES = 2;
let nats: NatsServerHandle;
let users: UserEntry[];
let ixcp: ServiceProcess;
const conns: NatsConnection[] = [];
const timers: NodeJS.Timeout[] = [];

/** What IXCP did, in the order the responders saw it. */
interface Seen {
  at: number;
  what: "cmd" | "reta";
  core?: number;
  kind?: string;
  flowGroups: number[];
  target?: number;
  header?: string;
}
const seen: Seen[] = [];
const decisions: Record<string, unknown>[] = [];

interface FakeCore {
  registry: Registry;
  ema: Gauge<"alpha">;
  idle: Gauge;
  server: Server;
  url: string;
  beating: boolean;
}
const cores: FakeCore[] = [];
let reta = initialReta(128, CORES);

async function as(user: string): Promise<NatsConnection> {
  const u = users.find((x) => x.user === user)!;
  const nc = await connect({ servers: nats.url, user: u.user, pass: u.password });
  conns.push(nc);
  return nc;
}

// Waits are generous (a loaded machine delays scrapes and ticks); the control
// rules' own timing is tested on an injected clock in control-loop.test.ts.
async function until<T>(what: string, f: () => T | undefined | false, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const v = f();
    if (v !== undefined && v !== false) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}; seen ${JSON.stringify(seen.slice(-12))}`);
}

async function fakeCore(core: number): Promise<FakeCore> {
  const registry = new Registry();
  registry.setDefaultLabels({ service: "dataplane", core: String(core) });
  const ema = new Gauge({
    name: "ix_dp_queue_ema",
    help: "ema",
    labelNames: ["alpha"],
    registers: [registry],
  });
  for (const alpha of ["0.5", "0.25", "0.125"]) ema.set({ alpha }, 1);
  const idle = new Gauge({ name: "ix_dp_idle_fraction", help: "idle", registers: [registry] });
  idle.set(0.95);
  new Gauge({ name: "ix_dp_queuing_delay_us", help: "delay", registers: [registry] }).set(5);
  new Gauge({ name: "ix_dp_active", help: "active", registers: [registry] }).set(1);
  const server = createServer((req, res) => {
    if (req.url !== "/metrics") return void res.writeHead(404).end();
    void registry
      .metrics()
      .then((text) => res.writeHead(200, { "content-type": registry.contentType }).end(text));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  return { registry, ema, idle, server, url: `http://127.0.0.1:${port}`, beating: true };
}

before(async () => {
  users = generateUsers([0, 1]);
  nats = await startNatsServer({ users });
  for (let c = 0; c < CORES; c++) cores.push(await fakeCore(c));

  const dp = await as("dataplane");
  dp.subscribe("ix.core.*.ctl", {
    callback: (_e, m) => {
      const core = Number(m.subject.split(".")[2]);
      const cmd = ix.CoreCommand.decode(m.data);
      seen.push({
        at: Date.now(),
        what: "cmd",
        core,
        kind: ix.CommandKind[cmd.kind],
        flowGroups: cmd.flowGroups,
        target: cmd.targetCore,
      });
      m.respond(ix.CommandReply.encode({ ok: true, durationUs: 100 }).finish());
    },
  });
  timers.push(
    setInterval(() => {
      cores.forEach((c, i) => {
        if (!c.beating) return;
        const hb = ix.Heartbeat.encode({
          kind: "dataplane",
          id: String(i),
          timeUs: Date.now() * 1000,
          adminUrl: c.url,
        });
        dp.publish(S.status("dataplane", i), hb.finish());
      });
    }, 100),
  );

  const nic = await as("nic");
  nic.subscribe(S.NIC_RETA_GET, {
    callback: (_e, m) => {
      m.respond(ix.Reta.encode({ queues: reta }).finish());
    },
  });
  nic.subscribe(S.NIC_RETA_SET, {
    callback: (_e, m) => {
      const u = ix.RetaUpdate.decode(m.data);
      seen.push({
        at: Date.now(),
        what: "reta",
        flowGroups: u.flowGroups,
        target: u.queue,
        header: m.headers?.get("Ix-Msg-Type"),
      });
      reta = reta.map((q, fg) => (u.flowGroups.includes(fg) ? u.queue : q));
      m.respond(ix.Reta.encode({ queues: reta }).finish());
    },
  });
  await nic.flush();
  await dp.flush();

  const watcher = await as("admin");
  watcher.subscribe(S.IXCP_DECISIONS, {
    callback: (_e, m) => {
      decisions.push(JSON.parse(new TextDecoder().decode(m.data)) as Record<string, unknown>);
    },
  });
  await watcher.flush();

  ixcp = await spawnService({
    name: "ixcp",
    env: credentialEnv({ url: nats.url, ...pick("ixcp") }),
    args: [
      MAIN,
      "--cores",
      String(CORES),
      "--initial-cores",
      "1",
      "--policy",
      "energy",
      "--period-ms",
      "100",
    ],
  });
});

function pick(user: string): { user: string; password: string } {
  const u = users.find((x) => x.user === user)!;
  return { user: u.user, password: u.password };
}

after(async () => {
  for (const t of timers) clearInterval(t);
  await ixcp?.stop();
  for (const nc of conns) await nc.close();
  for (const c of cores) await new Promise((r) => c.server.close(r));
  await nats?.stop();
});

test("starts on --initial-cores 1: core 1's groups migrate to core 0, then core 1 parks", async () => {
  await until("core 1 parked", () =>
    seen.some((s) => s.what === "cmd" && s.core === 1 && s.kind === "CMD_PARK"),
  );
  assert.ok(reta.every((q) => q === 0));
  const migrates = seen.filter((s) => s.kind === "CMD_MIGRATE");
  assert.ok(migrates.length > 0 && migrates.every((s) => s.core === 1 && s.target === 0));
  assert.ok(seen.filter((s) => s.what === "reta").every((s) => s.header === "RetaUpdate"));
});

test("fast EMA crossing 32 on core 0: ACTIVATE 1, then MIGRATE to core 0 and the RETA set, batch by batch", async () => {
  // IX holds step ups for 2 s after a step down (the park at start): wait it out.
  const parked = seen.find((s) => s.kind === "CMD_PARK")!;
  await new Promise((r) => setTimeout(r, Math.max(0, parked.at + 2100 - Date.now())));
  const mark = seen.length;
  const crossed = Date.now();
  cores[0].ema.set({ alpha: "0.5" }, 40);
  cores[0].idle.set(0.05);
  await until("groups on core 1", () => reta.filter((q) => q === 1).length === 64);
  const after = seen.slice(mark);
  const activate = after.findIndex((s) => s.kind === "CMD_ACTIVATE");
  assert.ok(activate >= 0, "activated");
  assert.equal(after[activate].core, 1);
  assert.ok(after[activate].at >= crossed, "ACTIVATE follows the crossing");
  const rest = after.slice(activate + 1).filter((s) => s.kind === "CMD_MIGRATE" || s.what === "reta");
  assert.equal(rest.length, 8, JSON.stringify(rest));
  for (let i = 0; i < rest.length; i += 2) {
    const [mig, set] = [rest[i], rest[i + 1]];
    assert.equal(mig.kind, "CMD_MIGRATE");
    assert.equal(mig.core, 0, "MIGRATE goes to the source core");
    assert.equal(mig.target, 1);
    assert.equal(set.what, "reta");
    assert.equal(set.target, 1);
    assert.deepEqual(set.flowGroups, mig.flowGroups, "the RETA changes for exactly the migrated groups");
    assert.ok(set.at >= mig.at);
  }
  await until("step_up decision published", () => decisions.find((d) => d.action === "step_up"));
  const status = (await (await fetch(`${ixcp.adminUrl}/status`)).json()) as {
    activeCores: number[];
    policy: string;
  };
  assert.deepEqual(status.activeCores, [0, 1]);
  const metrics = await (await fetch(`${ixcp.adminUrl}/metrics`)).text();
  assert.match(metrics, /ix_ixcp_migration_duration_seconds_count\{[^}]*outcome="ok"[^}]*\} ([1-9]\d*)/);
  assert.match(metrics, /ix_ixcp_active_cores\{[^}]*\} 2/);
  assert.match(metrics, /ix_ixcp_policy_info\{[^}]*policy="energy"[^}]*\} 1/);
});

test("admin verbs over NATS: a refused policy keeps energy; static, then a manual migrate", async () => {
  const admin = await as("admin");
  cores[0].ema.set({ alpha: "0.5" }, 1);
  const bad = await ixcpRequest(admin, "policy", { name: "/nonexistent/policy.ts" });
  assert.equal(bad.ok, false);
  assert.match(String(bad.error), /outside the policy folders/);
  assert.equal((await ixcpRequest(admin, "status")).policy, "energy");
  assert.equal((await ixcpRequest(admin, "policy", { name: "static" })).policy, "static");
  const mark = seen.length;
  const r = await ixcpRequest(admin, "migrate", { flowGroups: [0, 1, 2, 3], to: 1 });
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.equal(r.moved, 4);
  const mig = seen.slice(mark).find((s) => s.kind === "CMD_MIGRATE")!;
  assert.deepEqual([mig.core, mig.target, mig.flowGroups], [0, 1, [0, 1, 2, 3]]);
  assert.deepEqual([reta[0], reta[3]], [1, 1]);
  const http = await fetch(`${ixcp.adminUrl}/cores`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ n: 9 }),
  });
  // Started without IX_ADMIN_TOKEN: changes over HTTP are off (protection.test.ts has the token path).
  assert.equal(http.status, 403);
});

test("a core that goes silent is dead: its groups go to core 0 by RETA rewrite", async () => {
  const mark = seen.length;
  cores[1].beating = false;
  await new Promise((r) => cores[1].server.close(r));
  cores[1].server.closeAllConnections();
  await until("core 1's groups back on core 0", () => reta.every((q) => q === 0));
  assert.ok(
    !seen.slice(mark).some((s) => s.kind === "CMD_MIGRATE" && s.core === 1),
    "no migrate from a dead core",
  );
  await until("core_dead decision", () => decisions.find((d) => d.action === "core_dead" && d.core === 1));
  const metrics = await (await fetch(`${ixcp.adminUrl}/metrics`)).text();
  assert.match(metrics, /ix_ixcp_core_dead_total\{[^}]*core="1"[^}]*\} 1/);
});
