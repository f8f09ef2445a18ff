// The soak (issue 15), shared by bench/soak.bench.ts (5 minutes) and
// test/soak.test.ts (about a minute): connection churn plus steady memcached
// load against a running cluster for a fixed time, the resident memory of
// every cluster process sampled throughout, then the cluster's connection
// counters read until they are back to 0.
//
// Two paths, the same measurements:
//   tap:     Linux clients in the cluster's TAP namespace (root): the churn
//            clients on Linux TCP and memcaslap (libmemcached-tools) as the
//            steady load, or ixload on Linux TCP when memcaslap is missing.
//   nats-l2: userspace client hosts on the NATS L2 segment (no root): the
//            churn clients and ixload with --transport nats-l2.
//
// Resident memory is VmRSS from /proc/<pid>/status of nats-server, the NIC,
// each dataplane core, the app, IXCP (and socat on the tap path): at the
// start (before any load), the middle and the end of the load, and every
// `sampleS` for the plot. The connection counters are the cluster's own:
// ix_dp_connections of every core, ix_app_connections of the app (both
// protocols) and memcached's curr_connections (`stats`, which counts the
// connection asking). TIME-WAIT records (ix_dp_time_wait) are closed
// connections kept 60 s, reported beside them, not counted as open.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { REPO_ROOT, HOST_IP, type Cluster } from "@ix/cluster";
import type { RunResult } from "@ix/loadgen";
import { metricSamples, sum } from "./metrics.ts";

const CHURN_CLIENT = join(REPO_ROOT, "test", "clients", "churn-client.ts");
const IXLOAD = join(REPO_ROOT, "services", "loadgen", "src", "cli.ts");

export type SoakPath = "tap" | "nats-l2";

export interface SoakOptions {
  cluster: Cluster;
  path: SoakPath;
  /** Seconds of load (churn and steady load together). */
  durationS: number;
  /** Churn client processes per protocol (echo and memcached), each with `churnConcurrency` workers. */
  churnProcesses?: number;
  churnConcurrency?: number;
  /**
   * Steady memcached load: connections, and offered operations per second for
   * ixload (memcaslap is closed-loop: each connection sends its next request
   * when answered; its --tps is parsed but not applied).
   */
  steadyConnections?: number;
  steadyRate?: number;
  /** Seconds between memory samples for the plot (default: durationS / 60, at least 1). */
  sampleS?: number;
  /** How long the counters may take to come back to 0 after the load (default 60 s). */
  drainTimeoutS?: number;
  /** One progress line. */
  log?(line: string): void;
}

/** Bytes of VmRSS per process role at one moment. */
export type RssSample = Record<string, number>;

export interface ConnectionCounters {
  /** ix_dp_connections summed over the cores. */
  dpConnections: number;
  /** ix_app_connections summed over both protocols. */
  appConnections: number;
  /** memcached `stats` curr_connections, minus the one connection asking. */
  memcachedCurrConnections: number;
  /** ix_dp_time_wait summed over the cores (closed connections, kept 2*MSL). */
  dpTimeWait: number;
}

export interface SoakResult {
  path: SoakPath;
  durationS: number;
  /** What gave the steady load: "memcaslap -s ... -T 1 -c 8 -t 300s --verify=0.05", "ixload ...". */
  steadyCommand: string;
  churn: {
    processes: number;
    connections: number;
    operations: number;
    errors: number;
    errorSamples: string[];
  };
  steady: { operations: number; errors: number; errorSamples: string[] };
  /** Churn plus steady-load errors. */
  errors: number;
  rss: { start: RssSample; middle: RssSample; end: RssSample; afterDrain: RssSample };
  /** Highest VmRSS of each process between the middle and the end (both included). */
  peakSecondHalf: RssSample;
  /**
   * Each process's level at the middle: its highest VmRSS over the quarter
   * of the run before the middle (durationS/4 .. durationS/2). A Node
   * process's RSS is a sawtooth of garbage collection (IXCP's measured
   * 148..262 MiB with a period near 100 s): one sample at the middle reads
   * wherever the cycle happens to be, its envelope does not.
   */
  levelAtMiddle: RssSample;
  /** [seconds since the load started, VmRSS by role] every sampleS. */
  series: [number, RssSample][];
  /** The counters once back to 0, or as last read when they never came back. */
  countersAfter: ConnectionCounters;
  /** True when every open-connection counter read 0 within drainTimeoutS. */
  countersDrained: boolean;
  /** Milliseconds from the end of the load until the counters read 0. */
  drainMs: number;
}

/** VmRSS of one process in bytes (0 when it is gone). */
export function vmRssBytes(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Every process of the cluster by role: nats, nic, core0.., app, ixcp, socat (those that exist). */
export function clusterPids(c: Cluster): Record<string, number> {
  const pids: Record<string, number> = {};
  const add = (role: string, pid: number | undefined): void => {
    if (pid !== undefined && pid > 0) pids[role] = pid;
  };
  add("nats", c.nats.pid);
  add("nic", c.nic.child.pid);
  c.cores.forEach((p, i) => add(`core${i}`, p.child.pid));
  add("app", c.app?.child.pid);
  add("ixcp", c.ixcp?.child.pid);
  add("socat", c.tap?.socatPid);
  return pids;
}

export function hasMemcaslap(): boolean {
  try {
    execFileSync("sh", ["-c", "command -v memcaslap"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** The process's argv to run `argv` on the soak's path (inside the namespace on the tap path). */
function onPath(c: Cluster, path: SoakPath, argv: string[]): [string, string[]] {
  if (path === "tap") {
    if (!c.tap) throw new Error("soak: the tap path needs a cluster started with tap: true");
    return ["ip", ["netns", "exec", c.tap.opts.namespace, ...argv]];
  }
  return [argv[0], argv.slice(1)];
}

interface Child {
  child: ChildProcess;
  /** The program (memcaslap, ixload, churn-client), for messages. */
  argv0: string;
  /** True when stopLate had to end it. */
  late?: boolean;
  /** The last JSON line of each kind it printed. */
  last: Record<string, unknown>;
  output: () => string;
  exited: Promise<number | null>;
}

function start(c: Cluster, path: SoakPath, argv: string[], env: Record<string, string>): Child {
  const [cmd, args] = onPath(c, path, argv);
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const last: Record<string, unknown> = {};
  let text = "";
  createInterface({ input: child.stdout! }).on("line", (line) => {
    text = (text + line + "\n").slice(-8000);
    if (!line.startsWith("{")) return;
    try {
      Object.assign(last, JSON.parse(line) as Record<string, unknown>);
    } catch {
      // a line that merely starts with "{": kept in the output only
    }
  });
  child.stderr!.on("data", (d: Buffer) => (text = (text + d.toString()).slice(-8000)));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const argv0 = (argv[1]?.endsWith(".ts") ? argv[1] : argv[0]).split("/").pop()!;
  return { child, argv0, last, output: () => text, exited };
}

/** Resolves `p`, or kills the child and throws naming `what` after `ms`. */
async function bounded<T>(p: Promise<T>, ms: number, what: string, child?: ChildProcess): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          child?.kill("SIGKILL");
          reject(new Error(`${what}: not within ${Math.round(ms / 1000)} s`));
        }, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits up to `ms` for every child to exit; ends the others (SIGTERM, then SIGKILL after 20 s) and returns them. */
async function stopLate(children: Child[], ms: number): Promise<Child[]> {
  const running = (ch: Child): boolean => ch.child.exitCode === null && ch.child.signalCode === null;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(children.map((ch) => ch.exited)),
    new Promise((r) => (timer = setTimeout(r, ms))),
  ]);
  clearTimeout(timer);
  const late = children.filter(running);
  for (const ch of late) {
    ch.late = true;
    ch.child.kill("SIGTERM");
  }
  await bounded(Promise.all(late.map((ch) => ch.exited)), 20_000, "clients ending on SIGTERM").catch(() =>
    late.forEach((ch) => ch.child.kill("SIGKILL")),
  );
  await Promise.all(late.map((ch) => ch.exited));
  return late;
}

/** How a client ended, with the end of its output. */
function exitWords(ch: Child): string {
  const how = ch.late
    ? "did not exit within 60 s after the load (stopped)"
    : `exited ${ch.child.exitCode ?? ch.child.signalCode}`;
  return `${how}: ${ch.output().slice(-300).trim()}`;
}

/** memcaslap's summary: operations, verify_failed, and any line that reports an error. */
export function parseMemcaslapSoak(out: string): { ops: number; errors: number; errorSamples: string[] } {
  const m = /Run time:\s*[\d.]+s\s+Ops:\s*(\d+)\s+TPS:\s*\d+/.exec(out);
  if (!m) throw new Error(`memcaslap printed no "Run time: ... Ops:" line: ${out.slice(-400).trim()}`);
  const verifyFailed = Number(/verify_failed:\s*(\d+)/.exec(out)?.[1] ?? 0);
  // memcaslap reports failed connections and bad replies on lines of their own
  const errorLines = out
    .split("\n")
    .filter((l) => /error|fail|refused|reset|timed? ?out/i.test(l) && !/^verify_failed:/.test(l.trim()));
  return {
    ops: Number(m[1]),
    errors: verifyFailed + errorLines.length,
    errorSamples: [
      ...(verifyFailed > 0 ? [`verify_failed: ${verifyFailed}`] : []),
      ...errorLines.slice(0, 5),
    ],
  };
}

/** The cluster's open-connection counters now (memcached's via `stats` on the soak's path). */
export async function connectionCounters(c: Cluster, path: SoakPath): Promise<ConnectionCounters> {
  let dpConnections = 0;
  let dpTimeWait = 0;
  for (const p of c.cores) {
    dpConnections += sum(await metricSamples(p.adminUrl, "ix_dp_connections"));
    dpTimeWait += sum(await metricSamples(p.adminUrl, "ix_dp_time_wait"));
  }
  const appConnections = sum(await metricSamples(c.app!.adminUrl, "ix_app_connections"));
  const s = start(
    c,
    path,
    [
      process.execPath,
      CHURN_CLIENT,
      "--server",
      HOST_IP,
      "--stats",
      "--transport",
      path === "tap" ? "kernel" : "nats-l2",
    ],
    path === "tap" ? {} : c.env("host"),
  );
  const code = await bounded(s.exited, 30_000, "memcached stats", s.child);
  const stats = s.last.stats as Record<string, number> | undefined;
  if (code !== 0 || stats?.curr_connections === undefined)
    throw new Error(`memcached stats failed (exit ${code}): ${s.output().slice(-300)}`);
  return { dpConnections, appConnections, memcachedCurrConnections: stats.curr_connections - 1, dpTimeWait };
}

const isDrained = (k: ConnectionCounters): boolean =>
  k.dpConnections === 0 && k.appConnections === 0 && k.memcachedCurrConnections === 0;

/**
 * Runs the soak against `o.cluster` (already started, idle) and returns what
 * it measured; decides nothing (the bench and the test apply their bounds).
 * Every child it starts is ended before it returns, also on failure.
 */
export async function runSoak(o: SoakOptions): Promise<SoakResult> {
  const c = o.cluster;
  const log = o.log ?? (() => undefined);
  const pids = clusterPids(c);
  const sample = (): RssSample =>
    Object.fromEntries(Object.entries(pids).map(([k, p]) => [k, vmRssBytes(p)]));
  const d = o.durationS;
  const nChurn = o.churnProcesses ?? 2;
  const concurrency = o.churnConcurrency ?? 4;
  const steadyConns = o.steadyConnections ?? 8;
  const steadyRate = o.steadyRate ?? 2000;
  const sampleS = o.sampleS ?? Math.max(1, d / 60);
  const kernel = o.path === "tap";
  const hostEnv = kernel ? {} : c.env("host");
  if (kernel) {
    // Linux keeps each closed echo connection's port in TIME-WAIT for 60 s: the whole range, not 28k of it.
    execFileSync("ip", [
      "netns",
      "exec",
      c.tap!.opts.namespace,
      "sysctl",
      "-qw",
      "net.ipv4.ip_local_port_range=1024 65000",
    ]);
  }

  const children: Child[] = [];
  const dir = mkdtempSync(join(tmpdir(), "ixsoak-"));
  const series: [number, RssSample][] = [];
  let sampler: NodeJS.Timeout | undefined;
  const timers: NodeJS.Timeout[] = [];
  try {
    const rssStart = sample();
    const t0 = performance.now();
    const elapsed = (): number => Math.round((performance.now() - t0) / 100) / 10;
    series.push([0, rssStart]);

    // Steady memcached load.
    let steadyCommand: string;
    let steady: Child;
    const useMemcaslap = kernel && hasMemcaslap();
    if (useMemcaslap) {
      const args = [
        "-s",
        `${HOST_IP}:11211`,
        "-T",
        "1",
        "-c",
        String(steadyConns),
        "-t",
        `${d}s`,
        "--verify=0.05",
      ];
      steadyCommand = `memcaslap ${args.join(" ")}`;
      steady = start(c, o.path, ["memcaslap", ...args], {});
    } else {
      const args = [
        "--server",
        `${HOST_IP}:11211`,
        "--protocol",
        "memcached",
        "--workload",
        "usr",
        "--transport",
        kernel ? "kernel" : "nats-l2",
        "--rate",
        String(steadyRate),
        "--connections",
        String(steadyConns),
        "--duration",
        String(d),
        "--warmup",
        "0",
        "--ceiling",
        "off",
      ];
      steadyCommand = `ixload ${args.join(" ")}`;
      steady = start(
        c,
        o.path,
        [process.execPath, IXLOAD, "--quiet", "--json", join(dir, "steady.json"), ...args],
        hostEnv,
      );
    }
    children.push(steady);

    // Churn: nChurn processes per protocol.
    const churn: Child[] = [];
    for (const protocol of ["echo", "memcached"]) {
      for (let i = 0; i < nChurn; i++) {
        const ch = start(
          c,
          o.path,
          [
            process.execPath,
            CHURN_CLIENT,
            "--server",
            HOST_IP,
            "--protocol",
            protocol,
            "--transport",
            kernel ? "kernel" : "nats-l2",
            "--concurrency",
            String(concurrency),
            "--duration",
            String(d),
            "--progress-s",
            String(Math.max(1, Math.min(10, d / 10))),
          ],
          hostEnv,
        );
        churn.push(ch);
        children.push(ch);
      }
    }
    const churnTotals = (): {
      connections: number;
      operations: number;
      errors: number;
      errorSamples: string[];
    } => {
      const t = { connections: 0, operations: 0, errors: 0, errorSamples: [] as string[] };
      for (const ch of churn) {
        const r = (ch.last.result ?? ch.last.progress) as
          { connections: number; operations: number; errors: number; errorSamples: string[] } | undefined;
        if (!r) continue;
        t.connections += r.connections;
        t.operations += r.operations;
        t.errors += r.errors;
        t.errorSamples.push(...r.errorSamples);
      }
      t.errorSamples = t.errorSamples.slice(0, 10);
      return t;
    };

    sampler = setInterval(() => {
      series.push([elapsed(), sample()]);
      const t = churnTotals();
      log(
        `${elapsed().toFixed(0)}/${d} s: ${t.connections} churned connections, ${t.operations} churn operations, ${t.errors} errors; RSS MB ${Object.entries(
          series.at(-1)![1],
        )
          .map(([k, v]) => `${k} ${(v / 2 ** 20).toFixed(0)}`)
          .join(", ")}`,
      );
    }, sampleS * 1000);
    let rssMiddle: RssSample = {};
    let rssEnd: RssSample = {};
    const middle = new Promise<void>((r) =>
      timers.push(setTimeout(() => ((rssMiddle = sample()), r()), (d * 1000) / 2)),
    );
    const end = new Promise<void>((r) => timers.push(setTimeout(() => ((rssEnd = sample()), r()), d * 1000)));
    await middle;
    series.push([elapsed(), rssMiddle]);
    const peakFrom = series.length - 1;
    await end;
    clearInterval(sampler);
    series.push([elapsed(), rssEnd]);
    const peakSecondHalf = envelope(series.slice(peakFrom));
    const levelAtMiddle = envelope(series.slice(0, peakFrom + 1).filter(([t]) => t >= d / 4));

    // Every client stops on its own at the deadline; in-flight connections get their timeout to finish.
    // One that has not after 60 s more is stopped (SIGTERM: a churn client reports what it did; then SIGKILL) and counted as an error.
    const late = await stopLate(children, 60_000);
    if (late.length > 0)
      log(`did not exit within 60 s after the load: ${late.map((ch) => ch.argv0).join(", ")}`);
    const badExit = children.filter((ch) => ch.child.exitCode !== 0 || ch.late === true);
    let steadyResult: { operations: number; errors: number; errorSamples: string[] };
    if (useMemcaslap) {
      const m = parseMemcaslapSoak(steady.output());
      steadyResult = {
        operations: m.ops,
        errors: m.errors + (badExit.includes(steady) ? 1 : 0),
        errorSamples: [
          ...m.errorSamples,
          ...(badExit.includes(steady) ? [`memcaslap: ${exitWords(steady)}`] : []),
        ],
      };
    } else if (!badExit.includes(steady)) {
      const r = JSON.parse(readFileSync(join(dir, "steady.json"), "utf8")) as RunResult;
      steadyResult = { operations: r.requests, errors: r.errors, errorSamples: [] };
    } else steadyResult = { operations: 0, errors: 1, errorSamples: [`ixload: ${exitWords(steady)}`] };
    const ct = churnTotals();
    // A churn client that died counts once: its connections since the last progress line are unknown.
    for (const ch of churn.filter((x) => badExit.includes(x))) {
      ct.errors++;
      ct.errorSamples.push(`churn client: ${exitWords(ch)}`);
    }
    log(
      `load done: churn ${ct.connections} connections / ${ct.operations} operations / ${ct.errors} errors; steady ${steadyResult.operations} operations / ${steadyResult.errors} errors`,
    );

    // The counters, until every open-connection count reads 0 (bounded).
    const tDrain = performance.now();
    const drainTimeoutMs = (o.drainTimeoutS ?? 60) * 1000;
    let counters = await connectionCounters(c, o.path);
    while (!isDrained(counters) && performance.now() - tDrain < drainTimeoutMs) {
      await new Promise((r) => setTimeout(r, 500));
      counters = await connectionCounters(c, o.path);
    }
    const drainMs = Math.round(performance.now() - tDrain);
    log(
      `counters ${isDrained(counters) ? "back to 0" : "NOT back to 0"} after ${drainMs} ms: ${JSON.stringify(counters)}`,
    );
    return {
      path: o.path,
      durationS: d,
      steadyCommand,
      churn: { processes: churn.length, ...ct },
      steady: steadyResult,
      errors: ct.errors + steadyResult.errors,
      rss: { start: rssStart, middle: rssMiddle, end: rssEnd, afterDrain: sample() },
      peakSecondHalf,
      levelAtMiddle,
      series,
      countersAfter: counters,
      countersDrained: isDrained(counters),
      drainMs,
    };
  } finally {
    clearInterval(sampler);
    for (const t of timers) clearTimeout(t);
    for (const ch of children)
      if (ch.child.exitCode === null && ch.child.signalCode === null) ch.child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each process's highest VmRSS over `samples`. */
function envelope(samples: [number, RssSample][]): RssSample {
  const out: RssSample = {};
  for (const [, s] of samples) for (const [k, v] of Object.entries(s)) out[k] = Math.max(out[k] ?? 0, v);
  return out;
}

/**
 * Per process: its highest VmRSS over the second half over its level at the
 * middle (levelAtMiddle); 1.2 = 20% above. A leak raises every later peak.
 */
export function growthOverMiddleLevel(r: SoakResult): Record<string, number> {
  return Object.fromEntries(
    Object.keys(r.levelAtMiddle).map((k) => [
      k,
      r.levelAtMiddle[k] > 0 ? r.peakSecondHalf[k] / r.levelAtMiddle[k] : Infinity,
    ]),
  );
}

/** Per process: end / middle VmRSS, one sample each (the GC cycle's phase included). */
export function growthFromMiddle(r: SoakResult): Record<string, number> {
  return Object.fromEntries(
    Object.keys(r.rss.middle).map((k) => [
      k,
      r.rss.middle[k] > 0 ? r.rss.end[k] / r.rss.middle[k] : Infinity,
    ]),
  );
}
