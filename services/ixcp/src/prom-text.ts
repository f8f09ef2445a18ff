// A small parser of the Prometheus text exposition format (version 0.0.4),
// enough for what IXCP scrapes from the dataplanes: `# HELP`/`# TYPE` and
// comments are skipped, samples are `name{label="value",...} value [ts]`.
// Label values may escape \\, \" and \n. A malformed line is counted and
// skipped, never thrown: a dataplane's /metrics is input, not trusted code.
// Ours rather than a library: services/ixcp/README.md says why.

export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
  /** Milliseconds since the epoch when the line carries a timestamp. */
  timestampMs?: number;
}

export interface ParseResult {
  samples: PromSample[];
  /** Lines that were neither comments nor well-formed samples. */
  malformed: number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;

/** "1.5", "NaN", "+Inf", "-Inf", "1e3" -> number; undefined when not a number. */
export function parsePromNumber(text: string): number | undefined {
  switch (text) {
    case "NaN":
      return NaN;
    case "+Inf":
    case "Inf":
      return Infinity;
    case "-Inf":
      return -Infinity;
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

/** Parses `{a="x",b="y"}` starting at line[pos] === "{"; returns the labels and the index after "}". */
function parseLabels(line: string, pos: number): { labels: Record<string, string>; end: number } | undefined {
  const labels: Record<string, string> = {};
  let i = pos + 1;
  for (;;) {
    while (line[i] === " ") i++;
    if (line[i] === "}") return { labels, end: i + 1 };
    const m = LABEL_NAME.exec(line.slice(i));
    if (!m) return undefined;
    i += m[0].length;
    while (line[i] === " ") i++;
    if (line[i] !== "=") return undefined;
    i++;
    while (line[i] === " ") i++;
    if (line[i] !== '"') return undefined;
    i++;
    let value = "";
    for (;;) {
      const c = line[i];
      if (c === undefined) return undefined;
      if (c === '"') break;
      if (c === "\\") {
        const n = line[i + 1];
        if (n === "n") value += "\n";
        else if (n === "\\" || n === '"') value += n;
        else return undefined;
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    i++;
    labels[m[0]] = value;
    while (line[i] === " ") i++;
    if (line[i] === ",") i++;
    else if (line[i] !== "}") return undefined;
  }
}

/** Parses one sample line; undefined when malformed. */
export function parseSampleLine(line: string): PromSample | undefined {
  const m = NAME.exec(line);
  if (!m) return undefined;
  let i = m[0].length;
  let labels: Record<string, string> = {};
  if (line[i] === "{") {
    const l = parseLabels(line, i);
    if (!l) return undefined;
    labels = l.labels;
    i = l.end;
  }
  const rest = line.slice(i).trim().split(/\s+/);
  if (rest.length < 1 || rest.length > 2 || rest[0] === "") return undefined;
  const value = parsePromNumber(rest[0]);
  if (value === undefined) return undefined;
  const sample: PromSample = { name: m[0], labels, value };
  if (rest.length === 2) {
    const ts = Number(rest[1]);
    if (!Number.isInteger(ts)) return undefined;
    sample.timestampMs = ts;
  }
  return sample;
}

export function parsePromText(text: string): ParseResult {
  const samples: PromSample[] = [];
  let malformed = 0;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const s = parseSampleLine(line);
    if (s) samples.push(s);
    else malformed++;
  }
  return { samples, malformed };
}
