// Pipelined memcached requests keep being answered while IXCP moves the
// cores up and down under them (the compose triangle's stall: after IXCP's
// step-down migrations, connections stayed at full depth with no answer).
// 32 connections over the nats-l2 transport (no TAP, no root), each keeping 8
// requests in flight, while the admin verb `cores` goes 4, 3, 2, 1 twice;
// then the requests stop and every one sent must be answered. Correctness
// only: how many requests go through depends on the machine.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { credentialsFromEnv, ixcpRequest } from "@ix/bus";
import { startCluster, HOST_IP, type Cluster } from "@ix/cluster";
import { closeNatsL2, configureNatsL2, NatsL2Transport } from "../services/loadgen/src/nats-l2/mod.ts";
import type { Conn } from "../services/loadgen/src/transport.ts";
import { metricSamples, sum } from "./helpers/metrics.ts";

const CONNS = 32;
const DEPTH = 8;
/** A get of a key never set: the answer is exactly this. */
const MISS = "END\r\n";

let cluster: Cluster;
let admin: NatsConnection;
const transport = new NatsL2Transport();

before(async () => {
  cluster = await startCluster({ cores: 4, policy: "static" });
  const env = cluster.env("admin");
  admin = await connect({ servers: env.IX_NATS_URL, user: env.IX_NATS_USER, pass: env.IX_NATS_PASSWORD });
  configureNatsL2({
    hostIp: "10.77.0.202",
    hostName: "migration-pipelined-test",
    credentials: credentialsFromEnv(cluster.env("host")),
  });
});
after(async () => {
  await closeNatsL2();
  await admin?.close();
  await cluster?.stop();
});

/** One connection keeping DEPTH gets in flight until stopped. */
class Pipeline {
  sent = 0;
  answered = 0;
  stopped = false;
  closedWith: string | undefined;
  private pendingBytes = 0;
  private readonly conn: Conn;
  private readonly req: Uint8Array;

  constructor(conn: Conn, i: number) {
    this.conn = conn;
    this.req = new TextEncoder().encode(`get never-set-${i}\r\n`);
    conn.onData((chunk) => {
      this.pendingBytes += chunk.length;
      const n = Math.floor(this.pendingBytes / MISS.length);
      this.pendingBytes -= n * MISS.length;
      this.answered += n;
      this.fill();
    });
    conn.onClose((err) => (this.closedWith = err?.message ?? "eof"));
  }

  get inFlight(): number {
    return this.sent - this.answered;
  }

  fill(): void {
    while (!this.stopped && this.inFlight < DEPTH) {
      this.conn.send(this.req);
      this.sent++;
    }
  }

  close(): void {
    this.conn.close();
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

test(
  "every pipelined request is answered across IXCP's core steps up and down (4, 3, 2, 1, twice)",
  { timeout: 240_000 },
  async () => {
    assert.ok((await ixcpRequest(admin, "cores", { n: 4 })).ok);
    const conns = await Promise.all(Array.from({ length: CONNS }, () => transport.connect(HOST_IP, 11211)));
    const pipes = conns.map((c, i) => new Pipeline(c, i));
    for (const p of pipes) p.fill();
    const migrated: number[] = [];
    for (const n of [3, 2, 1, 4, 3, 2, 1]) {
      await sleep(1500);
      const r = await ixcpRequest(admin, "cores", { n }, 30_000);
      assert.ok(r.ok, `cores ${n}: ${JSON.stringify(r)}`);
      migrated.push(n);
    }
    await sleep(1500);
    for (const p of pipes) p.stopped = true;
    const deadline = Date.now() + 60_000;
    while (pipes.some((p) => p.inFlight > 0) && Date.now() < deadline) await sleep(200);
    const stuck = pipes.map((p, i) => [i, p.inFlight, p.closedWith] as const).filter(([, f]) => f > 0);
    assert.deepEqual(
      stuck,
      [],
      `connections with requests never answered (index, in flight, closed) after ${migrated}`,
    );
    for (const p of pipes) assert.equal(p.closedWith, undefined);
    assert.ok(
      pipes.every((p) => p.answered > DEPTH),
      "every connection got answers beyond its first window",
    );
    for (const p of pipes) p.close();
    // Issue 15: once the traffic is over every core's mbufs are back in its pool (migrations included).
    const inUse = async (): Promise<number[]> =>
      Promise.all(cluster.cores.map(async (c) => sum(await metricSamples(c.adminUrl, "ix_dp_mbufs_in_use"))));
    const quiet = Date.now() + 20_000;
    let held = await inUse();
    while (held.some((n) => n > 0) && Date.now() < quiet) {
      await sleep(200);
      held = await inUse();
    }
    assert.deepEqual(
      held,
      cluster.cores.map(() => 0),
      "mbufs still in use per core 20 s after the traffic ended",
    );
  },
);
