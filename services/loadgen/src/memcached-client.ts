// The memcached side of the open loop: picks GET or SET with the workload's
// SET fraction and a key uniformly over the key space, and parses responses.

import type { KeySpace } from "./keyspace.ts";
import { MemcachedResponseParser } from "./memcached-parser.ts";
import type { ProtocolClient, ResponseSink } from "./protocol.ts";
import type { Rng } from "./rng.ts";
import { MAX_VALUE_BYTES, type MemcachedWorkload } from "./workload.ts";

/** Value bytes shared by every SET: the content does not matter to memcached. */
const VALUE_FILL = Buffer.alloc(MAX_VALUE_BYTES, "x");

export class MemcachedClient implements ProtocolClient {
  readonly parser = new MemcachedResponseParser();
  private readonly keys: KeySpace;
  private readonly workload: MemcachedWorkload;
  private readonly rng: Rng;

  constructor(keys: KeySpace, workload: MemcachedWorkload, rng: Rng) {
    this.keys = keys;
    this.workload = workload;
    this.rng = rng;
  }

  get protocolErrors(): number {
    return this.parser.protocolErrors;
  }

  nextRequest(): Uint8Array {
    const index = this.rng.below(this.keys.count);
    if (this.rng.next() < this.workload.setFraction) {
      return setRequest(this.keys.key(index), this.workload.valueSize(this.rng));
    }
    return this.keys.getRequest(index);
  }

  feed(chunk: Uint8Array, sink: ResponseSink): void {
    this.parser.feed(chunk, sink);
  }
}

/** "set <key> 0 0 <n>\r\n<n bytes>\r\n" in one fresh buffer (SETs are the rare op). */
export function setRequest(key: Uint8Array, valueSize: number): Buffer {
  const header = ` 0 0 ${valueSize}\r\n`;
  const out = Buffer.allocUnsafe(4 + key.length + header.length + valueSize + 2);
  let pos = out.write("set ", 0, "latin1");
  out.set(key, pos);
  pos += key.length;
  pos += out.write(header, pos, "latin1");
  VALUE_FILL.copy(out, pos, 0, valueSize);
  pos += valueSize;
  out.write("\r\n", pos, "latin1");
  return out;
}
