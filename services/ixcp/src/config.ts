// IXCP's configuration from flags or the environment (a flag wins over its
// variable; IX_QUEUES / IX_ADMIN_* are accepted as docker compose sets them).
// Bad values throw at start with a message naming the flag. The RETA size is
// the NIC's and the cores' setting (lib/bus rss-config.ts: IX_RETA_SIZE, same
// check); the core count is their queue count (IX_QUEUES).
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_RETA_SIZE, RSS_OPTIONS, SLO_ENV, parseRetaSize, sloUs } from "@ix/bus";
import { availableParallelism } from "node:os";
import { IX_RULES, type IxRules } from "./policies/ix-rules.ts";
import { parseCorePids, parseCpuList } from "./cpu-placement.ts";

export interface IxcpConfig {
  policy: string;
  cores: number;
  /** Active cores to converge to at start; undefined: keep the NIC's RETA as it is. */
  initialCores: number | undefined;
  periodMs: number;
  prometheus: string | undefined;
  scrape: string[];
  adminHost: string;
  adminPort: number;
  deadMs: number;
  migrationBatch: number;
  retaSize: number;
  rules: Partial<IxRules>;
  /** Folders user policies may be loaded from (the shipped examples, then --policy-dir). */
  policyDirs: string[];
  /** A user policy's decide() deadline, ms (default: the period). */
  policyDeadlineMs: number;
  /** Starting a user policy's process and evaluating its module, ms. */
  policyLoadMs: number;
  /** One decide() unanswered this long stops a user policy as hung, ms (default 10 periods). */
  policyHangMs: number;
  /**
   * The latency SLO (p99, microseconds) shared with the bench and the
   * dashboards (@ix/bus slo.ts). IX's policies act on queue lengths, not on
   * latency; IXCP exports it (ix_ixcp_slo_seconds) so the dashboards draw the
   * SLO the cluster runs under and a policy module can read it.
   */
  sloUs: number;
  /**
   * Dedicated hardware threads (cpu-placement.ts): each core's process id
   * (--pin-pids 0:PID,1:PID, given by the launcher); undefined: no pinning.
   */
  pinPids: Map<number, number> | undefined;
  /** CPUs dedicated to active cores (--pin-cpus; default every CPU but 0). */
  pinCpus: number[];
}

/** The policies shipped with IXCP (services/ixcp/examples): always a policy folder. */
export const SHIPPED_POLICY_DIR = join(import.meta.dirname, "..", "examples");

const OPTIONS = {
  policy: ["IX_IXCP_POLICY"],
  cores: ["IX_IXCP_CORES", RSS_OPTIONS.queues],
  "initial-cores": ["IX_IXCP_INITIAL_CORES"],
  "period-ms": ["IX_IXCP_PERIOD_MS"],
  prometheus: ["IX_IXCP_PROMETHEUS"],
  scrape: ["IX_IXCP_SCRAPE"],
  "admin-host": ["IX_IXCP_ADMIN_HOST", "IX_ADMIN_HOST"],
  "admin-port": ["IX_IXCP_ADMIN_PORT", "IX_ADMIN_PORT"],
  "dead-ms": ["IX_IXCP_DEAD_MS"],
  "migration-batch": ["IX_IXCP_MIGRATION_BATCH"],
  "reta-size": [RSS_OPTIONS["reta-size"]],
  rules: ["IX_IXCP_RULES"],
  "policy-dir": ["IX_IXCP_POLICY_DIR"],
  "policy-deadline-ms": ["IX_IXCP_POLICY_DEADLINE_MS"],
  "policy-load-ms": ["IX_IXCP_POLICY_LOAD_MS"],
  "policy-hang-ms": ["IX_IXCP_POLICY_HANG_MS"],
  "slo-us": [SLO_ENV],
  "pin-pids": ["IX_IXCP_PIN_PIDS"],
  "pin-cpus": ["IX_IXCP_PIN_CPUS"],
} as const;
type Option = keyof typeof OPTIONS;

export const USAGE = `usage: node services/ixcp/src/main.ts [--flag value ...]
${Object.entries(OPTIONS)
  .map(([flag, env]) => `  --${flag.padEnd(16)} (env ${env.join(" or ")})`)
  .join("\n")}
--policy static|energy|consolidation|NAME (default energy; NAME: a module in a policy folder)
--policy-dir DIR[,DIR...]  user policy folders (besides services/ixcp/examples); nothing else is loaded
--pin-pids 0:PID,1:PID  pin active cores to CPUs of their own (root; --pin-cpus 1-3, default all but CPU 0)
--rules '{"stepUpQueue":32,"stepDownQueue":8,"idleMargin":1.2,"holdAfterUpMs":200,"holdUpAfterDownMs":2000,"holdDownMs":4000}'
NATS credentials: IX_NATS_URL, IX_NATS_USER, IX_NATS_PASSWORD.`;

function int(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === "") return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min || v > max)
    throw new Error(`--${name} must be an integer in [${min}, ${max}], got ${JSON.stringify(raw)}`);
  return v;
}

function parseRules(raw: string | undefined): Partial<IxRules> {
  if (!raw) return {};
  let obj: unknown;
  try {
    obj = JSON.parse(raw);
  } catch (e) {
    throw new Error(`--rules must be JSON: ${(e as Error).message}`);
  }
  if (typeof obj !== "object" || obj === null) throw new Error("--rules must be a JSON object");
  for (const [k, v] of Object.entries(obj)) {
    if (!(k in IX_RULES)) throw new Error(`--rules: unknown rule ${k} (${Object.keys(IX_RULES).join(", ")})`);
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0)
      throw new Error(`--rules: ${k} must be a number >= 0`);
  }
  return obj as Partial<IxRules>;
}

export function loadConfig(
  argv: string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): IxcpConfig {
  const { values } = parseArgs({
    args: argv,
    options: Object.fromEntries(Object.keys(OPTIONS).map((k) => [k, { type: "string" as const }])),
  });
  const get = (k: Option): string | undefined => {
    const flag = values[k];
    if (typeof flag === "string") return flag;
    for (const name of OPTIONS[k]) if (env[name] !== undefined && env[name] !== "") return env[name];
    return undefined;
  };
  const cores = int("cores", get("cores"), 2, 1, 64);
  const prometheus = get("prometheus");
  const initial = get("initial-cores");
  const retaSize = get("reta-size");
  const periodMs = int("period-ms", get("period-ms"), 100, 10, 60_000);
  return {
    policy: get("policy") ?? "energy",
    cores,
    initialCores: initial === undefined ? undefined : int("initial-cores", initial, 1, 1, cores),
    periodMs,
    prometheus,
    scrape: (get("scrape") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    adminHost: get("admin-host") ?? "127.0.0.1",
    adminPort: int("admin-port", get("admin-port"), 0, 0, 65535),
    // Prometheus scrapes every second (deploy/prometheus): 500 ms would flap.
    deadMs: int("dead-ms", get("dead-ms"), prometheus ? 3000 : 500, 50, 600_000),
    migrationBatch: int("migration-batch", get("migration-batch"), 16, 1, 512),
    retaSize: retaSize === undefined || retaSize === "" ? DEFAULT_RETA_SIZE : parseRetaSize(retaSize),
    rules: parseRules(get("rules")),
    policyDirs: [
      SHIPPED_POLICY_DIR,
      ...(get("policy-dir") ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ],
    policyDeadlineMs: int("policy-deadline-ms", get("policy-deadline-ms"), periodMs, 5, 60_000),
    policyLoadMs: int("policy-load-ms", get("policy-load-ms"), 15_000, 100, 120_000),
    policyHangMs: int("policy-hang-ms", get("policy-hang-ms"), 10 * periodMs, 10, 600_000),
    sloUs: sloUs(get("slo-us"), {}),
    pinPids: get("pin-pids") === undefined ? undefined : parseCorePids(get("pin-pids")!),
    pinCpus:
      get("pin-cpus") === undefined
        ? Array.from({ length: availableParallelism() - 1 }, (_, i) => i + 1)
        : parseCpuList(get("pin-cpus")!),
  };
}
