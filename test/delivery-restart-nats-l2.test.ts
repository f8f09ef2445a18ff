// The whole cluster (NIC, two dataplane cores, the app, IXCP: real
// processes on a real nats-server) serving echo to userspace clients on the
// NATS L2 segment (nats-l2 transport: no TAP, no root) while the nats-server
// is restarted twice mid-stream. Whatever was in flight in the server when it
// died is gone: TCP retransmits the frames; the SyscallBatches and
// EventBatches are noticed missing by their sequence numbers and resent
// (services/dataplane app-link.ts, lib/libix). Checked: every connection
// completes with its bytes echoed intact and in order, none is reset or hangs
// (bounded wait naming the stuck ones), a new connection is answered after
// the restarts, and no core was declared dead by IXCP or libix. How many
// batches were resent depends on timing: reported, not asserted.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { credentialsFromEnv } from "@ix/bus";
import { startCluster, HOST_IP, type Cluster } from "@ix/cluster";
import { closeNatsL2, configureNatsL2, NatsL2Transport } from "../services/loadgen/src/nats-l2/mod.ts";
import type { Conn } from "../services/loadgen/src/transport.ts";
import { metricSamples, sum } from "./helpers/metrics.ts";

const CONNS = 16;
/** Bytes each connection streams (in chunks of CHUNK, at most WINDOW unechoed). */
const BYTES = 256 * 1024;
const CHUNK = 1400;
const WINDOW = 16 * 1024;

let cluster: Cluster;
const transport = new NatsL2Transport();

before(async () => {
  cluster = await startCluster({ cores: 2, policy: "static" });
  configureNatsL2({
    hostIp: "10.77.0.203",
    hostName: "delivery-restart-test",
    credentials: credentialsFromEnv(cluster.env("host")),
  });
});
after(async () => {
  await closeNatsL2();
  await cluster?.stop();
});

/** One echo connection streaming a known byte pattern and checking every byte that comes back. */
class Stream {
  sent = 0;
  echoed = 0;
  mismatchAt = -1;
  closedWith: string | undefined;
  private readonly conn: Conn;
  private readonly seed: number;

  constructor(conn: Conn, seed: number) {
    this.conn = conn;
    this.seed = seed;
    conn.onData((chunk) => {
      for (let i = 0; i < chunk.length; i++) {
        if (this.mismatchAt < 0 && chunk[i] !== this.byteAt(this.echoed + i))
          this.mismatchAt = this.echoed + i;
      }
      this.echoed += chunk.length;
      this.fill();
    });
    conn.onClose((err) => (this.closedWith = err?.message ?? "eof"));
  }

  private byteAt(i: number): number {
    return (i * 31 + this.seed * 7 + (i >> 8)) & 0xff;
  }

  fill(): void {
    while (this.sent < BYTES && this.sent - this.echoed < WINDOW) {
      const n = Math.min(CHUNK, BYTES - this.sent);
      const b = new Uint8Array(n);
      for (let i = 0; i < n; i++) b[i] = this.byteAt(this.sent + i);
      this.conn.send(b);
      this.sent += n;
    }
  }

  get done(): boolean {
    return this.echoed >= BYTES;
  }

  close(): void {
    this.conn.close();
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function deliveryCounts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const p of [...cluster.cores, cluster.app!]) {
    const name = p === cluster.app ? "ix_app_delivery_total" : "ix_dp_app_delivery_total";
    for (const [labels, v] of await metricSamples(p.adminUrl, name).catch(() => new Map<string, number>())) {
      const what = /what="([^"]+)"/.exec(labels)?.[1] ?? labels;
      out[what] = (out[what] ?? 0) + v;
    }
  }
  return out;
}

test(
  `nats-server restarted twice while ${CONNS} echo connections stream ${BYTES / 1024} KB each: every byte back in order, no reset, no hang`,
  { timeout: 300_000 },
  async (t) => {
    const conns = await Promise.all(Array.from({ length: CONNS }, () => transport.connect(HOST_IP, 7)));
    const streams = conns.map((c, i) => new Stream(c, i));
    try {
      for (const s of streams) s.fill();
      for (let restart = 1; restart <= 2; restart++) {
        // Mid-stream: every connection under way (16 KB more per restart), some not done.
        const by = Date.now() + 60_000;
        while (streams.some((s) => s.echoed < restart * 16 * 1024) && Date.now() < by) await sleep(10);
        const progress = streams.map((s) => s.echoed);
        assert.ok(
          streams.some((s) => !s.done),
          `restart ${restart} happens mid-stream (echoed: ${progress.join(",")})`,
        );
        await cluster.nats.restart();
      }
      const deadline = Date.now() + 120_000;
      while (streams.some((s) => !s.done && s.closedWith === undefined) && Date.now() < deadline)
        await sleep(100);
      const bad = streams
        .map((s, i) => ({ i, echoed: s.echoed, mismatchAt: s.mismatchAt, closed: s.closedWith }))
        .filter((s) => s.echoed !== BYTES || s.mismatchAt >= 0 || s.closed !== undefined);
      assert.deepEqual(
        bad,
        [],
        `connections not echoed intact within 120 s of the restarts (of ${BYTES} bytes)`,
      );

      // Service: a new connection is answered.
      const fresh = new Stream(await transport.connect(HOST_IP, 7), 99);
      fresh.fill();
      const freshBy = Date.now() + 30_000;
      while (!fresh.done && fresh.closedWith === undefined && Date.now() < freshBy) await sleep(50);
      assert.equal(fresh.echoed, BYTES, "a new connection after the restarts is echoed in full");
      assert.equal(fresh.mismatchAt, -1);
      fresh.close();

      const ixcp = await metricSamples(cluster.ixcp!.adminUrl, "ix_ixcp_core_dead_total");
      assert.equal(sum(ixcp), 0, "IXCP declared no core dead: the bus gap was a stall");
      t.diagnostic(`delivery counters after two restarts: ${JSON.stringify(await deliveryCounts())}`);
    } finally {
      for (const s of streams) s.close();
    }
  },
);
