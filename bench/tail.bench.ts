// The tail at moderate load (issue 13: "open-loop memcached USR at a quarter
// of the cluster's max rate: p99 at most 5x the p50 at that rate"): the
// cluster's max USR rate over the nats-l2 client host (the memcached
// scenario's peak when it ran before in the same bench, else an overload run
// here: ixload asking 150,000 req/s), then an open-loop fixed-rate run
// (exponential inter-arrivals, as mutilate) at a quarter of it. p99OverP50 is
// the target's figure; the generator's own figures say whether ixload kept
// its schedule.
import { generatorFigures, ixload, round, sharedCluster, USR_OVER_NATS_L2 } from "./support/harness.ts";
import type { BenchOptions, Figures } from "./support/types.ts";

/** The memcached scenario's USR load shape (16 connections x 4 in flight). */
const USR = [...USR_OVER_NATS_L2, "--connections", "16", "--depth", "4"];

export async function run(o: BenchOptions): Promise<Figures> {
  const bc = await sharedCluster();
  const memcached = o.previous.memcached as Figures | undefined;
  const fromSweep = Number(
    ((memcached?.usr as Figures | undefined)?.ixNatsL2 as Figures | undefined)?.peakRate,
  );
  let maxRate: number;
  let maxRateFrom: string;
  if (fromSweep > 0) {
    maxRate = fromSweep;
    maxRateFrom = "memcached.usr.ixNatsL2.peakRate";
  } else {
    const { result } = await ixload(
      [...USR, "--rate", "150000", "--duration", o.quick ? "2" : "4", "--warmup", "0.5"],
      { env: bc.hostEnv },
    );
    maxRate = result.achievedRate;
    maxRateFrom = "overload run (150,000 req/s asked)";
  }
  const rate = Math.max(100, Math.round(maxRate / 4));
  const { result, cpu } = await ixload(
    [...USR, "--rate", String(rate), "--duration", o.quick ? "3" : "10", "--warmup", "1"],
    { env: bc.hostEnv, pids: bc.pids },
  );
  const l = result.latencyUs;
  o.log(`max ${Math.round(maxRate)} req/s; at ${rate} req/s p50 ${l.p50} us, p99 ${l.p99} us`);
  return {
    maxRate: Math.round(maxRate),
    maxRateFrom,
    usrQuarterMax: {
      targetRate: rate,
      achievedRate: Math.round(result.achievedRate),
      p50Us: l.p50,
      p99Us: l.p99,
      p999Us: l.p999,
      p99OverP50: round(l.p99 / Math.max(1, l.p50)),
      p99OverSlo: round(l.p99 / o.sloUs),
      cpuShare: cpu,
      generator: generatorFigures(result),
    },
  };
}

export const usesSharedCluster = true;
