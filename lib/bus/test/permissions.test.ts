// The permission matrix against a real nats-server: for each component kind,
// one allowed and several forbidden actions. A forbidden publish must be
// refused by the server (the client sees a permissions violation and a
// privileged subscriber receives nothing); an allowed one must arrive.
// Then the same matrix on a 3-server NATS cluster (issue 14): the publisher
// on each server in turn and the observer on the next one, so an allowed
// publish crosses a route and a forbidden one is refused by whichever server
// the client is on. Routes themselves need the route user's password.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { createConnection } from "node:net";
import {
  startNatsServer,
  startNatsCluster,
  routeCount,
  generateUsers,
  subjects as S,
  type NatsClusterHandle,
  type NatsServerHandle,
  type UserEntry,
} from "../src/mod.ts";
import { PERMISSION_CASES, checkMatrixAcross, tryPublish } from "./permission-matrix.ts";

let server: NatsServerHandle;
let mesh: NatsClusterHandle;
let users: UserEntry[];
const conns: NatsConnection[] = [];

/** A connection as `kind` to the single server, or to server `on` (0-based) of the 3-server cluster. */
async function as(kind: string, on?: number): Promise<NatsConnection> {
  const u = users.find((x) => x.user === kind)!;
  const url = on === undefined ? server.url : mesh.servers[on].url;
  const nc = await connect({ servers: url, user: u.user, pass: u.password });
  conns.push(nc);
  return nc;
}

before(async () => {
  users = generateUsers([0], [{ user: "app-core1", password: "p-app1", kind: "app", cores: [1] }]);
  server = await startNatsServer({ users });
  mesh = await startNatsCluster({ users, size: 3 });
});
after(async () => {
  for (const c of conns) await c.close().catch(() => undefined);
  await server?.stop();
  await mesh?.stop();
});

test("anonymous connections are refused", async () => {
  await assert.rejects(connect({ servers: server.url }), /Authorization/i);
});

const cases = PERMISSION_CASES;

for (const c of cases) {
  test(`${c.kind} ${c.allowed ? "may" : "may not"} publish ${c.subject}`, async () => {
    const from = await as(c.kind);
    const observer = await as(c.observer);
    const r = await tryPublish(from, observer, c.subject);
    assert.equal(r.delivered, c.allowed, "delivery");
    assert.equal(r.refused, !c.allowed, "server refusal");
  });
}

test("the 3-server cluster is a full mesh: every server has a route to each other one", async () => {
  assert.deepEqual(await Promise.all(mesh.servers.map(routeCount)), [2, 2, 2]);
});

for (const on of [0, 1, 2]) {
  const other = (on + 1) % 3;
  test(`cluster: every case with the publisher on server ${on + 1}, the observer on server ${other + 1}`, async () => {
    await checkMatrixAcross(as, on, other);
  });
}

test("cluster: the servers' users are the same everywhere and anonymous clients are refused on each", async () => {
  for (const s of mesh.servers) await assert.rejects(connect({ servers: s.url }), /Authorization/i, s.name);
});

test("cluster: a route connection without the route password is refused (the route port is not open)", async () => {
  // Speak the route protocol's CONNECT to server 1's route port as an unknown peer.
  const port = mesh.servers[0].routePort!;
  const reply = await new Promise<string>((resolve, reject) => {
    let got = "";
    let sent = false;
    const s = createConnection({ port, host: "127.0.0.1" });
    const timer = setTimeout(() => s.destroy(), 5000);
    s.on("data", (d: Buffer) => {
      got += d.toString();
      if (sent || !got.includes("INFO ")) return;
      sent = true;
      s.write(
        'CONNECT {"verbose":false,"pedantic":false,"user":"route","pass":"wrong","name":"intruder","cluster":"ix"}\r\nPING\r\n',
      );
    });
    s.on("close", () => {
      clearTimeout(timer);
      resolve(got);
    });
    s.on("error", reject);
  });
  assert.match(reply, /-ERR 'Authorization Violation'/, reply);
  assert.deepEqual(await Promise.all(mesh.servers.map(routeCount)), [2, 2, 2], "no route was added");
});

test("an app may not read another core's events or the NIC's frames", async () => {
  const app = await as("app-core1");
  for (const subject of [S.coreEvt(0), S.nicRx(1)]) {
    const sub = app.subscribe(subject);
    const outcome = await Promise.race([
      (async () => {
        try {
          for await (const _ of sub) return "message";
        } catch (e) {
          return String((e as Error).message);
        }
        return "closed";
      })(),
      new Promise<string>((r) => setTimeout(() => r("timeout"), 10_000)),
    ]);
    assert.match(outcome, /permissions violation/i, subject);
  }
});
