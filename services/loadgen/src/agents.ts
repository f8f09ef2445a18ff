// --agents N: the parent preloads once, starts N child ixload processes (each
// with its share of connections and rate), releases them together, and merges
// their results step by step -- histograms by exact addition.
//
// Line protocol (JSON, one object per line):
//   parent -> agent stdin:  {"config": LoadOptions}  then  "go"
//   agent  -> parent stdout: {"type":"ready"} | {"type":"progress", totals, targetRate}
//                            | {"type":"result", result} | {"type":"error", message}

import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { createProtocolClients } from "./clients.ts";
import { startMetricsServer, type MetricsServer } from "./metrics.ts";
import { maxRateUnderSlo } from "./modes.ts";
import type { LoadOptions } from "./options.ts";
import { preloadKeys } from "./preload.ts";
import { ProgressReporter } from "./progress.ts";
import {
  markCeiling,
  markGeneratorLimit,
  mergeConcurrentSteps,
  mergeGeneratorCpu,
  totalsOf,
  type GeneratorCpu,
  type RunResult,
} from "./results.ts";
import { expectedSeconds, resolveCeiling } from "./run.ts";
import { getTransport } from "./transport.ts";
import type { Totals } from "./window-stats.ts";

export type AgentMessage =
  | { type: "ready" }
  | { type: "progress"; totals: Totals; targetRate: number; achievedRate: number; inFlight: number }
  | { type: "result"; result: RunResult }
  | { type: "error"; message: string };

/** Agent i's share: connections split as evenly as possible, rates in proportion. */
export function agentOptions(opts: LoadOptions, i: number): LoadOptions {
  const n = opts.agents;
  const connections = Math.floor(opts.connections / n) + (i < opts.connections % n ? 1 : 0);
  const share = connections / opts.connections;
  const scale = (x: number | undefined): number | undefined => (x === undefined ? undefined : x * share);
  return {
    ...opts,
    connections,
    rate: opts.rate * share,
    sweepStart: opts.sweepStart * share,
    sweepStep: scale(opts.sweepStep),
    sweepMax: opts.sweepMax * share,
    patternLow: opts.patternLow * share,
    patternHigh: opts.patternHigh * share,
    seed: opts.seed * 7919 + i + 1,
    agents: 1,
    preload: false,
    ceiling: "off",
    metricsPort: undefined,
    json: undefined,
    plot: undefined,
    quiet: true,
  };
}

export async function runWithAgents(
  opts: LoadOptions,
  cliPath: string,
  progressOut?: { isTTY?: boolean; write(s: string): unknown },
): Promise<RunResult> {
  if (opts.connections < opts.agents)
    throw new Error(`--connections (${opts.connections}) < --agents (${opts.agents})`);
  const ceiling = await resolveCeiling(opts);
  const clients = createProtocolClients(opts);
  if (opts.protocol === "memcached" && opts.preload && clients.keySpace && clients.workload) {
    await preloadKeys(getTransport(opts.transport), opts.host, opts.port, clients.keySpace, clients.workload);
  }
  const children: ChildProcess[] = [];
  const latest: AgentProgress[] = [];
  let progress: ProgressReporter | null = null;
  let metrics: MetricsServer | null = null;
  if (opts.metricsPort !== undefined) {
    // Agents report totals only: no latency histogram or quantiles on the parent's /metrics.
    metrics = await startMetricsServer(opts.metricsPort, {
      targetRate: () => sumProgress(latest).targetRate,
      achievedRate: () => sumProgress(latest).achievedRate,
      inFlight: () => sumProgress(latest).inFlight,
      totals: () => sumTotals(latest),
      windowHistogram: () => null,
    });
  }
  const timeoutMs = (expectedSeconds(opts) + 60) * 1000;
  let timer: NodeJS.Timeout | undefined;
  try {
    const results = await new Promise<RunResult[]>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`agents did not finish in ${timeoutMs} ms`)), timeoutMs);
      const results: RunResult[] = [];
      let ready = 0;
      for (let i = 0; i < opts.agents; i++) {
        const child = spawn(process.execPath, [cliPath, "agent"], { stdio: ["pipe", "pipe", "inherit"] });
        children.push(child);
        child.stdin!.write(JSON.stringify({ config: agentOptions(opts, i) }) + "\n");
        child.on("exit", (code) => {
          if (results[i] === undefined)
            reject(new Error(`agent ${i} exited (code ${code}) without a result`));
        });
        createInterface({ input: child.stdout! }).on("line", (line) => {
          let msg: AgentMessage;
          try {
            msg = JSON.parse(line) as AgentMessage;
          } catch {
            return reject(new Error(`agent ${i} wrote a non-JSON line: ${line.slice(0, 80)}`));
          }
          if (msg.type === "ready" && ++ready === opts.agents) {
            for (const c of children) c.stdin!.write("go\n");
            if (progressOut && !opts.quiet) {
              progress = new ProgressReporter(progressOut, expectedSeconds(opts), () => sumProgress(latest));
              progress.start();
            }
          } else if (msg.type === "progress") latest[i] = msg;
          else if (msg.type === "error") reject(new Error(`agent ${i}: ${msg.message}`));
          else if (msg.type === "result") {
            results[i] = msg.result;
            if (results.filter(Boolean).length === opts.agents) resolve(results);
          }
        });
      }
    });
    return mergeAgentResults(opts, results, ceiling === undefined ? undefined : ceiling * opts.agents);
  } finally {
    clearTimeout(timer);
    (progress as ProgressReporter | null)?.stop();
    for (const c of children) if (c.exitCode === null) c.kill();
    await metrics?.close();
  }
}

/** Steps with the same index ran concurrently: merge them; keep only indexes every agent reached. */
export function mergeAgentResults(opts: LoadOptions, parts: RunResult[], ceiling?: number): RunResult {
  const stepCount = Math.min(...parts.map((p) => p.steps.length));
  const steps = Array.from({ length: stepCount }, (_, k) =>
    mergeConcurrentSteps(parts.map((p) => p.steps[k])),
  );
  const result: RunResult = { ...parts[0], config: { ...opts }, ...totalsOf(steps), steps };
  delete result.generatorCeiling;
  delete result.nearCeiling;
  if (opts.mode === "sweep") result.maxRateUnderSlo = maxRateUnderSlo(steps, opts.sloUs);
  const cpus = parts.map((p) => p.generatorCpu).filter((c): c is GeneratorCpu => c !== undefined);
  if (cpus.length > 0) result.generatorCpu = mergeGeneratorCpu(cpus);
  markCeiling(result, ceiling);
  markGeneratorLimit(result);
  return result;
}

type AgentProgress = Extract<AgentMessage, { type: "progress" }>;

function sumProgress(latest: AgentProgress[]): {
  completed: number;
  errors: number;
  late: number;
  targetRate: number;
  achievedRate: number;
  inFlight: number;
} {
  const out = { completed: 0, errors: 0, late: 0, targetRate: 0, achievedRate: 0, inFlight: 0 };
  for (const p of latest) {
    if (!p) continue;
    out.completed += p.totals.completed;
    out.errors += p.totals.errors;
    out.late += p.totals.late;
    out.targetRate += p.targetRate;
    out.achievedRate += p.achievedRate;
    out.inFlight += p.inFlight;
  }
  return out;
}

function sumTotals(latest: AgentProgress[]): Totals {
  const out: Totals = { scheduled: 0, sent: 0, completed: 0, errors: 0, late: 0, lagged: 0, dropped: 0 };
  for (const p of latest) {
    if (!p) continue;
    for (const k of Object.keys(out) as (keyof Totals)[]) out[k] += p.totals[k];
  }
  return out;
}
