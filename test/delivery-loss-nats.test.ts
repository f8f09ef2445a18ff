// Batches lost and repeated on a real nats-server between the real libix
// (Ixev, echoing) and a real dataplane core (DataplaneCore with its Stack),
// each with its own credentials and the cluster's permissions. Between them
// sits a test-only interposer: the core listens on core 1's subjects, and two
// interposer connections carry core 0's SyscallBatches there and core 1's
// EventBatches back, dropping every LOSS_EVERY-th message and repeating every
// DUP_EVERY-th in each direction. The TCP peer is a Linux-like lib/netstack
// Stack in this process, behind the NIC's own RSS classifier and ARP offload.
// Checked: every connection's bytes echoed intact and in order, every syscall
// the app issued executed exactly once, no hang (bounded wait naming the
// stuck connection). No root.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { ix } from "@ix/proto";
import {
  generateUsers,
  startNatsServer,
  subjects as S,
  type NatsServerHandle,
  type UserEntry,
} from "@ix/bus";
import { Stack, DEFAULT_RSS_KEY, EtherType, parseIpv4, parseMac } from "@ix/netstack";
import { Ixev } from "@ix/libix";
import { DataplaneCore } from "../services/dataplane/src/core.ts";
import { loadConfig } from "../services/dataplane/src/config.ts";
import { clockUs, nodeTimers } from "../services/dataplane/src/clock.ts";
import { RssClassifier } from "../services/nic/src/rss-classifier.ts";
import { ArpOffload } from "../services/nic/src/arp-offload.ts";

const LOSS_EVERY = 5;
const DUP_EVERY = 7;
const CONNS = 12;
const CHUNKS = 25;
const HOST_IP = parseIpv4("10.77.0.2");
const HOST_MAC = parseMac("02:00:00:00:00:02");
const PEER_IP = parseIpv4("10.77.0.1");
const PEER_MAC = parseMac("02:00:00:00:00:01");

let nats: NatsServerHandle;
let users: UserEntry[];
const open: NatsConnection[] = [];
const login = async (kind: string, cores?: number[]): Promise<NatsConnection> => {
  const u = users.find((x) => x.kind === kind && (!cores || x.cores?.[0] === cores[0]))!;
  const nc = await connect({ servers: nats.url, user: u.user, pass: u.password });
  open.push(nc);
  return nc;
};

before(async () => {
  users = [
    ...generateUsers([0]),
    // A second app identity bound to core 1: the interposer's side toward the core.
    { user: "app1", password: "app1-secret", kind: "app", id: "app1", cores: [1] },
  ];
  nats = await startNatsServer({ users });
});
after(async () => {
  for (const nc of open) await nc.close().catch(() => undefined);
  await nats?.stop();
});

test(
  `libix and a core over a real nats-server with every ${LOSS_EVERY}th batch dropped and every ${DUP_EVERY}th repeated: ${CONNS} echo streams intact, every syscall once`,
  { timeout: 120_000 },
  async (t) => {
    const timers: NodeJS.Timeout[] = [];
    let app: Ixev | undefined;
    let core: DataplaneCore | undefined;
    try {
      const coreNc = await login("dataplane");
      const toCore = await login("app", [1]);
      const toApp = await login("dataplane");
      const appNc = await login("app", [0]);

      // ---- the core, on core 1's subjects ----
      const rss = new RssClassifier(DEFAULT_RSS_KEY, 128, 1);
      const arp = new ArpOffload(HOST_IP, HOST_MAC);
      const toPeer: Uint8Array[] = [];
      const dp = (core = new DataplaneCore(
        loadConfig(["--core", "0", "--queues", "1", "--poll-us", "0"], {}),
        {
          nic: { flush: (frames) => void toPeer.push(...frames.map((f) => f.slice())) },
          publishEvents: (bytes) => coreNc.publish(S.coreEvt(1), bytes),
          sendMigration: () => undefined,
          clock: clockUs,
          timers: nodeTimers,
          log: () => undefined,
        },
      ));
      coreNc.subscribe(S.coreSys(1), {
        callback: (_e, m) => dp.receiveSyscalls(ix.SyscallBatch.decode(m.data)),
      });
      // libix declares a core dead without heartbeats.
      const beat = (): void =>
        coreNc.publish(
          S.status("dataplane", 0),
          ix.Heartbeat.encode({ kind: "dataplane", id: "0", timeUs: clockUs(), adminUrl: "test" }).finish(),
        );
      timers.push(setInterval(beat, 200));

      // ---- the interposer ----
      const issued = new Map<number, number>(); // SyscallBatch seq -> calls, as the app issued them
      const lost = { sys: 0, evt: 0 };
      let nSys = 0;
      let nEvt = 0;
      toApp.subscribe(S.coreSys(0), {
        callback: (_e, m) => {
          const b = ix.SyscallBatch.decode(m.data);
          if (b.calls.length > 0) issued.set(Number(b.seq), b.calls.length);
          if (++nSys % LOSS_EVERY === 0) return void lost.sys++;
          toCore.publish(S.coreSys(1), m.data);
          if (nSys % DUP_EVERY === 0) toCore.publish(S.coreSys(1), m.data);
        },
      });
      toCore.subscribe(S.coreEvt(1), {
        callback: (_e, m) => {
          if (++nEvt % LOSS_EVERY === 0) return void lost.evt++;
          toApp.publish(S.coreEvt(0), m.data);
          if (nEvt % DUP_EVERY === 0) toApp.publish(S.coreEvt(0), m.data);
        },
      });
      await Promise.all([coreNc.flush(), toCore.flush(), toApp.flush()]);

      // ---- the app: libix, echoing ----
      app = new Ixev({
        nc: appNc,
        cores: [0],
        app: "echo",
        onKnock: () => ({ onData: (conn, data) => conn.send(data.slice()) }),
      });
      await appNc.flush();
      beat();
      app.listen(7);

      // ---- the peer: a Linux-like stack behind the NIC's classifier ----
      const peer = new Stack({
        mac: PEER_MAC,
        ip: PEER_IP,
        clock: clockUs,
        transmit: (f) => nicIn(f.slice()),
      });
      function nicIn(frame: Uint8Array): void {
        rss.classify(frame);
        if (frame.length >= 14 && ((frame[12] << 8) | frame[13]) === EtherType.ARP) {
          const reply = arp.answer(frame);
          if (reply) toPeer.push(reply);
          dp.receiveRx([{ data: frame, rxTimeUs: clockUs(), flowGroup: 0, rssHash: 0 }]);
          return;
        }
        dp.receiveRx([{ data: frame, rxTimeUs: clockUs(), flowGroup: rss.flowGroup, rssHash: rss.hash }]);
      }
      const streams = new Map<number, { sent: string; got: string; next: number }>();
      const fill = (): void => {
        for (const [handle, s] of streams) {
          if (s.next >= CHUNKS || s.got.length < s.sent.length) continue;
          const chunk = `<${handle}:${s.next}:${"z".repeat(200 + ((s.next * 37) % 900))}>`;
          if (peer.sendv(handle, [new TextEncoder().encode(chunk)]) === chunk.length) {
            s.sent += chunk;
            s.next++;
          }
        }
      };
      const pump = (): void => {
        for (let i = 0; i < 100 && toPeer.length > 0; i++) for (const f of toPeer.splice(0)) peer.input(f);
        peer.poll();
        for (const e of peer.events.splice(0)) {
          if (e.type !== "recv") continue;
          const s = streams.get(e.handle);
          if (!s) continue;
          s.got += new TextDecoder().decode(e.data);
          peer.recvDone(e.handle, e.data.length);
        }
        fill();
      };
      timers.push(setInterval(pump, 2));

      // Connect once the listen ran (a SYN before it is answered with a reset).
      const listenBy = Date.now() + 10_000;
      while (dp.inbox.counters.calls === 0 && Date.now() < listenBy)
        await new Promise((r) => setTimeout(r, 10));
      assert.equal(dp.inbox.counters.calls, 1, "the core ran the app's listen within 10 s");
      for (let i = 0; i < CONNS; i++)
        streams.set(peer.connect(HOST_IP, 7, 100 + i), { sent: "", got: "", next: 0 });
      const done = (): boolean => [...streams.values()].every((s) => s.next === CHUNKS && s.got === s.sent);
      const deadline = Date.now() + 90_000;
      while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      for (const [handle, s] of streams) {
        assert.equal(
          s.next,
          CHUNKS,
          `connection ${handle} sent all ${CHUNKS} chunks within 90 s (stuck at ${s.next})`,
        );
        assert.equal(s.got, s.sent, `connection ${handle} echoed intact and in order`);
      }
      // Let the last acknowledgements settle, then count.
      await new Promise((r) => setTimeout(r, 300));
      assert.ok(
        lost.sys > 0 && lost.evt > 0,
        `batches lost both ways (${lost.sys} syscall, ${lost.evt} event)`,
      );
      const distinct = [...issued.values()].reduce((a, b) => a + b, 0);
      assert.equal(dp.inbox.counters.calls, distinct, "every call the app issued ran exactly once");
      const link = dp.outbox.link.counters;
      assert.ok(link.eventsResent > 0, "the core resent lost EventBatches");
      assert.ok(link.syscallDuplicates > 0, "repeated SyscallBatches dropped by the core");
      const d = app.delivery();
      assert.ok(d.syscallsResent > 0, "libix resent lost SyscallBatches");
      assert.ok(d.eventDuplicates > 0, "libix dropped repeated EventBatches");
      t.diagnostic(
        `dropped ${lost.sys} of ${nSys} SyscallBatches and ${lost.evt} of ${nEvt} EventBatches; core: ${JSON.stringify(link)}; libix: ${JSON.stringify(d)}`,
      );
    } finally {
      for (const t of timers) clearInterval(t);
      app?.close();
      core?.stop();
    }
  },
);
