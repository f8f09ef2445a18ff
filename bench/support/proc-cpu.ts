// CPU time of processes from /proc/<pid>/stat (utime + stime), so a benchmark
// can say which process was busy during its measured window: on a machine
// with fewer cores than processes this is where the time goes.
import { readFileSync, readdirSync } from "node:fs";
import { clockTicks } from "./clock-ticks.ts";

/** CPU seconds used so far by pid (NaN when it is gone). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command (which may contain spaces) start after the last ')'.
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) / clockTicks();
  } catch {
    return NaN;
  }
}

/** Pids whose command line contains `needle` (for nats-server and other children we did not spawn). */
export function pidsMatching(needle: string): number[] {
  const out: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, "utf8").replaceAll("\0", " ");
      if (cmd.includes(needle)) out.push(Number(d));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/** Starts a CPU-time window over named pids; stop() gives each one's share of one core. */
export function cpuWindow(pids: Record<string, number>): { stop(): Record<string, number> } {
  const t0 = performance.now();
  const c0 = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuSeconds(pid)]));
  return {
    stop() {
      const s = (performance.now() - t0) / 1000;
      const out: Record<string, number> = {};
      for (const [k, pid] of Object.entries(pids))
        out[k] = Math.round(((cpuSeconds(pid) - c0[k]) / s) * 100) / 100;
      return out;
    },
  };
}
