// The real NIC process against a real nats-server with generated users: the
// test talks as "host" (L2 segment), "dataplane" (queues), "ixcp" and "admin"
// (control), so the server's permissions are part of what is tested, and as
// the socat end of the UDP wire port.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createSocket, type Socket } from "node:dgram";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import {
  connect,
  headers,
  PermissionViolationError,
  type Msg,
  type NatsConnection,
} from "@nats-io/transport-node";
import { ix } from "@ix/proto";
import {
  credentialEnv,
  generateUsers,
  startNatsServer,
  subjects as S,
  type NatsServerHandle,
  type UserEntry,
} from "@ix/bus";
import { DEFAULT_RSS_KEY, Toeplitz } from "../src/netstack.ts";
import { arpRequest, tcpFrame, CLIENT_IP, HOST_IP } from "./frames.ts";

const QUEUES = 4;
const RING = 16;
const NIC_MAIN = join(import.meta.dirname, "../src/main.ts");
const toeplitz = new Toeplitz(DEFAULT_RSS_KEY);

let server: NatsServerHandle;
let users: UserEntry[];
let nic: ChildProcess;
let nicExit: Promise<number | null>;
let nicStderr = "";
let adminUrl = "";
let wirePeer: Socket; // plays socat's side of the UDP wire
let nicUdpPort = 0;
const fromWire: Uint8Array[] = [];
const conns: NatsConnection[] = [];
let host: NatsConnection, dataplane: NatsConnection, ixcp: NatsConnection, admin: NatsConnection;
interface Delivered {
  queue: number;
  subjectQueue: number;
  frame: { data: Uint8Array; rxTimeUs: number; rssHash: number; flowGroup: number };
}
const rx: Delivered[] = [];
const l2rx: Uint8Array[] = [];

async function as(user: string): Promise<NatsConnection> {
  const u = users.find((x) => x.user === user)!;
  const nc = await connect({ servers: server.url, user: u.user, pass: u.password });
  conns.push(nc);
  return nc;
}

type Maybe<T> = T | undefined | false;

async function until<T>(what: string, f: () => Maybe<T> | Promise<Maybe<T>>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const v = await f();
    if (v !== undefined && v !== false) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}\nNIC stderr:\n${nicStderr}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A client->NIC TCP frame in flow group `fg`; `salt` picks different ports for different tests. */
function frameInGroup(fg: number, salt = 0): { frame: Uint8Array; hash: number } {
  for (let port = 1024 + salt * 1000; port < 65536; port++) {
    const hash = toeplitz.hashIpv4Ports(CLIENT_IP, HOST_IP, port, 11211);
    if ((hash & 127) === fg) {
      return { frame: tcpFrame({ srcIp: CLIENT_IP, dstIp: HOST_IP, srcPort: port, dstPort: 11211 }), hash };
    }
  }
  throw new Error("unreachable");
}

async function freeUdpPort(): Promise<number> {
  const s = createSocket("udp4");
  await new Promise<void>((r) => s.bind(0, "127.0.0.1", () => r()));
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

function hostSend(frames: Uint8Array[]): void {
  host.publish(S.l2Tx("h1"), ix.WireBurst.encode({ frames }).finish());
}

async function metric(name: string, labels: string): Promise<number> {
  const text = await (await fetch(`${adminUrl}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  assert.ok(line, `metric ${name}{${labels}} missing`);
  return Number(line.split(" ").pop());
}

async function status(): Promise<ix.NicStatus> {
  return ix.NicStatus.decode(
    (await admin.request(S.NIC_STATUS, new Uint8Array(0), { timeout: 10_000 })).data,
  );
}

/** Frees every descriptor of every queue (extra credits are ignored by the NIC). */
function creditAll(): void {
  for (let q = 0; q < QUEUES; q++) {
    dataplane.publish(S.nicTx(q), ix.TxBurst.encode({ queue: q, credits: RING }).finish());
  }
}

before(async () => {
  users = generateUsers([0]);
  server = await startNatsServer({ users });
  wirePeer = createSocket("udp4");
  await new Promise<void>((r) => wirePeer.bind(0, "127.0.0.1", () => r()));
  wirePeer.on("message", (m) => fromWire.push(new Uint8Array(m)));
  nicUdpPort = await freeUdpPort();
  const nicUser = users.find((u) => u.user === "nic")!;
  nic = spawn(
    process.execPath,
    [
      NIC_MAIN,
      `--queues=${QUEUES}`,
      `--ring-size=${RING}`,
      "--burst-size=8",
      // Ring accounting and the wire are tested here, not self-clocking (nic.test.ts):
      // bursts are never held for credits and never re-armed.
      "--rx-bursts-in-flight=64",
      "--credit-timeout-ms=60000",
      `--wire-listen=127.0.0.1:${nicUdpPort}`,
      `--wire-peer=127.0.0.1:${wirePeer.address().port}`,
    ],
    {
      env: { ...process.env, ...credentialEnv({ url: server.url, user: "nic", password: nicUser.password }) },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  nic.stderr!.on("data", (d: Buffer) => (nicStderr += d.toString()));
  nicExit = new Promise((r) => nic.once("exit", (code) => r(code)));
  const ready = await Promise.race([
    (async () => {
      for await (const line of createInterface({ input: nic.stdout! })) {
        const m = JSON.parse(line) as { event: string; admin: string };
        if (m.event === "ready") return m;
      }
      throw new Error("NIC stdout closed");
    })(),
    nicExit.then((c) => Promise.reject(new Error(`NIC exited ${c}: ${nicStderr}`))),
    sleep(60_000).then(() => Promise.reject(new Error(`NIC not ready within 60 s: ${nicStderr}`))),
  ]);
  adminUrl = ready.admin;
  [host, dataplane, ixcp, admin] = await Promise.all(["host", "dataplane", "ixcp", "admin"].map(as));
  dataplane.subscribe("ix.nic.rx.*", {
    callback: (_e, m) => {
      const b = ix.RxBurst.decode(m.data);
      assert.ok(b.frames.length <= 8, "burst size respected");
      for (const f of b.frames) {
        rx.push({
          queue: b.queue,
          subjectQueue: Number(m.subject.split(".")[3]),
          frame: {
            data: f.data!,
            rxTimeUs: f.rxTimeUs ?? 0,
            rssHash: f.rssHash ?? 0,
            flowGroup: f.flowGroup ?? 0,
          },
        });
      }
    },
  });
  host.subscribe(S.L2_RX, {
    callback: (_e, m) => {
      l2rx.push(...ix.WireBurst.decode(m.data).frames);
    },
  });
  await Promise.all(conns.map((c) => c.flush()));
});

after(async () => {
  if (nic.exitCode === null) nic.kill("SIGKILL");
  for (const c of conns) await c.close().catch(() => undefined);
  wirePeer.close();
  await server.stop();
});

test("frames from the L2 segment and the UDP wire reach the RSS queue with hash and flow group", async () => {
  rx.length = 0;
  const sent = [3, 6, 9, 14, 127].map((fg) => ({ fg, ...frameInGroup(fg) }));
  hostSend(sent.slice(0, 3).map((s) => s.frame));
  for (const s of sent.slice(3)) wirePeer.send(s.frame, nicUdpPort, "127.0.0.1");
  await until("5 frames", () => rx.length >= 5);
  for (const s of sent) {
    const got = rx.find((r) => r.frame.flowGroup === s.fg);
    assert.ok(got, `group ${s.fg}`);
    assert.equal(got.queue, s.fg % QUEUES);
    assert.equal(got.subjectQueue, s.fg % QUEUES);
    assert.equal(got.frame.rssHash, s.hash);
    assert.deepEqual(Buffer.from(got.frame.data), Buffer.from(s.frame));
    assert.ok(
      Math.abs(got.frame.rxTimeUs - Date.now() * 1000) < 60e6,
      "rx time is wall clock in us (not ms, not monotonic)",
    );
  }
  assert.equal(await metric("ix_nic_wire_frames_total", 'direction="in",side="udp"'), 2);
  creditAll();
});

test("ARP is answered by the NIC on both wire sides and mirrored to every queue", async () => {
  rx.length = 0;
  l2rx.length = 0;
  fromWire.length = 0;
  hostSend([arpRequest(HOST_IP)]);
  await until("ARP on 4 queues", () => rx.length >= QUEUES);
  await until("ARP reply on the segment and the UDP wire", () => l2rx.length >= 1 && fromWire.length >= 1);
  assert.deepEqual(rx.map((r) => r.queue).sort(), [0, 1, 2, 3]);
  assert.equal(l2rx[0][21], 2, "ARP reply");
  assert.deepEqual(Buffer.from(fromWire[0]), Buffer.from(l2rx[0]));
  assert.equal(await metric("ix_nic_arp_replies_total", ""), 1);
  creditAll();
});

test("TX bursts from a core go to both wire sides", async () => {
  l2rx.length = 0;
  fromWire.length = 0;
  const out = tcpFrame({ srcIp: HOST_IP, dstIp: CLIENT_IP, srcPort: 11211, dstPort: 4000 });
  dataplane.publish(S.nicTx(2), ix.TxBurst.encode({ queue: 2, frames: [out, out] }).finish());
  await until("2 frames on each side", () => l2rx.length >= 2 && fromWire.length >= 2);
  assert.deepEqual(Buffer.from(l2rx[0]), Buffer.from(out));
  assert.equal(await metric("ix_nic_tx_frames_total", 'queue="2"'), 2);
});

test("a full ring drops and counts; credits make room again", async () => {
  creditAll();
  await dataplane.flush();
  rx.length = 0;
  const missedBefore = await metric("ix_nic_rx_missed_total", 'queue="1"');
  const { frame } = frameInGroup(5); // queue 1
  hostSend(new Array(RING + 4).fill(frame));
  await until("a full ring", () => rx.length >= RING);
  await sleep(100);
  assert.equal(rx.length, RING, "never more than the ring size without credits");
  assert.equal(await metric("ix_nic_rx_missed_total", 'queue="1"'), missedBefore + 4);
  assert.equal(await metric("ix_nic_ring_free", 'queue="1"'), 0);
  assert.equal((await status()).queues[1].ringFree, 0);
  dataplane.publish(S.nicTx(1), ix.TxBurst.encode({ queue: 1, credits: 3 }).finish());
  await dataplane.flush();
  await sleep(50);
  hostSend(new Array(5).fill(frame));
  await until("3 more", () => rx.length >= RING + 3);
  await sleep(100);
  assert.equal(rx.length, RING + 3);
  assert.equal(await metric("ix_nic_rx_missed_total", 'queue="1"'), missedBefore + 6);
  creditAll();
});

test("IXCP may reprogram the RETA; admin may not; bad updates are refused", async () => {
  const { frame } = frameInGroup(10, 7); // queue 2 initially
  const update = ix.RetaUpdate.encode({ flowGroups: [10, 11], queue: 3 }).finish();
  const reply = await ixcp.request(S.NIC_RETA_SET, update, { timeout: 10_000 });
  assert.equal(reply.headers?.get("Ix-Error") ?? "", "");
  const reta = ix.Reta.decode(reply.data);
  assert.equal(reta.queues.length, 128);
  assert.deepEqual([reta.queues[10], reta.queues[11], reta.queues[12]], [3, 3, 0]);
  assert.equal(await metric("ix_nic_reta_queue", 'flow_group="10"'), 3);
  rx.length = 0;
  hostSend([frame]);
  await until("frame on queue 3", () => rx.find((r) => r.frame.flowGroup === 10));
  assert.equal(rx[0].queue, 3);

  // A full table: everything to queue 0 except group 10 on queue 1.
  const full = new Array(128).fill(0);
  full[10] = 1;
  const r2 = await ixcp.request(S.NIC_RETA_SET, ix.Reta.encode({ queues: full }).finish(), {
    timeout: 10_000,
  });
  assert.deepEqual(ix.Reta.decode(r2.data).queues, full);
  rx.length = 0;
  hostSend([frame, arpRequest(CLIENT_IP)]);
  await until("frame and ARP", () => rx.length >= 3);
  assert.deepEqual(rx.map((r) => r.queue).sort(), [0, 1, 1], "ARP mirrored only to active queues 0 and 1");

  const bad = await ixcp.request(
    S.NIC_RETA_SET,
    ix.RetaUpdate.encode({ flowGroups: [1], queue: 9 }).finish(),
  );
  assert.match(bad.headers?.get("Ix-Error") ?? "", /queue 9 out of range/);
  assert.equal(ix.CommandReply.decode(bad.data).ok, false);
  const bad2 = await ixcp.request(
    S.NIC_RETA_SET,
    ix.RetaUpdate.encode({ flowGroups: [500], queue: 1 }).finish(),
  );
  assert.match(bad2.headers?.get("Ix-Error") ?? "", /flow group 500/);

  let refused = false;
  void (async () => {
    for await (const s of admin.status())
      if (s.type === "error" && s.error instanceof PermissionViolationError) refused = true;
  })();
  await assert.rejects(admin.request(S.NIC_RETA_SET, update, { timeout: 500 }));
  await until("permission violation", () => refused);
  const now = ix.Reta.decode(
    (await admin.request(S.NIC_RETA_GET, new Uint8Array(0), { timeout: 10_000 })).data,
  );
  assert.deepEqual(now.queues, full, "admin's update did not happen");

  // Back to round robin for the next tests.
  const rr = Array.from({ length: 128 }, (_, i) => i % QUEUES);
  const h = headers();
  h.set("Ix-Msg-Type", "Reta");
  await ixcp.request(S.NIC_RETA_SET, ix.Reta.encode({ queues: rr }).finish(), {
    timeout: 10_000,
    headers: h,
  });
  creditAll();
});

test("fault injection: inbound loss 100% drops everything, 0% restores delivery", async () => {
  const set = (loss: number) =>
    admin.request(S.NIC_FAULT, ix.FaultSettings.encode({ direction: "in", loss }).finish(), {
      timeout: 10_000,
    });
  const state = ix.FaultState.decode((await set(1)).data);
  assert.equal(state.in?.loss, 1);
  assert.equal(state.out?.loss ?? 0, 0);
  rx.length = 0;
  const { frame } = frameInGroup(20, 3);
  hostSend(new Array(10).fill(frame));
  await sleep(300);
  assert.equal(rx.length, 0);
  assert.ok((await metric("ix_nic_fault_events_total", 'direction="in",kind="lost"')) >= 10);
  await set(0);
  hostSend(new Array(10).fill(frame));
  await until("10 frames", () => rx.length >= 10);
  creditAll();
});

test("capture returns a pcap that tshark reads", async () => {
  const dir = mkdtempSync(join(tmpdir(), "ix-nic-cap-"));
  try {
    const req = ix.CaptureRequest.encode({ target: "rx:0", frames: 3, durationMs: 30_000 }).finish();
    const pending = admin.request(S.NIC_CAPTURE, req, { timeout: 40_000 });
    await sleep(100);
    const { frame } = frameInGroup(8, 5); // queue 0
    hostSend([frame, frame, frame, frame]);
    const reply = ix.CaptureReply.decode((await pending).data);
    assert.equal(reply.ok, true, reply.error);
    assert.equal(reply.frames, 3);
    const file = join(dir, "rx0.pcap");
    writeFileSync(file, reply.pcap);
    const ts = spawnSync("tshark", ["-r", file, "-T", "fields", "-e", "tcp.dstport"], { encoding: "utf8" });
    assert.equal(ts.status, 0, ts.stderr);
    assert.deepEqual(ts.stdout.trim().split("\n"), ["11211", "11211", "11211"]);
    const badTarget = await admin.request(
      S.NIC_CAPTURE,
      ix.CaptureRequest.encode({ target: "rx:99" }).finish(),
    );
    assert.match(badTarget.headers?.get("Ix-Error") ?? "", /target/);
    assert.equal(ix.CaptureReply.decode(badTarget.data).ok, false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    creditAll();
  }
});

test("malformed messages get an error reply or a counted drop, and the NIC keeps working", async () => {
  const garbage = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]);
  const replies: Msg[] = [
    await admin.request(S.NIC_FAULT, garbage, { timeout: 10_000 }),
    await admin.request(S.NIC_FAULT, ix.FaultSettings.encode({ direction: "up" }).finish(), {
      timeout: 10_000,
    }),
    await admin.request(S.NIC_FAULT, ix.FaultSettings.encode({ direction: "in", loss: 7 }).finish()),
    await ixcp.request(S.NIC_RETA_SET, garbage, { timeout: 10_000 }),
    await admin.request(S.NIC_CAPTURE, garbage, { timeout: 10_000 }),
  ];
  for (const r of replies) assert.ok(r.headers?.get("Ix-Error"), "error header");
  assert.ok((await metric("ix_nic_control_errors_total", 'op="fault"')) >= 3);
  const before = await metric("ix_nic_drops_total", 'reason="malformed"');
  host.publish(S.l2Tx("h1"), garbage);
  dataplane.publish(S.nicTx(0), garbage);
  dataplane.publish(S.nicTx(1), garbage);
  await Promise.all([host.flush(), dataplane.flush()]);
  await until(
    "malformed counted",
    async () => (await metric("ix_nic_drops_total", 'reason="malformed"')) >= 3,
  );
  assert.equal(await metric("ix_nic_drops_total", 'reason="malformed"'), before + 3);
  rx.length = 0;
  hostSend([frameInGroup(4, 9).frame]);
  await until("still delivering", () => rx.length >= 1);
  assert.equal((await status()).queues.length, QUEUES);
  const http = (await (await fetch(`${adminUrl}/status`)).json()) as { queues: unknown[] };
  assert.equal(http.queues.length, QUEUES);
  assert.equal((await fetch(`${adminUrl}/healthz`)).status, 200);
});

test("heartbeats on ix.status.nic.0", async () => {
  const sub = ixcp.subscribe(S.status("nic", 0), { max: 1 });
  const got = await Promise.race([
    (async () => {
      for await (const m of sub) return ix.Heartbeat.decode(m.data);
    })(),
    sleep(30_000).then(() => undefined),
  ]);
  assert.ok(got, "no heartbeat on ix.status.nic.0 within 30 s");
  assert.equal(got.kind, "nic");
  assert.equal(got.adminUrl, adminUrl);
});

test("SIGTERM closes the NIC cleanly", async () => {
  nic.kill("SIGTERM");
  assert.equal(await Promise.race([nicExit, sleep(30_000).then(() => "timeout")]), 0);
});
