// Calibration of the compose load pattern (deploy/docker-compose.yml, the
// loadgen service's repeating triangle) to this kind of machine: for IXCP to
// have something to follow, the triangle's peak must be above what ONE active
// core serves and below what ALL of them serve. Measured here on a 4-core
// cluster as compose runs it (static policy, IXCP's `cores` verb sets 1, 2 or
// 4 active cores) with the compose loadgen's load shape (memcached USR over
// the nats-l2 client host, ixload's defaults: 4 connections x 4 in flight),
// ixload asking far more than any serves; the counts interleaved and repeated
// (median) so the machine's noise hits them alike. allCoresRate is the best of
// 2 and 4 active cores (on 2 CPUs a third and fourth core process add no CPU).
// suggestedHigh is the middle of one core's rate and that; the compose
// file's configured peak (IX_LOAD_HIGH's default there) is read back and
// checked against the range. Bare processes, not containers: the containers'
// overhead lowers both ends alike.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ixcpRequest } from "@ix/bus";
import { REPO_ROOT } from "@ix/cluster";
import {
  benchCluster,
  generatorFigures,
  ixload,
  median,
  metricSum,
  USR_OVER_NATS_L2,
  type BenchCluster,
} from "./support/harness.ts";
import type { BenchOptions, Figures } from "./support/types.ts";

const COMPOSE_FILE = join(REPO_ROOT, "deploy", "docker-compose.yml");

/** A flag's value in the compose loadgen's command list ("- --depth" then '- "8"'); undefined when absent. */
export function composeFlag(yaml: string, flag: string): string | undefined {
  const m = new RegExp(`- --${flag}\\s*\\n\\s*- "?([^"\\n]+)"?`).exec(yaml);
  return m?.[1];
}

/** The compose loadgen's `${NAME:-default}` value for an environment variable (NaN when absent). */
export function composeDefault(yaml: string, name: string): number {
  const m = new RegExp(`\\$\\{${name}:-([0-9.]+)\\}`).exec(yaml);
  return m ? Number(m[1]) : NaN;
}

async function activeCores(bc: BenchCluster, n: number): Promise<void> {
  const admin = await bc.admin();
  await ixcpRequest(admin, "cores", { n });
  const t0 = performance.now();
  while (performance.now() - t0 < 30_000) {
    if ((await metricSum(bc.cluster.ixcp!.adminUrl, "ix_ixcp_active_cores")) === n) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`IXCP did not reach ${n} active cores within 30 s`);
}

export async function run(o: BenchOptions): Promise<Figures> {
  const yaml = readFileSync(COMPOSE_FILE, "utf8");
  const connections = composeFlag(yaml, "connections") ?? "4";
  const depth = composeFlag(yaml, "depth") ?? "4";
  const bc = await benchCluster({ cores: 4, policy: "static" });
  const runs: Record<number, number[]> = { 1: [], 2: [], 4: [] };
  const out: Figures = {};
  try {
    for (let rep = 0; rep < (o.quick ? 1 : 3); rep++)
      for (const n of [1, 2, 4]) {
        await activeCores(bc, n);
        const { result } = await ixload(
          [...USR_OVER_NATS_L2, "--rate", "100000", "--duration", o.quick ? "2" : "5", "--warmup", "0.5"],
          { env: bc.hostEnv },
        );
        runs[n].push(Math.round(result.achievedRate));
        out[`cores${n}`] = { maxRates: runs[n], generator: generatorFigures(result) };
        o.log(`${n} active core(s): ${Math.round(result.achievedRate)} req/s`);
      }
  } finally {
    await bc.stop();
  }
  const rates = { 1: median(runs[1]), 2: median(runs[2]), 4: median(runs[4]) };
  const high = composeDefault(yaml, "IX_LOAD_HIGH");
  const low = rates[1];
  const all = Math.max(rates[2], rates[4]);
  return {
    ...out,
    connections: Number(connections),
    depth: Number(depth),
    oneCoreRate: low,
    allCoresRate: all,
    suggestedHigh: Math.round((low + all) / 2 / 100) * 100,
    composeHigh: high,
    composeLow: composeDefault(yaml, "IX_LOAD_LOW"),
    composePeriodS: composeDefault(yaml, "IX_LOAD_PERIOD_S"),
    // 1 when the configured peak sits strictly between one core's and all cores' rate.
    composeHighInRange: Number(high > low && high < all),
  };
}
