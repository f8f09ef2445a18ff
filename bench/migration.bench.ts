// Flow-group migration under load: echo traffic over 64 connections (nats-l2)
// while IXCP's admin API moves 16 of core 0's flow groups to core 1 and back.
// The pause is the source core's START-to-READY time (ix_dp_last_migration_us:
// the groups' frames are held or forwarded meanwhile); also the admin request
// time (including the RETA rewrite) and the frames forwarded and held.
import { ixcpRequest } from "@ix/bus";
import { benchCluster, ixload, metricSum, quantile, ECHO_OVER_NATS_L2 } from "./support/harness.ts";
import type { BenchOptions, Figures } from "./support/types.ts";

export async function run(o: BenchOptions): Promise<Figures> {
  const migrations = o.quick ? 20 : 100;
  const bc = await benchCluster({ cores: 2, policy: "static" });
  const cores = bc.cluster.cores.map((c) => c.adminUrl);
  const frames = async (kind: string): Promise<number> => {
    let s = 0;
    for (const c of cores) s += await metricSum(c, "ix_dp_migration_frames_total", `kind="${kind}"`);
    return s;
  };
  try {
    const admin = await bc.admin();
    const load = ixload(
      [
        ...ECHO_OVER_NATS_L2,
        "--rate",
        "5000",
        "--connections",
        "64",
        "--depth",
        "4",
        "--duration",
        String(o.quick ? 4 : 20),
        "--warmup",
        "1",
      ],
      { env: bc.hostEnv },
    );
    await new Promise((r) => setTimeout(r, o.quick ? 1500 : 2000)); // connected and in the measured window
    const before = {
      forwarded: await frames("forwarded"),
      held: await frames("held"),
      carried: await frames("carried"),
    };
    const groups = Array.from({ length: 16 }, (_, i) => 2 * i);
    const pauseUs: number[] = [];
    const requestMs: number[] = [];
    let failed = 0;
    for (let i = 0; i < migrations; i++) {
      const to = i % 2 === 0 ? 1 : 0;
      const t0 = performance.now();
      const r = await ixcpRequest(admin, "migrate", { flowGroups: groups, to });
      requestMs.push(performance.now() - t0);
      if (!r.ok) failed++;
      pauseUs.push(await metricSum(cores[1 - to], "ix_dp_last_migration_us"));
      await new Promise((r) => setTimeout(r, o.quick ? 20 : 50));
    }
    const after = {
      forwarded: await frames("forwarded"),
      held: await frames("held"),
      carried: await frames("carried"),
    };
    const { result } = await load;
    const p = (xs: number[], q: number, k = 1): number => Math.round(quantile(xs, q) * k) / k;
    o.log(
      `${migrations} migrations: pause p50 ${p(pauseUs, 0.5)} us p99 ${p(pauseUs, 0.99)} us; echo p99 ${result.latencyUs.p99} us`,
    );
    return {
      migrations,
      failed,
      flowGroupsPerMigration: groups.length,
      pauseUs: { p50: p(pauseUs, 0.5), p99: p(pauseUs, 0.99), max: Math.max(...pauseUs) },
      adminRequestMs: { p50: p(requestMs, 0.5, 100), p99: p(requestMs, 0.99, 100) },
      framesForwarded: after.forwarded - before.forwarded,
      framesHeld: after.held - before.held,
      framesCarried: after.carried - before.carried,
      echoDuringMigrations: { rate: result.achievedRate, p99Us: result.latencyUs.p99, errors: result.errors },
    };
  } finally {
    await bc.stop();
  }
}
