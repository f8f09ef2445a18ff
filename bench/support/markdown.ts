// The Markdown table of every figure: one row per dotted path.
import { GENERATOR_CPU_LIMIT, GENERATOR_LAG_LIMIT } from "@ix/loadgen";
import type { Figures } from "./types.ts";
import { targetsMarkdown, type TargetResult } from "./targets.ts";

/** The JSON bench/run.ts writes: meta fields plus one key per scenario. */
export interface Report {
  machine: {
    cpuModel: string;
    cores: number;
    memoryGiB: number;
    loadAverageAtStart: number;
    loadAverageAtEnd: number;
    node: string;
    nats: string;
    memcached: string;
    date: string;
  };
  quick: boolean;
  sloUs: number;
  wallSeconds: number;
  targets: Record<string, TargetResult>;
  errors?: Record<string, string>;
  /** Later runs of some scenarios merged in (`--merge`), each with its own date and load. */
  merged?: MergedRun[];
  [scenario: string]: unknown;
}

export interface MergedRun {
  scenarios: string[];
  date: string;
  loadAverageAtStart: number;
  loadAverageAtEnd: number;
  wallSeconds: number;
  quick: boolean;
}

/** The report's keys that are not scenarios. */
export const META = new Set(["machine", "quick", "sloUs", "wallSeconds", "targets", "errors", "merged"]);

export function renderReport(r: Report): string {
  const m = r.machine;
  const scenarios = Object.fromEntries(Object.entries(r).filter(([k]) => !META.has(k))) as Record<
    string,
    Figures
  >;
  const errors = r.errors ?? {};
  return [
    `# Benchmark results`,
    ``,
    ...busyMachine(m),
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, load average ${m.loadAverageAtStart.toFixed(2)} at start and ${m.loadAverageAtEnd.toFixed(2)} at the end (the machine is shared); Node ${m.node}; ${m.nats}; ${m.memcached}; ${m.date}${r.quick ? " (quick)" : ""}; ${r.wallSeconds} s; SLO p99 <= ${r.sloUs} us. Where the time goes: [profile.md](profile.md).`,
    ``,
    ...(r.merged ?? []).flatMap((x) => [
      `Merged in from a later run (\`--merge\`, same machine): ${x.scenarios.join(", ")} on ${x.date}${x.quick ? " (quick)" : ""}, load average ${x.loadAverageAtStart.toFixed(2)} at start and ${x.loadAverageAtEnd.toFixed(2)} at the end, ${x.wallSeconds} s.`,
      ``,
    ]),
    `## Targets`,
    ``,
    targetsMarkdown(r.targets),
    ``,
    `## The instrument`,
    ``,
    generatorVerdict(scenarios),
    ``,
    `## Figures`,
    ``,
    figuresTable(scenarios),
    ...(Object.keys(errors).length > 0
      ? [
          ``,
          `## Failed scenarios`,
          ``,
          ...Object.entries(errors).map(([k, v]) => `- ${k}: ${v.split("\n")[0]}`),
        ]
      : []),
    ``,
  ].join("\n");
}

/**
 * A load average above half the CPUs at the start or the end means other work
 * shared the machine with the run: said first, so nobody reads the figures
 * as this machine's best.
 */
function busyMachine(m: Report["machine"]): string[] {
  const load = Math.max(m.loadAverageAtStart, m.loadAverageAtEnd);
  return load > m.cores / 2
    ? [
        `**Taken on a busy shared machine**: load average ${m.loadAverageAtStart.toFixed(1)} at the start and ${m.loadAverageAtEnd.toFixed(1)} at the end on ${m.cores} CPUs (other engineers' builds and tests ran beside the bench), so rates are low and tails long against an idle machine of the same kind.`,
        ``,
      ]
    : [];
}

/**
 * Where ixload (the generator), not the cluster, may have been the limit: every
 * figure `...generator.limited` that is true (harness.ts generatorFigures).
 */
export function generatorVerdict(results: Record<string, Figures>): string {
  const runs = Object.entries(results).flatMap(([scenario, r]) =>
    flatten(r)
      .filter(([k]) => k === "generator.limited" || k.endsWith(".generator.limited"))
      .map(([k, v]) => ({
        path: `${scenario}.${k.replace(/\.?generator\.limited$/, "")}`,
        limited: v === true,
      })),
  );
  if (runs.length === 0) return "No scenario reported the generator's own CPU.";
  const limited = runs.filter((r) => r.limited).map((r) => r.path.replace(/\.$/, ""));
  const rule = `its CPU share above ${GENERATOR_CPU_LIMIT} of one CPU or more than ${GENERATOR_LAG_LIMIT * 100}% of its sends late by its own lag`;
  return limited.length === 0
    ? `The generator (ixload) was not the limit in any of the ${runs.length} runs that report it (${rule}: none).`
    : `The generator (ixload), not the cluster, may have been the limit (${rule}) in: ${limited.join(", ")}. ` +
        `Their figures measure the instrument as much as the cluster.`;
}

export function flatten(f: Figures, prefix = ""): [string, unknown][] {
  const rows: [string, unknown][] = [];
  for (const [k, v] of Object.entries(f)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === "object" && !Array.isArray(v)) rows.push(...flatten(v as Figures, key));
    else rows.push([key, v]);
  }
  return rows;
}

export function formatValue(v: unknown): string {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return String(v);
    return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
  }
  if (Array.isArray(v)) return v.map(formatValue).join(", ");
  return String(v);
}

export function figuresTable(results: Record<string, Figures>): string {
  const rows = Object.entries(results).flatMap(([scenario, r]) =>
    flatten(r).map(([k, v]) => `| ${scenario} | ${k} | ${formatValue(v)} |`),
  );
  return [`| scenario | figure | value |`, `|---|---|---|`, ...rows].join("\n");
}
