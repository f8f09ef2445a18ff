// The NATS client a transport-bench process uses: "@nats-io/transport-node"
// (v3, the project's dependency) or its predecessor "nats" (v2), so the bench
// can put both side by side on one nats-server (issue 13). v2 is no longer a
// dependency of the project: `npm install --no-save nats` makes the comparison
// run; without it the bench says it was skipped.
// Only the calls the ring uses, which both versions share, are typed here.

export type NatsClientName = "nats" | "@nats-io/transport-node";
export const NATS_CLIENTS: readonly NatsClientName[] = ["nats", "@nats-io/transport-node"];

export interface RingMsg {
  data: Uint8Array;
}

export interface RingConnection {
  publish(subject: string, data: Uint8Array): void;
  subscribe(subject: string, opts: { callback: (err: Error | null, msg: RingMsg) => void }): unknown;
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface NatsClient {
  connect(opts: { servers: string; timeout?: number }): Promise<RingConnection>;
}

/** Loads a client by package name; null when it is not installed. */
export async function loadNatsClient(name: NatsClientName): Promise<NatsClient | null> {
  try {
    const pkg: string = name; // a variable: type-checking must not require the optional package
    return (await import(pkg)) as NatsClient;
  } catch {
    return null;
  }
}
