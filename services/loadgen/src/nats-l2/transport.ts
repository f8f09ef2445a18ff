// The "nats-l2" ixload transport: connections from one userspace client host
// (ClientHost) per process, attached to the cluster's NATS L2 segment. No
// privileges, no TAP: only a NATS user of kind "host".
//
// Every Transport made by the factory shares the process's host (preload and
// the measured run use the same IP, so the stack's ephemeral ports never
// collide with connections still closing). configureNatsL2() sets its identity
// and credentials before first use; closeNatsL2() closes it at the end.

import { credentialsFromEnv, type BusCredentials } from "@ix/bus";
import { parseIpv4 } from "@ix/netstack";
import { registerTransport, type Conn, type Transport } from "../transport.ts";
import { ClientHost, type ClientHostOptions } from "./client-host.ts";
import { resolveIdentity, type IdentityFlags } from "./identity.ts";

export interface NatsL2Config extends IdentityFlags {
  /** Default: IX_NATS_URL / IX_NATS_USER / IX_NATS_PASSWORD. */
  credentials?: BusCredentials;
  stack?: ClientHostOptions["stack"];
}

const NATS_CONNECT_TIMEOUT_MS = 10_000;

let config: NatsL2Config = {};
let shared: Promise<ClientHost> | null = null;

/** Sets the identity and credentials of this process's host. Throws once the host exists. */
export function configureNatsL2(c: NatsL2Config): void {
  if (shared) throw new Error("nats-l2: configure before the first connection");
  resolveIdentity(c); // validate now: bad flags are reported before anything starts
  config = { ...c };
}

/** The process's client host, started on first use. */
export function natsL2Host(): Promise<ClientHost> {
  if (!shared) {
    const identity = resolveIdentity(config);
    const credentials = config.credentials ?? credentialsFromEnv();
    const starting = ClientHost.start({ identity, credentials, stack: config.stack });
    shared = withTimeout(
      starting,
      NATS_CONNECT_TIMEOUT_MS,
      `nats-l2: cannot reach NATS at ${credentials.url}`,
    );
    shared.catch(() => {
      shared = null; // a later attempt may succeed
      void starting.then((h) => h.close(0)).catch(() => {});
    });
  }
  return shared;
}

/** Closes the process's host (its connections FIN, then it leaves the bus). */
export async function closeNatsL2(): Promise<void> {
  const s = shared;
  shared = null;
  if (!s) return;
  const host = await s.catch(() => null);
  await host?.close();
}

export class NatsL2Transport implements Transport {
  readonly name = "nats-l2";
  private readonly host: () => Promise<ClientHost>;

  constructor(host: () => Promise<ClientHost> = natsL2Host) {
    this.host = host;
  }

  async connect(host: string, port: number): Promise<Conn> {
    let ip: number;
    try {
      ip = parseIpv4(host);
    } catch {
      throw new Error(`nats-l2: the server must be an IPv4 address on the segment (no DNS), got "${host}"`);
    }
    if (!(Number.isInteger(port) && port >= 1 && port <= 65535)) {
      throw new Error(`nats-l2: bad port ${port}`);
    }
    return (await this.host()).connect(ip, port);
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

registerTransport("nats-l2", () => new NatsL2Transport());
