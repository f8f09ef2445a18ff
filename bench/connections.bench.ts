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
// Steps: the held connections climb 0 -> 25k -> 50k -> 75k -> 100k (quick:
// 0 -> 5k -> 10k). At each level, after a settle, the resident memory of every
// process (nats-server, NIC, each core, app, socat, the holders) is read; then
// the same echo load (ixload, 100 connections x depth 1 from 10.77.0.1,
// offered far beyond capacity) is measured. Per-process memory per
// connection is the least-squares slope of RSS against held connections.
// Throughput kept: the median of the runs at the top level over the median of
// the runs with none held (measured before the climb and again after every
// held connection is closed, so a machine that got busier or quieter during
// the run shows in both). Before closing, one byte is echoed on every held
// connection: "held" means answered, not just opened.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
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

interface HolderMsg {
  type: string;
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
      [
        "netns",
        "exec",
        NS,
        process.execPath,
        script,
        "--server",
        `${SERVER_IP}:7`,
        "--bind",
        bind,
      ],
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
  const [duration, warmup] = o.quick ? ["2", "0.5"] : ["3", "1"];
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
    const connectionsOnCores = async (): Promise<number> => {
      let n = 0;
      for (const c of bc.cluster.cores) n += await metricSum(c.adminUrl, "ix_dp_connections");
      return n;
    };
    const measure = async (label: string): Promise<number[]> => {
      const rates: number[] = [];
      for (let i = 0; i < runs; i++) {
        const { result } = await ixload(LOAD(duration, warmup), { netns: NS, timeoutMs: 120_000 });
        if (result.errors > 0) throw new Error(`${label}: ${result.errors} errors in the echo load`);
        rates.push(Math.round(result.achievedRate));
      }
      o.log(`${label}: echo over ${ACTIVE} connections ${rates.join(", ")} req/s`);
      return rates;
    };
    const baseBefore = await measure("0 held (before)");
    let progressAt = Date.now();
    const onProgress = (): void => {
      if (Date.now() - progressAt < 5000) return;
      progressAt = Date.now();
      o.log(`  ${holders.reduce((s, h) => s + h.held, 0)} connections held ...`);
    };
    for (const a of SOURCES) holders.push(new Holder(a, onProgress));
    const clientPids = (): number[] => holders.map((h) => h.pid);
    const rows: { held: number; rss: Record<string, number>; rates: number[]; onCores: number }[] = [];
    for (const level of levels) {
      if (level > 0) {
        const t0 = Date.now();
        const per = level / holders.length;
        const answers = await Promise.all(holders.map((h) => h.ask(`open ${per}`, 600_000)));
        answers.forEach((m, i) => (holders[i].held = m.held ?? 0));
        const failed = answers.reduce((s, m) => s + (m.failed ?? 0), 0);
        const held = answers.reduce((s, m) => s + (m.held ?? 0), 0);
        o.log(`${held} held (${failed} connects failed) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        if (held < level)
          throw new Error(`only ${held} of ${level} connections opened: ${answers.find((m) => m.firstError)?.firstError}`);
      }
      // Let timers, GC and the stack's queues settle before reading memory.
      await new Promise((r) => setTimeout(r, o.quick ? 1000 : 3000));
      const rss: Record<string, number> = {};
      for (const [name, pid] of Object.entries(procs)) rss[name] = rssBytes(pid);
      rss.client = clientPids().reduce((s, p) => s + rssBytes(p), 0);
      const onCores = await connectionsOnCores();
      const rates = level === 0 ? baseBefore : await measure(`${level} held`);
      rows.push({ held: level, rss, rates, onCores });
      const mib = (b: number): string => (b / 2 ** 20).toFixed(0);
      o.log(
        `${level} held (${onCores} on the cores): RSS MiB ` +
          Object.entries(rss)
            .map(([k, v]) => `${k} ${mib(v)}`)
            .join(", "),
      );
    }
    // Every held connection answers one byte (the echo app, through the stack).
    const checks = await Promise.all(holders.map((h) => h.ask("check", 120_000)));
    const held = checks.reduce((s, m) => s + (m.held ?? 0), 0);
    const echoed = checks.reduce((s, m) => s + (m.echoed ?? 0), 0);
    const lost = checks.reduce((s, m) => s + (m.lost ?? 0), 0);
    o.log(`echo check: ${echoed} of ${held} held connections answered, ${lost} lost`);
    for (const h of holders) await h.stop();
    holders.length = 0;
    // The cores see every connection closed (FIN from each holder) before the last baseline.
    const deadline = Date.now() + 120_000;
    while ((await connectionsOnCores()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    const baseAfter = await measure("0 held (after)");

    const out: Figures = {};
    const xs = rows.map((r) => r.held);
    const perProcess: Figures = {};
    for (const name of Object.keys(rows[0].rss)) {
      perProcess[name] = Math.round(slope(xs, rows.map((r) => r.rss[name])));
    }
    const baseline = median([...baseBefore, ...baseAfter]);
    for (const r of rows) {
      out[`c${r.held + ACTIVE}`] = {
        held: r.held,
        onCores: r.onCores,
        rate: median(r.rates),
        rates: r.rates,
        rssMiB: Object.fromEntries(Object.entries(r.rss).map(([k, v]) => [k, round(v / 2 ** 20)])),
      };
    }
    const top = rows[rows.length - 1];
    out.activeConnections = ACTIVE;
    out.sourceAddresses = SOURCES.length;
    out.clientProcesses = SOURCES.length;
    out.baselineRates = [...baseBefore, ...baseAfter];
    out.baselineRate = baseline;
    out.heldAtMax = top.held;
    out.echoedAtMax = echoed;
    out.lostAtMax = lost;
    // Held and answered: a connection that did not echo does not count.
    out.maxConnections = Math.min(top.held, echoed) + ACTIVE;
    out.rssBytesPerConnection = perProcess;
    const cores = Object.keys(perProcess).filter((k) => k.startsWith("core"));
    // The old figure's sum (cores + app), kept comparable with earlier runs.
    out.rssBytesPerConnectionSlope = [...cores, "app"].reduce((s, k) => s + (perProcess[k] as number), 0);
    out.clusterRssBytesPerConnection = ["nats", "nic", "app", ...cores].reduce(
      (s, k) => s + ((perProcess[k] as number | undefined) ?? 0),
      0,
    );
    out.throughputAtMaxVs100 = round(median(top.rates) / baseline);
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
