// Connection scalability (issue 15): the cluster holds up to 100,000
// concurrent TCP connections from real Linux clients through a TAP, and keeps
// its throughput. Its own 2-core cluster and namespace (`ixconn`, so it never
// meets `npm start`'s `ix` nor the tests' fixed names).
//
// Client side: 8 holder processes (support/conn-holder.ts), one per source
// address 10.77.0.11-18 added inside the namespace, each binding its sockets
// to its address, with ip_local_port_range widened to 1024-65535 there: 12,500
// connections per address, far from the 64,511 ports each owns (one address
// and one process stopped the old run at ~30,000), and under the 20,000 open
// files a process may have on this machine (hard RLIMIT_NOFILE; Node raises
// its soft limit to it).
//
// Steps: after a throwaway warm-up run, the held connections climb 0 -> 25k
// -> 50k -> 75k -> 100k (quick: 0 -> 5k -> 10k). At each level, after a
// settle, the resident memory of every process (nats-server, NIC, each core,
// app, socat, the holders) is read; then the same echo load (ixload, 100
// connections x depth 1 from 10.77.0.1, offered far beyond capacity) is
// measured, 3 runs. Per-process memory per connection is the least-squares
// slope of RSS against held connections. Before closing, one byte is echoed on
// every held connection: "held" means answered, not just opened. Then none
// held and all held alternate (B T B T B, quick: B T B), so other tenants of
// a shared machine weigh on both sides; throughput kept is the median of the
// runs with all held over the median of those with none. Every step is
// bounded (connects 600 s, checks 300 s, each ixload 120 s).
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { svgDocument } from "@ix/loadgen";
import { canUseTap } from "@ix/cluster";
import { benchCluster, ixload, median, metricSum, round, SERVER_IP } from "./support/harness.ts";
import type { BenchOptions, Figures } from "./support/types.ts";

const NS = "ixconn";
const TAP = "ixconn0";
/** One holder process per address: 12,500 connections each at 100k, under the 20,000 fds a process may open here. */
const SOURCES = Array.from({ length: 8 }, (_, i) => `10.77.0.${11 + i}`);
/** The measured load: the same tool and shape at every level. */
const ACTIVE = 100;
const LOAD = (duration: string, warmup: string): string[] => [
  "--server",
  `${SERVER_IP}:7`,
  "--protocol",
  "echo",
  "--ceiling",
  "off",
  "--rate",
  "100000",
  "--connections",
  String(ACTIVE),
  "--depth",
  "1",
  "--duration",
  duration,
  "--warmup",
  warmup,
];

function rssBytes(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Least-squares slope of y against x (bytes per connection). */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/** One level's echo runs: achieved rates and requests per cluster CPU-second. */
interface Runs {
  rates: number[];
  perCpu: number[];
}

interface HolderMsg {
  type: string;
  closed?: number;
  timedOut?: number;
  held?: number;
  failed?: number;
  firstError?: string;
  echoed?: number;
  lost?: number;
  error?: string;
}

/** One conn-holder child in the namespace, driven line by line. */
class Holder {
  readonly child: ChildProcess;
  private readonly waiting: ((m: HolderMsg) => void)[] = [];
  private stderr = "";
  held = 0;

  constructor(bind: string, onProgress: () => void) {
    const script = join(import.meta.dirname, "support", "conn-holder.ts");
    this.child = spawn(
      "ip",
      ["netns", "exec", NS, process.execPath, script, "--server", `${SERVER_IP}:7`, "--bind", bind],
      { stdio: ["pipe", "pipe", "pipe"] },
    );
    this.child.stdin!.on("error", () => {}); // EPIPE after an exit: reported by the exit handler
    this.child.stderr!.on("data", (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-2000)));
    // A holder that dies (bad address, out of files) fails the step waiting on it at once.
    this.child.once("exit", (code) => {
      for (const w of this.waiting.splice(0)) w({ type: "error", error: `exited ${code}: ${this.stderr}` });
    });
    createInterface({ input: this.child.stdout! }).on("line", (line) => {
      const m = JSON.parse(line) as HolderMsg;
      if (m.type === "progress") {
        this.held = m.held ?? this.held;
        onProgress();
      } else this.waiting.shift()?.(m);
    });
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  /** Sends one command and waits for its answer (bounded). */
  ask(cmd: string, timeoutMs: number): Promise<HolderMsg> {
    return new Promise((resolve, reject) => {
      if (this.child.exitCode !== null) return reject(new Error(`conn-holder exited: ${this.stderr}`));
      const t = setTimeout(
        () => reject(new Error(`conn-holder never answered "${cmd}" in ${timeoutMs} ms: ${this.stderr}`)),
        timeoutMs,
      );
      this.waiting.push((m) => {
        clearTimeout(t);
        if (m.type === "error") reject(new Error(`conn-holder: ${m.error}`));
        else resolve(m);
      });
      this.child.stdin!.write(cmd + "\n");
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once("exit", r));
    this.child.stdin!.end("quit\n");
    const t = setTimeout(() => this.child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(t);
  }
}

export async function run(o: BenchOptions): Promise<Figures> {
  if (!canUseTap()) return { skipped: "needs root, socat and iproute2 (TAP)" };
  const levels = o.quick ? [0, 5000, 10_000] : [0, 25_000, 50_000, 75_000, 100_000];
  const runs = o.quick ? 2 : 3;
  /** Rounds of (all held, none held) after the climb: B T B, then T B each. */
  const rounds = o.quick ? 1 : 2;
  const settleMs = o.quick ? 1000 : 5000;
  const [duration, warmup] = o.quick ? ["2", "0.5"] : ["3", "1"];
  const loadAtStart = loadavg()[0];
  const bc = await benchCluster({ cores: 2, policy: false, tap: true, namespace: NS, tapName: TAP });
  const holders: Holder[] = [];
  try {
    const nsExec = (argv: string[]): string =>
      execFileSync("ip", ["netns", "exec", NS, ...argv], { encoding: "utf8" });
    nsExec(["sysctl", "-qw", "net.ipv4.ip_local_port_range=1024 65535"]);
    for (const a of SOURCES) nsExec(["ip", "addr", "add", `${a}/24`, "dev", TAP]);
    const procs: Record<string, number> = { ...bc.pids };
    delete procs.ixcp;
    if (bc.cluster.tap?.socatPid) procs.socat = bc.cluster.tap.socatPid;
    const perCore = async (): Promise<number[]> =>
      Promise.all(bc.cluster.cores.map((c) => metricSum(c.adminUrl, "ix_dp_connections")));
    const connectionsOnCores = async (): Promise<number> => (await perCore()).reduce((x, y) => x + y, 0);
    // One level's echo runs: the rates, and each rate over the cluster's CPU
    // (nats, NIC, cores, app, socat; CPU-seconds per second over the ixload
    // process's life), i.e. requests per cluster CPU-second: what a request
    // costs, which other tenants of a shared machine do not move as much as
    // they move the rate.
    const measure = async (label: string): Promise<Runs> => {
      const rates: number[] = [];
      const perCpu: number[] = [];
      for (let i = 0; i < runs; i++) {
        const { result, cpu } = await ixload(LOAD(duration, warmup), {
          netns: NS,
          pids: procs,
          timeoutMs: 120_000,
        });
        if (result.errors > 0) throw new Error(`${label}: ${result.errors} errors in the echo load`);
        rates.push(Math.round(result.achievedRate));
        const clusterCpu = Object.keys(procs).reduce((sum, k) => sum + (cpu[k] ?? 0), 0);
        perCpu.push(clusterCpu > 0 ? Math.round(result.achievedRate / clusterCpu) : 0);
      }
      o.log(
        `${label}: echo over ${ACTIVE} connections ${rates.join(", ")} req/s (${perCpu.join(", ")} per cluster CPU-s)`,
      );
      return { rates, perCpu };
    };
    let progressAt = Date.now();
    const onProgress = (): void => {
      if (Date.now() - progressAt < 5000) return;
      progressAt = Date.now();
      o.log(`  ${holders.reduce((s, h) => s + h.held, 0)} connections held ...`);
    };
    const openTo = async (level: number): Promise<void> => {
      if (holders.length === 0) for (const a of SOURCES) holders.push(new Holder(a, onProgress));
      const t0 = Date.now();
      const per = level / holders.length;
      const answers = await Promise.all(holders.map((h) => h.ask(`open ${per}`, 600_000)));
      answers.forEach((m, i) => (holders[i].held = m.held ?? 0));
      const failed = answers.reduce((s, m) => s + (m.failed ?? 0), 0);
      const held = answers.reduce((s, m) => s + (m.held ?? 0), 0);
      o.log(`${held} held (${failed} connects failed) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      if (held < level)
        throw new Error(
          `only ${held} of ${level} connections opened: ${answers.find((m) => m.firstError)?.firstError}`,
        );
    };
    // Closes every held connection gracefully (the holders stay alive until
    // each FIN is answered) and waits for the cores to see them gone, then
    // for the freed state to be collected. What is still open after 120 s is
    // recorded (leftOpenAfterClose), not fatal: the figures of the run stand.
    const closeAll = async (): Promise<void> => {
      const answers = await Promise.all(holders.map((h) => h.ask("close", 360_000)));
      const timedOut = answers.reduce((s, m) => s + (m.timedOut ?? 0), 0);
      for (const h of holders) await h.stop();
      holders.length = 0;
      const deadline = Date.now() + 120_000;
      while ((await connectionsOnCores()) > 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 500));
      const left = await connectionsOnCores();
      leftOpen.push(left);
      closeTimeouts += timedOut;
      o.log(`closed: ${timedOut} closes timed out on the clients, ${left} connections left on the cores`);
      await new Promise((r) => setTimeout(r, settleMs));
    };
    const readRss = (): Record<string, number> => {
      const rss: Record<string, number> = {};
      for (const [name, pid] of Object.entries(procs)) rss[name] = rssBytes(pid);
      rss.client = holders.reduce((sum, h) => sum + rssBytes(h.pid), 0);
      return rss;
    };

    const leftOpen: number[] = [];
    let closeTimeouts = 0;
    // A throwaway run: the cluster's JIT warms up before anything is compared.
    await measure("warm-up");
    // The holders start idle, so their own baseline is in the 0 row.
    for (const a of SOURCES) holders.push(new Holder(a, onProgress));
    const baselines: Runs[] = [await measure("0 held")];
    const tops: Runs[] = [];
    const rows: { held: number; rss: Record<string, number>; runs: Runs; onCores: number[] }[] = [];
    for (const level of levels) {
      if (level > 0) await openTo(level);
      // Let timers, GC and the stack's queues settle before reading memory.
      await new Promise((r) => setTimeout(r, settleMs));
      const rss = readRss();
      const onCores = await perCore();
      const m = level === 0 ? baselines[0] : await measure(`${level} held`);
      rows.push({ held: level, rss, runs: m, onCores });
      const mib = (b: number): string => (b / 2 ** 20).toFixed(0);
      o.log(
        `${level} held (${onCores.join(" + ")} on the cores): RSS MiB ` +
          Object.entries(rss)
            .map(([k, v]) => `${k} ${mib(v)}`)
            .join(", "),
      );
    }
    const topLevel = levels[levels.length - 1];
    tops.push(rows[rows.length - 1].runs);
    // Every held connection answers one byte (the echo app, through the stack).
    const checks = await Promise.all(holders.map((h) => h.ask("check", 360_000)));
    const held = checks.reduce((s, m) => s + (m.held ?? 0), 0);
    const echoed = checks.reduce((s, m) => s + (m.echoed ?? 0), 0);
    const lost = checks.reduce((s, m) => s + (m.lost ?? 0), 0);
    o.log(`echo check: ${echoed} of ${held} held connections answered, ${lost} lost`);
    // None held and all held alternate (B T B T B): a machine whose other
    // tenants got busier or quieter during the run weighs on both sides.
    await closeAll();
    baselines.push(await measure("0 held"));
    for (let round = 1; round < rounds; round++) {
      await openTo(topLevel);
      await new Promise((r) => setTimeout(r, settleMs));
      tops.push(await measure(`${topLevel} held again`));
      await closeAll();
      baselines.push(await measure("0 held"));
    }

    const out: Figures = {};
    // Where and when, in the figures themselves: this scenario is often run
    // alone (--only connections) and merged into a results file of another run.
    out.measuredOn = `${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} CPUs, ${Math.round(totalmem() / 2 ** 30)} GiB, load average ${loadAtStart.toFixed(1)} at the start and ${loadavg()[0].toFixed(1)} at the end, ${new Date().toISOString()}`;
    const xs = rows.map((r) => r.held);
    // Bytes per connection held (all of them): the processes' figures add up
    // to the cluster's cost of one connection.
    const perProcess: Figures = {};
    for (const name of Object.keys(rows[0].rss)) {
      perProcess[name] = Math.round(
        slope(
          xs,
          rows.map((r) => r.rss[name]),
        ),
      );
    }
    // A core's bytes per connection it holds itself (RSS spreads them over the cores).
    const perOwnConnection: Figures = {};
    bc.cluster.cores.forEach((_, i) => {
      perOwnConnection[`core${i}`] = Math.round(
        slope(
          rows.map((r) => r.onCores[i]),
          rows.map((r) => r.rss[`core${i}`]),
        ),
      );
    });
    const all = (rs: Runs[], k: keyof Runs): number[] => rs.flatMap((r) => r[k]);
    const baseline = median(all(baselines, "rates"));
    const baselinePerCpu = median(all(baselines, "perCpu"));
    for (const r of rows) {
      out[`c${r.held + ACTIVE}`] = {
        held: r.held,
        onCores: r.onCores.reduce((x, y) => x + y, 0),
        rate: median(r.runs.rates),
        rates: r.runs.rates,
        requestsPerClusterCpuSecond: median(r.runs.perCpu),
        rssMiB: Object.fromEntries(Object.entries(r.rss).map(([k, v]) => [k, round(v / 2 ** 20)])),
      };
    }
    const top = rows[rows.length - 1];
    out.activeConnections = ACTIVE;
    out.sourceAddresses = SOURCES.length;
    out.clientProcesses = SOURCES.length;
    out.baselineRates = all(baselines, "rates");
    out.ratesAtMax = all(tops, "rates");
    out.baselineRate = baseline;
    out.baselineRequestsPerClusterCpuSecond = baselinePerCpu;
    out.heldAtMax = top.held;
    out.echoedAtMax = echoed;
    out.lostAtMax = lost;
    /** Per close of all held connections: connections the cores still had 120 s later (0 expected). */
    out.leftOpenAfterClose = leftOpen;
    out.closesTimedOut = closeTimeouts;
    // Held and answered: a connection that did not echo does not count.
    out.maxConnections = Math.min(top.held, echoed) + ACTIVE;
    out.rssBytesPerConnection = perProcess;
    out.coreRssBytesPerOwnConnection = perOwnConnection;
    const cores = Object.keys(perProcess).filter((k) => k.startsWith("core"));
    // The old figure's sum (cores + app), kept comparable with earlier runs.
    out.rssBytesPerConnectionSlope = [...cores, "app"].reduce((s, k) => s + (perProcess[k] as number), 0);
    out.clusterRssBytesPerConnection = ["nats", "nic", "app", ...cores].reduce(
      (s, k) => s + ((perProcess[k] as number | undefined) ?? 0),
      0,
    );
    out.throughputAtMaxVs100 = round(median(all(tops, "rates")) / baseline);
    // The same ratio per cluster CPU-second: the cost of a request with 100k held vs none.
    out.requestsPerCpuAtMaxVs100 = round(median(all(tops, "perCpu")) / baselinePerCpu);
    writeFileSync(join(o.outDir, "connections.svg"), await connectionsPlot(out));
    return out;
  } finally {
    for (const h of holders) await h.stop().catch(() => {});
    await bc.stop();
  }
}

/**
 * connections.svg from the scenario's figures (run()'s output, kept in
 * bench.json under "connections": c<N> per total connection count), so `node
 * bench/replot.ts` redraws it without rerunning: throughput and each process's
 * resident memory against the connections.
 */
export function connectionsPlot(f: Figures): Promise<string> {
  const counts = Object.keys(f)
    .map((k) => /^c(\d+)$/.exec(k))
    .filter((m) => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
  const row = (n: number): Figures => f[`c${n}`] as Figures;
  const names = counts.length > 0 ? Object.keys((row(counts[0]).rssMiB as Figures | undefined) ?? {}) : [];
  return svgDocument([
    {
      title: `Echo throughput over ${String(f.activeConnections ?? 100)} connections against connections held`,
      xLabel: "connections",
      yLabel: "requests/s",
      series: [{ name: "cluster (TAP)", points: counts.map((n) => [n, row(n).rate as number]) }],
    },
    {
      title: "Resident memory against connections",
      xLabel: "connections",
      yLabel: "RSS MiB",
      series: names.map((name) => ({
        name,
        points: counts.map((n): [number, number] => [n, (row(n).rssMiB as Figures)[name] as number]),
      })),
    },
  ]);
}
