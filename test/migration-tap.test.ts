// IX's TCP-friendly flow-group migration under load: 50 Linux TCP connections
// (through the TAP) stream data that is echoed and verified byte for byte in
// order, while IXCP moves flow groups back and forth between the two cores
// 100 times. Zero resets, zero corrupt bytes, nothing dropped. Needs root.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { startCluster, canUseTap, type Cluster } from "@ix/cluster";
import { startEchoClient } from "./helpers/echo-client.ts";
import { migrateBackAndForth, migrationFrames } from "./helpers/migrations.ts";

const NS = "ixmigtest";
const skip = canUseTap() ? false : "needs root, socat and iproute2 (TAP in a network namespace)";
let cluster: Cluster;
let admin: NatsConnection;

before(async () => {
  if (skip) return;
  cluster = await startCluster({ cores: 2, tap: true, namespace: NS, tapName: "ixmtap0", policy: "static" });
  const env = cluster.env("admin");
  admin = await connect({ servers: env.IX_NATS_URL, user: env.IX_NATS_USER, pass: env.IX_NATS_PASSWORD });
});

after(async () => {
  await admin?.close();
  await cluster?.stop();
});

const quantile = (xs: number[], q: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

test(
  "100 migrations while 50 connections stream: no reset, every byte intact and in order",
  { skip },
  async (t) => {
    const client = startEchoClient(NS, { conns: 50, bytes: 60 * 1024 * 1024, timeoutS: 150 });
    await new Promise((r) => setTimeout(r, 500)); // connections established and streaming

    // Core 0 owns the even groups at start: move 16 of them to core 1 and back, 50 times.
    const groups = Array.from({ length: 16 }, (_, i) => 2 * i);
    const { durationsMs, overlapped } = await migrateBackAndForth(admin, client, groups, 100);
    const { code, result } = await client.done;
    assert.deepEqual(result.failures, [], "no connection reset, cut short or corrupted");
    assert.equal(result.verified, result.expected);
    assert.equal(code, 0);
    assert.ok(overlapped >= 50, `only ${overlapped} migrations overlapped the transfer`);

    const kind = await migrationFrames(cluster.cores.map((c) => c.adminUrl));
    assert.equal(kind("dropped_unowned"), 0, "no frame dropped for want of its flow group");
    t.diagnostic(
      `migrations: ${durationsMs.length}, ${overlapped} during the transfer; duration (ixcp request, incl. RETA rewrite) p50 ${quantile(durationsMs, 0.5).toFixed(2)} ms, p99 ${quantile(durationsMs, 0.99).toFixed(2)} ms; frames carried ${kind("carried")}, forwarded ${kind("forwarded")}, held ${kind("held")}`,
    );
  },
);
