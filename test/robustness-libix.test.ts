// libix keeps an app reachable across restarts of the parts below it: when a
// core restarts (its heartbeat announces a new admin URL) or the bus
// reconnects (nats-server restarted), it re-issues every listen. A real
// nats-server with the cluster's permissions; the core is played by a client
// with the dataplane's credentials. No root needed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { ix } from "@ix/proto";
import {
  startNatsServer,
  generateUsers,
  subjects as S,
  type NatsServerHandle,
  type UserEntry,
} from "@ix/bus";
import { Ixev } from "@ix/libix";

let nats: NatsServerHandle;
let users: UserEntry[];
const login = (kind: string) => {
  const u = users.find((x) => x.user === kind)!;
  return {
    servers: nats.url,
    user: u.user,
    pass: u.password,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 100,
  };
};

before(async () => {
  users = generateUsers([0]);
  nats = await startNatsServer({ users });
});
after(async () => {
  await nats?.stop();
});

/** Listens seen on core 0's syscall subject, with the app string of their batch. */
function watchListens(core: NatsConnection): { ports: number[]; apps: Set<string> } {
  const seen = { ports: [] as number[], apps: new Set<string>() };
  core.subscribe(S.coreSys(0), {
    callback: (_e, m) => {
      const b = ix.SyscallBatch.decode(m.data);
      seen.apps.add(b.app ?? "");
      for (const c of b.calls) if (c.kind === ix.SyscallKind.SYS_LISTEN) seen.ports.push(c.port ?? 0);
    },
  });
  return seen;
}

const waitFor = async (check: () => boolean, ms: number, what: string): Promise<void> => {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

const heartbeat = (core: NatsConnection, adminUrl: string): void =>
  core.publish(
    S.status("dataplane", 0),
    ix.Heartbeat.encode({ kind: "dataplane", id: "0", timeUs: 1, adminUrl }).finish(),
  );

test("libix listens again when a core restarts, and after a nats-server restart", async () => {
  const core = await connect(login("dataplane"));
  const appNc = await connect(login("app"));
  const seen = watchListens(core);
  await core.flush();
  const libix = new Ixev({ nc: appNc, cores: [0], app: "app", onKnock: () => null });
  try {
    libix.listen(7);
    libix.listen(11211);
    await waitFor(() => seen.ports.length === 2, 30_000, "first listens");
    assert.equal(seen.apps.size, 1);
    assert.match([...seen.apps][0], /^app#[0-9a-f]{12}$/, "batches name the app instance");

    heartbeat(core, "http://127.0.0.1:1001");
    await core.flush();
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(seen.ports.length, 2, "the first heartbeat of a core is no restart");
    heartbeat(core, "http://127.0.0.1:1002"); // the same core id from a new process
    await waitFor(() => seen.ports.length === 4, 30_000, "listens after the core restarted");
    assert.deepEqual(seen.ports.slice(2).sort(), [11211, 7]);

    await nats.restart();
    // The core announces itself once it is back (as a dataplane does every second).
    const beats = setInterval(() => heartbeat(core, "http://127.0.0.1:1002"), 100);
    try {
      await waitFor(() => seen.ports.length >= 6, 30_000, "listens after the reconnect");
    } finally {
      clearInterval(beats);
    }
    assert.deepEqual([...new Set(seen.ports)].sort(), [11211, 7]);
  } finally {
    libix.close();
    await appNc.close();
    await core.close();
  }
});
