// Shared by test/robustness-*.test.ts and bench/robustness.bench.ts: Linux
// clients in the cluster's namespace, memory and drop readings from the
// services' /metrics, and a peak-memory sampler that runs during an attack.
import { spawn, execFile } from "node:child_process";
import { createInterface } from "node:readline";
import { join } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT, HOST_IP, type Cluster } from "@ix/cluster";
import { metricSamples, sum } from "./metrics.ts";
import { echoClientArgv } from "./echo-client.ts";

const run = promisify(execFile);
const client = (name: string): string => join(REPO_ROOT, "test", "clients", name);

export interface EchoResult {
  verified: number;
  expected: number;
  ports: number[];
  failures: unknown[];
  seconds: number;
}

/** test/clients/echo_client.py in namespace `ns`: `bytes` over `conns` connections, every byte verified. */
export async function echoClient(
  ns: string,
  conns: number,
  bytes: number,
  timeoutS = 60,
): Promise<EchoResult> {
  const argv = ["netns", "exec", ns, ...echoClientArgv({ conns, bytes, timeoutS })];
  try {
    return JSON.parse((await run("ip", argv, { timeout: (timeoutS + 10) * 1000 })).stdout) as EchoResult;
  } catch (e) {
    const out = (e as { stdout?: string }).stdout ?? "";
    if (out.trim().startsWith("{")) return JSON.parse(out) as EchoResult;
    throw e;
  }
}

export interface HoldClient {
  ports: number[];
  /** One command of hold_client.py ("echo N", "closed S"); resolves with its JSON answer. */
  command<T = Record<string, unknown>>(line: string): Promise<T>;
  close(): Promise<void>;
}

/** test/clients/hold_client.py: `conns` connections held open until told what to do. */
export async function holdClient(ns: string, conns: number): Promise<HoldClient> {
  const child = spawn(
    "ip",
    ["netns", "exec", ns, "python3", client("hold_client.py"), "--host", HOST_IP, "--conns", String(conns)],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const lines: string[] = [];
  const waiting: ((l: string) => void)[] = [];
  createInterface({ input: child.stdout }).on("line", (l) => {
    const w = waiting.shift();
    if (w) w(l);
    else lines.push(l);
  });
  const next = (timeoutMs: number): Promise<string> =>
    lines.length > 0
      ? Promise.resolve(lines.shift()!)
      : new Promise((resolve, reject) => {
          const t = setTimeout(() => reject(new Error("hold_client did not answer")), timeoutMs);
          waiting.push((l) => {
            clearTimeout(t);
            resolve(l);
          });
        });
  const first = JSON.parse(await next(30_000)) as { ports: number[] };
  return {
    ports: first.ports,
    command: async <T>(line: string): Promise<T> => {
      child.stdin.write(line + "\n");
      return JSON.parse(await next(60000)) as T;
    },
    close: async () => {
      child.stdin.end("quit\n");
      const t = setTimeout(() => child.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** Resident memory of each dataplane core process, bytes (from its /metrics). */
export async function dataplaneRss(c: Cluster): Promise<number[]> {
  return Promise.all(
    c.cores.map(async (p) => sum(await metricSamples(p.adminUrl, "ix_process_resident_memory_bytes"))),
  );
}

/** Samples the dataplanes' RSS every `periodMs` until stopped; returns the peak of their sum. */
export function peakMemory(c: Cluster, periodMs = 100): { stop(): Promise<number> } {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        peak = Math.max(
          peak,
          (await dataplaneRss(c)).reduce((a, b) => a + b, 0),
        );
      } catch {
        // a scrape during a restart: try again
      }
      await new Promise((r) => setTimeout(r, periodMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return peak;
    },
  };
}

/** Every drop the cores and the NIC counted, by reason (summed over cores). */
export async function dropsByReason(c: Cluster): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const add = (m: Map<string, number>, prefix: string): void => {
    for (const [labels, v] of m) {
      const reason = prefix + (/reason="([^"]+)"/.exec(labels)?.[1] ?? "?");
      out[reason] = (out[reason] ?? 0) + v;
    }
  };
  for (const p of c.cores) add(await metricSamples(p.adminUrl, "ix_dp_drops_total"), "");
  add(await metricSamples(c.nic.adminUrl, "ix_nic_drops_total"), "nic_");
  out.nic_rx_missed = sum(await metricSamples(c.nic.adminUrl, "ix_nic_rx_missed_total"));
  return out;
}

export const total = (r: Record<string, number>): number => Object.values(r).reduce((a, b) => a + b, 0);

/** True when every service process of the cluster is still running. */
export function allAlive(c: Cluster): boolean {
  return [c.nic, ...c.cores, ...(c.app ? [c.app] : [])].every(
    (p) => p.child.exitCode === null && p.child.signalCode === null,
  );
}

/** Polls `check` every 20 ms until it holds; returns the milliseconds it took. */
export async function timeUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < timeoutMs) {
    try {
      if (await check()) return performance.now() - t0;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
}

/** test/clients/probe_client.py: seconds until a fresh connection is echoed (spawned at once, awaited later). */
export function probeRecovery(
  ns: string,
  timeoutS = 60,
): Promise<{ ok: boolean; seconds: number; attempts: number }> {
  const argv = [
    "netns",
    "exec",
    ns,
    "python3",
    client("probe_client.py"),
    "--host",
    HOST_IP,
    "--timeout",
    String(timeoutS),
  ];
  return run("ip", argv, { timeout: (timeoutS + 5) * 1000 }).then(
    (r) => JSON.parse(r.stdout) as { ok: boolean; seconds: number; attempts: number },
  );
}
