// ixev, the app's entry point (IX's libevent-like layer over libix): one
// process bound to a set of elastic threads (cores), one libix UserThread
// each. Each thread's events arrive on its own subject; ixev is their event
// conditions handler: it turns knocks into connections (IxevConn), finds a
// connection by cookie for every other event (a cookie stays valid when a
// flow group, and so the connection, moves to another core), and keeps the
// process-wide state: listened ports, core liveness and restarts.
import type { NatsConnection, Subscription } from "@nats-io/transport-node";
import { ix } from "@ix/proto";
import { subjects as S } from "@ix/bus";
import { IxevConn, type ConnHandler, type ConnRegistry } from "./conn.ts";
import { MoveOrder } from "./move-order.ts";
import { UserThread, type EventConditions, type KnockInfo, type UdpDatagram } from "./user-thread.ts";
import { CoreLiveness } from "./core-liveness.ts";
import { randomBytes } from "node:crypto";

/** How often the threads' delivery timers run (ms): a fraction of ACK_DELAY_MS and the resend timeout. */
const TICK_MS = 20;

export interface IxevOptions {
  /**
   * The bus: each core's events, heartbeats and the app's syscall batches.
   * null (unit tests, tools): no subscriptions, batches go to `send`, and the
   * caller feeds EventBatches to `threads.get(core).handleBatch`.
   */
  nc: NatsConnection | null;
  /** Without a bus: where core `core`'s encoded SyscallBatches go. */
  send?(core: number, bytes: Uint8Array): void;
  /** Runs the flush of calls made outside event dispatch (default setImmediate). */
  schedule?(fn: () => void): void;
  cores: number[];
  app: string;
  /** Milliseconds, for the delivery timers (tests drive a manual clock; default Date.now). */
  now?: () => number;
  /** How long a SyscallBatch waits for its return codes before it is resent (ms; default DEFAULT_SYSCALL_RESEND_MS). */
  resendTimeoutMs?: number;
  onKnock(info: KnockInfo): ConnHandler | null;
  onUdp?(dgram: UdpDatagram, reply: (data: Uint8Array) => void): void;
}

export class Ixev implements EventConditions, ConnRegistry {
  readonly threads = new Map<number, UserThread>();
  /** A moved connection's events are handed on in order across the threads (move-order.ts). */
  readonly moveOrder = new MoveOrder();
  readonly conns = new Map<number, IxevConn>();
  malformedBatches = 0;
  readonly liveness = new CoreLiveness((core) => this.coreFailed(core));
  private cookie = 0;
  private subs: Subscription[] = [];
  private readonly opts: IxevOptions;
  /** Ports listened on, re-issued when a core restarts or the bus reconnects (a core forgets nothing on a reconnect, but a restarted one knows nothing). */
  private readonly tcpPorts = new Set<number>();
  private readonly udpPorts = new Set<number>();
  /** The admin URL each core last announced: a new one means the core process restarted. */
  private readonly coreInstances = new Map<number, string>();
  private busDown = false;
  private readonly relistenOnHeartbeat = new Set<number>();
  relistens = 0;
  /** "<app>#<instance>" on every batch: the dataplane tells a restarted app from the old one by it. */
  readonly instance: string;
  /** Runs each thread's delivery timers (resend, delayed acknowledgement) while on the bus. */
  private ticker: NodeJS.Timeout | undefined;

  constructor(opts: IxevOptions) {
    this.opts = opts;
    this.instance = `${opts.app}#${randomBytes(6).toString("hex")}`;
    const nc = opts.nc;
    const send = (core: number, bytes: Uint8Array): void => {
      if (nc) nc.publish(S.coreSys(core), bytes);
      else opts.send?.(core, bytes);
    };
    for (const core of opts.cores) {
      const thread = new UserThread({
        core,
        ops: this,
        send: (bytes) => send(core, bytes),
        app: this.instance,
        schedule: opts.schedule,
        now: opts.now,
        resendTimeoutMs: opts.resendTimeoutMs,
        order: this.moveOrder,
      });
      this.threads.set(core, thread);
      if (nc) this.subscribe(nc, core, thread);
    }
    if (nc) {
      this.liveness.start();
      void this.watchBus(nc);
      this.ticker = setInterval(() => {
        if (this.busDown) return; // what is published now waits in the client anyway
        for (const t of this.threads.values()) t.tick();
      }, TICK_MS);
      this.ticker.unref();
    }
  }

  /**
   * Lost and repeated batches, summed over the threads (docs/architecture.md,
   * "Lost batches"): SyscallBatches resent, EventBatches dropped as
   * duplicates or after a gap, resend requests sent, seqs the cores gave up.
   */
  delivery(): {
    syscallsResent: number;
    eventDuplicates: number;
    eventGaps: number;
    eventResendRequests: number;
    eventsSkipped: number;
    /** Holds for a moved connection's old core that ended at MOVE_HOLD_MS (move-order.ts). */
    moveHoldTimeouts: number;
  } {
    const d = {
      syscallsResent: 0,
      eventDuplicates: 0,
      eventGaps: 0,
      eventResendRequests: 0,
      eventsSkipped: 0,
      moveHoldTimeouts: this.moveOrder.holdTimeouts,
    };
    for (const t of this.threads.values()) {
      const c = t.events.counters;
      d.syscallsResent += t.batch.resent;
      d.eventDuplicates += c.duplicates;
      d.eventGaps += c.gaps;
      d.eventResendRequests += c.resendRequests;
      d.eventsSkipped += c.skipped;
    }
    return d;
  }

  private subscribe(nc: NatsConnection, core: number, thread: UserThread): void {
    this.subs.push(
      nc.subscribe(S.coreEvt(core), {
        callback: (err, msg) => {
          if (err) return;
          let batch: ix.EventBatch;
          try {
            batch = ix.EventBatch.decode(msg.data);
          } catch {
            this.malformedBatches++;
            return;
          }
          thread.handleBatch(batch);
        },
      }),
      nc.subscribe(S.status("dataplane", core), {
        callback: (_e, m) => this.onHeartbeat(core, thread, m.data),
      }),
    );
  }

  private onHeartbeat(core: number, thread: UserThread, data: Uint8Array): void {
    this.liveness.seen(core);
    let url: string;
    try {
      url = ix.Heartbeat.decode(data).adminUrl ?? "";
    } catch {
      return;
    }
    const previous = this.coreInstances.get(core);
    this.coreInstances.set(core, url);
    const restarted = previous !== undefined && previous !== url;
    if (restarted || this.relistenOnHeartbeat.delete(core)) this.relisten(thread);
  }

  /**
   * After a reconnect, listens again (harmless EADDRINUSE if the core kept
   * them) once each core's next heartbeat shows it is back on the bus too:
   * a listen published before the core resubscribed would be lost. The
   * liveness clock restarts: the silence was the bus's, not the cores'.
   */
  private async watchBus(nc: NatsConnection): Promise<void> {
    for await (const s of nc.status()) {
      if (s.type === "disconnect") this.busDown = true;
      if (s.type === "reconnect") {
        this.busDown = false;
        for (const core of this.opts.cores) {
          this.liveness.seen(core);
          this.relistenOnHeartbeat.add(core);
        }
      }
    }
  }

  private relisten(thread: UserThread): void {
    this.relistens++;
    for (const port of this.tcpPorts) thread.call({ kind: ix.SyscallKind.SYS_LISTEN, port });
    for (const port of this.udpPorts) thread.call({ kind: ix.SyscallKind.SYS_UDP_LISTEN, port });
  }

  /** Every connection served by a core that died is dead (the app still closes nothing: the core is gone). */
  private coreFailed(core: number): void {
    if (this.busDown) return; // silence is ours, not the core's
    this.threads.get(core)?.batch.abandon();
    for (const conn of [...this.conns.values()]) {
      if (conn.thread.core !== core) continue;
      this.unregister(conn);
      conn.lost(ix.DeadReason.DEAD_CORE_FAILED);
    }
  }

  /** Listens on `port` on every bound core (IX listens on every elastic thread). */
  listen(port: number): void {
    this.tcpPorts.add(port);
    for (const t of this.threads.values()) t.call({ kind: ix.SyscallKind.SYS_LISTEN, port });
  }

  udpListen(port: number): void {
    this.udpPorts.add(port);
    for (const t of this.threads.values()) t.call({ kind: ix.SyscallKind.SYS_UDP_LISTEN, port });
  }

  /** Opens a connection from `core` (default: the first bound core). */
  dial(ip: number, port: number, handler: ConnHandler, core = this.opts.cores[0]): Promise<IxevConn> {
    const thread = this.threads.get(core);
    if (!thread) return Promise.reject(new Error(`core ${core} is not bound to this app`));
    const conn = new IxevConn({
      thread,
      registry: this,
      handle: 0,
      cookie: this.nextCookie(),
      handler,
      remoteIp: ip,
      remotePort: port,
    });
    this.register(conn);
    return new Promise((resolve, reject) => {
      conn.onConnected = (code) => (code < 0 ? reject(new Error(`connect failed: ${code}`)) : resolve(conn));
      thread.call({ kind: ix.SyscallKind.SYS_CONNECT, ip, port, cookie: conn.cookie }, (code) => {
        if (code < 0) conn.connected(code, 0);
        else conn.handle = code;
      });
    });
  }

  private nextCookie(): number {
    return ++this.cookie;
  }

  /** The connection with this cookie, while it is open or its close has not landed. */
  lookup(cookie: number): IxevConn | undefined {
    return this.conns.get(cookie);
  }

  private register(conn: IxevConn): void {
    this.conns.set(conn.cookie, conn);
  }

  /** ConnRegistry: the connection's close landed (or its core died). */
  unregister(conn: IxevConn): void {
    this.conns.delete(conn.cookie);
  }

  // ---- event conditions (libix calls these for each event of a batch) ----

  knock(thread: UserThread, handle: number, info: KnockInfo): void {
    const handler = this.opts.onKnock(info);
    if (!handler) {
      thread.call({ kind: ix.SyscallKind.SYS_REJECT, handle });
      return;
    }
    const conn = new IxevConn({
      thread,
      registry: this,
      handle,
      cookie: this.nextCookie(),
      handler,
      remoteIp: info.remoteIp,
      remotePort: info.remotePort,
    });
    this.register(conn);
    // ESTALE: the connection's flow group moved before the accept ran; the
    // old core names the new one (EV_MOVED) and the accept is replayed there.
    const accept = (on: UserThread): void =>
      on.call({ kind: ix.SyscallKind.SYS_ACCEPT, handle, cookie: conn.cookie }, (code) => {
        if (code === -ix.Errno.ESTALE) conn.retryAfterMove(on, () => accept(conn.thread));
        else if (code < 0) conn.dead(code);
      });
    accept(thread);
  }

  recv(_thread: UserThread, cookie: number, data: Uint8Array): void {
    const conn = this.conns.get(cookie);
    if (!conn) return;
    if (data.length > 0) conn.received(data);
    else (conn.handler.onPeerClosed ?? ((c: IxevConn) => c.close()))(conn);
  }

  connected(_thread: UserThread, cookie: number, handle: number, code: number): void {
    this.conns.get(cookie)?.connected(code, handle);
  }

  sent(_thread: UserThread, cookie: number): void {
    this.conns.get(cookie)?.writable();
  }

  dead(_thread: UserThread, cookie: number, reason: number): void {
    this.conns.get(cookie)?.dead(reason);
  }

  moved(_thread: UserThread, cookie: number, core: number): void {
    // The flow group moved: the same cookie is now served by another core.
    const conn = this.conns.get(cookie);
    const target = this.threads.get(core);
    if (conn && target) conn.moved(target);
  }

  udpRecv(thread: UserThread, dgram: UdpDatagram): void {
    this.opts.onUdp?.(dgram, (data) =>
      thread.call({
        kind: ix.SyscallKind.SYS_UDP_SEND,
        port: dgram.localPort,
        ip: dgram.remoteIp,
        port2: dgram.remotePort,
        bufs: [data],
      }),
    );
  }

  close(): void {
    clearInterval(this.ticker);
    this.liveness.stop();
    for (const s of this.subs) s.unsubscribe();
  }
}
