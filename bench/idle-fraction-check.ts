#!/usr/bin/env node
// Issue 13's check of the cores' idle fraction (services/dataplane
// queue-metrics.ts) on a live cluster: echo load over the nats-l2 client host
// at a fixed rate, each core's ix_dp_idle_fraction sampled every 100 ms from
// its /metrics, against the core's CPU share over the same window from /proc
// (utime + stime). A core that spends a share S of a CPU should read a busy
// fraction (1 - idle) near S (above it when the machine's other load keeps
// the core waiting for a CPU while it is runnable: the loop counts that as
// active). Before the fix it read busy ~ its cycles' share alone.
//   node bench/idle-fraction-check.ts [--rate R] [--seconds S]
import { parseArgs } from "node:util";
import { loadavg } from "node:os";
import { benchCluster, ECHO_OVER_NATS_L2, ixload, round } from "./support/harness.ts";
import { cpuWindow } from "./support/proc-cpu.ts";

const { values } = parseArgs({
  options: { rate: { type: "string", default: "3000" }, seconds: { type: "string", default: "8" } },
});

async function idleFraction(adminUrl: string): Promise<number> {
  const text = await (await fetch(`${adminUrl}/metrics`)).text();
  const m = /^ix_dp_idle_fraction(?:\{[^}]*\})? (\S+)$/m.exec(text);
  return m ? Number(m[1]) : NaN;
}

const bc = await benchCluster({ cores: 2, policy: false });
try {
  const samples: number[][] = bc.cluster.cores.map(() => []);
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      await Promise.all(
        bc.cluster.cores.map(async (c, i) => samples[i].push(await idleFraction(c.adminUrl))),
      );
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const w = cpuWindow({ core0: bc.pids.core0, core1: bc.pids.core1 });
  const run = await ixload(
    [
      ...ECHO_OVER_NATS_L2,
      "--rate",
      values.rate,
      "--connections",
      "32",
      "--depth",
      "1",
      "--duration",
      values.seconds,
    ],
    { env: bc.hostEnv },
  );
  const cpu = w.stop();
  sampling = false;
  await sampler;
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  console.log(
    JSON.stringify(
      {
        loadAverage: round(loadavg()[0], 2),
        achievedRate: Math.round(run.result.achievedRate),
        cores: bc.cluster.cores.map((_, i) => ({
          cpuShare: cpu[`core${i}`],
          meanBusyFraction: round(1 - mean(samples[i].filter(Number.isFinite)), 3),
          samples: samples[i].length,
        })),
      },
      null,
      2,
    ),
  );
} finally {
  await bc.stop();
}
