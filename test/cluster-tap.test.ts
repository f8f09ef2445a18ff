// The cluster as real processes (nats-server with authorization, NIC, two
// dataplane cores, the app) with real Linux clients in a network namespace
// wired through a TAP. Needs root: skipped otherwise.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { ix } from "@ix/proto";
import { subjects as S } from "@ix/bus";
import { startCluster, canUseTap, REPO_ROOT, HOST_IP, type Cluster } from "@ix/cluster";
import {
  emitEthernet,
  emitIpv4Header,
  emitUdp,
  EtherType,
  IpProtocol,
  parseIpv4,
  parseMac,
  Errno,
  HANDLE_FG_SCALE,
} from "@ix/netstack";
import { flowInfo } from "@ix/ixctl";
import { tcpTuples } from "./helpers/pcap.ts";
import { metricSamples, sum } from "./helpers/metrics.ts";
import { assertMemccapable, linuxClients } from "./helpers/linux-clients.ts";

const NS = "ixtest";
const skip = canUseTap() ? false : "needs root, socat and iproute2 (TAP in a network namespace)";
let cluster: Cluster;
let admin: NatsConnection;

const linux = linuxClients(NS);
const { inNs, echoTransfer } = linux;
const client = (name: string): string => join(REPO_ROOT, "test", "clients", name);

async function setFaults(loss: number): Promise<void> {
  for (const direction of ["in", "out"]) {
    await admin.request(S.NIC_FAULT, ix.FaultSettings.encode({ direction, loss }).finish(), {
      timeout: 10_000,
    });
  }
}

before(async () => {
  if (skip) return;
  cluster = await startCluster({ cores: 2, tap: true, namespace: NS, tapName: "ixtap9" });
  const env = cluster.env("admin");
  admin = await connect({ servers: env.IX_NATS_URL, user: env.IX_NATS_USER, pass: env.IX_NATS_PASSWORD });
});

after(async () => {
  await admin?.close();
  await cluster?.stop();
});

test("Linux pings the cluster's host", { skip }, async () => {
  assert.equal(await linux.ping(3), 3, "pings answered");
});

test("TCP echo: 10 MB over 32 parallel connections, every byte verified", { skip }, async (t) => {
  const r = await echoTransfer(32, 10 * 1024 * 1024);
  assert.deepEqual(r.failures, []);
  assert.equal(r.verified, r.expected);
  t.diagnostic(`verified ${r.verified} bytes`);
});

test("UDP echo answers every datagram", { skip }, async () => {
  const r = JSON.parse(await inNs(["python3", client("udp_echo_client.py"), HOST_IP, "7", "50"])) as {
    sent: number;
    echoed: number;
  };
  assert.equal(r.echoed, r.sent);
});

test("memccapable -a passes every ASCII test against the memcached app", { skip }, async (t) => {
  await assertMemccapable(linux, t);
});

test(
  "flows spread over the cores as the RETA says; each connection stays on one core",
  { skip },
  async () => {
    const reta = ix.Reta.decode(
      (await admin.request(S.NIC_RETA_GET, new Uint8Array(0), { timeout: 10_000 })).data,
    );
    const capture = (target: string) =>
      admin.request(
        S.NIC_CAPTURE,
        ix.CaptureRequest.encode({ target, frames: 100000, durationMs: 4000 }).finish(),
        { timeout: 8000 },
      );
    const captures = [capture("rx:0"), capture("rx:1")];
    await new Promise((r) => setTimeout(r, 200));
    const r = await echoTransfer(16, 256 * 1024);
    assert.equal(r.verified, r.expected);
    const seen = (await Promise.all(captures)).map((m) => {
      const reply = ix.CaptureReply.decode(m.data);
      assert.ok(reply.ok, reply.error);
      return new Set(
        tcpTuples(reply.pcap)
          .filter((x) => x.dstPort === 7)
          .map((x) => x.srcPort),
      );
    });
    for (const port of r.ports) {
      const expected = flowInfo(`10.77.0.1:${port}`, `${HOST_IP}:7`, reta.queues, reta.rssKey).queue;
      assert.ok(seen[expected].has(port), `connection from port ${port} expected on queue ${expected}`);
      assert.ok(
        !seen[1 - expected].has(port),
        `connection from port ${port} also seen on queue ${1 - expected}`,
      );
    }
    assert.ok(seen[0].size > 0 && seen[1].size > 0, "16 connections should land on both cores");
  },
);

test("with 1% loss injected on the wire, transfers still complete intact", { skip }, async () => {
  await setFaults(0.01);
  try {
    const r = await echoTransfer(32, 10 * 1024 * 1024);
    assert.deepEqual(r.failures, []);
    assert.equal(r.verified, r.expected);
  } finally {
    await setFaults(0);
  }
  const faults = await metricSamples(cluster.nic.adminUrl, "ix_nic_fault_events_total");
  assert.ok(sum(faults) > 0, "the fault injector dropped frames");
});

test("a hostile app gets error codes while the core keeps serving others", { skip }, async () => {
  const env = cluster.env("app");
  const hostile = await connect({
    servers: env.IX_NATS_URL,
    user: env.IX_NATS_USER,
    pass: env.IX_NATS_PASSWORD,
  });
  try {
    const seq = 1e12; // far from the real app's sequence numbers
    const K = ix.SyscallKind;
    const calls: ix.ISyscall[] = [
      { kind: K.SYS_CLOSE, handle: 12345 }, // unknown handle
      { kind: K.SYS_SENDV, handle: 5 * HANDLE_FG_SCALE + 1, bufs: [new Uint8Array(4)] }, // handle of a group this core does not hold
      { kind: K.SYS_SENDV, handle: 12345, bufs: Array.from({ length: 31 }, () => new Uint8Array(1)) }, // > 30 sg entries
      { kind: K.SYS_RECV_DONE, handle: 12345, bytes: 100 },
      { kind: 99 as ix.SyscallKind, handle: 1 }, // unknown call
      { kind: K.SYS_CONNECT, ip: parseIpv4("10.77.0.1"), port: 70000, cookie: 1 }, // bad port
      { kind: K.SYS_LISTEN, port: 0 },
    ];
    const results = new Promise<number[]>((resolve) => {
      const sub = hostile.subscribe(S.coreEvt(0), {
        callback: (_e, m) => {
          const b = ix.EventBatch.decode(m.data);
          if (b.resultsSeq === seq) {
            sub.unsubscribe();
            resolve(b.results);
          }
        },
      });
    });
    await hostile.flush();
    hostile.publish(S.coreSys(0), ix.SyscallBatch.encode({ core: 0, seq, calls, app: "hostile" }).finish());
    hostile.publish(S.coreSys(0), new Uint8Array([0xff, 0xff, 0xff, 0x01])); // not protobuf
    const codes = await results;
    assert.deepEqual(codes, [
      -Errno.EBADF,
      -Errno.EBADF,
      -Errno.EINVAL,
      -Errno.EBADF,
      -Errno.EINVAL,
      -Errno.EINVAL,
      -Errno.EINVAL,
    ]);
    const r = await echoTransfer(8, 1024 * 1024);
    assert.equal(r.verified, r.expected, "the core keeps serving the other connections");
    const drops = await metricSamples(cluster.cores[0].adminUrl, "ix_dp_drops_total");
    assert.ok(
      (drops.get('{reason="malformed_syscalls",service="dataplane",core="0"}') ?? 0) >= 1,
      JSON.stringify([...drops]),
    );
  } finally {
    await hostile.close();
  }
});

test("a full RX ring drops and counts instead of growing memory", { skip }, async () => {
  const env = cluster.env("host");
  const host = await connect({
    servers: env.IX_NATS_URL,
    user: env.IX_NATS_USER,
    pass: env.IX_NATS_PASSWORD,
  });
  try {
    const frame = new Uint8Array(14 + 20 + 8 + 1000);
    let n = emitEthernet(
      frame,
      0,
      parseMac("02:00:00:00:00:02"),
      parseMac("02:00:00:00:99:01"),
      EtherType.IPv4,
    );
    n += emitIpv4Header(frame, n, {
      srcIp: parseIpv4("10.77.0.99"),
      dstIp: parseIpv4(HOST_IP),
      protocol: IpProtocol.UDP,
      payloadLength: 1008,
    });
    emitUdp(frame, n, parseIpv4("10.77.0.99"), parseIpv4(HOST_IP), {
      srcPort: 5000,
      dstPort: 9,
      payload: new Uint8Array(1000),
    });
    const missedBefore = sum(await metricSamples(cluster.nic.adminUrl, "ix_nic_rx_missed_total"));
    const rssBefore = sum(await metricSamples(cluster.nic.adminUrl, "ix_process_resident_memory_bytes"));
    const burst = ix.WireBurst.encode({ frames: Array.from({ length: 1000 }, () => frame) }).finish();
    for (let i = 0; i < 40; i++) host.publish(S.l2Tx("flooder"), burst);
    await host.flush();
    await new Promise((r) => setTimeout(r, 1000));
    const missed = sum(await metricSamples(cluster.nic.adminUrl, "ix_nic_rx_missed_total")) - missedBefore;
    const rssAfter = sum(await metricSamples(cluster.nic.adminUrl, "ix_process_resident_memory_bytes"));
    const free = await metricSamples(cluster.nic.adminUrl, "ix_nic_ring_free");
    assert.ok(missed > 0, "40,000 frames at once must overflow a 512-descriptor ring");
    for (const v of free.values()) assert.ok(v >= 0 && v <= 512);
    assert.ok(rssBefore > 0, "the NIC reports its resident memory");
    assert.ok(rssAfter - rssBefore < 64 * 2 ** 20, `NIC memory grew by ${rssAfter - rssBefore} bytes`);
    const r = await echoTransfer(4, 256 * 1024);
    assert.equal(r.verified, r.expected);
  } finally {
    await host.close();
  }
});
