// The server closes first, through the TAP with real Linux clients: memcached
// connections ended by `quit` release everything (curr_connections,
// ix_app_connections), and a FIN retransmitted 2 s after the server's close
// (its ACK lost) is ACKed from TIME-WAIT, not reset. The 30 s and 2*MSL cases
// run with simulated time in lib/netstack/test/tcp-time-wait.test.ts. Needs
// root; run under the tap lock.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { startCluster, canUseTap, REPO_ROOT, type Cluster } from "@ix/cluster";
import { metricSamples, sum } from "./helpers/metrics.ts";

const run = promisify(execFile);
const NS = "ixtclose";
const TAP = "ixtctap0";
const skip = canUseTap() ? false : "needs root, socat and iproute2 (TAP in a network namespace)";
let cluster: Cluster;

/** Runs the closing-path client in the namespace; its JSON answer. */
async function client<T>(args: string[], timeoutMs = 30_000): Promise<T> {
  const script = join(REPO_ROOT, "test", "clients", "tcp_close_client.py");
  const { stdout } = await run("ip", ["netns", "exec", NS, "/usr/bin/python3", script, ...args], {
    timeout: timeoutMs,
  });
  return JSON.parse(stdout) as T;
}

const gauge = async (): Promise<number> =>
  sum(await metricSamples(cluster.app!.adminUrl, "ix_app_connections"));

async function waitFor(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > ms) throw new Error(`timed out after ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

before(async () => {
  if (skip) return;
  cluster = await startCluster({ cores: 2, tap: true, namespace: NS, tapName: TAP, policy: false });
});

after(async () => {
  await cluster?.stop();
});

test(
  "10 connections closed by quit: curr_connections back to 1, ix_app_connections to 0",
  { skip },
  async () => {
    const quit = await client<{ serverClosed: number; errors: string[] }>(["quit", "--conns", "10"]);
    assert.deepEqual(quit, { serverClosed: 10, errors: [] }, "the server closed all 10 after quit");
    // The Linux clients are gone; ask as an eleventh client.
    const stats = await client<{ curr_connections: number }>(["stats"]);
    assert.deepEqual(stats, { curr_connections: 1 }, "only the one asking");
    await waitFor(async () => (await gauge()) === 0, 10_000, "ix_app_connections back to 0");
    const accepted = sum(await metricSamples(cluster.app!.adminUrl, "ix_app_accepted_total"));
    assert.equal(accepted, 11, "10 quitting clients and the one asking were accepted");
  },
);

test(
  "a FIN retransmitted 2 s after the server's close is ACKed from TIME-WAIT, not reset",
  { skip },
  async () => {
    const r = await client<{
      firstAck?: boolean;
      error?: string;
      expectedSeq: number;
      expectedAck: number;
      retx: { flags: string; seq: number; ack: number } | null;
    }>(["finretx", "--iface", TAP, "--delay", "2"]);
    assert.equal(r.error, undefined, r.error);
    assert.equal(r.firstAck, true, "the FIN was ACKed the first time");
    assert.ok(r.retx !== null, "the retransmitted FIN drew an answer");
    assert.equal(r.retx.flags, "A", `an ACK, not ${r.retx.flags}`);
    assert.equal(r.retx.seq, r.expectedSeq);
    assert.equal(r.retx.ack, r.expectedAck);
    await waitFor(async () => (await gauge()) === 0, 10_000, "ix_app_connections back to 0");
  },
);
