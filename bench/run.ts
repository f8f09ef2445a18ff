// `npm run bench [-- --quick] [--json FILE] [--only a,b] [--merge] [--slo-us US]
// [--soak-seconds S]`: runs
// the scenarios (bench/<name>.bench.ts, each exporting
// `run(opts: BenchOptions): Promise<Figures>`) one after the other with
// progress on stderr, and writes
//   - JSON: {machine, quick, sloUs, <scenario>: {...figures}, targets: {...}}
//     (so results.batching.gain, results.transport.fractionOfLimit exist),
//   - a Markdown table of every figure plus the targets met or missed,
//   - the scenarios' SVG plots,
// under results/ (or next to FILE with --json), stamped with the machine.
// `--render FILE.json` only rewrites FILE.md from an earlier run's JSON.
// `--merge` keeps the other scenarios' figures already in FILE.json (a run of
// `--only soak` then replaces the soak section, not the whole file).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import type { BenchModule, Figures } from "./support/types.ts";
import { evaluateTargets } from "./support/targets.ts";
import { META, renderReport, type Report } from "./support/markdown.ts";
import { mergeReports } from "./support/merge.ts";
import { stopSharedCluster } from "./support/harness.ts";
import { sloUs as sharedSloUs } from "@ix/bus";

/** Microbenchmarks first, then the cluster scenarios: those on the shared cluster together, then the others. */
const SCENARIOS = [
  "wire",
  "codec",
  "mbufs",
  "netstack",
  "batching",
  "transport",
  "latency",
  "messages",
  "memcached",
  // after memcached: it reuses the USR sweep's peak as the cluster's max rate
  "tail",
  "memcaslap",
  "connections",
  "migration",
  "calibration",
  "controlplane",
  // its own clusters: one server against three hosts (the route hop, issue 14)
  "hosts",
  // last: minutes of load, and nothing else reuses its cluster
  "soak",
];

const USAGE = `usage: npm run bench -- [--quick] [--only a,b] [--json FILE] [--merge] [--slo-us US]
                        [--soak-seconds S] [--render FILE.json]
  --quick          shorter runs (the soak: 60 s)
  --only a,b       only these scenarios (bench/<name>.bench.ts)
  --json FILE      where the JSON goes (default results/bench.json; FILE.md and plots beside it)
  --merge          keep the other scenarios' figures already in FILE.json
  --slo-us US      p99 objective for the "rate at the SLO" figures
  --soak-seconds S seconds of load in the soak scenario (default 300)
  --render FILE    only rewrite FILE.md from FILE.json`;

function usageError(message: string): never {
  console.error(`bench: ${message}\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      help: { type: "boolean", short: "h", default: false },
      merge: { type: "boolean", default: false },
      "soak-seconds": { type: "string" },
      quick: { type: "boolean", default: false },
      json: { type: "string" },
      only: { type: "string" },
      /** Default: the shared SLO (@ix/bus slo.ts: IX_SLO_US, else DEFAULT_SLO_US). */
      "slo-us": { type: "string" },
      /** Rewrite FILE.md from an earlier run's FILE.json (targets re-evaluated); runs nothing. */
      render: { type: "string" },
    },
  });
} catch (e) {
  usageError((e as Error).message);
}
const { values } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const soakSeconds = values["soak-seconds"] === undefined ? undefined : Number(values["soak-seconds"]);
if (soakSeconds !== undefined && !(soakSeconds > 0))
  usageError(`--soak-seconds must be a positive number of seconds, got "${values["soak-seconds"]}"`);
if (values.render) {
  const report = JSON.parse(readFileSync(values.render, "utf8")) as Report;
  const scenarios = Object.fromEntries(Object.entries(report).filter(([k]) => !META.has(k))) as Record<
    string,
    Figures
  >;
  report.targets = evaluateTargets(scenarios);
  writeFileSync(values.render, JSON.stringify(report, null, 2));
  writeFileSync(values.render.replace(/\.json$/, "") + ".md", renderReport(report));
  process.exit(0);
}
let sloUs: number;
try {
  sloUs = sharedSloUs(values["slo-us"]);
} catch (e) {
  console.error(`bench: ${(e as Error).message}`);
  process.exit(2);
}

function version(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: "utf8" }).trim().split("\n")[0];
  } catch {
    return "not found";
  }
}

const machine = {
  cpuModel: cpus()[0]?.model ?? "unknown",
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  loadAverageAtStart: loadavg()[0],
  node: process.version,
  nats: version("nats-server", ["--version"]),
  memcached: version("memcached", ["-V"]),
  root: process.getuid?.() === 0,
  date: new Date().toISOString(),
};

const dir = import.meta.dirname;
const only = values.only?.split(",");
// Every bench/*.bench.ts runs: the known scenarios in this order, others after them.
const found = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .map((f) => f.replace(/\.bench\.ts$/, ""));
const names = [
  ...SCENARIOS.filter((n) => found.includes(n)),
  ...found.filter((n) => !SCENARIOS.includes(n)).sort(),
].filter((n) => !only || only.includes(n));
const jsonFile = values.json ?? join(dir, "..", "results", "bench.json");
const outDir = dirname(jsonFile);
mkdirSync(outDir, { recursive: true });

const results: Record<string, Figures> = {};
const errors: Record<string, string> = {};
const t00 = performance.now();
for (const [i, name] of names.entries()) {
  const tag = `[${i + 1}/${names.length}] ${name}`;
  process.stderr.write(`${tag} ...\n`);
  const t0 = performance.now();
  try {
    const mod = (await import(join(dir, `${name}.bench.ts`))) as BenchModule;
    // Scenarios with a cluster of their own run without the shared one idling beside them.
    if (!mod.usesSharedCluster) await stopSharedCluster();
    results[name] = await mod.run({
      quick: values.quick,
      outDir,
      sloUs,
      previous: results,
      soakSeconds,
      log: (line) => process.stderr.write(`${tag}: ${line}\n`),
    });
  } catch (e) {
    // One broken scenario must not lose the others' figures.
    errors[name] = (e as Error).stack ?? String(e);
    process.stderr.write(`${tag} FAILED: ${errors[name]}\n`);
  }
  process.stderr.write(`${tag} done in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}

await stopSharedCluster();
const targets = evaluateTargets(results);
let out: Report = {
  machine: { ...machine, loadAverageAtEnd: loadavg()[0] },
  quick: values.quick,
  sloUs,
  wallSeconds: Math.round((performance.now() - t00) / 1000),
  ...results,
  targets,
  ...(Object.keys(errors).length > 0 ? { errors } : {}),
};
if (values.merge && existsSync(jsonFile)) {
  // The figures of scenarios not run this time, from the file this run replaces.
  out = mergeReports(JSON.parse(readFileSync(jsonFile, "utf8")) as Report, out, names);
  out.targets = evaluateTargets(
    Object.fromEntries(Object.entries(out).filter(([k]) => !META.has(k))) as Record<string, Figures>,
  );
}
writeFileSync(jsonFile, JSON.stringify(out, null, 2));
const md = renderReport(out);
writeFileSync(jsonFile.replace(/\.json$/, "") + ".md", md);
console.log(md);
console.error(`JSON written to ${jsonFile}`);
// Cluster scenarios leave NATS handles and timers in libraries: do not wait for them.
process.exit(Object.keys(errors).length > 0 ? 1 : 0);
