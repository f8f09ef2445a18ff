// How ixload reaches a server. "kernel" uses the host's TCP stack (node:net);
// a later "nats-l2" transport will run lib/netstack in userspace on the
// cluster's NATS L2 segment. Both implement this interface and nothing else of
// ixload depends on which one is in use.

export interface Conn {
  /**
   * Queues bytes for sending. The transport may hold on to `bytes` until they
   * are written: callers must not modify them afterwards. Sends made in one
   * turn of the event loop may be coalesced into one write.
   */
  send(bytes: Uint8Array): void;
  /** Received bytes, in order, in chunks of any size (valid only during the call). */
  onData(cb: (chunk: Uint8Array) => void): void;
  /** Called once when the connection ends, with the error if it failed. */
  onClose(cb: (err?: Error) => void): void;
  close(): void;
}

export interface Transport {
  readonly name: string;
  /** Opens a connection; rejects with a clear error when the server is unreachable. */
  connect(host: string, port: number): Promise<Conn>;
}

export type TransportName = "kernel" | "nats-l2";

/** Transports registered by name (nats-l2 registers itself when it exists). */
const registry = new Map<string, () => Transport>();

export function registerTransport(name: string, make: () => Transport): void {
  registry.set(name, make);
}

export function getTransport(name: string): Transport {
  const make = registry.get(name);
  if (!make) {
    throw new Error(`unknown transport "${name}" (available: ${[...registry.keys()].join(", ") || "none"})`);
  }
  return make();
}
