// One memcached connection: bytes in (any segmentation), replies out. The
// same class serves the IX native API (recv events carrying zero-copy views,
// replies gathered into sendv) and the plain node:net server.
//
// A get hit's reply is a view of the item's chunk in the store's region. The
// session pins the item (memcached's item refcount, held by the connection
// until the reply is transmitted) and remembers where in its reply stream
// that view ends; the transport reports with onSent() how far it has let go
// of the stream, and the pins behind that point are dropped. Until then no
// set, eviction or flush can rewrite the chunk under the queued reply.
import { executeRequest } from "./commands.ts";
import type { ReplySink } from "./commands.ts";
import type { ItemRef } from "./item.ts";
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
  /** Reply bytes handed to the transport so far, and let go of (onSent). */
  private emitted = 0;
  private released = 0;
  /** FIFO of pins: item pinRefs[i] is held until `released` reaches pinEnds[i]. */
  private pinRefs = new Int32Array(8);
  private pinEnds = new Float64Array(8);
  private pinHead = 0;
  private pinCount = 0;

  constructor(store: MemcachedStore, limits: ParserLimits = {}) {
    this.store = store;
    this.parser = new MemcachedParser({ itemSizeMax: store.itemSizeMax, ...limits });
    this.sink = {
      emit: (reply: Uint8Array): void => {
        this.store.stats.bytesWritten += reply.length;
        this.emitted += reply.length;
        this.out(reply);
      },
      emitItem: (reply: Uint8Array, ref: ItemRef): void => {
        this.store.stats.bytesWritten += reply.length;
        this.emitted += reply.length;
        this.pin(ref, this.emitted);
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

  /**
   * The transport has let go of `bytes` more reply bytes, in order (sent,
   * copied or dropped): items whose views end within them are unpinned.
   */
  onSent(bytes: number): void {
    if (this.disposed) return;
    this.released += bytes;
    while (this.pinCount > 0 && this.pinEnds[this.pinHead] <= this.released) this.unpinHead();
  }

  /** Items pinned by replies the transport still holds. */
  get pinnedReplies(): number {
    return this.pinCount;
  }

  /** Call once when the connection is gone (keeps curr_connections right, drops every pin). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.closed = true;
    while (this.pinCount > 0) this.unpinHead();
    this.store.stats.currConnections--;
  }

  private pin(ref: ItemRef, end: number): void {
    if (this.pinCount === this.pinRefs.length) this.growPins();
    const at = (this.pinHead + this.pinCount) % this.pinRefs.length;
    this.pinRefs[at] = ref;
    this.pinEnds[at] = end;
    this.pinCount++;
    this.store.pin(ref);
  }

  private unpinHead(): void {
    this.store.unpin(this.pinRefs[this.pinHead]);
    this.pinHead = (this.pinHead + 1) % this.pinRefs.length;
    this.pinCount--;
  }

  /** Doubles the pin FIFO (a deep pipeline of gets whose replies are not yet sent). */
  private growPins(): void {
    const n = this.pinRefs.length;
    const refs = new Int32Array(n * 2);
    const ends = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      refs[i] = this.pinRefs[(this.pinHead + i) % n];
      ends[i] = this.pinEnds[(this.pinHead + i) % n];
    }
    this.pinRefs = refs;
    this.pinEnds = ends;
    this.pinHead = 0;
  }
}
