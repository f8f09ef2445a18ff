// ixev: one TCP connection as the app sees it (IX's ixev_ctx), on top of
// libix's UserThread. Data handed to send() is queued and pushed with sendv,
// at most one sendv in flight so a partial acceptance can never reorder bytes;
// bytes consumed by the app are acknowledged with recv_done, coalesced to one
// call per connection per cycle. A call refused with ESTALE (the connection's
// flow group migrated) is replayed on the core EV_MOVED names.
import { ix } from "@ix/proto";
import type { UserThread, FlushParticipant } from "./user-thread.ts";

// The contract's numbers (proto/ix.proto): IX's scatter-gather limit per
// sendv, and ESTALE, the dataplane's answer for a handle whose flow group just
// migrated.
const { MAX_SG_ENTRIES } = ix.Limit;
const { ESTALE } = ix.Errno;
/** onClosed reason when the app closed the connection itself (the stack's dead reasons, ix.DeadReason, are 1..3). */
export const CLOSED_BY_APP = 0;

export interface ConnHandler {
  /** A zero-copy view of received bytes; consumed (recv_done) when this returns. */
  onData(conn: IxevConn, data: Uint8Array): void;
  /** The peer closed its side (FIN). Default: close ours once queued data is sent. */
  onPeerClosed?(conn: IxevConn): void;
  /**
   * The stack accepted `bytes` more of the data given to send(), in order:
   * libix holds no reference to those bytes any more (views of memory the app
   * reuses, such as memcached item chunks, may be reused).
   */
  onSent?(conn: IxevConn, bytes: number): void;
  /** The connection died under the app (reset, timeout, core died, a failed call); reason is the stack's code or -errno. */
  onDead?(conn: IxevConn, reason: number): void;
  /**
   * The connection is over for the app, exactly once, whoever ended it: after
   * the app's own close() (reason CLOSED_BY_APP, once queued data went to the
   * stack), after the peer's FIN and the app's close, or after onDead (same
   * reason). The place to release per-connection state and counters.
   */
  onClosed?(conn: IxevConn, reason: number): void;
}

/** Where a connection is registered by cookie (Ixev); it leaves once its close has landed. */
export interface ConnRegistry {
  unregister(conn: IxevConn): void;
}

export interface IxevConnInit {
  thread: UserThread;
  registry: ConnRegistry;
  /** The core's handle (0 until a connect's return code names it). */
  handle: number;
  cookie: number;
  handler: ConnHandler;
  remoteIp: number;
  remotePort: number;
}

export class IxevConn implements FlushParticipant {
  /** The elastic thread that serves this connection; changes when its flow group migrates. */
  thread: UserThread;
  private out: Uint8Array[] = [];
  private outBytes = 0;
  private sending = false;
  private closing = false;
  private closed = false;
  private released = false;
  private pendingRecvDone = 0;
  sentBytes = 0;
  receivedBytes = 0;
  /** Calls refused with ESTALE, reissued once EV_MOVED names the new core. */
  private afterMove: (() => void)[] = [];

  handle: number;
  handler: ConnHandler;
  readonly cookie: number;
  readonly remoteIp: number;
  readonly remotePort: number;

  private readonly registry: ConnRegistry;

  constructor(init: IxevConnInit) {
    this.thread = init.thread;
    this.registry = init.registry;
    this.handle = init.handle;
    this.cookie = init.cookie;
    this.handler = init.handler;
    this.remoteIp = init.remoteIp;
    this.remotePort = init.remotePort;
  }

  get queuedBytes(): number {
    return this.outBytes;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  send(data: Uint8Array): void {
    if (this.closed || this.closing || data.length === 0) return;
    this.out.push(data);
    this.outBytes += data.length;
    this.pump();
  }

  /** Closes once everything queued has been accepted by the stack. */
  close(): void {
    if (this.closed || this.closing) return;
    this.closing = true;
    this.pump();
  }

  /** @internal called by the thread for every recv event. */
  received(data: Uint8Array): void {
    this.receivedBytes += data.length;
    this.handler.onData(this, data);
    if (this.closed) return;
    this.pendingRecvDone += data.length;
    this.thread.joinFlush(this);
  }

  /** @internal (FlushParticipant) emits the coalesced recv_done of this cycle. */
  beforeFlush(): void {
    if (this.pendingRecvDone === 0 || this.closed) return;
    const bytes = this.pendingRecvDone;
    const issuedOn = this.thread;
    this.thread.call({ kind: ix.SyscallKind.SYS_RECV_DONE, handle: this.handle, bytes }, (code) => {
      if (code === -ESTALE)
        this.retryAfterMove(issuedOn, () =>
          this.thread.call({ kind: ix.SyscallKind.SYS_RECV_DONE, handle: this.handle, bytes }),
        );
    });
    this.pendingRecvDone = 0;
  }

  /** @internal EV_MOVED: the connection is now served by `thread`; replay refused calls there. */
  moved(thread: UserThread): void {
    this.thread = thread;
    const replays = this.afterMove;
    this.afterMove = [];
    for (const r of replays) r();
  }

  /** @internal replays `replay` once the connection is known to be served by another thread than `issuedOn`. */
  retryAfterMove(issuedOn: UserThread, replay: () => void): void {
    if (this.thread !== issuedOn) replay();
    else this.afterMove.push(replay);
  }

  /** @internal set by dial(): runs when the connect completes. */
  onConnected: ((code: number) => void) | undefined;

  /** @internal the outcome of connect: 0, or a negative code (then the connection is gone). */
  connected(code: number, handle: number): void {
    if (handle) this.handle = handle;
    const cb = this.onConnected;
    this.onConnected = undefined;
    if (code < 0) this.dead(code);
    cb?.(code);
    if (code >= 0) this.pump();
  }

  /** @internal the stack acknowledged data: its send buffer has room again. */
  writable(): void {
    this.pump();
  }

  /** @internal the connection is dead; the app must still close the handle (IX rule). */
  dead(reason: number): void {
    if (this.closed) return;
    this.closeNow();
    this.handler.onDead?.(this, reason);
    this.release(reason);
  }

  /** @internal the serving core died: no syscall can reach the connection any more. */
  lost(reason: number): void {
    if (this.closed) {
      this.release(reason); // a close in flight will never be answered
      return;
    }
    this.closed = true;
    this.out = [];
    this.outBytes = 0;
    this.handler.onDead?.(this, reason);
    this.release(reason);
  }

  /** Tells the handler the connection is over, once (see ConnHandler.onClosed). */
  private release(reason: number): void {
    if (this.released) return;
    this.released = true;
    this.handler.onClosed?.(this, reason);
  }

  /**
   * Closes the handle; the connection stays findable by cookie until the close
   * lands (it may have to follow a migration). The app's own close releases
   * the connection here: nothing the stack says about the handle afterwards
   * reaches the app (IX: a closed handle gets no events).
   */
  private closeNow(): void {
    this.closed = true;
    this.out = [];
    this.outBytes = 0;
    const issue = (on: UserThread): void =>
      on.call({ kind: ix.SyscallKind.SYS_CLOSE, handle: this.handle }, (code) => {
        if (code === -ESTALE) this.retryAfterMove(on, () => issue(this.thread));
        else {
          this.thread.leaveFlush(this);
          this.registry.unregister(this);
        }
      });
    issue(this.thread);
  }

  private pump(): void {
    if (this.sending || this.closed || this.onConnected) return;
    if (this.out.length === 0) {
      if (this.closing) {
        this.closeNow();
        this.release(CLOSED_BY_APP);
      }
      return;
    }
    const bufs = this.out.slice(0, MAX_SG_ENTRIES);
    this.sending = true;
    const issuedOn = this.thread;
    this.thread.call({ kind: ix.SyscallKind.SYS_SENDV, handle: this.handle, bufs }, (accepted) => {
      if (this.closed) return;
      if (accepted === -ESTALE) {
        return this.retryAfterMove(issuedOn, () => {
          this.sending = false;
          this.pump();
        });
      }
      this.sending = false;
      if (accepted < 0) return this.dead(accepted);
      this.consume(accepted);
      // Nothing accepted: the send buffer is full; the next `sent` event pumps.
      if (accepted > 0) this.pump();
    });
  }

  private consume(n: number): void {
    if (n === 0) return;
    this.sentBytes += n;
    this.outBytes -= n;
    const accepted = n;
    while (n > 0 && this.out.length > 0) {
      const head = this.out[0];
      if (head.length <= n) {
        n -= head.length;
        this.out.shift();
      } else {
        this.out[0] = head.subarray(n);
        n = 0;
      }
    }
    this.handler.onSent?.(this, accepted);
  }
}
