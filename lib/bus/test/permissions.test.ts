// The permission matrix against a real nats-server: for each component kind,
// one allowed and several forbidden actions. A forbidden publish must be
// refused by the server (the client sees a permissions violation and a
// privileged subscriber receives nothing); an allowed one must arrive.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { connect, PermissionViolationError, type NatsConnection } from "@nats-io/transport-node";
import {
  startNatsServer,
  generateUsers,
  subjects as S,
  type NatsServerHandle,
  type UserEntry,
} from "../src/mod.ts";

let server: NatsServerHandle;
let users: UserEntry[];
const conns: NatsConnection[] = [];

async function as(kind: string): Promise<NatsConnection> {
  const u = users.find((x) => x.user === kind)!;
  const nc = await connect({ servers: server.url, user: u.user, pass: u.password });
  conns.push(nc);
  return nc;
}

/** Publishes from `from` and reports whether a superuser-ish observer (the NIC/IXCP side) saw it, and whether the server refused. */
async function tryPublish(
  from: NatsConnection,
  observer: NatsConnection,
  subject: string,
): Promise<{ delivered: boolean; refused: boolean }> {
  let refused = false;
  const watcher = (async () => {
    for await (const s of from.status()) {
      if (s.type === "error" && s.error instanceof PermissionViolationError) refused = true;
    }
  })();
  void watcher;
  const sub = observer.subscribe(subject, { max: 1 });
  await observer.flush();
  let delivered = false;
  const got = (async () => {
    for await (const _ of sub) delivered = true;
  })();
  from.publish(subject, new Uint8Array([1]));
  await from.flush().catch(() => undefined);
  await new Promise((r) => setTimeout(r, 150));
  sub.unsubscribe();
  await got;
  return { delivered, refused };
}

before(async () => {
  users = generateUsers([0], [{ user: "app-core1", password: "p-app1", kind: "app", cores: [1] }]);
  server = await startNatsServer({ users });
});
after(async () => {
  for (const c of conns) await c.close().catch(() => undefined);
  await server.stop();
});

test("anonymous connections are refused", async () => {
  await assert.rejects(connect({ servers: server.url }), /Authorization/i);
});

const cases: Array<{ kind: string; observer: string; subject: string; allowed: boolean }> = [
  { kind: "app", observer: "dataplane", subject: S.coreSys(0), allowed: true },
  { kind: "app", observer: "dataplane", subject: S.coreSys(1), allowed: false },
  { kind: "app", observer: "nic", subject: S.nicTx(0), allowed: false },
  { kind: "app", observer: "nic", subject: S.NIC_RETA_SET, allowed: false },
  { kind: "app", observer: "dataplane", subject: S.coreCtl(0), allowed: false },
  { kind: "app-core1", observer: "dataplane", subject: S.coreSys(1), allowed: true },
  { kind: "app-core1", observer: "dataplane", subject: S.coreSys(0), allowed: false },
  { kind: "dataplane", observer: "nic", subject: S.nicTx(0), allowed: true },
  { kind: "dataplane", observer: "dataplane", subject: S.coreCtl(1), allowed: false },
  { kind: "dataplane", observer: "nic", subject: S.NIC_RETA_SET, allowed: false },
  { kind: "dataplane", observer: "dataplane", subject: S.nicRx(0), allowed: false },
  { kind: "ixcp", observer: "dataplane", subject: S.coreCtl(1), allowed: true },
  { kind: "ixcp", observer: "nic", subject: S.NIC_RETA_SET, allowed: true },
  { kind: "ixcp", observer: "dataplane", subject: S.nicRx(0), allowed: false },
  { kind: "nic", observer: "dataplane", subject: S.nicRx(0), allowed: true },
  { kind: "nic", observer: "dataplane", subject: S.coreCtl(0), allowed: false },
  { kind: "host", observer: "nic", subject: S.l2Tx("h1"), allowed: true },
  { kind: "host", observer: "dataplane", subject: S.nicRx(0), allowed: false },
  { kind: "admin", observer: "ixcp", subject: S.ixcpAdmin("status"), allowed: true },
  { kind: "admin", observer: "nic", subject: S.NIC_RETA_SET, allowed: false },
  { kind: "admin", observer: "dataplane", subject: S.coreCtl(0), allowed: false },
];

for (const c of cases) {
  test(`${c.kind} ${c.allowed ? "may" : "may not"} publish ${c.subject}`, async () => {
    const from = await as(c.kind);
    const observer = await as(c.observer);
    const r = await tryPublish(from, observer, c.subject);
    assert.equal(r.delivered, c.allowed, "delivery");
    assert.equal(r.refused, !c.allowed, "server refusal");
  });
}

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
