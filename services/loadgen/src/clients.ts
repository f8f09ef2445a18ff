// Builds the per-connection protocol clients for a run (and the key space they
// share), so the runner, the ceiling and agents make them the same way.

import { EchoClient } from "./echo-client.ts";
import { KeySpace } from "./keyspace.ts";
import { MemcachedClient } from "./memcached-client.ts";
import type { ProtocolClient, ProtocolName } from "./protocol.ts";
import type { Rng } from "./rng.ts";
import { memcachedWorkload, type MemcachedWorkload, type WorkloadName } from "./workload.ts";

export interface ClientSpec {
  protocol: ProtocolName;
  workload: WorkloadName;
  keys: number;
  valueSize?: number;
  messageSize: number;
  depth: number;
}

export interface ProtocolClients {
  make(connectionIndex: number, rng: Rng): ProtocolClient;
  /** memcached only: what the preload must store. */
  keySpace?: KeySpace;
  workload?: MemcachedWorkload;
  /** Sum of the clients' protocol errors so far. */
  protocolErrors(): number;
}

export function createProtocolClients(spec: ClientSpec): ProtocolClients {
  const made: ProtocolClient[] = [];
  const protocolErrors = (): number => made.reduce((s, c) => s + c.protocolErrors, 0);
  if (spec.protocol === "echo") {
    return {
      make: () => remember(made, new EchoClient(spec.messageSize, spec.depth)),
      protocolErrors,
    };
  }
  const workload = memcachedWorkload(spec.workload, { valueSize: spec.valueSize });
  const keySpace = new KeySpace(spec.keys, workload);
  return {
    make: (_i, rng) => remember(made, new MemcachedClient(keySpace, workload, rng)),
    keySpace,
    workload,
    protocolErrors,
  };
}

function remember<T extends ProtocolClient>(list: ProtocolClient[], client: T): T {
  list.push(client);
  return client;
}
