// Shared state of a Stack and the TcpHost side of it: identity, options,
// counters, events, flow-group tables and totals, timers, egress. The input
// path (stack-input.ts) and the syscalls (stack.ts) build on it.

import { createCounters } from "../counters.ts";
import type { StackEvent } from "./events.ts";
import { ArpCache } from "./arp-cache.ts";
import { Egress } from "./egress.ts";
import { FlowGroup } from "./flow-group.ts";
import { IcmpErrors } from "./icmp-errors.ts";
import { Ipv4Reassembly } from "./ip-reassembly.ts";
import { resolveOptions, type ResolvedOptions, type StackOptions } from "./options.ts";
import { Toeplitz, DEFAULT_RSS_KEY, flowGroupOf } from "../rss/toeplitz.ts";
import type { TcpConfig } from "../tcp/config.ts";
import type { TcpHost } from "../tcp/host.ts";
import { SynCookies } from "../tcp/syn-cookie.ts";
import { Tcb } from "../tcp/tcb.ts";
import type { TimeWaitRecord } from "../tcp/time-wait-table.ts";
import { onTimer } from "../tcp/timers.ts";
import { dropReceived } from "../tcp/lifecycle.ts";
import { UNOWNED_RX_BUFFERS, type RxBufferOwner } from "../util/rx-buffers.ts";
import { BufferPool } from "../util/buffer-pool.ts";
import { IcmpTimeExceededCode, IcmpType } from "../wire/icmp.ts";
import { newTcpEmitHeader, type TcpEmitHeader, type TcpEmitOptions } from "../wire/tcp.ts";

export class StackBase implements TcpHost {
  readonly mac: Uint8Array;
  readonly ip: number;
  readonly opts: ResolvedOptions;
  readonly tcpCfg: TcpConfig;
  readonly counters = createCounters();
  /** Event conditions for the application; the caller drains it. */
  events: StackEvent[] = [];
  now: number;
  protected readonly clock: () => number;
  protected readonly transmit: (frame: Uint8Array) => void;
  protected readonly toeplitz: Toeplitz;
  /** owned[fg] === 1 when this instance owns flow group fg (internal; use the Stack methods). */
  readonly owned: Uint8Array;
  /** Per-group tables, created on first use (internal). */
  readonly groups: (FlowGroup | undefined)[];
  readonly tcpListeners = new Set<number>();
  readonly udpListeners = new Set<number>();
  readonly arp: ArpCache;
  readonly pool: BufferPool;
  /** Owner of received frames' memory (StackOptions.rxBuffers; default: none to count). */
  readonly rxBuffers: RxBufferOwner;
  readonly cookies: SynCookies;
  /** Totals over owned groups (SYN backlog, accept queue, connections). */
  embryonicTotal = 0;
  unacceptedTotal = 0;
  liveTotal = 0;
  /** TIME-WAIT records over owned groups (bounded by tcpCfg.maxTimeWait). */
  timeWaitTotal = 0;
  /** Last time a SYN cookie was sent: cookie ACKs are only checked for a while after. */
  lastCookieAt = -Infinity;

  readonly egress: Egress;
  /** The TX path's one TCP header and SYN option scratch (TcpHost.txHeader, .synOptions): per stack, filled per segment. */
  readonly txHeader: TcpEmitHeader = newTcpEmitHeader();
  readonly synOptions: TcpEmitOptions = { mss: 0, wscale: undefined };
  /** IPv4 fragments waiting for the rest of their datagram (per stack, so per core). */
  readonly reassembly: Ipv4Reassembly;
  /** Rate-limited sender of the ICMP errors the stack owes. */
  readonly icmpErrors: IcmpErrors;
  private readonly fireTimer = (t: Tcb) => this.timerFired(t);
  /** RFC 1122 3.3.2: a timed-out datagram with its first fragment draws ICMP time exceeded (code 1). */
  private readonly reassemblyTimedOut = (header: Uint8Array, firstPayload: Uint8Array): void => {
    this.icmpErrors.send(
      IcmpType.TimeExceeded,
      IcmpTimeExceededCode.Reassembly,
      header,
      firstPayload,
      false,
      this.now,
    );
  };

  constructor(o: StackOptions) {
    this.opts = resolveOptions(o);
    this.tcpCfg = this.opts.tcp;
    this.mac = Uint8Array.from(o.mac);
    this.ip = o.ip >>> 0;
    this.clock = o.clock;
    this.transmit = o.transmit;
    this.rxBuffers = o.rxBuffers ?? UNOWNED_RX_BUFFERS;
    this.now = o.clock();
    this.toeplitz = new Toeplitz(o.rssKey ?? DEFAULT_RSS_KEY);
    this.owned = new Uint8Array(this.opts.retaSize);
    this.groups = new Array(this.opts.retaSize).fill(undefined);
    if (o.ownedFlowGroups === undefined) this.owned.fill(1);
    else for (const fg of o.ownedFlowGroups) if (fg >= 0 && fg < this.opts.retaSize) this.owned[fg] = 1;
    this.pool = new BufferPool(this.opts.poolCount, this.opts.poolSize);
    this.arp = new ArpCache(this.opts.arp, this.pool);
    this.cookies = new SynCookies(this.opts.secret);
    this.egress = new Egress(this.mac, this.ip, this.counters, this.arp, o.transmit, () => this.now);
    this.reassembly = new Ipv4Reassembly(this.opts.ipReassembly, this.counters);
    this.icmpErrors = new IcmpErrors(this.opts.icmpRateLimit, this.counters, this.egress);
  }

  /** Flow group of a segment as received (remote is the source). */
  flowGroupOf(remoteIp: number, localIp: number, remotePort: number, localPort: number): number {
    return flowGroupOf(
      this.toeplitz.hashIpv4Ports(remoteIp, localIp, remotePort, localPort),
      this.opts.retaSize,
    );
  }

  /** The group's tables, created on first use. */
  group(fg: number): FlowGroup {
    let g = this.groups[fg];
    if (g === undefined) {
      g = new FlowGroup(fg, this.now);
      this.groups[fg] = g;
    }
    return g;
  }

  /** Creates a connection in group fg (tables and totals). */
  newTcb(fg: number, localPort: number, remoteIp: number, remotePort: number): Tcb {
    const g = this.group(fg);
    const t = new Tcb(this.tcpCfg, fg, g.allocId(), localPort, remoteIp, remotePort);
    g.insert(t);
    this.liveTotal++;
    return t;
  }

  /**
   * Sends TCP segment h (ports included) to remoteIp: also without a
   * connection (RST, SYN-cookie SYN-ACK, TIME-WAIT ACK).
   */
  emitTcpTo(remoteIp: number, h: TcpEmitHeader): void {
    this.egress.emitTcpTo(remoteIp, h);
  }

  // ---- TcpHost -----------------------------------------------------------

  emitSegment(t: Tcb, h: TcpEmitHeader): void {
    h.srcPort = t.localPort;
    h.dstPort = t.remotePort;
    this.egress.emitTcpTo(t.remoteIp, h);
  }

  pushEvent(ev: StackEvent): void {
    this.events.push(ev);
  }

  armTimer(t: Tcb): void {
    const d = t.finished ? Infinity : t.nextDeadline();
    if (d === t.timerAt) return;
    const wheel = this.group(t.fg).wheel;
    if (t.timerId >= 0 && (d === Infinity || d < t.timerAt)) {
      wheel.cancel(t.timerId);
      t.timerId = -1;
      t.timerAt = Infinity;
    }
    // A later deadline keeps the earlier wheel entry: it fires, finds nothing due, re-arms.
    if (d !== Infinity && t.timerId < 0) {
      t.timerId = wheel.schedule(d, t);
      t.timerAt = d;
    }
  }

  passiveEstablished(t: Tcb): void {
    const g = this.group(t.fg);
    if (t.embryonic) {
      t.embryonic = false;
      g.embryonic--;
      this.embryonicTotal--;
    }
    t.knocked = true;
    g.unaccepted++;
    this.unacceptedTotal++;
    this.events.push({
      type: "knock",
      handle: t.handle,
      srcIp: t.remoteIp,
      srcPort: t.remotePort,
      dstPort: t.localPort,
    });
  }

  release(t: Tcb): void {
    const g = this.group(t.fg);
    if (t.embryonic) {
      t.embryonic = false;
      g.embryonic--;
      this.embryonicTotal--;
    }
    if (t.knocked) {
      t.knocked = false;
      g.unaccepted--;
      this.unacceptedTotal--;
    }
    const before = g.live;
    g.removeTuple(t);
    this.liveTotal -= before - g.live;
    if (t.timerId >= 0) {
      g.wheel.cancel(t.timerId);
      t.timerId = -1;
      t.timerAt = Infinity;
    }
    if (!t.appOpen && g.byId.get(t.id) === t) {
      g.byId.delete(t.id);
      dropReceived(this, t); // unreachable now: nobody will accept it
    }
  }

  keepTimeWait(fg: number, r: TimeWaitRecord): void {
    if (this.timeWaitTotal >= this.tcpCfg.maxTimeWait) {
      this.counters.tcpTimeWaitOverflows++;
      return;
    }
    this.group(fg).timeWait.add(r);
    this.timeWaitTotal++;
  }

  // ---- time --------------------------------------------------------------

  private timerFired(t: Tcb): void {
    t.timerId = -1;
    t.timerAt = Infinity;
    onTimer(this, t);
    this.armTimer(t);
  }

  /** Runs every timer due now (connections, TIME-WAIT records), ARP retries and reassembly timeouts. */
  poll(): void {
    this.now = this.clock();
    if (this.reassembly.size > 0) this.reassembly.expire(this.now, this.reassemblyTimedOut);
    for (let fg = 0; fg < this.groups.length; fg++) {
      const g = this.groups[fg];
      if (g === undefined || this.owned[fg] === 0) continue;
      if (g.wheel.size > 0) g.wheel.advance(this.now, this.fireTimer);
      if (g.timeWait.size > 0) this.timeWaitTotal -= g.timeWait.expire(this.now);
    }
    if (this.arp.pending.size > 0)
      this.counters.dropArpUnresolved += this.arp.retry(this.now, this.egress.arpRequest);
  }

  /** Earliest time (us) at which poll() has work; Infinity when idle. */
  nextDeadline(): number {
    let d = Math.min(this.arp.nextDeadline(), this.reassembly.nextDeadline());
    for (let fg = 0; fg < this.groups.length; fg++) {
      const g = this.groups[fg];
      if (g === undefined || this.owned[fg] === 0) continue;
      if (g.wheel.size > 0) d = Math.min(d, g.wheel.nextDeadline());
      if (g.timeWait.size > 0) d = Math.min(d, g.timeWait.nextDeadline());
    }
    return d;
  }
}
