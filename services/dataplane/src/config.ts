// A dataplane core's configuration, from flags or the environment (docker
// compose sets IX_* variables; `npm start` passes flags). What the NIC must
// agree with (--queues, --reta-size, --rss-key and their IX_QUEUES,
// IX_RETA_SIZE, IX_RSS_KEY) is parsed by lib/bus's rss-config.ts, the same
// code the NIC uses; a bad value throws ConfigError (main prints one line).
import { parseArgs } from "node:util";
import { parseIpv4, parseMac } from "@ix/netstack";
import { loadRssConfig } from "@ix/bus";
import { DEFAULT_MBUFS } from "./mbuf-pool.ts";

export interface DataplaneConfig {
  core: number;
  /** Cores in the cluster = NIC queues (--queues, IX_QUEUES): the initial RETA spreads flow groups over them. */
  cores: number;
  batchSize: number;
  ringSize: number;
  retaSize: number;
  /** undefined: lib/netstack's DEFAULT_RSS_KEY (as the NIC). */
  rssKey: Uint8Array | undefined;
  ip: number;
  mac: Uint8Array;
  adminHost: string;
  adminPort: number;
  /** Buffers of the stack's own pool, for frames held while ARP resolves (--buffers, IX_BUFFERS). */
  bufferCount: number;
  /**
   * The core's mbuf budget (--mbufs, IX_MBUFS): MTU-sized buffers for every
   * received and transmitted frame (mbuf-pool.ts; default DEFAULT_MBUFS).
   * Exhausting it drops and counts, never grows.
   */
  mbufs: number;
  active: boolean;
  /** How long the target holds frames of an arriving flow group for forwarded ones to pass (IX: 1 ms). */
  transitionTimeoutUs: number;
  /** No syscalls for this long while events wait for an answer: the app is reported stalled. */
  appStallMs: number;
  /** run_io: the app not back from its last EventBatch within this long is treated as slow (events flow every cycle until it answers). */
  appReturnTimeoutMs: number;
  /**
   * Debug/test: re-hash every TCP segment and drop (count) those whose flow
   * group differs from the NIC's (a NIC and core configured with different
   * RSS keys or RETA sizes). Off by default: the NIC's flow group is trusted.
   */
  verifyFlowGroup: boolean;
  /**
   * How long (us) an active core polls after its last work before it sleeps
   * (--poll-us, IX_POLL_US; 0: never polls). See poll-window.ts; the default
   * is measured (README, "Polling and dedicated CPUs").
   */
  pollUs: number;
}

/** The measured default of --poll-us (README, "Polling and dedicated CPUs"). */
export const DEFAULT_POLL_US = 0;

export function loadConfig(
  argv: string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): DataplaneConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      core: { type: "string" },
      queues: { type: "string" },
      batch: { type: "string" },
      ring: { type: "string" },
      "reta-size": { type: "string" },
      "rss-key": { type: "string" },
      ip: { type: "string" },
      mac: { type: "string" },
      "admin-host": { type: "string" },
      "admin-port": { type: "string" },
      buffers: { type: "string" },
      mbufs: { type: "string" },
      parked: { type: "boolean" },
      "transition-timeout-us": { type: "string" },
      "app-stall-ms": { type: "string" },
      "app-return-timeout-ms": { type: "string" },
      "verify-flow-group": { type: "boolean" },
      "poll-us": { type: "string" },
    },
  });
  const int = (
    flag: string | undefined,
    name: string,
    fallback: number,
    min: number,
    max: number,
  ): number => {
    const raw = flag ?? env[name];
    const v = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(v) || v < min || v > max)
      throw new Error(`${name} must be an integer in [${min}, ${max}], got ${raw}`);
    return v;
  };
  const rss = loadRssConfig(values, env, 2);
  const cores = rss.queues;
  return {
    core: int(values.core, "IX_CORE", 0, 0, cores - 1),
    cores,
    batchSize: int(values.batch, "IX_BATCH", 64, 1, 8192),
    ringSize: int(values.ring, "IX_RING_SIZE", 512, 8, 65536),
    retaSize: rss.retaSize,
    rssKey: rss.rssKey,
    ip: parseIpv4(values.ip ?? env.IX_HOST_IP ?? "10.77.0.2"),
    mac: parseMac(values.mac ?? env.IX_HOST_MAC ?? "02:00:00:00:00:02"),
    adminHost: values["admin-host"] ?? env.IX_ADMIN_HOST ?? "127.0.0.1",
    adminPort: int(values["admin-port"], "IX_ADMIN_PORT", 0, 0, 65535),
    bufferCount: int(values.buffers, "IX_BUFFERS", 4096, 64, 1 << 20),
    mbufs: int(values.mbufs, "IX_MBUFS", DEFAULT_MBUFS, 1, 1 << 20),
    active: !(values.parked ?? env.IX_PARKED === "1"),
    transitionTimeoutUs: int(
      values["transition-timeout-us"],
      "IX_TRANSITION_TIMEOUT_US",
      1000,
      0,
      10_000_000,
    ),
    appStallMs: int(values["app-stall-ms"], "IX_APP_STALL_MS", 2000, 50, 3_600_000),
    appReturnTimeoutMs: int(values["app-return-timeout-ms"], "IX_APP_RETURN_TIMEOUT_MS", 200, 1, 3_600_000),
    verifyFlowGroup: values["verify-flow-group"] ?? env.IX_VERIFY_FLOW_GROUP === "1",
    pollUs: int(values["poll-us"], "IX_POLL_US", DEFAULT_POLL_US, 0, 10_000_000),
  };
}
