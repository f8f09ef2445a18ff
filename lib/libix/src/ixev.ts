// The app's entry point (IX's libix/ixev): one process bound to a set of
// elastic threads (cores). Each thread's events arrive on its own subject;
// per-connection state is found by cookie, which stays valid when a flow
// group — and so the connection — moves to another core.
import type { NatsConnection, Subscription } from "nats";
import { ix } from "@ix/proto";
import { subjects as S } from "@ix/bus";
import { IxevConn, type ConnHandler } from "./conn.ts";
import { UserThread, type KnockInfo, type ThreadHost, type UdpDatagram } from "./user-thread.ts";
import { CoreLiveness } from "./core-liveness.ts";
import { randomBytes } from "node:crypto";

export interface LibixOptions {
  nc: NatsConnection;
  cores: number[];
  app: string;
  onKnock(info: KnockInfo): ConnHandler | null;
  onUdp?(dgram: UdpDatagram, reply: (data: Uint8Array) => void): void;
}

export class Libix implements ThreadHost {
  readonly threads = new Map<number, UserThread>();
  readonly conns = new Map<number, IxevConn>();
  malformedBatches = 0;
  readonly liveness = new CoreLiveness((core) => this.coreFailed(core));
  private cookie = 0;
  private subs: Subscription[] = [];
  private readonly opts: LibixOptions;
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

  constructor(opts: LibixOptions) {
    this.opts = opts;
    this.instance = `${opts.app}#${randomBytes(6).toString("hex")}`;
    for (const core of opts.cores) {
      const thread = new UserThread(
        core,
        this,
        (bytes) => opts.nc.publish(S.coreSys(core), bytes),
        this.instance,
      );
      this.threads.set(core, thread);
      const sub = opts.nc.subscribe(S.coreEvt(core), {
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
      });
      this.subs.push(sub);
      this.subs.push(
        opts.nc.subscribe(S.status("dataplane", core), {
          callback: (_e, m) => this.onHeartbeat(core, thread, m.data),
        }),
      );
    }
    this.liveness.start();
    void this.watchBus();
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
  private async watchBus(): Promise<void> {
    for await (const s of this.opts.nc.status()) {
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
    const conn = new IxevConn(thread, 0, this.nextCookie(), handler, ip, port);
    this.register(conn);
    return new Promise((resolve, reject) => {
      conn.onConnected = (code) => (code < 0 ? reject(new Error(`connect failed: ${code}`)) : resolve(conn));
      thread.call({ kind: ix.SyscallKind.SYS_CONNECT, ip, port, cookie: conn.cookie }, (code) => {
        if (code < 0) conn.connected(code, 0);
        else conn.handle = code;
      });
    });
  }

  nextCookie(): number {
    return ++this.cookie;
  }
  lookup(cookie: number): IxevConn | undefined {
    return this.conns.get(cookie);
  }
  register(conn: IxevConn): void {
    this.conns.set(conn.cookie, conn);
  }
  unregister(conn: IxevConn): void {
    this.conns.delete(conn.cookie);
  }
  onKnock(info: KnockInfo): ConnHandler | null {
    return this.opts.onKnock(info);
  }
  onUdp(dgram: UdpDatagram, reply: (data: Uint8Array) => void): void {
    this.opts.onUdp?.(dgram, reply);
  }
  threadOf(core: number): UserThread | undefined {
    return this.threads.get(core);
  }

  close(): void {
    this.liveness.stop();
    for (const s of this.subs) s.unsubscribe();
  }
}
