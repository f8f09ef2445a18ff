// lib/cluster without a TAP (the path a normal user takes): the whole cluster
// starts as real processes, every one of them is up and answers, and stop()
// leaves no process behind, nor cluster.json's secrets outside their file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, statSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startCluster } from "../src/cluster.ts";
import { alive, childPids, clusterPids, survivors } from "./helpers.ts";

test("a cluster without TAP starts every process, each answers, and stop() leaves none", async () => {
  const stateDir = mkdtempSync(join(tmpdir(), "ix-cluster-test-"));
  const c = await startCluster({ cores: 2, stateDir });
  let pids: Map<string, number>;
  try {
    pids = clusterPids(c);
    assert.deepEqual(
      [...pids.keys()].sort(),
      ["app", "core0", "core1", "ixcp", "nats-server", "nic"],
      "one process per part",
    );
    for (const [name, pid] of pids) assert.ok(alive(pid), `${name} is running`);
    for (const p of [c.nic, ...c.cores, c.app!, c.ixcp!]) {
      const res = await fetch(`${p.adminUrl}/metrics`);
      assert.equal(res.status, 200, `${p.name} serves its metrics`);
      await res.text();
    }
    const state = JSON.parse(readFileSync(join(stateDir, "cluster.json"), "utf8"));
    assert.equal(state.natsUrl, c.nats.url);
    assert.deepEqual(
      state.cores,
      c.cores.map((p) => p.adminUrl),
    );
    assert.equal(
      statSync(join(stateDir, "cluster.json")).mode & 0o777,
      0o600,
      "admin password file is private",
    );
  } finally {
    await c.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
  assert.deepEqual(await survivors(pids), [], "no process of the cluster outlives stop()");
  await assert.rejects(fetch(`${c.nic.adminUrl}/metrics`), "the NIC's admin port is closed");
});

test("a failed start stops what it had started", async () => {
  const before = childPids();
  // An unknown IXCP policy makes the last service fail: NATS, the NIC, the core and the app were up.
  await assert.rejects(
    startCluster({ cores: 1, policy: "no-such-policy" }),
    /ixcp/,
    "the failure names the service",
  );
  const deadline = Date.now() + 5000;
  let left = [...childPids()].filter((p) => !before.has(p));
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    left = [...childPids()].filter((p) => !before.has(p));
  }
  assert.deepEqual(left, [], "no child process left after the failed start");
});
