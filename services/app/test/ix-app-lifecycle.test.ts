// Connection lifecycle of the app over libix: every connection releases its
// memcached session (curr_connections) and the ix_app_connections gauge
// exactly once, whoever closes first: the client's FIN, the server after
// `quit`, a protocol error, a RST, the serving core's death. A real
// nats-server with the cluster's permissions and the real app code
// (startIxApp); the dataplane cores are played by a client with the
// dataplane's credentials that answers syscalls as a core does. `stats` is
// asked through a connection like any client's, /metrics over HTTP. No root.
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
import { createRegistry, startAdminServer, type AdminServer } from "@ix/admin";
import { HANDLE_FG_SCALE } from "@ix/netstack";
import type { Ixev } from "@ix/libix";
import { MemcachedStore } from "../src/memcached/store.ts";
import { MEMCACHED_PORT, startIxApp } from "../src/ix-app.ts";

const K = ix.SyscallKind;
const E = ix.EventKind;
const CLIENT_IP = 0x0a4d0001;
const DEAD_RESET = 1;

let nats: NatsServerHandle;
let users: UserEntry[];
const login = (kind: string) => {
  const u = users.find((x) => x.user === kind)!;
  return { servers: nats.url, user: u.user, pass: u.password };
};

before(async () => {
  users = generateUsers([0, 1]);
  nats = await startNatsServer({ users });
});
after(async () => {
  await nats?.stop();
});

const waitFor = async (check: () => boolean, ms: number, what: string): Promise<void> => {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out after ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** One dataplane core as the app sees it: knocks, data, FINs and resets in; syscalls answered. */
class FakeCore {
  readonly core: number;
  private readonly nc: NatsConnection;
  private seq = 0;
  private nextHandle = 1;
  readonly cookies = new Map<number, number>();
  readonly sent = new Map<number, string>();
  readonly closed = new Set<number>();
  /** Bytes the core accepts of one sendv (a nearly full send buffer when small). */
  acceptLimit = Infinity;
  private beats: NodeJS.Timeout | undefined;

  constructor(nc: NatsConnection, core: number) {
    this.nc = nc;
    this.core = core;
    nc.subscribe(S.coreSys(core), { callback: (_e, m) => this.onBatch(ix.SyscallBatch.decode(m.data)) });
  }

  private onBatch(b: ix.SyscallBatch): void {
    const results = b.calls.map((c) => {
      const handle = c.handle ?? 0;
      switch (c.kind) {
        case K.SYS_ACCEPT:
          this.cookies.set(handle, c.cookie ?? 0);
          return 0;
        case K.SYS_SENDV: {
          let text = "";
          for (const buf of c.bufs ?? []) text += Buffer.from(buf).toString("latin1");
          text = text.slice(0, this.acceptLimit);
          this.sent.set(handle, (this.sent.get(handle) ?? "") + text);
          return text.length;
        }
        case K.SYS_CLOSE:
          this.closed.add(handle);
          return 0;
        default:
          return 0;
      }
    });
    this.publish([], b.seq ?? 0, results);
  }

  publish(events: ix.IEvent[], resultsSeq = 0, results: number[] = []): void {
    this.nc.publish(
      S.coreEvt(this.core),
      ix.EventBatch.encode({ core: this.core, seq: ++this.seq, events, resultsSeq, results }).finish(),
    );
  }

  /** Heartbeats every 100 ms until stop (libix declares a silent core dead). */
  beat(): void {
    const send = () =>
      this.nc.publish(
        S.status("dataplane", this.core),
        ix.Heartbeat.encode({ kind: "dataplane", id: String(this.core), timeUs: 1, adminUrl: "x" }).finish(),
      );
    send();
    this.beats = setInterval(send, 100);
  }

  stopBeating(): void {
    clearInterval(this.beats);
  }

  /** A client connects to memcached; resolves with the handle once the app accepted it. */
  async open(): Promise<number> {
    const handle = this.core * HANDLE_FG_SCALE + this.nextHandle++;
    this.publish([
      { kind: E.EV_KNOCK, handle, ip: CLIENT_IP, port: 40000 + (handle % 20000), port2: MEMCACHED_PORT },
    ]);
    await waitFor(() => this.cookies.has(handle), 30_000, `accept of handle ${handle}`);
    return handle;
  }

  recv(handle: number, text: string): void {
    const data = Buffer.from(text, "latin1");
    this.publish([{ kind: E.EV_RECV, cookie: this.cookies.get(handle), handle, data }]);
  }

  fin(handle: number): void {
    this.publish([{ kind: E.EV_RECV, cookie: this.cookies.get(handle), handle, data: new Uint8Array(0) }]);
  }

  reset(handle: number): void {
    this.publish([{ kind: E.EV_DEAD, cookie: this.cookies.get(handle), handle, value: DEAD_RESET }]);
  }
}

interface Rig {
  cores: FakeCore[];
  libix: Ixev;
  admin: AdminServer;
  store: MemcachedStore;
  asker: number;
  close(): Promise<void>;
}

async function rig(store = new MemcachedStore()): Promise<Rig> {
  const coreNc = await connect(login("dataplane"));
  const appNc = await connect(login("app"));
  const cores = [new FakeCore(coreNc, 0), new FakeCore(coreNc, 1)];
  for (const c of cores) c.beat();
  await coreNc.flush();
  const registry = createRegistry("app", false);
  const libix = startIxApp({ nc: appNc, cores: [0, 1], name: "app", store, registry });
  // The app's subscriptions reach the server only with its next flush: a
  // knock published before that is dropped by NATS (no subscriber yet).
  await appNc.flush();
  let admin: AdminServer | undefined;
  const close = async () => {
    for (const c of cores) c.stopBeating();
    libix.close();
    await admin?.close();
    await appNc.close();
    await coreNc.close();
  };
  try {
    admin = await startAdminServer({ service: "app", registry, port: 0, defaultMetrics: false });
    // The one asking for stats: a connection on core 1, open throughout.
    const asker = await cores[1].open();
    return { cores, libix, admin, store, asker, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** curr_connections as `stats` reports it to the asking connection. */
async function currConnections(r: Rig): Promise<number> {
  const core = r.cores[1];
  core.sent.set(r.asker, "");
  core.recv(r.asker, "stats\r\n");
  await waitFor(() => (core.sent.get(r.asker) ?? "").endsWith("END\r\n"), 30_000, "the stats reply");
  const m = /STAT curr_connections (\d+)\r\n/.exec(core.sent.get(r.asker)!);
  assert.ok(m, "stats has curr_connections");
  return Number(m[1]);
}

/** ix_app_connections summed over protocols, from /metrics over HTTP. */
async function gauge(r: Rig): Promise<number> {
  const text = await (await fetch(`${r.admin.url}/metrics`)).text();
  let n = 0;
  for (const line of text.split("\n")) {
    const m = /^ix_app_connections(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (m) n += Number(m[2]);
  }
  return n;
}

async function assertOnlyAsker(r: Rig, what: string): Promise<void> {
  assert.equal(await currConnections(r), 1, `${what}: curr_connections counts only the asker`);
  assert.equal(await gauge(r), 1, `${what}: ix_app_connections counts only the asker`);
}

test("every way a connection ends releases it once: curr_connections and ix_app_connections", async (t) => {
  const r = await rig();
  const core = r.cores[0];
  try {
    await t.test("10 connections closed by the server after quit", async () => {
      const handles = await Promise.all(Array.from({ length: 10 }, () => core.open()));
      assert.equal(await currConnections(r), 11);
      assert.equal(await gauge(r), 11);
      for (const h of handles) core.recv(h, "set k 0 0 1\r\nv\r\nquit\r\n");
      await waitFor(() => handles.every((h) => core.closed.has(h)), 30_000, "the app closing all 10");
      for (const h of handles) assert.equal(core.sent.get(h), "STORED\r\n");
      // The client's FIN arrives later; the handle is closed, so nothing reaches the app.
      for (const h of handles) core.fin(h);
      await assertOnlyAsker(r, "after quit");
    });

    await t.test("the client closes first (FIN)", async () => {
      const h = await core.open();
      core.recv(h, "get k\r\n");
      core.fin(h);
      await waitFor(() => core.closed.has(h), 30_000, "the app closing after the FIN");
      assert.equal(core.sent.get(h), "VALUE k 0 1\r\nv\r\nEND\r\n");
      await assertOnlyAsker(r, "after FIN");
    });

    await t.test("a protocol error closes the connection", async () => {
      const h = await core.open();
      core.recv(h, "GET / HTTP/1.1\r\n");
      await waitFor(() => core.closed.has(h), 30_000, "the app closing after the protocol error");
      await assertOnlyAsker(r, "after a protocol error");
      assert.equal(r.store.stats.protocolCloses, 1);
    });

    await t.test("a RST from the client", async () => {
      const h = await core.open();
      core.reset(h);
      await waitFor(() => core.closed.has(h), 30_000, "the app closing the dead handle");
      await assertOnlyAsker(r, "after a RST");
    });

    await t.test("quit, then the RST of a client that never sent its FIN", async () => {
      const h = await core.open();
      core.recv(h, "quit\r\n");
      await waitFor(() => core.closed.has(h), 30_000, "the app closing after quit");
      core.reset(h); // a stale event for a closed handle must not count twice
      await assertOnlyAsker(r, "after quit and RST");
    });

    await t.test("the serving core dies (heartbeats stop)", async () => {
      const handles = [await core.open(), await core.open(), await core.open()];
      assert.equal(await currConnections(r), 4);
      core.stopBeating();
      // libix declares the core failed after 2.5 s of silence.
      await waitFor(
        () => r.store.stats.currConnections === 1,
        10_000,
        "connections of the dead core released",
      );
      await assertOnlyAsker(r, "after the core died");
      assert.equal(handles.filter((h) => core.closed.has(h)).length, 0, "no close sent to a dead core");
    });
  } finally {
    await r.close();
  }
});

test("a get reply the stack takes a few bytes at a time keeps its item's chunk until all of it was accepted", async () => {
  // one page of five 192-byte chunks: an overwrite of k would reuse k's own chunk at once
  const r = await rig(new MemcachedStore({ maxBytes: 5 * 192, pageSize: 5 * 192 }));
  const core = r.cores[0];
  try {
    const writer = await core.open();
    const reader = await core.open();
    const original = "a".repeat(100);
    core.recv(writer, `set k 0 0 100 noreply\r\n${original}\r\n`);
    core.acceptLimit = 7; // 17 sendv round trips for the 121-byte reply
    core.recv(reader, "get k\r\n");
    // ordered after the get on the same bus connection: runs before most of the reply is accepted
    let churn = `set k 0 0 100 noreply\r\n${"b".repeat(100)}\r\n`;
    for (let i = 0; i < 12; i++) churn += `set x${i} 0 0 100 noreply\r\n${String(i % 10).repeat(100)}\r\n`;
    core.recv(writer, churn);
    await waitFor(() => (core.sent.get(reader) ?? "").endsWith("END\r\n"), 10_000, "the whole get reply");
    assert.equal(core.sent.get(reader), `VALUE k 0 100\r\n${original}\r\nEND\r\n`);
    assert.ok(r.store.stats.evictions > 0, "the class churned while the reply was queued");
    assert.equal(r.store.pins, 0, "the pin is dropped once the stack took the bytes");
  } finally {
    await r.close();
  }
});
