// Flow-group migrations driven through IXCP's admin verb while a Linux echo
// client streams (test/migration-tap.test.ts on one host, hosts-tap.test.ts
// across hosts): the groups go to core 1 and back, `count` times, and the
// cores' migration frame counters are read afterwards.
import assert from "node:assert/strict";
import type { NatsConnection } from "@nats-io/transport-node";
import { ixcpRequest } from "@ix/bus";
import type { EchoClient } from "./echo-client.ts";
import { metricSamples, sum } from "./metrics.ts";

export interface MigrationLoop {
  /** Each IXCP migrate request's time (ms), RETA rewrite included. */
  durationsMs: number[];
  /** Migrations issued while the echo client was still running. */
  overlapped: number;
}

/**
 * `count` migrations of `groups`, alternately to core 1 and back to core 0,
 * while `client` streams; each must be accepted by IXCP. An even count ends
 * where it began.
 */
export async function migrateBackAndForth(
  admin: NatsConnection,
  client: EchoClient,
  groups: number[],
  count: number,
): Promise<MigrationLoop> {
  const durationsMs: number[] = [];
  let overlapped = 0;
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const r = await ixcpRequest(admin, "migrate", { flowGroups: groups, to: i % 2 === 0 ? 1 : 0 });
    durationsMs.push(performance.now() - t0);
    assert.ok(r.ok, `migration ${i}: ${JSON.stringify(r)}`);
    if (client.child.exitCode === null) overlapped++;
  }
  return { durationsMs, overlapped };
}

/**
 * The cores' ix_dp_migration_frames_total summed over every core, by kind
 * ("carried", "forwarded", "held", "dropped_unowned"), read once from each
 * core's /metrics at `adminUrls`.
 */
export async function migrationFrames(adminUrls: string[]): Promise<(kind: string) => number> {
  const frames = await Promise.all(adminUrls.map((u) => metricSamples(u, "ix_dp_migration_frames_total")));
  return (kind) =>
    frames.reduce(
      (acc, m) => acc + sum(new Map([...m].filter(([labels]) => labels.includes(`kind="${kind}"`)))),
      0,
    );
}
