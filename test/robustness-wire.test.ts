// The stack against the wire, through the real cluster (NIC -> cores): frames
// come from a host on the NATS L2 segment (user "host") while Linux clients
// in the test's namespace (through the TAP) use the echo app. Malformed frames
// of every layer, a SYN flood from spoofed sources, blind RST/SYN/data
// injection (RFC 5961), overlapping and out-of-window segments, zero-window
// stalls and a 64-byte MSS. Needs root (the TAP); bounded to a few seconds each.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startCluster, canUseTap, type Cluster } from "@ix/cluster";
import { metricSamples } from "./helpers/metrics.ts";
import { allAlive, dataplaneRss, echoClient, holdClient, peakMemory } from "./helpers/robustness.ts";
import { blindInjection, malformedAttack, openAttacker, synFlood } from "./helpers/wire-attacks.ts";
import type { L2Host } from "./helpers/l2-host.ts";

const NS = "ixrbwire";
const skip = canUseTap() ? false : "needs root, socat and iproute2 (TAP in a network namespace)";
let cluster: Cluster;
let attacker: L2Host;

before(async () => {
  if (skip) return;
  cluster = await startCluster({ cores: 2, tap: true, namespace: NS, tapName: "ixrbtap2", policy: false });
  attacker = await openAttacker(cluster);
});

after(async () => {
  await attacker?.close();
  await cluster?.stop();
});

const mib = (b: number): string => (b / 2 ** 20).toFixed(1);

/** TCP event counters summed over the cores (ix_dp_tcp_events_total by event). */
async function tcpEvents(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const p of cluster.cores) {
    for (const [labels, v] of await metricSamples(p.adminUrl, "ix_dp_tcp_events_total")) {
      const ev = /event="([^"]+)"/.exec(labels)?.[1] ?? "?";
      out[ev] = (out[ev] ?? 0) + v;
    }
  }
  return out;
}

// Kinds whose frames can be valid TCP for the stack (a SYN with odd options,
// odd flag combinations, a random mutation that hits only the payload): they
// may be answered instead of dropped.
const MAY_BE_ANSWERED = new Set(["tcp_bad_options", "tcp_bad_flags", "mutated_tcp"]);

test(
  "malformed frames of every layer: each kind is counted, no process dies, connections keep being served",
  { skip },
  async (t) => {
    const held = await holdClient(NS, 4);
    const rssBefore = (await dataplaneRss(cluster)).reduce((a, b) => a + b, 0);
    const peak = peakMemory(cluster);
    try {
      const perKind = await malformedAttack(cluster, attacker, { perKind: 400, burst: 100, gapMs: 3 });
      const peakBytes = await peak.stop();
      let sent = 0;
      for (const [kind, r] of Object.entries(perKind)) {
        sent += r.sent;
        if (!MAY_BE_ANSWERED.has(kind))
          assert.ok(r.counted >= r.sent * 0.9, `${kind}: ${r.counted} of ${r.sent} counted`);
      }
      assert.ok(allAlive(cluster), "every service process is still running");
      const after = await held.command<{ verified: number; expected: number; failures: unknown[] }>(
        "echo 65536",
      );
      assert.deepEqual(after.failures, []);
      assert.ok(
        peakBytes - rssBefore < 128 * 2 ** 20,
        `dataplane memory grew by ${mib(peakBytes - rssBefore)} MiB`,
      );
      t.diagnostic(
        `${sent} malformed frames of ${Object.keys(perKind).length} kinds; counted per kind: ${Object.entries(
          perKind,
        )
          .map(([k, r]) => `${k} ${r.counted}/${r.sent}`)
          .join(", ")}; peak dataplane RSS ${mib(peakBytes)} MiB (before ${mib(rssBefore)})`,
      );
    } finally {
      await peak.stop();
      await held.close();
    }
  },
);

test(
  "SYN flood from spoofed sources: bounded backlog, SYN cookies, legitimate echo served intact",
  { skip },
  async (t) => {
    const bytes = 4 * 2 ** 20;
    const base = await echoClient(NS, 8, bytes);
    assert.deepEqual(base.failures, []);
    const before = await tcpEvents();
    const peak = peakMemory(cluster);
    const flood = synFlood(attacker, 3000);
    let during;
    let synSent;
    try {
      await new Promise((r) => setTimeout(r, 300)); // the backlog fills first
      during = await echoClient(NS, 8, bytes);
    } finally {
      synSent = await flood.stop();
    }
    const peakBytes = await peak.stop();
    const ev = await tcpEvents();
    assert.deepEqual(during.failures, []);
    assert.equal(during.verified, during.expected);
    const cookies = (ev.syn_cookies_sent ?? 0) - (before.syn_cookies_sent ?? 0);
    assert.ok(cookies > 0, "past the SYN backlog the cores answer with SYN cookies");
    const conns = [
      ...(await Promise.all(cluster.cores.map((p) => metricSamples(p.adminUrl, "ix_dp_connections")))),
    ]
      .flatMap((m) => [...m.values()])
      .reduce((a, b) => a + b, 0);
    assert.ok(conns <= 2 * 128 + 64, `${conns} connections held: the SYN backlog bounds the half-open ones`);
    const fraction = base.seconds / during.seconds;
    assert.ok(allAlive(cluster));
    // How much of its rate legitimate echo keeps depends on the machine's load:
    // the 80% goal is measured by bench/robustness.bench.ts (medians of
    // alternating runs), and reported here only as a diagnostic.
    t.diagnostic(
      `${synSent} spoofed SYNs at 3000/s; ${cookies} SYN cookies sent; echo of ${bytes} bytes: ${base.seconds.toFixed(2)} s alone, ${during.seconds.toFixed(2)} s during the flood = ${(fraction * 100).toFixed(0)}% of the undisturbed rate (goal 80%); peak dataplane RSS ${mib(peakBytes)} MiB`,
    );
  },
);

test(
  "blind RST, SYN and data injection with guessed sequence numbers does not hurt live connections (RFC 5961)",
  { skip },
  async (t) => {
    const held = await holdClient(NS, 4);
    try {
      const ok = await held.command<{ failures: unknown[] }>("echo 32768");
      assert.deepEqual(ok.failures, []);
      const before = await tcpEvents();
      const n = blindInjection(attacker, held.ports, 250);
      await attacker.nc.flush();
      await new Promise((r) => setTimeout(r, 300));
      const after = await held.command<{ verified: number; expected: number; failures: unknown[] }>(
        "echo 65536",
      );
      assert.deepEqual(after.failures, [], "no connection was reset or corrupted");
      assert.equal(after.verified, after.expected);
      const ev = await tcpEvents();
      const challenges = (ev.challenge_acks ?? 0) - (before.challenge_acks ?? 0);
      const resets = (ev.resets_received ?? 0) - (before.resets_received ?? 0);
      assert.equal(resets, 0, "no injected RST was taken");
      assert.ok(allAlive(cluster));
      t.diagnostic(
        `${n} blind segments into ${held.ports.length} connections; ${challenges} challenge ACKs; every byte echoed afterwards`,
      );
    } finally {
      await held.close();
    }
  },
);
