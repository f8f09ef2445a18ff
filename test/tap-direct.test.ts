// The direct TAP bridge (lib/cluster tap.ts "direct"): the launcher opens the
// TAP and the NIC reads and writes the inherited descriptor (--wire-tap-fd),
// with no socat and no L2-over-UDP hop. Real Linux clients in a namespace of
// this file's own; needs root (skipped otherwise); run under the tap lock.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { startCluster, canUseTap, REPO_ROOT, HOST_IP, type Cluster } from "@ix/cluster";
import { metricSamples } from "./helpers/metrics.ts";

const run = promisify(execFile);
const NS = "ixdirect";
const skip = canUseTap() ? false : "needs root and iproute2 (TAP in a network namespace)";
let cluster: Cluster;

const inNs = async (argv: string[], timeoutMs = 120_000): Promise<string> =>
  (await run("ip", ["netns", "exec", NS, ...argv], { timeout: timeoutMs, maxBuffer: 16 << 20 })).stdout;

/** ix_nic_wire_frames_total by `direction` for one side. */
async function wireFrames(side: string): Promise<{ in: number; out: number }> {
  const m = await metricSamples(cluster.nic.adminUrl, "ix_nic_wire_frames_total");
  const get = (direction: string): number => {
    for (const [labels, v] of m)
      if (labels.includes(`direction="${direction}"`) && labels.includes(`side="${side}"`)) return v;
    throw new Error(
      `no ix_nic_wire_frames_total{direction="${direction}",side="${side}"} in [${[...m.keys()].join(" ")}]`,
    );
  };
  return { in: get("in"), out: get("out") };
}

before(async () => {
  if (skip) return;
  cluster = await startCluster({
    cores: 2,
    policy: false,
    tap: true,
    tapBridge: "direct",
    namespace: NS,
    tapName: "ixdirect0",
  });
});

after(async () => {
  await cluster?.stop();
});

test("no socat: the NIC holds the TAP itself and ping goes through its tap side", { skip }, async () => {
  assert.equal(cluster.tap?.socatPid, undefined, "the direct bridge starts no socat");
  assert.ok(cluster.tap?.fd !== undefined && cluster.tap.fd > 2, "the launcher holds the TAP's descriptor");
  const out = await inNs(["ping", "-c", "5", "-i", "0.2", "-W", "2", HOST_IP]);
  assert.match(out, /5 packets transmitted, 5 received/);
  const tap = await wireFrames("tap");
  const udp = await wireFrames("udp");
  // ARP + 5 echo requests in, 5 replies (+ ARP replies) out.
  assert.ok(tap.in >= 6, `tap side received ${tap.in} frames`);
  assert.ok(tap.out >= 5, `tap side sent ${tap.out} frames`);
  assert.deepEqual(udp, { in: 0, out: 0 }, "nothing crossed the UDP wire");
});

test("TCP echo through the direct TAP: 2 MB over 16 connections, every byte verified", { skip }, async () => {
  const out = await inNs([
    "python3",
    join(REPO_ROOT, "test", "clients", "echo_client.py"),
    "--host",
    HOST_IP,
    "--conns",
    "16",
    "--bytes",
    String(2 * 1024 * 1024),
    "--timeout",
    "100",
  ]);
  const r = JSON.parse(out) as { verified: number; expected: number; failures: unknown[] };
  assert.deepEqual(r.failures, []);
  assert.equal(r.verified, r.expected);
});

test("a restarted NIC inherits the same TAP: Linux reaches the cluster again", { skip }, async () => {
  const fd = cluster.tap?.fd;
  await cluster.restartService("nic", "SIGKILL");
  assert.equal(cluster.tap?.fd, fd);
  // The cores re-sync with the new NIC; a few echoes may be lost meanwhile.
  const out = await inNs(["ping", "-c", "20", "-i", "0.2", "-W", "2", HOST_IP]).catch(
    (e: { stdout?: string }) => e.stdout ?? "",
  );
  const m = /(\d+) received/.exec(out);
  assert.ok(m && Number(m[1]) >= 1, `no echo reply after the NIC restart:\n${out}`);
  const tap = await wireFrames("tap");
  assert.ok(tap.out >= 1, `the new NIC sent ${tap.out} frames to the tap`);
});
