// Restarts, each timed, with Linux clients through the TAP: nats-server (every
// service reconnects; the app's listens still work), the NIC (killed and
// respawned with the same arguments), and the app (killed: its connections end
// cleanly, new ones reach the new app). Connections not on the failed part
// lose no data. Recovery is measured from the kill to the first fresh
// connection echoed (probe_client.py, a new SYN every 100 ms), reported as a
// diagnostic, never asserted: how fast depends on the machine's load (the
// figures are `npm run bench`'s, bench/robustness.bench.ts). Needs root.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startCluster, canUseTap, type Cluster } from "@ix/cluster";
import { allAlive, holdClient, probeRecovery, type HoldClient } from "./helpers/robustness.ts";

const NS = "ixrbrst";
const skip = canUseTap() ? false : "needs root, socat and iproute2 (TAP in a network namespace)";
let cluster: Cluster;

before(async () => {
  if (skip) return;
  cluster = await startCluster({ cores: 2, tap: true, namespace: NS, tapName: "ixrbtap3", policy: false });
});

after(async () => {
  await cluster?.stop();
});

type Echo = { verified: number; expected: number; failures: unknown[] };

async function withHeld(fn: (held: HoldClient) => Promise<void>): Promise<void> {
  const held = await holdClient(NS, 4);
  try {
    const ok = await held.command<Echo>("echo 65536");
    assert.deepEqual(ok.failures, []);
    await fn(held);
  } finally {
    await held.close();
  }
}

test(
  "nats-server restart: every service reconnects, listens still work, held connections lose nothing",
  { skip },
  async (t) => {
    await withHeld(async (held) => {
      const t0 = performance.now();
      await cluster.nats.restart();
      const probe = await probeRecovery(NS);
      assert.ok(probe.ok, "a fresh connection is echoed after the restart");
      const after = await held.command<Echo>("echo 262144 20");
      assert.deepEqual(after.failures, [], "held connections keep every byte");
      assert.equal(after.verified, after.expected);
      assert.ok(allAlive(cluster));
      const totalS = (performance.now() - t0) / 1000;
      t.diagnostic(
        `nats-server restart: served again ${totalS.toFixed(2)} s after the stop began (probe ${probe.seconds.toFixed(2)} s after the new server listened)`,
      );
    });
  },
);

test("NIC killed and respawned: connections resume by retransmission, nothing lost", { skip }, async (t) => {
  await withHeld(async (held) => {
    const t0 = performance.now();
    await cluster.restartService("nic", "SIGKILL");
    const spawnS = (performance.now() - t0) / 1000;
    const probe = await probeRecovery(NS);
    assert.ok(probe.ok);
    const after = await held.command<Echo>("echo 262144 20");
    assert.deepEqual(after.failures, []);
    assert.equal(after.verified, after.expected);
    assert.ok(allAlive(cluster));
    const totalS = spawnS + probe.seconds;
    t.diagnostic(
      `NIC restart: new NIC ready ${spawnS.toFixed(2)} s after the kill, serving ${totalS.toFixed(2)} s after it`,
    );
  });
});

test(
  "app killed and respawned: its connections end with FIN/RST, new ones reach the new app",
  { skip },
  async (t) => {
    await withHeld(async (held) => {
      const t0 = performance.now();
      await cluster.restartService("app", "SIGKILL");
      const spawnS = (performance.now() - t0) / 1000;
      const probe = await probeRecovery(NS);
      assert.ok(probe.ok);
      const ended = await held.command<{ fin: number; reset: number; open: number }>("closed 30");
      assert.equal(ended.fin + ended.reset, 4, `old connections: ${JSON.stringify(ended)}`);
      assert.ok(allAlive(cluster));
      const totalS = spawnS + probe.seconds;
      t.diagnostic(
        `app restart: new app ready ${spawnS.toFixed(2)} s after the kill, serving ${totalS.toFixed(2)} s after it; old connections ${JSON.stringify(ended)}`,
      );
    });
  },
);
