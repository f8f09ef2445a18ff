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
  composeNatsConfig,
  passwordVariable,
} from "../deploy/nats/generate.ts";

const conf = readFileSync(NATS_CONF_PATH, "utf8");

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
