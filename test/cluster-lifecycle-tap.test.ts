// lib/cluster as root with a TAP (run under `flock /tmp/ix-tap.lock`): the
// cluster's namespace, TAP and socat bridge exist while it runs, Linux in the
// namespace reaches the cluster, and stop() leaves no process, no namespace
// and no TAP behind. Skipped without root, socat and iproute2.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { startCluster, canUseTap, HOST_IP } from "@ix/cluster";
import { alive, clusterPids, survivors } from "../lib/cluster/test/helpers.ts";

const NS = "ixlife";
const TAP = "ixlifetap0";
const skip = canUseTap() ? false : "needs root, socat and iproute2 (TAP in a network namespace)";
const namespaces = (): string[] =>
  execFileSync("ip", ["netns", "list"], { encoding: "utf8" })
    .split("\n")
    .map((l) => l.split(" ")[0])
    .filter((n) => n !== "");
const linkExists = (): boolean => {
  try {
    execFileSync("ip", ["link", "show", TAP], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};

test(
  "with a TAP: Linux reaches the cluster, and stop() leaves no process, namespace or TAP",
  { skip },
  async () => {
    const c = await startCluster({ cores: 1, tap: true, namespace: NS, tapName: TAP, policy: false });
    let pids: Map<string, number>;
    try {
      pids = clusterPids(c);
      assert.ok(pids.has("socat"), "socat bridges the TAP");
      for (const [name, pid] of pids) assert.ok(alive(pid), `${name} is running`);
      assert.ok(namespaces().includes(NS), `namespace ${NS} exists`);
      assert.equal(linkExists(), false, "the TAP lives inside the namespace, not in ours");
      const out = c.tap!.exec(["ping", "-c", "1", "-W", "5", HOST_IP]);
      assert.match(out, /1 received/, "Linux in the namespace reaches the cluster's host IP");
    } finally {
      await c.stop();
    }
    assert.deepEqual(await survivors(pids), [], "no process of the cluster outlives stop()");
    assert.ok(!namespaces().includes(NS), `namespace ${NS} is gone`);
    assert.equal(linkExists(), false, "no TAP left in the root namespace");
  },
);
