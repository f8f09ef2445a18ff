// deploy/nats/nats.conf against lib/bus: the permissions it grants each user
// are exactly permissionsFor(), it is what deploy/nats/generate.ts writes, and
// a real nats-server loads it with the passwords from the environment (as
// docker compose passes them), authenticates each user and enforces the rules.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { createConnection } from "node:net";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, PermissionViolationError, type NatsConnection } from "@nats-io/transport-node";
import { COMPONENT_KINDS, freePort, permissionsFor, subjects as S, type Permissions } from "@ix/bus";
import {
  COMPOSE_CORES,
  NATS_CONF_PATH,
  NATS_CLUSTER_CONF_PATH,
  ROUTE_PASSWORD_VARIABLE,
  composeNatsConfig,
  composeNatsClusterConfig,
  passwordVariable,
  routeVariable,
} from "../deploy/nats/generate.ts";

const conf = readFileSync(NATS_CONF_PATH, "utf8");
const clusterConf = readFileSync(NATS_CLUSTER_CONF_PATH, "utf8");

interface ConfUser extends Permissions {
  user: string;
  passwordVar: string;
}

/** Reads the users block back out of nats.conf (independently of the generator's code). */
function parseUsers(text: string): ConfUser[] {
  const block =
    /\{\s*user: "([^"]+)"\s*password: \$(\w+)\s*permissions: \{\s*publish: \{ allow: (\[[^\]]*\]) \}\s*subscribe: \{ allow: (\[[^\]]*\]) \}\s*(allow_responses: true)?\s*\}\s*\}/g;
  return [...text.matchAll(block)].map((m) => ({
    user: m[1],
    passwordVar: m[2],
    publish: JSON.parse(m[3]) as string[],
    subscribe: JSON.parse(m[4]) as string[],
    allowResponses: m[5] !== undefined,
  }));
}

test("nats.conf is what deploy/nats/generate.ts writes", () => {
  assert.equal(conf, composeNatsConfig(), "stale: run node deploy/nats/generate.ts");
});

test("nats-cluster.conf is what deploy/nats/generate.ts writes, with nats.conf's users", () => {
  assert.equal(clusterConf, composeNatsClusterConfig(), "stale: run node deploy/nats/generate.ts");
  assert.deepEqual(
    parseUsers(clusterConf),
    parseUsers(conf),
    "the same users and permissions on every server",
  );
  assert.doesNotMatch(clusterConf, /password: "/, "no literal password in the repository");
  assert.doesNotMatch(clusterConf, /nats-route:\/\//, "no route URL (it would carry the password)");
});

test("nats.conf grants each component kind exactly permissionsFor()", () => {
  const users = parseUsers(conf);
  assert.deepEqual(
    users.map((u) => u.user).sort(),
    [...COMPONENT_KINDS].sort(),
    "one user per component kind",
  );
  for (const u of users) {
    const kind = COMPONENT_KINDS.find((k) => k === u.user)!;
    const want = permissionsFor(kind, kind === "host" ? "*" : kind, kind === "app" ? COMPOSE_CORES : []);
    assert.deepEqual(
      { publish: u.publish, subscribe: u.subscribe, allowResponses: u.allowResponses },
      want,
      `user ${u.user}`,
    );
    assert.equal(u.passwordVar, passwordVariable(kind));
  }
  assert.doesNotMatch(conf, /password: "/, "no literal password in the repository");
});

test("docker-compose.yml and deploy/.env pass every password variable nats.conf uses", () => {
  const compose = readFileSync(join(import.meta.dirname, "..", "deploy", "docker-compose.yml"), "utf8");
  const env = readFileSync(join(import.meta.dirname, "..", "deploy", ".env"), "utf8");
  for (const kind of COMPONENT_KINDS) {
    const v = passwordVariable(kind);
    assert.ok(compose.includes(`${v}: \${${v}}`), `compose does not pass ${v} to nats`);
    assert.match(env, new RegExp(`^${v}=\\S+$`, "m"), `deploy/.env lacks a default for ${v}`);
  }
  const cluster = readFileSync(
    join(import.meta.dirname, "..", "deploy", "docker-compose.cluster.yml"),
    "utf8",
  );
  for (const v of [...COMPONENT_KINDS.map(passwordVariable), ROUTE_PASSWORD_VARIABLE])
    assert.ok(cluster.includes(`${v}: \${${v}}`), `the cluster file does not pass ${v} to its servers`);
  for (const i of [1, 2, 3])
    assert.ok(cluster.includes(`${routeVariable(i)}: nats-route://route:`), routeVariable(i));
  assert.match(
    env,
    new RegExp(`^${ROUTE_PASSWORD_VARIABLE}=[A-Za-z0-9._~-]+$`, "m"),
    "a URL-safe route password",
  );
});

// A real nats-server on loopback with the same authorization block.
const passwords = Object.fromEntries(COMPONENT_KINDS.map((k) => [passwordVariable(k), `test-${k}-pw`]));
let server: ChildProcess | undefined;
let url = "";
let dir = "";
const conns: NatsConnection[] = [];

async function waitForPort(port: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = createConnection({ port, host: "127.0.0.1" }, () => (s.destroy(), resolve(true)));
      s.once("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nats-server did not listen on ${port} within ${ms} ms`);
}

before(async () => {
  const port = await freePort();
  dir = mkdtempSync(join(tmpdir(), "ix-deploy-nats-"));
  // Same file, listening on loopback only and without the monitoring port.
  const local = conf.replace(/^listen: .*$/m, `listen: "127.0.0.1:${port}"`).replace(/^http: .*$/m, "");
  assert.notEqual(local, conf);
  writeFileSync(join(dir, "nats.conf"), local);
  server = spawn("nats-server", ["-c", join(dir, "nats.conf")], {
    stdio: "ignore",
    env: { ...process.env, ...passwords },
  });
  url = `nats://127.0.0.1:${port}`;
  await waitForPort(port, 5000);
});

after(async () => {
  for (const c of conns) await c.close().catch(() => undefined);
  server?.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
});

async function as(user: string, pass: string): Promise<NatsConnection> {
  const nc = await connect({ servers: url, user, pass, reconnect: false, timeout: 3000 });
  conns.push(nc);
  return nc;
}

test("nats-server takes each user's password from its environment variable", async () => {
  for (const kind of COMPONENT_KINDS) {
    const nc = await as(kind, passwords[passwordVariable(kind)]);
    await nc.flush();
  }
  await assert.rejects(as("nic", "wrong"), /Authorization/i);
  await assert.rejects(
    as("nic", `$${passwordVariable("nic")}`),
    /Authorization/i,
    "the variable name is not the password",
  );
});

test("the loaded config enforces the permissions: app reaches its core, not the NIC", async () => {
  const app = await as("app", passwords[passwordVariable("app")]);
  const dataplane = await as("dataplane", passwords[passwordVariable("dataplane")]);
  const nic = await as("nic", passwords[passwordVariable("nic")]);
  let violations = 0;
  void (async () => {
    for await (const s of app.status())
      if (s.type === "error" && s.error instanceof PermissionViolationError) violations++;
  })();
  const allowed = dataplane.subscribe(S.coreSys(3), { max: 1 });
  const denied = nic.subscribe(S.nicTx(0), { max: 1 });
  await Promise.all([dataplane.flush(), nic.flush()]);
  app.publish(S.coreSys(3), new Uint8Array([1]));
  app.publish(S.nicTx(0), new Uint8Array([2]));
  await app.flush().catch(() => undefined);
  const got = await Promise.race([
    (async () => {
      for await (const m of allowed) return m.data[0];
    })(),
    new Promise((r) => setTimeout(() => r("timeout"), 10_000)),
  ]);
  assert.equal(got, 1, "app's syscall on its core 3 arrives");
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(denied.getProcessed(), 0, "app's frame on the NIC's TX subject is refused");
  assert.ok(violations >= 1, "the server reported the violation to the app");
  denied.unsubscribe();
});

// Three real nats-servers on nats-cluster.conf, as compose runs them (the
// same file each; name and route URLs from the environment), its ports moved
// to free loopback ones.
test("three nats-servers on nats-cluster.conf form a full mesh and hold each client to its role on each", async (t) => {
  const ports = await Promise.all(Array.from({ length: 9 }, () => freePort()));
  const client = ports.slice(0, 3);
  const route = ports.slice(3, 6);
  const http = ports.slice(6, 9);
  const routePw = "test-route-pw";
  const cdir = mkdtempSync(join(tmpdir(), "ix-deploy-nats-cluster-"));
  const servers: ChildProcess[] = [];
  const cconns: NatsConnection[] = [];
  t.after(async () => {
    for (const c of cconns) await c.close().catch(() => undefined);
    for (const s of servers) s.kill("SIGTERM");
    rmSync(cdir, { recursive: true, force: true });
  });
  const routeEnv = Object.fromEntries(
    [1, 2, 3].map((i) => [routeVariable(i), `nats-route://route:${routePw}@127.0.0.1:${route[i - 1]}`]),
  );
  for (let i = 0; i < 3; i++) {
    const local = clusterConf
      .replace(/^listen: .*$/m, `listen: "127.0.0.1:${client[i]}"`)
      .replace(/^http: .*$/m, `http: "127.0.0.1:${http[i]}"`)
      .replace(/^ {2}listen: "0.0.0.0:6222"$/m, `  listen: "127.0.0.1:${route[i]}"`);
    assert.equal(local.match(/127\.0\.0\.1:/g)?.length, 3, "all three listeners moved");
    const file = join(cdir, `nats-${i + 1}.conf`);
    writeFileSync(file, local);
    servers.push(
      spawn("nats-server", ["-c", file], {
        stdio: "ignore",
        env: {
          ...process.env,
          ...passwords,
          ...routeEnv,
          [ROUTE_PASSWORD_VARIABLE]: routePw,
          IX_NATS_SERVER_NAME: `ix-nats-${i + 1}`,
        },
      }),
    );
  }
  await Promise.all(client.map((p) => waitForPort(p, 5000)));
  const routez = async (i: number): Promise<{ num_routes: number }> =>
    (await (await fetch(`http://127.0.0.1:${http[i]}/routez`)).json()) as {
      server_name: string;
      num_routes: number;
    };
  const deadline = Date.now() + 30_000;
  let counts: number[] = [];
  for (;;) {
    counts = (await Promise.all([0, 1, 2].map(routez))).map((r) => r.num_routes);
    if (counts.every((n) => n === 2) || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(
    counts,
    [2, 2, 2],
    "a full mesh: each server routes to the two others (the route to itself ignored)",
  );
  const names = await Promise.all(
    http.map(
      async (p) =>
        ((await (await fetch(`http://127.0.0.1:${p}/varz`)).json()) as { server_name: string }).server_name,
    ),
  );
  assert.deepEqual(
    names,
    ["ix-nats-1", "ix-nats-2", "ix-nats-3"],
    "each server's name from its environment (/varz)",
  );

  // The app on server 1 reaches its core on server 3 across a route; its frame for the NIC on server 2 is refused.
  const on = async (i: number, kind: string): Promise<NatsConnection> => {
    const nc = await connect({
      servers: `nats://127.0.0.1:${client[i]}`,
      user: kind,
      pass: passwords[passwordVariable(kind as (typeof COMPONENT_KINDS)[number])],
      reconnect: false,
      timeout: 3000,
    });
    cconns.push(nc);
    return nc;
  };
  const app = await on(0, "app");
  const dataplane = await on(2, "dataplane");
  const nic = await on(1, "nic");
  let violations = 0;
  void (async () => {
    for await (const s of app.status())
      if (s.type === "error" && s.error instanceof PermissionViolationError) violations++;
  })();
  const allowed = dataplane.subscribe(S.coreSys(3));
  const denied = nic.subscribe(S.nicTx(0));
  await Promise.all([dataplane.flush(), nic.flush()]);
  // Publish until the subscription has crossed the route (bounded); the refused one once per round.
  const got = await Promise.race([
    (async () => {
      for await (const m of allowed) return m.data[0];
    })(),
    (async () => {
      for (let k = 0; k < 100; k++) {
        app.publish(S.coreSys(3), new Uint8Array([1]));
        app.publish(S.nicTx(0), new Uint8Array([2]));
        await new Promise((r) => setTimeout(r, 100));
      }
      return "never";
    })(),
  ]);
  assert.equal(got, 1, "app's syscall on server 1 reaches core 3's subscriber on server 3");
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(denied.getProcessed(), 0, "app's frame on the NIC's TX subject is refused by server 1");
  assert.ok(violations >= 1, "server 1 reported the violation to the app");
});
