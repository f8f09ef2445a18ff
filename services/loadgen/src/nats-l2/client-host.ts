// A userspace client host on the cluster's NATS L2 segment: one lib/netstack
// Stack with its own IP and MAC (owning every flow group), a NATS connection
// as the wire, and one timer. The host transmits on ix.l2.tx.<name> and hears
// every frame the NIC sends on ix.l2.rx, keeping those for its MAC.
//
// Batching: frames the stack transmits during one event-loop turn are copied
// into one WireBurst and published at the end of the turn (a microtask), after
// the sends queued by connections in that turn have been handed to the stack.
// Timers: a single setTimeout, re-armed to stack.nextDeadline().

import type { NatsConnection, Subscription } from "@nats-io/transport-node";
import { connectBus, subjects as S, type BusCredentials } from "@ix/bus";
import { Stack, errnoName, formatIpv4, type StackEvent, type StackOptions } from "@ix/netstack";
import { NatsL2Conn, type ConnHost } from "./conn.ts";
import { describeIdentity, type HostIdentity } from "./identity.ts";
import { forEachFrame, WireBurstWriter } from "./wire-burst.ts";

/** Publish before a burst grows past this (the bus allows 8 MiB; the NIC uses 1 MiB). */
const MAX_BURST_BYTES = 1024 * 1024;
const CONNECT_TIMEOUT_MS = 15_000;

export interface ClientHostOptions {
  identity: HostIdentity;
  /** NATS credentials of a user of kind "host" (default: from IX_NATS_* in the environment). */
  credentials?: BusCredentials;
  /** Stack tunables (retaSize, tcp buffers, ...); identity, clock and transmit are the host's. */
  stack?: Omit<Partial<StackOptions>, "mac" | "ip" | "clock" | "transmit">;
}

export interface ClientHostCounters {
  burstsOut: number;
  framesOut: number;
  burstsIn: number;
  framesIn: number;
  /** Frames on the segment for other MACs (skipped before the stack). */
  framesForOthers: number;
  malformedBursts: number;
  /** Events for cookies no longer known (after close) or kinds a client ignores. */
  strayEvents: number;
}

interface PendingConnect {
  conn: NatsL2Conn;
  target: string;
  resolve(c: NatsL2Conn): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
}

const now = (): number => performance.now() * 1000;

export class ClientHost implements ConnHost {
  readonly identity: HostIdentity;
  readonly stack: Stack;
  readonly counters: ClientHostCounters = {
    burstsOut: 0,
    framesOut: 0,
    burstsIn: 0,
    framesIn: 0,
    framesForOthers: 0,
    malformedBursts: 0,
    strayEvents: 0,
  };
  private readonly nc: NatsConnection;
  private readonly sub: Subscription;
  private readonly txSubject: string;
  private readonly burst = new WireBurstWriter();
  private readonly conns = new Map<number, NatsL2Conn>();
  private readonly connecting = new Map<number, PendingConnect>();
  private dirty: NatsL2Conn[] = [];
  private nextCookie = 1;
  private flushQueued = false;
  private draining = false;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private closed = false;

  private constructor(opts: ClientHostOptions, nc: NatsConnection) {
    this.identity = opts.identity;
    this.nc = nc;
    this.txSubject = S.l2Tx(opts.identity.name);
    this.stack = new Stack({
      // Thousands of SYNs may wait for the first ARP reply.
      bufferPool: { count: 1024, size: 2048 },
      secret: (Math.random() * 0xffffffff) >>> 0,
      ...opts.stack,
      mac: opts.identity.mac,
      ip: opts.identity.ip,
      clock: now,
      transmit: this.transmit,
    });
    this.sub = nc.subscribe(S.L2_RX, { callback: (err, m) => (err ? undefined : this.receive(m.data)) });
  }

  /** Connects to NATS and attaches to the segment. */
  static async start(opts: ClientHostOptions): Promise<ClientHost> {
    const nc = await connectBus(`ixload-${opts.identity.name}`, opts.credentials);
    const host = new ClientHost(opts, nc);
    await nc.flush(); // the subscription is in place before the first SYN leaves
    return host;
  }

  describe(): string {
    return describeIdentity(this.identity);
  }

  /** Opens a TCP connection; resolves once established. */
  connect(dstIp: number, dstPort: number): Promise<NatsL2Conn> {
    if (this.closed) return Promise.reject(new Error("nats-l2 host is closed"));
    const cookie = this.nextCookie++;
    const handle = this.stack.connect(dstIp, dstPort, cookie);
    const target = `${formatIpv4(dstIp)}:${dstPort}`;
    if (handle < 0) {
      return Promise.reject(new Error(`cannot connect to ${target}: ${errnoName(handle)}`));
    }
    const conn = new NatsL2Conn(this, cookie);
    conn.handle = handle;
    const opened = new Promise<NatsL2Conn>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.connecting.delete(cookie);
        this.stack.close(handle);
        this.afterCall();
        reject(new Error(`cannot connect to ${target}: no answer in ${CONNECT_TIMEOUT_MS} ms`));
      }, CONNECT_TIMEOUT_MS);
      this.connecting.set(cookie, { conn, target, resolve, reject, timer });
    });
    this.afterCall(); // registered first: a connected event may already be queued
    return opened;
  }

  /** Live connections (established, connecting, or closing with queued data). */
  get connectionCount(): number {
    return this.conns.size + this.connecting.size;
  }

  /**
   * Closes every connection, waits up to `lingerMs` for their FIN exchanges
   * (so the server does not keep half-closed connections), then leaves the bus.
   */
  async close(lingerMs = 500): Promise<void> {
    if (this.closed) return;
    for (const p of this.connecting.values()) {
      clearTimeout(p.timer);
      this.stack.close(p.conn.handle);
      p.reject(new Error("nats-l2 host closed while connecting"));
    }
    this.connecting.clear();
    for (const c of [...this.conns.values()]) c.close();
    this.afterCall();
    const deadline = Date.now() + lingerMs;
    while (this.stack.connectionCount() > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
    this.closed = true;
    clearTimeout(this.timer);
    this.sub.unsubscribe();
    await this.nc.close();
  }

  // ---- ConnHost: what connections call ----------------------------------

  sendv(handle: number, bufs: Uint8Array[]): number {
    return this.stack.sendv(handle, bufs);
  }

  recvDone(handle: number, bytes: number): number {
    return this.stack.recvDone(handle, bytes);
  }

  closeHandle(handle: number): number {
    return this.stack.close(handle);
  }

  markDirty(conn: NatsL2Conn): void {
    conn.dirty = true;
    this.dirty.push(conn);
    this.scheduleFlush();
  }

  forget(conn: NatsL2Conn): void {
    this.conns.delete(conn.cookie);
    this.scheduleFlush(); // the FIN (or RST) must leave this turn
  }

  // ---- the wire ----------------------------------------------------------

  /** The stack's transmit: the frame is borrowed, so it is copied into the burst now. */
  private readonly transmit = (frame: Uint8Array): void => {
    if (this.burst.bytes + frame.length > MAX_BURST_BYTES) this.publishBurst();
    this.burst.add(frame);
    this.scheduleFlush();
  };

  private publishBurst(): void {
    if (this.burst.count === 0 || this.closed) return;
    this.counters.burstsOut++;
    this.counters.framesOut += this.burst.count;
    this.nc.publish(this.txSubject, this.burst.take());
  }

  private receive(data: Uint8Array): void {
    this.counters.burstsIn++;
    if (forEachFrame(data, this.inputFrame) < 0) this.counters.malformedBursts++;
    this.stack.poll(); // timers that came due while we were busy
    this.drainEvents();
    this.scheduleFlush();
  }

  /** Keeps frames for our MAC and broadcast/multicast; the stack checks the rest. */
  private readonly inputFrame = (data: Uint8Array, off: number, len: number): void => {
    this.counters.framesIn++;
    const mac = this.identity.mac;
    if (len >= 6 && (data[off] & 1) === 0) {
      for (let i = 0; i < 6; i++) {
        if (data[off + i] !== mac[i]) {
          this.counters.framesForOthers++;
          return;
        }
      }
    }
    this.stack.input(data.subarray(off, off + len));
  };

  // ---- end of turn -------------------------------------------------------

  private scheduleFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(this.flush);
  }

  /** Queued sends into the stack, events out, frames onto the bus, timer re-armed. */
  private readonly flush = (): void => {
    this.flushQueued = false;
    // A connection flushed here may be marked dirty again by an event handler
    // (a sent event); it then lands in the fresh list and the next flush.
    for (let rounds = 0; rounds < 4 && this.dirty.length > 0; rounds++) {
      const list = this.dirty;
      this.dirty = [];
      for (const c of list) c.flush();
      this.drainEvents();
    }
    if (this.dirty.length > 0) this.scheduleFlush();
    this.publishBurst();
    this.armTimer();
  };

  private afterCall(): void {
    this.drainEvents();
    this.scheduleFlush();
  }

  private drainEvents(): void {
    if (this.draining) return; // a handler's syscall appended events: the loop below sees them
    this.draining = true;
    const evs = this.stack.events;
    try {
      for (let i = 0; i < evs.length; i++) this.dispatch(evs[i]);
    } finally {
      evs.length = 0;
      this.draining = false;
    }
  }

  private dispatch(ev: StackEvent): void {
    switch (ev.type) {
      case "recv": {
        const c = this.conns.get(ev.cookie);
        if (c) c.deliver(ev.data);
        else this.counters.strayEvents++;
        return;
      }
      case "sent": {
        const c = this.conns.get(ev.cookie);
        if (c) c.writable();
        return;
      }
      case "connected": {
        const p = this.connecting.get(ev.cookie);
        if (!p) {
          this.counters.strayEvents++;
          return;
        }
        this.connecting.delete(ev.cookie);
        clearTimeout(p.timer);
        if (ev.ok) {
          this.conns.set(ev.cookie, p.conn);
          p.resolve(p.conn);
        } else {
          p.reject(new Error(`cannot connect to ${p.target}: refused or timed out`));
        }
        return;
      }
      case "dead": {
        const c = this.conns.get(ev.cookie);
        if (c) c.dead(ev.reason);
        else this.counters.strayEvents++;
        return;
      }
      default:
        this.counters.strayEvents++;
    }
  }

  private readonly onTimer = (): void => {
    this.timer = undefined;
    this.timerAt = Infinity;
    if (this.closed) return;
    this.stack.poll();
    this.drainEvents();
    this.flush();
  };

  private armTimer(): void {
    if (this.closed) return;
    const at = this.stack.nextDeadline();
    if (!Number.isFinite(at) || at >= this.timerAt) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(this.onTimer, Math.max(0, (at - now()) / 1000));
  }
}
