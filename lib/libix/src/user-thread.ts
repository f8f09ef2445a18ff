// The user half of one elastic thread: it receives the core's event
// conditions (one EventBatch per dataplane cycle), dispatches them to the
// connections' handlers, and answers with the cycle's syscalls as one batch.
import { ix } from "@ix/proto";
import { IxevConn, type ConnHandler } from "./conn.ts";
import { SyscallBatch, type ResultCallback } from "./syscall-batch.ts";

export interface KnockInfo {
  core: number;
  localPort: number;
  remoteIp: number;
  remotePort: number;
}

export interface UdpDatagram {
  core: number;
  remoteIp: number;
  remotePort: number;
  localPort: number;
  data: Uint8Array;
}

/** Process-wide state shared by every elastic thread of the app. */
export interface ThreadHost {
  nextCookie(): number;
  lookup(cookie: number): IxevConn | undefined;
  register(conn: IxevConn): void;
  unregister(conn: IxevConn): void;
  onKnock(info: KnockInfo): ConnHandler | null;
  onUdp?(dgram: UdpDatagram, reply: (data: Uint8Array) => void): void;
  threadOf(core: number): UserThread | undefined;
}

export class UserThread {
  readonly core: number;
  readonly batch: SyscallBatch;
  private readonly host: ThreadHost;
  private recvDone = new Set<IxevConn>();
  private flushScheduled = false;
  private dispatching = false;
  eventsHandled = 0;

  constructor(core: number, host: ThreadHost, send: (bytes: Uint8Array) => void, app: string) {
    this.core = core;
    this.host = host;
    this.batch = new SyscallBatch(core, send, app);
  }

  /** Queues a syscall; outside event dispatch it is flushed on the next turn. */
  call(c: ix.ISyscall, onResult?: ResultCallback): void {
    this.batch.add(c, onResult);
    if (!this.dispatching && !this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        this.flush();
      });
    }
  }

  markRecvDone(conn: IxevConn): void {
    this.recvDone.add(conn);
  }

  forget(conn: IxevConn): void {
    this.recvDone.delete(conn);
    this.host.unregister(conn);
  }

  /** Handles one EventBatch from the core. Malformed input is dropped by the caller's decode. */
  handleBatch(b: ix.EventBatch): void {
    this.dispatching = true;
    try {
      if (b.resultsSeq) this.batch.complete(b.resultsSeq, b.results);
      for (const e of b.events) {
        this.eventsHandled++;
        this.dispatch(e);
      }
    } finally {
      this.dispatching = false;
    }
    this.flush();
  }

  flush(): void {
    for (const c of this.recvDone) c.flushRecvDone();
    this.recvDone.clear();
    this.batch.flush();
  }

  private dispatch(e: ix.IEvent): void {
    const K = ix.EventKind;
    const conn = e.cookie ? this.host.lookup(e.cookie) : undefined;
    switch (e.kind) {
      case K.EV_KNOCK:
        return this.knock(e);
      case K.EV_RECV:
        if (!conn) return;
        if (e.data && e.data.length > 0) conn.received(e.data);
        else (conn.handler.onPeerClosed ?? ((c: IxevConn) => c.close()))(conn);
        return;
      case K.EV_CONNECTED:
        return conn?.connected(e.value ?? 0, e.handle ?? 0);
      case K.EV_SENT:
        return conn?.writable();
      case K.EV_DEAD:
        return conn?.dead(e.value ?? 0);
      case K.EV_MOVED: {
        // The flow group moved: the same cookie is now served by another core.
        const target = this.host.threadOf(e.value ?? -1);
        if (conn && target) conn.moved(target);
        return;
      }
      case K.EV_UDP_RECV: {
        const dgram = {
          core: this.core,
          remoteIp: e.ip ?? 0,
          remotePort: e.port ?? 0,
          localPort: e.port2 ?? 0,
          data: e.data ?? new Uint8Array(0),
        };
        this.host.onUdp?.(dgram, (data) =>
          this.call({
            kind: ix.SyscallKind.SYS_UDP_SEND,
            port: dgram.localPort,
            ip: dgram.remoteIp,
            port2: dgram.remotePort,
            bufs: [data],
          }),
        );
        return;
      }
      default:
        return;
    }
  }

  private knock(e: ix.IEvent): void {
    const info = { core: this.core, localPort: e.port2 ?? 0, remoteIp: e.ip ?? 0, remotePort: e.port ?? 0 };
    const handler = this.host.onKnock(info);
    const handle = e.handle ?? 0;
    if (!handler) {
      this.call({ kind: ix.SyscallKind.SYS_REJECT, handle });
      return;
    }
    const conn = new IxevConn(this, handle, this.host.nextCookie(), handler, info.remoteIp, info.remotePort);
    this.host.register(conn);
    // ESTALE: the connection's flow group moved before the accept ran; the
    // old core names the new one (EV_MOVED) and the accept is replayed there.
    const accept = (on: UserThread): void =>
      on.call({ kind: ix.SyscallKind.SYS_ACCEPT, handle, cookie: conn.cookie }, (code) => {
        if (code === -ix.Errno.ESTALE) conn.retryAfterMove(on, () => accept(conn.thread));
        else if (code < 0) conn.dead(code);
      });
    accept(this);
  }
}
