// Reads V8 .cpuprofile files (node --cpu-prof) and summarises where the time
// went: self time per function and per source file, and the idle/GC/program
// shares. Used for results/profile.md:
//   node bench/support/cpuprofile.ts /tmp/prof/*.cpuprofile
import { readFileSync } from "node:fs";
import { basename } from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** The main script (process argv[1] is not recorded: the most-sampled repo file stands in). */
  totalMs: number;
  idleMs: number;
  gcMs: number;
  programMs: number;
  topFunctions: { name: string; selfMs: number; share: number }[];
  topFiles: { file: string; selfMs: number; share: number }[];
}

const SPECIAL = new Set(["(idle)", "(garbage collector)", "(program)"]);

export function summariseProfile(text: string, top = 15): ProfileSummary {
  const p = JSON.parse(text) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) {
    self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
  }
  const fn = new Map<string, number>();
  const file = new Map<string, number>();
  let idle = 0;
  let gc = 0;
  let program = 0;
  let total = 0;
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const name = n.callFrame.functionName || "(anonymous)";
    total += us;
    if (name === "(idle)") idle += us;
    else if (name === "(garbage collector)") gc += us;
    else if (name === "(program)") program += us;
    if (SPECIAL.has(name)) continue;
    const where = shortUrl(n.callFrame.url);
    const key = `${name} ${where}:${n.callFrame.lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
    file.set(where, (file.get(where) ?? 0) + us);
  }
  const busy = Math.max(1, total - idle);
  const rank = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    totalMs: total / 1000,
    idleMs: idle / 1000,
    gcMs: gc / 1000,
    programMs: program / 1000,
    topFunctions: rank(fn).map(([name, us]) => ({ name, selfMs: us / 1000, share: us / busy })),
    topFiles: rank(file).map(([f, us]) => ({ file: f, selfMs: us / 1000, share: us / busy })),
  };
}

/** Repo-relative path for repo files, "node:..." for Node internals, package names for node_modules. */
function shortUrl(url: string): string {
  if (url === "") return "(native)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) return url.slice(nm + "node_modules/".length);
  const repo = url.indexOf("/main/");
  if (repo >= 0) return url.slice(repo + "/main/".length);
  return url.replace(/^file:\/\//, "");
}

export function formatSummary(label: string, s: ProfileSummary): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const busy = s.totalMs - s.idleMs;
  const lines = [
    `### ${label}`,
    ``,
    `${s.totalMs.toFixed(0)} ms sampled, busy ${busy.toFixed(0)} ms (${pct(busy / s.totalMs)}), GC ${pct(s.gcMs / Math.max(1, busy))} of busy, (program) ${pct(s.programMs / Math.max(1, busy))} of busy`,
    ``,
    `| self (busy share) | function |`,
    `|---|---|`,
    ...s.topFunctions.map((f) => `| ${pct(f.share)} | \`${f.name}\` |`),
    ``,
    `| self (busy share) | file |`,
    `|---|---|`,
    ...s.topFiles.slice(0, 8).map((f) => `| ${pct(f.share)} | \`${f.file}\` |`),
    ``,
  ];
  return lines.join("\n");
}

if (import.meta.main) {
  for (const f of process.argv.slice(2)) {
    console.log(formatSummary(basename(f), summariseProfile(readFileSync(f, "utf8"))));
  }
}
