// NIC configuration from command-line flags and the environment (docker
// compose sets the environment; a flag wins over its variable). Parsing is
// config time: bad values throw with a message naming the flag. The settings
// the cores must agree with (queues, RETA size, RSS key) come from lib/bus's
// rss-config.ts: same names (IX_QUEUES, IX_RETA_SIZE, IX_RSS_KEY), same checks.
import { RSS_OPTIONS, loadRssConfig } from "@ix/bus";
import { DEFAULT_RSS_KEY, parseIpv4, parseMac } from "./netstack.ts";
import { DEFAULT_RX_BURSTS_IN_FLIGHT, DEFAULT_RX_FRAMES_IN_FLIGHT } from "./nic.ts";

export interface UdpAddress {
  host: string;
  port: number;
}

export interface NicConfig {
  /** Instance id: heartbeats go to ix.status.nic.<id>. */
  id: string;
  queues: number;
  retaSize: number;
  rssKey: Uint8Array;
  ringSize: number;
  /** Most frames in one RxBurst message. */
  burstSize: number;
  /** RX bursts a queue may have in flight to its core before it waits for credits (self-clocking). */
  rxBurstsInFlight: number;
  /** Frames a core with a small B may have in flight: the bursts bound rises to ceil(this / B) (0: bursts only). */
  rxFramesInFlight: number;
  /** A queue that waited this long for credits with frames waiting is re-armed (a lost TxBurst, a restarted core). */
  creditTimeoutMs: number;
  /** The UDP wire port binds here (QEMU dgram netdev style); null: no UDP wire. */
  wireListen: UdpAddress | null;
  /** Where outgoing frames are sent; null: the source of the last datagram received. */
  wirePeer: UdpAddress | null;
  /**
   * An inherited file descriptor of a Linux TAP device (opened with
   * IFF_TAP | IFF_NO_PI by whoever started the NIC: one read or write is one
   * Ethernet frame); the NIC reads and writes it directly, without the
   * socat <-> UDP bridge. null: no TAP wire.
   */
  wireTapFd: number | null;
  hostIp: number;
  hostMac: Uint8Array;
  /** Accept unicast frames for any MAC (default: only hostMac and broadcast/multicast). */
  promiscuous: boolean;
  /** Seed of the fault injectors' RNG (runs replay exactly). */
  faultSeed: number;
  adminHost: string;
  adminPort: number;
}

/** flag name -> environment variable. */
const OPTIONS = {
  id: "IX_NIC_ID",
  ...RSS_OPTIONS,
  "ring-size": "IX_NIC_RING_SIZE",
  "burst-size": "IX_NIC_BURST_SIZE",
  "rx-bursts-in-flight": "IX_NIC_RX_BURSTS_IN_FLIGHT",
  "rx-frames-in-flight": "IX_NIC_RX_FRAMES_IN_FLIGHT",
  "credit-timeout-ms": "IX_NIC_CREDIT_TIMEOUT_MS",
  "wire-listen": "IX_NIC_WIRE_LISTEN",
  "wire-peer": "IX_NIC_WIRE_PEER",
  "wire-tap-fd": "IX_NIC_WIRE_TAP_FD",
  "host-ip": "IX_HOST_IP",
  "host-mac": "IX_HOST_MAC",
  promiscuous: "IX_NIC_PROMISCUOUS",
  "fault-seed": "IX_NIC_FAULT_SEED",
  "admin-host": "IX_ADMIN_HOST",
  "admin-port": "IX_ADMIN_PORT",
} as const;
type OptionName = keyof typeof OPTIONS;

export const USAGE = `usage: node services/nic/src/main.ts [--flag value ...]
${Object.entries(OPTIONS)
  .map(([flag, env]) => `  --${flag.padEnd(19)} (env ${env})`)
  .join("\n")}
NATS credentials: IX_NATS_URL, IX_NATS_USER, IX_NATS_PASSWORD.`;

function intIn(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`--${name} must be an integer in [${min}, ${max}], got ${JSON.stringify(text)}`);
  }
  return n;
}

export function parseUdpAddress(name: string, text: string): UdpAddress {
  const m = /^(.*):(\d+)$/.exec(text);
  if (!m || m[1] === "") throw new Error(`--${name} must be host:port, got ${JSON.stringify(text)}`);
  return { host: m[1], port: intIn(name, m[2], 1, 65535) };
}

/** `--flag value` or `--flag=value` pairs; unknown flags throw. */
function parseFlags(argv: string[]): Map<OptionName, string> {
  const out = new Map<OptionName, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m || !(m[1] in OPTIONS)) throw new Error(`unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
    const name = m[1] as OptionName;
    let value = m[2];
    if (value === undefined) {
      if (name === "promiscuous" && (argv[i + 1] === undefined || argv[i + 1].startsWith("--"))) {
        value = "true";
      } else {
        value = argv[++i];
        if (value === undefined) throw new Error(`--${name} needs a value`);
      }
    }
    out.set(name, value);
  }
  return out;
}

export function loadConfig(argv: string[] = [], env: NodeJS.ProcessEnv = {}): NicConfig {
  const flags = parseFlags(argv);
  const get = (name: OptionName): string | undefined => {
    const v = flags.get(name) ?? env[OPTIONS[name]];
    return v === undefined || v === "" ? undefined : v;
  };
  const int = (name: OptionName, dflt: number, min: number, max: number): number => {
    const v = get(name);
    return v === undefined ? dflt : intIn(name, v, min, max);
  };
  const rss = loadRssConfig(
    { queues: get("queues"), "reta-size": get("reta-size"), "rss-key": get("rss-key") },
    env,
    4,
  );
  const listen = get("wire-listen");
  const peer = get("wire-peer");
  const tapFd = get("wire-tap-fd");
  const promiscuous = get("promiscuous");
  return {
    id: get("id") ?? "0",
    queues: rss.queues,
    retaSize: rss.retaSize,
    rssKey: rss.rssKey ?? DEFAULT_RSS_KEY.slice(),
    ringSize: int("ring-size", 512, 1, 65536),
    burstSize: int("burst-size", 64, 1, 8192),
    rxBurstsInFlight: int("rx-bursts-in-flight", DEFAULT_RX_BURSTS_IN_FLIGHT, 1, 64),
    rxFramesInFlight: int("rx-frames-in-flight", DEFAULT_RX_FRAMES_IN_FLIGHT, 0, 4096),
    creditTimeoutMs: int("credit-timeout-ms", 100, 1, 60_000),
    wireListen: listen === undefined ? null : parseUdpAddress("wire-listen", listen),
    wirePeer: peer === undefined ? null : parseUdpAddress("wire-peer", peer),
    // 0-2 are stdio: a TAP fd is passed as 3 or above.
    wireTapFd: tapFd === undefined ? null : intIn("wire-tap-fd", tapFd, 3, 65535),
    hostIp: parseIpv4(get("host-ip") ?? "10.77.0.2"),
    hostMac: parseMac(get("host-mac") ?? "02:00:00:00:00:02"),
    promiscuous: promiscuous !== undefined && /^(1|true|yes|on)$/i.test(promiscuous),
    faultSeed: int("fault-seed", 1, 0, 0xffffffff),
    adminHost: get("admin-host") ?? "127.0.0.1",
    adminPort: int("admin-port", 0, 0, 65535),
  };
}
