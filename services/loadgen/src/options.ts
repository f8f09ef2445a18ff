// Command-line options of `ixload` (run mode) parsed into one validated object.
// Bad input is a clear OptionError naming the flag, never a stack trace.

import { parseArgs } from "node:util";
import { DEFAULT_SLO_US, SLO_ENV } from "@ix/bus";
import type { InterArrivalKind } from "./distributions.ts";
import type { ProtocolName } from "./protocol.ts";
import type { PatternName } from "./rate-pattern.ts";
import type { Mode } from "./results.ts";
import type { WorkloadName } from "./workload.ts";

export class OptionError extends Error {}

export interface LoadOptions {
  host: string;
  port: number;
  protocol: ProtocolName;
  workload: WorkloadName;
  transport: string;
  /** nats-l2 only: this host's address, MAC and subject token (defaults derive from the pid). */
  hostIp?: string;
  hostMac?: string;
  hostName?: string;
  mode: Mode;
  rate: number;
  durationS: number;
  warmupS: number;
  connections: number;
  depth: number;
  keys: number;
  valueSize?: number;
  messageSize: number;
  seed: number;
  sloUs: number;
  /** Sweep: stop after two steps over the SLO (--slo-stop on, the default) or run on to saturation. */
  sloStop: boolean;
  interArrival: InterArrivalKind;
  lateSlackUs: number;
  sweepStart: number;
  sweepStep?: number;
  sweepFactor?: number;
  sweepMax: number;
  pattern: PatternName;
  patternLow: number;
  patternHigh: number;
  periodS: number;
  noise: number;
  intervalS: number;
  sizes: number[];
  agents: number;
  preload: boolean;
  /** "auto" (measure briefly), "off", a number (requests/s) or a ceiling JSON file. */
  ceiling: string;
  metricsPort?: number;
  json?: string;
  plot?: string;
  quiet: boolean;
}

const FLAGS = {
  server: { type: "string" },
  protocol: { type: "string", default: "memcached" },
  workload: { type: "string", default: "usr" },
  transport: { type: "string", default: "kernel" },
  "host-ip": { type: "string" },
  "host-mac": { type: "string" },
  "host-name": { type: "string" },
  mode: { type: "string", default: "fixed" },
  rate: { type: "string", default: "10000" },
  duration: { type: "string", default: "10" },
  warmup: { type: "string", default: "1" },
  connections: { type: "string", default: "4" },
  depth: { type: "string", default: "4" },
  keys: { type: "string", default: "10000" },
  "value-size": { type: "string" },
  "message-size": { type: "string", default: "64" },
  seed: { type: "string", default: "1" },
  /** Default: the shared SLO (@ix/bus slo.ts: IX_SLO_US, else DEFAULT_SLO_US). */
  "slo-us": { type: "string" },
  "slo-stop": { type: "string", default: "on" },
  "inter-arrival": { type: "string" },
  "late-slack-us": { type: "string", default: "500" },
  "sweep-start": { type: "string", default: "10000" },
  "sweep-step": { type: "string" },
  "sweep-factor": { type: "string" },
  "sweep-max": { type: "string", default: "1000000" },
  pattern: { type: "string", default: "sine" },
  "pattern-low": { type: "string", default: "1000" },
  "pattern-high": { type: "string", default: "10000" },
  period: { type: "string", default: "20" },
  noise: { type: "string", default: "0.1" },
  interval: { type: "string", default: "1" },
  sizes: { type: "string", default: "1,64,256,1024,4096,16384,65536" },
  agents: { type: "string", default: "1" },
  "no-preload": { type: "boolean", default: false },
  ceiling: { type: "string", default: "auto" },
  "metrics-port": { type: "string" },
  json: { type: "string" },
  plot: { type: "string" },
  quiet: { type: "boolean", default: false },
} as const;

export const USAGE = `usage: ixload --server HOST:PORT [options]
  --protocol memcached|echo  --workload usr|etc  --transport kernel|nats-l2
  --host-ip 10.77.0.X --host-mac M --host-name N  (nats-l2; NATS from IX_NATS_URL/USER/PASSWORD)
  --mode fixed|sweep|pattern|pingpong
  --rate N --duration S --warmup S --connections C --depth D
  --keys N --value-size B --message-size B --seed N --slo-us US --slo-stop on|off
  --inter-arrival exponential|fb_ia|fixed  --late-slack-us US
  --sweep-start N (--sweep-step N | --sweep-factor F) --sweep-max N
  --pattern step|triangle|sine --pattern-low N --pattern-high N --period S --noise F --interval S
  --sizes 1,64,...  (pingpong)   --agents N   --no-preload   --ceiling auto|off|N|FILE
  --metrics-port P  --json FILE  --plot FILE.svg  --quiet
ixload ceiling [--protocol P] [--connections C] [--depth D] [--duration S] [--json FILE]
ixload plot A.json [B.json ...] --out FILE.svg`;

export function parseLoadOptions(argv: string[]): LoadOptions {
  let values;
  try {
    values = parseArgs({ args: argv, options: FLAGS, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new OptionError((err as Error).message);
  }
  const { host, port } = parseServer(values.server);
  const protocol = oneOf("protocol", values.protocol, ["memcached", "echo"] as const);
  const workload = oneOf("workload", values.workload, ["usr", "etc"] as const);
  const mode = oneOf("mode", values.mode, ["fixed", "sweep", "pattern", "pingpong"] as const);
  const defaultIa: InterArrivalKind =
    protocol === "memcached" && workload === "etc" ? "fb_ia" : "exponential";
  const opts: LoadOptions = {
    host,
    port,
    protocol,
    workload,
    transport: values.transport,
    hostIp: values["host-ip"],
    hostMac: values["host-mac"],
    hostName: values["host-name"],
    mode,
    rate: num("rate", values.rate, 0),
    durationS: num("duration", values.duration, 0.001),
    warmupS: num("warmup", values.warmup, 0),
    connections: int("connections", values.connections, 1),
    depth: int("depth", values.depth, 1),
    keys: int("keys", values.keys, 1),
    valueSize: values["value-size"] === undefined ? undefined : int("value-size", values["value-size"], 0),
    messageSize: int("message-size", values["message-size"], 1),
    seed: int("seed", values.seed, 0),
    sloUs: num("slo-us", values["slo-us"] || process.env[SLO_ENV] || String(DEFAULT_SLO_US), 1),
    sloStop: oneOf("slo-stop", values["slo-stop"], ["on", "off"] as const) === "on",
    interArrival: oneOf("inter-arrival", values["inter-arrival"] ?? defaultIa, [
      "exponential",
      "fb_ia",
      "fixed",
    ] as const),
    lateSlackUs: num("late-slack-us", values["late-slack-us"], 0),
    sweepStart: num("sweep-start", values["sweep-start"], 1),
    sweepStep: values["sweep-step"] === undefined ? undefined : num("sweep-step", values["sweep-step"], 1),
    sweepFactor:
      values["sweep-factor"] === undefined ? undefined : num("sweep-factor", values["sweep-factor"], 1.0001),
    sweepMax: num("sweep-max", values["sweep-max"], 1),
    pattern: oneOf("pattern", values.pattern, ["step", "triangle", "sine"] as const),
    patternLow: num("pattern-low", values["pattern-low"], 0),
    patternHigh: num("pattern-high", values["pattern-high"], 0),
    periodS: num("period", values.period, 0.001),
    noise: num("noise", values.noise, 0),
    intervalS: num("interval", values.interval, 0.01),
    sizes: values.sizes.split(",").map((s) => int("sizes", s, 1)),
    agents: int("agents", values.agents, 1),
    preload: !values["no-preload"],
    ceiling: values.ceiling,
    metricsPort:
      values["metrics-port"] === undefined ? undefined : int("metrics-port", values["metrics-port"], 0),
    json: values.json,
    plot: values.plot,
    quiet: values.quiet,
  };
  if (opts.sweepStep !== undefined && opts.sweepFactor !== undefined) {
    throw new OptionError("give --sweep-step or --sweep-factor, not both");
  }
  if (opts.patternHigh < opts.patternLow) throw new OptionError("--pattern-high must be >= --pattern-low");
  if (mode === "pingpong" && protocol !== "echo")
    throw new OptionError("--mode pingpong needs --protocol echo");
  const hostFlags = opts.hostIp ?? opts.hostMac ?? opts.hostName;
  if (hostFlags !== undefined && opts.transport !== "nats-l2")
    throw new OptionError("--host-ip/--host-mac/--host-name need --transport nats-l2");
  if (hostFlags !== undefined && opts.agents > 1)
    throw new OptionError("--host-* name one host: with --agents each agent picks its own (leave them out)");
  if (opts.agents > 1 && mode === "pingpong") throw new OptionError("--agents does not apply to pingpong");
  return opts;
}

export function parseServer(server: string | undefined): { host: string; port: number } {
  if (!server) throw new OptionError("--server HOST:PORT is required");
  const colon = server.lastIndexOf(":");
  const host = server.slice(0, colon).replace(/^\[(.*)\]$/, "$1");
  const port = Number(server.slice(colon + 1));
  if (colon <= 0 || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new OptionError(`--server must be HOST:PORT, got "${server}"`);
  }
  return { host, port };
}

function num(flag: string, text: string, min: number): number {
  const x = Number(text);
  if (text.trim() === "" || !Number.isFinite(x) || x < min) {
    throw new OptionError(`--${flag} must be a number >= ${min}, got "${text}"`);
  }
  return x;
}

function int(flag: string, text: string, min: number): number {
  const x = num(flag, text, min);
  if (!Number.isInteger(x)) throw new OptionError(`--${flag} must be an integer, got "${text}"`);
  return x;
}

function oneOf<T extends string>(flag: string, text: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(text)) {
    throw new OptionError(`--${flag} must be one of ${allowed.join("|")}, got "${text}"`);
  }
  return text as T;
}
