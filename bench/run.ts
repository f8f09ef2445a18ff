// `npm run bench [-- --quick] [--json FILE] [--only NAME]`: runs every
// bench/*.bench.ts (each exports `run(opts): Promise<Record<string, number>>`)
// one after the other, shows progress, and writes a JSON result and a
// Markdown table under results/, stamped with the machine that produced them.
import { readdirSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { quick: { type: "boolean", default: false }, json: { type: "string" }, only: { type: "string" } },
});

function natsVersion(): string {
  try {
    return execFileSync("nats-server", ["--version"], { encoding: "utf8" }).trim();
  } catch {
    return "not found";
  }
}

const machine = {
  cpuModel: cpus()[0]?.model ?? "unknown",
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  nats: natsVersion(),
  date: new Date().toISOString(),
};

const dir = import.meta.dirname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => !values.only || f.startsWith(values.only))
  .sort();
const results: Record<string, Record<string, number>> = {};
for (const [i, f] of files.entries()) {
  const name = f.replace(/\.bench\.ts$/, "");
  process.stderr.write(`[${i + 1}/${files.length}] ${name} ...\n`);
  const mod = (await import(join(dir, f))) as {
    run(opts: { quick: boolean }): Promise<Record<string, number>>;
  };
  const t0 = performance.now();
  results[name] = await mod.run({ quick: values.quick });
  process.stderr.write(
    `[${i + 1}/${files.length}] ${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
}

const out = { machine, quick: values.quick, results };
const resultsDir = join(dir, "..", "results");
mkdirSync(resultsDir, { recursive: true });
const jsonFile = values.json ?? join(resultsDir, "bench.json");
writeFileSync(jsonFile, JSON.stringify(out, null, 2));
const rows = Object.entries(results).flatMap(([scenario, r]) =>
  Object.entries(r).map(([k, v]) => `| ${scenario} | ${k} | ${Number.isInteger(v) ? v : v.toPrecision(4)} |`),
);
const md = [
  `# Benchmark results`,
  ``,
  `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB; Node ${machine.node}; ${machine.nats}; ${machine.date}${values.quick ? " (quick)" : ""}`,
  ``,
  `| scenario | figure | value |`,
  `|---|---|---|`,
  ...rows,
  ``,
].join("\n");
writeFileSync(join(resultsDir, "bench.md"), md);
console.log(md);
console.error(`JSON written to ${jsonFile}`);
