// One memcached connection: bytes in (any segmentation), replies out. The
// same class serves the IX native API (recv events carrying zero-copy views,
// replies gathered into sendv) and the plain node:net server.
import { executeRequest } from "./commands.ts";
import type { ReplySink } from "./commands.ts";
import { MemcachedParser } from "./parser.ts";
import type { ParserLimits } from "./parser.ts";
import type { MemcachedStore } from "./store.ts";
import type { ReplyOut, Session, SessionStatus } from "../session.ts";

const EMPTY = new Uint8Array(0);
const discard: ReplyOut = () => {};

export class MemcachedSession implements Session {
  private readonly store: MemcachedStore;
  private readonly parser: MemcachedParser;
  private readonly sink: ReplySink;
  private out: ReplyOut = discard;
  private closed = false;
  private disposed = false;

  constructor(store: MemcachedStore, limits: ParserLimits = {}) {
    this.store = store;
    this.parser = new MemcachedParser({ itemSizeMax: store.itemSizeMax, ...limits });
    this.sink = {
      emit: (reply: Uint8Array): void => {
        this.store.stats.bytesWritten += reply.length;
        this.out(reply);
      },
    };
    store.stats.currConnections++;
    store.stats.totalConnections++;
  }

  /**
   * Consumes one received chunk (the view is not kept after return) and emits
   * every reply it completes through `out`. "close" means the client quit or
   * broke the protocol: send what was emitted, then close; later data is ignored.
   */
  onData(chunk: Uint8Array, out: ReplyOut): SessionStatus {
    if (this.closed) return "close";
    this.store.stats.bytesRead += chunk.length;
    this.out = out;
    this.parser.push(chunk);
    for (;;) {
      const req = this.parser.next();
      if (req === null) break;
      if (!executeRequest(this.store, req, this.sink)) {
        this.closed = true;
        break;
      }
    }
    this.parser.push(EMPTY);
    this.out = discard;
    return this.closed ? "close" : "open";
  }

  /** Bytes buffered for a request split across chunks (bounded by the parser limits). */
  get bufferedBytes(): number {
    return this.parser.bufferedBytes;
  }

  /** Call once when the connection is gone (keeps curr_connections right). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.closed = true;
    this.store.stats.currConnections--;
  }
}
