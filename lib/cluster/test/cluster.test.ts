// lib/cluster without a TAP (the path a normal user takes): the whole cluster
// starts as real processes, every one of them is up and answers, and stop()
// leaves no process behind, nor cluster.json's secrets outside their file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, statSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startCluster } from "../src/cluster.ts";
import { placeComponents, placeOnHosts } from "../src/placement.ts";
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

test("placement: NIC and app on server 1, cores alternating over the others, IXCP on the last", () => {
  assert.deepEqual(placeComponents(1, 2), { nic: 0, cores: [0, 0], app: 0, ixcp: 0 });
  assert.deepEqual(placeComponents(2, 3), { nic: 0, cores: [1, 1, 1], app: 0, ixcp: 1 });
  assert.deepEqual(placeComponents(3, 4), { nic: 0, cores: [1, 2, 1, 2], app: 0, ixcp: 2 });
});

test("placement on hosts: IXCP beside the NIC on host 1, off every core's host", () => {
  assert.deepEqual(placeOnHosts(3, 3), { nic: 0, cores: [1, 2, 1], app: 0, ixcp: 0 });
  assert.deepEqual(placeOnHosts(2, 2), { nic: 0, cores: [1, 1], app: 0, ixcp: 0 });
  for (let hosts = 2; hosts <= 9; hosts++)
    for (let cores = 1; cores <= 8; cores++) {
      const p = placeOnHosts(hosts, cores);
      assert.ok(!p.cores.includes(p.ixcp), `${hosts} hosts, ${cores} cores: IXCP shares no core's host`);
    }
});

test("--nats-cluster 3: cluster.json lists each server (URL, pid, host) and each component's server and pid; stop() leaves none", async () => {
  const stateDir = mkdtempSync(join(tmpdir(), "ix-cluster-test-"));
  const c = await startCluster({ cores: 2, natsCluster: 3, stateDir });
  let pids: Map<string, number>;
  try {
    pids = clusterPids(c);
    assert.deepEqual([...pids.keys()].sort(), [
      "app",
      "core0",
      "core1",
      "ixcp",
      "nats-server-1",
      "nats-server-2",
      "nats-server-3",
      "nic",
    ]);
    for (const [name, pid] of pids) assert.ok(alive(pid), `${name} is running`);
    const state = JSON.parse(readFileSync(join(stateDir, "cluster.json"), "utf8")) as {
      natsUrl: string;
      natsServers: { name: string; url: string; pid: number; host: string; monitorUrl: string }[];
      components: Record<string, { server: number; host: string; pid: number }>;
    };
    const servers = c.natsCluster!.servers;
    assert.equal(state.natsUrl, servers.map((s) => s.url).join(","));
    assert.deepEqual(
      state.natsServers,
      servers.map((s, i) => ({
        name: `ix-nats-${i + 1}`,
        url: s.url,
        pid: s.pid,
        host: "127.0.0.1",
        monitorUrl: s.monitorUrl,
      })),
    );
    assert.deepEqual(state.components, {
      nic: { server: 1, host: "127.0.0.1", pid: c.nic.child.pid },
      core0: { server: 2, host: "127.0.0.1", pid: c.cores[0].child.pid },
      core1: { server: 3, host: "127.0.0.1", pid: c.cores[1].child.pid },
      app: { server: 1, host: "127.0.0.1", pid: c.app!.child.pid },
      ixcp: { server: 3, host: "127.0.0.1", pid: c.ixcp!.child.pid },
    });
    // Each component is connected where cluster.json says (the server's /connz).
    const names = await Promise.all(
      servers.map(async (s) =>
        (
          (await (await fetch(`${s.monitorUrl}/connz`)).json()) as { connections: { name: string }[] }
        ).connections
          .map((x) => x.name)
          .sort(),
      ),
    );
    assert.deepEqual(names, [["app", "nic-0"], ["dataplane-0"], ["dataplane-1", "ixcp"]]);
  } finally {
    await c.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
  assert.deepEqual(await survivors(pids), [], "no process of the cluster outlives stop()");
});
