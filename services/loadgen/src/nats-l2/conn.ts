// One TCP connection of a nats-l2 client host, as a loadgen Conn on top of
// IX's native API. Sends made during one event-loop turn are queued and handed
// to the stack together (one sendv, so they leave in as few segments as
// possible); what the send buffer does not accept stays queued, in order,
// until a `sent` event reports free space. Received data goes to onData and is
// released with recvDone right after (the callback consumes it synchronously).

import type { DeadReason } from "@ix/netstack";
import type { Conn } from "../transport.ts";

/** What a connection needs from its host (ClientHost implements it). */
export interface ConnHost {
  sendv(handle: number, bufs: Uint8Array[]): number;
  recvDone(handle: number, bytes: number): number;
  closeHandle(handle: number): number;
  /** The connection has sends queued: flush them at the end of this turn. */
  markDirty(conn: NatsL2Conn): void;
  /** The connection is finished: forget its cookie. */
  forget(conn: NatsL2Conn): void;
}

const NOOP_DATA = (_chunk: Uint8Array): void => {};

export class NatsL2Conn implements Conn {
  readonly cookie: number;
  handle = -1;
  /** In the host's dirty list for this turn. */
  dirty = false;
  private readonly host: ConnHost;
  // Queued sends: pending[pendingHead..] in order; the array is reused.
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private dataCb: (chunk: Uint8Array) => void = NOOP_DATA;
  private closeCb: ((err?: Error) => void) | null = null;
  /** The application called close(); a FIN follows once the queue drains. */
  private closing = false;
  /** stack.close(handle) has been called: the handle is no longer ours. */
  private released = false;
  private ended = false;
  private failure: Error | undefined;

  constructor(host: ConnHost, cookie: number) {
    this.host = host;
    this.cookie = cookie;
  }

  /** Bytes accepted by send() that the stack has not taken yet. */
  get queuedBytes(): number {
    return this.pendingBytes;
  }

  send(bytes: Uint8Array): void {
    if (this.ended || this.closing || bytes.length === 0) return;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (!this.dirty) this.host.markDirty(this);
  }

  onData(cb: (chunk: Uint8Array) => void): void {
    this.dataCb = cb;
  }

  onClose(cb: (err?: Error) => void): void {
    this.closeCb = cb;
    if (this.ended) cb(this.failure);
  }

  close(): void {
    if (this.ended || this.closing) return;
    this.closing = true;
    if (this.pendingBytes === 0) this.release();
    // Like a destroyed socket, the application hears about its own close.
    this.end(undefined);
  }

  // ---- called by the host ----------------------------------------------

  /** Hands queued sends to the stack; keeps (in order) what does not fit. */
  flush(): void {
    this.dirty = false;
    if (this.released || this.pendingBytes === 0) return;
    const q = this.pending;
    const n = this.host.sendv(this.handle, q);
    if (n < 0) {
      // The connection died under us (a dead event follows or came already).
      this.dropQueue();
      this.end(new Error(`send failed: errno ${-n}`));
      return;
    }
    this.pendingBytes -= n;
    if (this.pendingBytes === 0) {
      q.length = 0;
      if (this.closing) this.release();
      return;
    }
    // Drop the fully accepted buffers; trim the partially accepted one.
    let left = n;
    let i = 0;
    while (left > 0 && left >= q[i].length) left -= q[i++].length;
    if (left > 0) q[i] = q[i].subarray(left);
    if (i > 0) q.splice(0, i);
  }

  /** The send buffer has room again. */
  writable(): void {
    if (this.pendingBytes > 0 && !this.dirty) this.host.markDirty(this);
  }

  /** Data arrived (a view into the received frame, valid during this call). */
  deliver(data: Uint8Array): void {
    if (!this.ended) this.dataCb(data);
    if (!this.released) this.host.recvDone(this.handle, data.length);
  }

  /** The stack reported the connection dead. */
  dead(reason: DeadReason): void {
    this.dropQueue();
    this.release();
    this.end(
      reason === "fin"
        ? undefined
        : new Error(`connection ${reason === "reset" ? "reset by peer" : "timed out"}`),
    );
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    this.host.closeHandle(this.handle);
    this.host.forget(this);
  }

  private dropQueue(): void {
    this.pending.length = 0;
    this.pendingBytes = 0;
  }

  private end(err: Error | undefined): void {
    if (this.ended) return;
    this.ended = true;
    this.failure = err;
    this.dataCb = NOOP_DATA;
    this.closeCb?.(err);
  }
}
