// A scripted TCP peer for unit tests: crafts Ethernet/IPv4/TCP frames into a
// Stack and parses what the stack transmits (smoltcp-style packet tests).

import { ArpOp, emitArp } from "../src/wire/arp.ts";
import { EtherType, emitEthernet } from "../src/wire/ethernet.ts";
import { IpProtocol, Ipv4View, emitIpv4Header } from "../src/wire/ipv4.ts";
import { TcpFlag, TcpView, emitTcp, type TcpEmitOptions } from "../src/wire/tcp.ts";
import type { StackOptions } from "../src/iface/options.ts";
import { Stack } from "../src/iface/stack.ts";
import { HANDLE_FG_SCALE } from "../src/handle.ts";

export const STACK_MAC = new Uint8Array([2, 0, 0, 0, 0, 1]);
export const PEER_MAC = new Uint8Array([2, 0, 0, 0, 0, 2]);
export const STACK_IP = 0x0a000001;
export const PEER_IP = 0x0a000002;
export const { FIN, SYN, RST, PSH, ACK } = TcpFlag;

export interface Seg {
  flags: number;
  seq: number;
  ack: number;
  wnd: number;
  data: Uint8Array;
  mss: number;
  wscale: number;
  srcPort: number;
  dstPort: number;
}

export interface SendOpts {
  flags: number;
  seq: number;
  ack?: number;
  wnd?: number;
  data?: Uint8Array;
  options?: TcpEmitOptions;
  srcPort?: number;
  dstPort?: number;
}

export class TestPeer {
  now = 0;
  readonly stack: Stack;
  /** Raw frames the stack transmitted (copied). */
  readonly out: Uint8Array[] = [];
  port = 40000;
  stackPort = 80;

  constructor(opts: Partial<StackOptions> = {}, learnArp = true) {
    this.stack = new Stack({
      mac: STACK_MAC,
      ip: STACK_IP,
      clock: () => this.now,
      transmit: (f) => this.out.push(f.slice()),
      ...opts,
    });
    if (learnArp) this.learnArp();
  }

  /** An ARP request for the stack's IP teaches it our MAC (its reply is discarded). */
  learnArp(): void {
    const f = new Uint8Array(42);
    emitEthernet(f, 0, new Uint8Array([255, 255, 255, 255, 255, 255]), PEER_MAC, EtherType.ARP);
    emitArp(f, 14, {
      op: ArpOp.Request,
      senderMac: PEER_MAC,
      senderIp: PEER_IP,
      targetMac: new Uint8Array(6),
      targetIp: STACK_IP,
    });
    const before = this.out.length;
    this.stack.input(f);
    this.out.length = before;
  }

  /** Sends one TCP segment from the peer to the stack. */
  send(o: SendOpts): void {
    const data = o.data ?? new Uint8Array(0);
    const f = new Uint8Array(14 + 20 + 60 + data.length);
    const n = emitTcp(f, 34, PEER_IP, STACK_IP, {
      srcPort: o.srcPort ?? this.port,
      dstPort: o.dstPort ?? this.stackPort,
      seq: o.seq >>> 0,
      ack: (o.ack ?? 0) >>> 0,
      flags: o.flags,
      window: o.wnd ?? 65535,
      options: o.options,
      payload: data,
    });
    emitIpv4Header(f, 14, { srcIp: PEER_IP, dstIp: STACK_IP, protocol: IpProtocol.TCP, payloadLength: n });
    emitEthernet(f, 0, STACK_MAC, PEER_MAC, EtherType.IPv4);
    this.stack.input(f.subarray(0, 34 + n));
  }

  /** Parses and removes every TCP segment the stack sent so far. */
  take(): Seg[] {
    const segs: Seg[] = [];
    for (const f of this.out) {
      if (f[12] !== 0x08 || f[13] !== 0) continue;
      const ip = Ipv4View.parse(f.subarray(14));
      if (ip === null || ip.protocol() !== IpProtocol.TCP) continue;
      const t = TcpView.parse(ip.payload(), ip.srcIp(), ip.dstIp());
      if (t === null) throw new Error("stack sent a bad TCP segment");
      segs.push({
        flags: t.flags(),
        seq: t.seq(),
        ack: t.ack(),
        wnd: t.window(),
        data: t.payload().slice(),
        mss: t.mss,
        wscale: t.wscale,
        srcPort: t.srcPort(),
        dstPort: t.dstPort(),
      });
    }
    this.out.length = 0;
    return segs;
  }

  /** Advances the clock and runs the stack's timers. */
  advance(us: number): void {
    this.now += us;
    this.stack.poll();
  }

  /** Runs timers repeatedly until `until` (us), jumping deadline to deadline. */
  runUntil(until: number): void {
    for (let i = 0; i < 100_000; i++) {
      const d = this.stack.nextDeadline();
      if (d > until) break;
      this.now = Math.max(this.now, d);
      this.stack.poll();
    }
    this.now = until;
    this.stack.poll();
  }

  /**
   * Passive open helper: the stack listens on stackPort, the peer completes the
   * handshake (ISS `iss`) and the stack accepts. Returns the handle and the
   * stack's ISS.
   */
  establishPassive(iss = 1000, options: TcpEmitOptions = { mss: 1460 }): { handle: number; siss: number } {
    this.stack.listen(this.stackPort);
    this.send({ flags: SYN, seq: iss, options });
    const [synack] = this.take();
    if (synack === undefined || synack.flags !== (SYN | ACK)) throw new Error("no SYN-ACK");
    this.send({ flags: ACK, seq: iss + 1, ack: synack.seq + 1 });
    const knock = this.stack.events.find((e) => e.type === "knock");
    if (knock === undefined || knock.type !== "knock") throw new Error("no knock");
    this.stack.accept(knock.handle, 5);
    this.stack.events.length = 0;
    return { handle: knock.handle, siss: synack.seq };
  }
}

export function bytes(n: number, seed = 1): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed) & 0xff;
  return b;
}

/** The control block behind a handle (white-box inspection in tests). */
export function tcbOf(stack: Stack, handle: number) {
  return stack.groups[Math.floor(handle / HANDLE_FG_SCALE)]?.byId.get(handle % HANDLE_FG_SCALE);
}
