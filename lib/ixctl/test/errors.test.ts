// natsFailure against the errors nats.js v3 really raises, from a real
// nats-server: each failure a CLI meets is named in one line (cli.test.ts runs
// the same cases through the ixctl process; the timeout case lives only here,
// where a short timeout keeps it quick). v3 rejects a request with a
// TimeoutError or with a RequestError whose cause is the reason; v2 carried a
// string `code` instead, so these pin the mapping to the classes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { freePort, generateUsers, startNatsServer, subjects as S, type NatsServerHandle } from "@ix/bus";
import { ClusterError, natsFailure } from "../src/errors.ts";

let server: NatsServerHandle;
const users = generateUsers([0]);
const conns: NatsConnection[] = [];

async function as(kind: string, password?: string): Promise<NatsConnection> {
  const u = users.find((x) => x.user === kind)!;
  const nc = await connect({
    servers: server.url,
    user: u.user,
    pass: password ?? u.password,
    reconnect: false,
  });
  conns.push(nc);
  return nc;
}

/** The rejection of `p`, which must reject. */
async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  assert.fail("expected a rejection");
}

before(async () => {
  server = await startNatsServer({ users });
});
after(async () => {
  for (const c of conns) await c.close().catch(() => undefined);
  await server.stop();
});

test("a request nobody subscribes to: no responders, naming who should answer", async () => {
  const admin = await as("admin");
  const e = natsFailure(
    "request x",
    await failure(admin.request(S.NIC_STATUS, new Uint8Array(0))),
    "the NIC",
  );
  assert.ok(e instanceof ClusterError);
  assert.equal(e.message, "request x: no responders (is the NIC running?)");
});

test("a subscriber that never answers: no answer in time", async () => {
  const admin = await as("admin");
  const nic = await as("nic");
  nic.subscribe(S.NIC_STATUS, { callback: () => undefined }); // hears, never replies
  await nic.flush();
  const e = natsFailure(
    "request x",
    await failure(admin.request(S.NIC_STATUS, new Uint8Array(0), { timeout: 200 })),
  );
  assert.equal(e.message, "request x: no answer in time");
});

test("a subject the user may not publish to: permission refused, with the server's reason", async () => {
  const admin = await as("admin"); // may read the RETA, not set it
  const e = natsFailure(
    "request x",
    await failure(admin.request(S.NIC_RETA_SET, new Uint8Array(0), { timeout: 2000 })),
  );
  assert.match(
    e.message,
    /^request x: permission refused: Permissions Violation for Publish to "ix\.nic\.ctl\.reta\.set"/,
  );
});

test("wrong password and nobody listening: refused credentials, refused connection", async () => {
  const bad = natsFailure("connect", await failure(as("admin", "wrong")));
  assert.match(bad.message, /^connect: the server refused the credentials/);
  const down = `nats://127.0.0.1:${await freePort()}`;
  const refused = natsFailure("connect", await failure(connect({ servers: down, reconnect: false })));
  assert.match(refused.message, /^connect: connection refused/);
});
