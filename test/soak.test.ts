// A shorter soak (issue 15; the 5-minute one is `npm run bench -- --only
// soak`): connection churn to echo and memcached plus steady memcached load
// for about a minute, then 0 errors, every connection counter of the cluster
// back to 0, and each process's resident memory bounded. On the NATS L2
// segment (userspace clients, no root) and through the TAP (Linux clients
// and memcaslap; root, under the tap lock: `flock /tmp/ix-tap.lock node
// --test test/soak.test.ts`).
//
// The memory bounds are for a leak, not for speed, so a busy machine cannot
// fail them: a process's peak over the second half may be up to 1.5x its
// level at the middle (its peak over the quarter before the middle) plus
// 64 MiB. A per-connection leak of the size issue 15 found (~8 kB over the
// 10-20k connections of a second half) or a store growing past its limit
// exceeds that; a garbage-collection sawtooth does not (IXCP's swings
// 148..262 MiB with a period near 100 s, so one sample at the middle against
// one at the end can read 1.77x with no leak at all). No process may ever
// pass 1 GiB. The bench's 20% bound holds over 5 minutes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startCluster, canUseTap } from "@ix/cluster";
import { runSoak, type SoakPath, type SoakResult } from "./helpers/soak.ts";

const MiB = 2 ** 20;
const GROWTH_FACTOR = 1.5;
const GROWTH_SLACK = 64 * MiB;
const CEILING = 1024 * MiB;
const STEADY_CONNECTIONS = 8;

const mib = (b: number): string => `${(b / MiB).toFixed(1)} MiB`;

function assertSoak(r: SoakResult): void {
  const errors = [...r.churn.errorSamples, ...r.steady.errorSamples].join(" | ");
  assert.equal(r.errors, 0, `${r.errors} errors during the soak: ${errors}`);
  assert.ok(r.churn.connections >= 50, `only ${r.churn.connections} churned connections completed`);
  assert.ok(
    r.steady.operations >= 50,
    `only ${r.steady.operations} steady operations completed (${r.steadyCommand})`,
  );
  assert.ok(r.countersDrained, `connection counters not back to 0: ${JSON.stringify(r.countersAfter)}`);
  // TIME-WAIT records belong to closed connections only: never more than were closed.
  assert.ok(
    r.countersAfter.dpTimeWait <= r.churn.connections + STEADY_CONNECTIONS,
    `${r.countersAfter.dpTimeWait} TIME-WAIT records for ${r.churn.connections} closed connections`,
  );
  for (const role of Object.keys(r.rss.start)) {
    const { level, peak2 } = { level: r.levelAtMiddle[role], peak2: r.peakSecondHalf[role] };
    assert.ok(r.rss.middle[role] > 0 && r.rss.end[role] > 0, `${role}: no VmRSS read (the process is gone?)`);
    assert.ok(
      peak2 <= level * GROWTH_FACTOR + GROWTH_SLACK,
      `${role} grew from ${mib(level)} at the middle to ${mib(peak2)} in the second half (bound ${GROWTH_FACTOR}x + ${mib(GROWTH_SLACK)})`,
    );
    const peak = Math.max(...r.series.map(([, s]) => s[role] ?? 0));
    assert.ok(peak <= CEILING, `${role} reached ${mib(peak)} (ceiling ${mib(CEILING)})`);
  }
}

function summary(r: SoakResult): string {
  const rss = Object.keys(r.rss.start)
    .map(
      (k) =>
        `${k} ${mib(r.rss.start[k])} / ${mib(r.rss.middle[k])} / ${mib(r.rss.end[k])} (level ${mib(r.levelAtMiddle[k])}, second-half peak ${mib(r.peakSecondHalf[k])})`,
    )
    .join("; ");
  return `${r.path} ${r.durationS} s: ${r.churn.connections} churned connections, ${r.steady.operations} steady operations, ${r.errors} errors, drained in ${r.drainMs} ms; VmRSS start / middle / end: ${rss}`;
}

async function soak(path: SoakPath, durationS: number, t: { diagnostic(m: string): void }): Promise<void> {
  const cluster = await startCluster({
    cores: 2,
    policy: "static",
    ...(path === "tap" ? { tap: true, namespace: "ixsoak", tapName: "ixsoaktap0" } : {}),
  });
  try {
    const r = await runSoak({
      cluster,
      path,
      durationS,
      churnConcurrency: 2,
      steadyConnections: STEADY_CONNECTIONS,
      steadyRate: 1000,
    });
    t.diagnostic(summary(r));
    assertSoak(r);
  } finally {
    await cluster.stop();
  }
}

test("soak on the NATS L2 segment (45 s): 0 errors, counters back to 0, memory bounded", async (t) => {
  await soak("nats-l2", 45, t);
});

test(
  "soak through the TAP with Linux clients and memcaslap (60 s): 0 errors, counters back to 0, memory bounded",
  { skip: canUseTap() ? false : "needs root, socat and iproute2 (TAP in a network namespace)" },
  async (t) => {
    await soak("tap", 60, t);
  },
);
