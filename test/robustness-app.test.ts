// The dataplane defends itself against its app (IX principle 1). A fake app
// connects as the real NATS user "app" without libix, listens, accepts every
// connection and then never answers again (no recv_done, no close): the core
// must detect and report the stall (ix_dp_app_stalled, a log line), keep its
// memory bounded (the receive windows close), and serve again as soon as the
// real app starts, which closes the stalled app's connections. Needs root.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { ix } from "@ix/proto";
import { subjects as S } from "@ix/bus";
import {
  startCluster,
  canUseTap,
  spawnService,
  REPO_ROOT,
  type Cluster,
  type ServiceProcess,
} from "@ix/cluster";
import { metricSamples, sum } from "./helpers/metrics.ts";
import { dataplaneRss, echoClient, holdClient, peakMemory, timeUntil } from "./helpers/robustness.ts";

const NS = "ixrbapp";
const skip = canUseTap() ? false : "needs root, socat and iproute2 (TAP in a network namespace)";
let cluster: Cluster;
let realApp: ServiceProcess | undefined;

before(async () => {
  if (skip) return;
  cluster = await startCluster({
    cores: 2,
    tap: true,
    namespace: NS,
    tapName: "ixrbtap1",
    app: false,
    policy: false,
    extraArgs: { dataplane: ["--app-stall-ms", "700"] },
  });
});

after(async () => {
  await realApp?.stop();
  await cluster?.stop();
});

/** A libix-free app: listens on 7, accepts every knock, then answers nothing at all. */
async function stallingApp(): Promise<NatsConnection> {
  const env = cluster.env("app");
  const nc = await connect({ servers: env.IX_NATS_URL, user: env.IX_NATS_USER, pass: env.IX_NATS_PASSWORD });
  const K = ix.SyscallKind;
  let seq = 0;
  let cookie = 0;
  for (const core of [0, 1]) {
    nc.subscribe(S.coreEvt(core), {
      callback: (_e, m) => {
        const calls = ix.EventBatch.decode(m.data)
          .events.filter((e) => e.kind === ix.EventKind.EV_KNOCK)
          .map((e) => ({ kind: K.SYS_ACCEPT, handle: e.handle, cookie: ++cookie }));
        if (calls.length > 0)
          nc.publish(
            S.coreSys(core),
            ix.SyscallBatch.encode({ core, seq: ++seq, calls, app: "app#stalling" }).finish(),
          );
      },
    });
    nc.publish(
      S.coreSys(core),
      ix.SyscallBatch.encode({
        core,
        seq: ++seq,
        calls: [{ kind: K.SYS_LISTEN, port: 7 }],
        app: "app#stalling",
      }).finish(),
    );
  }
  await nc.flush();
  return nc;
}

const stalledCores = async (): Promise<number> =>
  (
    await Promise.all(
      cluster.cores.map(async (p) => sum(await metricSamples(p.adminUrl, "ix_dp_app_stalled"))),
    )
  ).reduce((a, b) => a + b, 0);

test(
  "a stalled app is detected and reported, memory stays bounded, and the real app takes over",
  { skip },
  async (t) => {
    const fake = await stallingApp();
    const rssBefore = (await dataplaneRss(cluster)).reduce((a, b) => a + b, 0);
    const held = await holdClient(NS, 16);
    const peak = peakMemory(cluster);
    try {
      // Every connection writes what it can for 2 s; the fake app never releases a
      // byte, so the windows close and the writers stall.
      const filled = await held.command<{ sent: number; perConn: number[] }>("fill 2");
      let more = -1;
      for (let i = 0; i < 10 && more !== 0; i++)
        more = (await held.command<{ sent: number }>("fill 0.5")).sent;
      assert.equal(more, 0, "once the windows closed nothing more is taken");
      assert.ok(filled.sent < 16 * 4 * 2 ** 20, `${filled.sent} bytes taken by a stalled app`);
      const detectMs = await timeUntil(async () => (await stalledCores()) >= 1, 30_000, "ix_dp_app_stalled");
      const stalls = await Promise.all(
        cluster.cores.map((p) => metricSamples(p.adminUrl, "ix_dp_app_stalls_total")),
      );
      assert.ok(stalls.reduce((a, m) => a + sum(m), 0) >= 1);
      const peakBytes = await peak.stop();
      // 16 connections x 256 KB receive windows is 4 MB of unread data; allow generous slack.
      assert.ok(
        peakBytes - rssBefore < 96 * 2 ** 20,
        `dataplane memory grew by ${peakBytes - rssBefore} bytes`,
      );

      // The real app starts: its first batch closes the stalled app's connections and listens again.
      await fake.close();
      const t0 = performance.now();
      realApp = await spawnService({
        name: "app",
        env: cluster.env("app"),
        args: [join(REPO_ROOT, "services", "app", "src", "main.ts"), "--cores", "0,1"],
      });
      const takeoverMs = await timeUntil(
        async () => (await echoClient(NS, 2, 64 * 1024, 3)).failures.length === 0,
        30_000,
        "new connections",
      );
      const ended = await held.command<{ fin: number; reset: number; open: number }>("closed 30");
      assert.equal(ended.fin + ended.reset, 16, `old connections: ${JSON.stringify(ended)}`);
      assert.equal(await stalledCores(), 0, "the stall is cleared once the app answers");
      const r = await echoClient(NS, 8, 2 * 1024 * 1024);
      assert.deepEqual(r.failures, []);
      assert.equal(r.verified, r.expected);
      t.diagnostic(
        `stall detected in ${detectMs.toFixed(0)} ms after the client gave up; peak dataplane RSS ${(peakBytes / 2 ** 20).toFixed(1)} MiB (before ${(rssBefore / 2 ** 20).toFixed(1)} MiB); client wrote ${(filled.sent / 2 ** 20).toFixed(1)} MiB before the windows closed; real app serving ${(performance.now() - t0).toFixed(0)} ms after spawn (first echo ok after ${takeoverMs.toFixed(0)} ms of polling); old connections: ${JSON.stringify(ended)}`,
      );
    } finally {
      await peak.stop();
      await held.close();
      if (!fake.isClosed()) await fake.close();
    }
  },
);
