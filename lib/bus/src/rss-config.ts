// The settings the NIC and the dataplane cores must agree on, or frames land
// on a core that does not own their flow group: the Toeplitz RSS key, the
// RETA size (flow group = hash & (size - 1)) and the queue count (one RX
// queue per core; the initial RETA spreads flow groups over them). Every
// process takes them under the same flag and environment names and checks
// them with the same functions, so a value one side accepts the other cannot
// read differently. A flag wins over its variable.
//
// Flags and variables (README.md, services/nic/README.md, deploy/):
//   --queues    IX_QUEUES     1..64              default 2 (the NIC: 4, see its config)
//   --reta-size IX_RETA_SIZE  power of two 8..512 (82599: 128, XL710: 512)
//   --rss-key   IX_RSS_KEY    16..52 bytes of hex, optional ":", "-", "," or spaces between bytes
import { DEFAULT_RETA_SIZE } from "./reta.ts";

/** flag name -> environment variable, for the settings NIC and cores share. */
export const RSS_OPTIONS = {
  queues: "IX_QUEUES",
  "reta-size": "IX_RETA_SIZE",
  "rss-key": "IX_RSS_KEY",
} as const;
export type RssOptionName = keyof typeof RSS_OPTIONS;

/** The most queues (cores) a cluster has; the dataplane's core ids are 0..MAX_QUEUES-1. */
export const MAX_QUEUES = 64;

/** A bad setting: the message is one line naming the flag and its variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

const where = (name: RssOptionName): string => `--${name} (${RSS_OPTIONS[name]})`;

/** Queue count: an integer in 1..MAX_QUEUES. Throws ConfigError. */
export function parseQueues(text: string): number {
  const n = Number(text);
  if (text.trim() === "" || !Number.isInteger(n) || n < 1 || n > MAX_QUEUES)
    throw new ConfigError(
      `${where("queues")} must be an integer in [1, ${MAX_QUEUES}], got ${JSON.stringify(text)}`,
    );
  return n;
}

/** RETA size: a power of two in 8..512 (the flow group is hash & (size - 1)). Throws ConfigError. */
export function parseRetaSize(text: string): number {
  const n = Number(text);
  if (text.trim() === "" || !Number.isInteger(n) || n < 8 || n > 512 || (n & (n - 1)) !== 0)
    throw new ConfigError(
      `${where("reta-size")} must be a power of two in [8, 512], got ${JSON.stringify(text)}`,
    );
  return n;
}

/**
 * RSS key: 16 to 52 bytes of hex (16 cover the IPv4 4-tuple; 40 is the
 * 82599's key, 52 the XL710's), optionally "0x"-prefixed, bytes optionally
 * separated by ":", "-", "," or whitespace. Any other character is an error,
 * never silently dropped. Throws ConfigError.
 */
export function parseRssKey(text: string): Uint8Array {
  const clean = text.replace(/[\s:,-]/g, "").replace(/^0x/i, "");
  if (!/^([0-9a-fA-F]{2}){16,52}$/.test(clean))
    throw new ConfigError(`${where("rss-key")} must be 16 to 52 bytes of hex, got ${JSON.stringify(text)}`);
  return Uint8Array.from(clean.match(/../g) ?? [], (b) => parseInt(b, 16));
}

export interface RssConfig {
  queues: number;
  retaSize: number;
  /** undefined: the default key (lib/netstack DEFAULT_RSS_KEY). */
  rssKey: Uint8Array | undefined;
}

/**
 * The shared settings from parsed flags (by flag name, as node:util
 * parseArgs returns them) and the environment. `defaultQueues` is the
 * process's default when neither is set. Throws ConfigError.
 */
export function loadRssConfig(
  flags: Partial<Record<RssOptionName, string | undefined>>,
  env: NodeJS.ProcessEnv,
  defaultQueues: number,
): RssConfig {
  const get = (name: RssOptionName): string | undefined => {
    const v = flags[name] ?? env[RSS_OPTIONS[name]];
    return v === undefined || v === "" ? undefined : v;
  };
  const queues = get("queues");
  const retaSize = get("reta-size");
  const key = get("rss-key");
  return {
    queues: queues === undefined ? defaultQueues : parseQueues(queues),
    retaSize: retaSize === undefined ? DEFAULT_RETA_SIZE : parseRetaSize(retaSize),
    rssKey: key === undefined ? undefined : parseRssKey(key),
  };
}
