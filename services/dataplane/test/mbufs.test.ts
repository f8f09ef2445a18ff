// The core's mbuf pool (mbuf-pool.ts): the pool on its own (budget, blocks,
// references, failures by reason), then on a whole core driven synchronously
// (harness.ts: real Stack, the NIC's classifier, a peer Stack, a manual
// clock): every buffer comes back once traffic ends, and an exhausted pool
// drops and counts (in /metrics' text, by reason) and serves again once the
// app lets its buffers go.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Registry } from "prom-client";
import { ix } from "@ix/proto";
import { TestWire, HOST_IP, type RecordedCore } from "./harness.ts";
import { MbufPool, MBUF_SIZE, MBUFS_PER_BLOCK } from "../src/mbuf-pool.ts";
import { coreMetricSources, registerMetrics } from "../src/metrics.ts";

const K = ix.SyscallKind;
const E = ix.EventKind;
const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const decode = (b: Uint8Array | null | undefined): string => new TextDecoder().decode(b ?? new Uint8Array(0));

test("the pool copies into fixed-size buffers, counts references and hands freed buffers out first", () => {
  const pool = new MbufPool(MBUFS_PER_BLOCK + 2);
  assert.equal(pool.provisioned, 0, "nothing carved before the first allocation");
  const a = pool.copyIn(new Uint8Array([1, 2, 3]), "rx");
  assert.ok(a);
  assert.deepEqual([...a], [1, 2, 3], "the copy holds the bytes");
  assert.equal(a.byteOffset % MBUF_SIZE, 0, "at the start of a buffer");
  assert.equal(pool.provisioned, MBUFS_PER_BLOCK, "one block carved");
  assert.equal(pool.inUse, 1);
  pool.retain(a.subarray(1)); // the stack keeps a payload view
  assert.equal(pool.refsOf(a), 2);
  pool.release(a);
  assert.equal(pool.inUse, 1, "still held by the second owner");
  pool.release(a.subarray(1));
  assert.equal(pool.inUse, 0, "back at the last release");
  assert.throws(() => pool.release(a), /already free/, "a double release is refused");
  const b = pool.copyIn(new Uint8Array([9]), "tx");
  assert.equal(b?.byteOffset, a.byteOffset, "LIFO: the buffer just freed is handed out first");
  // Views of other memory and empty views are not the pool's: both calls ignore them.
  pool.retain(new Uint8Array(4));
  pool.release(new Uint8Array(4));
  pool.retain(b!.subarray(0, 0));
  pool.release(b!.subarray(0, 0));
  assert.equal(pool.refsOf(b!), 1);
  assert.equal(pool.highWater, 1);
});

test("the pool never grows: exhaustion and oversize frames are refused and counted by reason", () => {
  const pool = new MbufPool(MBUFS_PER_BLOCK + 2);
  const held: Uint8Array[] = [];
  for (let i = 0; i < pool.capacity; i++) held.push(pool.copyIn(new Uint8Array(60), i % 2 ? "rx" : "tx")!);
  assert.equal(pool.provisioned, pool.capacity, "the second block is the budget's remainder");
  assert.equal(pool.copyIn(new Uint8Array(60), "rx"), null);
  assert.equal(pool.copyIn(new Uint8Array(60), "tx"), null);
  assert.equal(pool.copyIn(new Uint8Array(MBUF_SIZE + 1), "rx"), null);
  assert.equal(pool.copyIn(new Uint8Array(MBUF_SIZE + 1), "tx"), null);
  assert.deepEqual(pool.failures, { rx_exhausted: 1, tx_exhausted: 1, rx_oversize: 1, tx_oversize: 1 });
  assert.equal(new Set(held.map((v) => v.byteOffset)).size, pool.capacity, "every buffer distinct");
  for (const v of held) pool.release(v);
  assert.equal(pool.inUse, 0);
  assert.equal(pool.highWater, pool.capacity);
  assert.ok(pool.copyIn(new Uint8Array(MBUF_SIZE), "rx"), "an MTU-sized frame fits once buffers are back");
  assert.throws(() => new MbufPool(0), RangeError);
});

/** A core listening on TCP 7 and UDP 5353, ARP resolved, its app played by the test. */
function tcpCore(extra: string[] = []): { w: TestWire; c: RecordedCore } {
  const w = new TestWire({ cores: 1, extra });
  const c = w.cores[0];
  c.syscalls(1, [
    { kind: K.SYS_LISTEN, port: 7 },
    { kind: K.SYS_UDP_LISTEN, port: 5353 },
  ]);
  w.settle();
  w.peer.udpSend(40000, HOST_IP, 5353, new Uint8Array([0]), 1);
  w.settle();
  return { w, c };
}

test("after TCP and UDP traffic ends every mbuf is back in the pool (data before accept, recv_done, replies, close)", () => {
  const { w, c } = tcpCore();
  const pool = c.core.mbufs;
  let seq = 10;
  for (let round = 0; round < 3; round++) {
    const h = w.peer.connect(HOST_IP, 7, 100 + round);
    w.settle();
    // The request arrives before the app accepts: the stack holds it (pendingRecv).
    w.peer.sendv(h, [text(`hello ${round}`)]);
    w.settle();
    const knock = c.allEvents().findLast((e) => e.kind === E.EV_KNOCK);
    assert.ok(knock, "knock delivered");
    assert.ok(pool.inUse > 0, "the early request holds its mbuf until accept");
    c.syscalls(++seq, [{ kind: K.SYS_ACCEPT, handle: knock.handle, cookie: 7 }]);
    w.settle();
    const recv = c.allEvents().findLast((e) => e.kind === E.EV_RECV && (e.data?.length ?? 0) > 0);
    assert.equal(decode(recv?.data), `hello ${round}`, "delivered on accept");
    c.syscalls(++seq, [
      { kind: K.SYS_RECV_DONE, handle: knock.handle, bytes: recv!.data!.length },
      { kind: K.SYS_SENDV, handle: knock.handle, bufs: [text(`echo ${round}`)] },
    ]);
    w.settle();
    w.peer.close(h);
    w.settle();
    c.syscalls(++seq, [{ kind: K.SYS_CLOSE, handle: knock.handle }]);
    w.settle();
  }
  for (let i = 0; i < 5; i++) w.peer.udpSend(40000, HOST_IP, 5353, new Uint8Array([i]), 1);
  w.settle();
  // TIME-WAIT and any retransmission timers run out.
  for (let i = 0; i < 130; i++) {
    w.time.advance(1_000_000);
    w.settle();
  }
  const replies = w.peerEvents.filter((e) => e.type === "recv").map((e) => decode(e.data));
  assert.deepEqual(replies, ["echo 0", "echo 1", "echo 2"], "every reply reached the peer");
  assert.equal(c.core.stack.connectionCount(), 0, "all connections gone");
  assert.ok(pool.highWater > 0, "traffic went through the pool");
  assert.equal(pool.inUse, 0, "no mbuf leaked");
  assert.deepEqual(pool.failures, { rx_exhausted: 0, tx_exhausted: 0, rx_oversize: 0, tx_oversize: 0 });
});

/** The value of one sample in Prometheus text, or undefined. */
function sample(metrics: string, name: string, labels = ""): number | undefined {
  for (const line of metrics.split("\n")) {
    if (!line.startsWith(name)) continue;
    const [series, value] = line.split(" ");
    if (series === name + labels || (labels && series.startsWith(name + "{") && series.includes(labels)))
      return Number(value);
  }
  return undefined;
}

test("an app that holds its buffers exhausts the pool: frames are dropped and counted by reason, credited to the NIC, and the core serves again once the buffers return", async () => {
  const BUDGET = 8;
  const { w, c } = tcpCore(["--mbufs", String(BUDGET), "--app-return-timeout-ms", "600000"]);
  const pool = c.core.mbufs;
  const registry = new Registry();
  registerMetrics(registry, coreMetricSources(c.core, { rx: 0, syscalls: 0, migrations: 0 }, w.time.clock));
  // The app stops returning from run_io: the recv events of later datagrams
  // are carried in the core, each holding the mbuf its frame arrived in.
  c.autoReturn = false;
  c.events.length = 0;
  c.tx.length = 0;
  const SENT = 20;
  for (let i = 1; i <= SENT; i++) {
    w.peer.udpSend(40000, HOST_IP, 5353, new Uint8Array([i]), 1);
    w.settle();
  }
  assert.equal(c.events.length, 1, "only the first datagram's batch left; the app owes its return");
  assert.equal(pool.inUse, BUDGET, "the carried events hold the whole budget");
  const dropped = SENT - 1 - BUDGET;
  assert.equal(pool.failures.rx_exhausted, dropped, "each datagram beyond the budget was refused");
  assert.equal(pool.capacity, BUDGET, "the pool did not grow");
  assert.equal(
    c.tx.reduce((n, t) => n + t.credits, 0),
    SENT,
    "every descriptor went back to the NIC, dropped frames included",
  );
  const text1 = await registry.metrics();
  assert.equal(sample(text1, "ix_dp_mbuf_alloc_failures_total", '{reason="rx_exhausted"}'), dropped);
  assert.equal(sample(text1, "ix_dp_mbuf_alloc_failures_total", '{reason="tx_exhausted"}'), 0);
  assert.equal(sample(text1, "ix_dp_drops_total", '{reason="rx_no_mbuf"}'), dropped);
  assert.equal(sample(text1, "ix_dp_mbufs_in_use"), BUDGET);
  assert.equal(sample(text1, "ix_dp_mbufs_capacity"), BUDGET);
  assert.equal(sample(text1, "ix_dp_mbufs_high_water"), BUDGET);

  // The app returns: the carried events leave (their bytes go in the batch) and the buffers come back.
  c.syscalls(50, []);
  w.settle();
  const got = c
    .allEvents()
    .filter((e) => e.kind === E.EV_UDP_RECV)
    .map((e) => e.data?.[0]);
  assert.deepEqual(
    got,
    Array.from({ length: BUDGET + 1 }, (_, i) => i + 1),
    "the first datagram and the BUDGET held ones, in order; the dropped ones never reached the app",
  );
  assert.equal(pool.inUse, 0, "every buffer back");
  c.autoReturn = true;
  c.syscalls(51, []);
  w.settle();
  w.peer.udpSend(40000, HOST_IP, 5353, new Uint8Array([99]), 1);
  w.settle();
  assert.equal(c.allEvents().at(-1)?.data?.[0], 99, "the core serves again");
  const text2 = await registry.metrics();
  assert.equal(sample(text2, "ix_dp_mbufs_in_use"), 0);
  assert.equal(sample(text2, "ix_dp_mbuf_alloc_failures_total", '{reason="rx_exhausted"}'), dropped);
});
