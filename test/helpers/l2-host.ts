// A client host on the NATS L2 segment, as user "host" (no root needed): it
// publishes raw Ethernet frames on ix.l2.tx.<name> and sees what the NIC puts
// on the wire (ix.l2.rx). It answers ARP for its own address so the cluster's
// stack can reach it, and RawTcpPeer (below) drives one TCP connection segment
// by segment, so tests can send overlapping, out-of-window or spoofed
// segments with known sequence numbers.
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { ix } from "@ix/proto";
import { subjects as S } from "@ix/bus";
import {
  ArpOp,
  ArpView,
  EtherType,
  IpProtocol,
  Ipv4View,
  TcpFlag,
  TcpView,
  emitArp,
  emitEthernet,
  emitIpv4Header,
  emitTcp,
  macEquals,
  type TcpEmitOptions,
} from "@ix/netstack";

export interface TcpSeen {
  flags: number;
  seq: number;
  ack: number;
  wnd: number;
  data: Uint8Array;
  mss: number;
}

export class L2Host {
  readonly nc: NatsConnection;
  readonly name: string;
  readonly ip: number;
  readonly mac: Uint8Array;
  readonly listeners = new Set<(frame: Uint8Array) => void>();
  framesSent = 0;

  private constructor(nc: NatsConnection, name: string, ip: number, mac: Uint8Array) {
    this.nc = nc;
    this.name = name;
    this.ip = ip;
    this.mac = mac;
    nc.subscribe(S.L2_RX, {
      callback: (_e, m) => {
        let burst: ix.WireBurst;
        try {
          burst = ix.WireBurst.decode(m.data);
        } catch {
          return;
        }
        for (const f of burst.frames) if (f.length >= 14) this.onFrame(f);
      },
    });
  }

  static async open(env: Record<string, string>, name: string, ip: number, mac: Uint8Array): Promise<L2Host> {
    const nc = await connect({
      servers: env.IX_NATS_URL,
      user: env.IX_NATS_USER,
      pass: env.IX_NATS_PASSWORD,
    });
    const h = new L2Host(nc, name, ip, mac);
    await nc.flush();
    return h;
  }

  private onFrame(f: Uint8Array): void {
    const broadcast = (f[0] & 1) === 1;
    if (!broadcast && !macEquals(f, this.mac)) return;
    if (((f[12] << 8) | f[13]) === EtherType.ARP) {
      const a = ArpView.parse(f.subarray(14));
      if (a && a.op() === ArpOp.Request && a.targetIp() === this.ip) {
        const r = new Uint8Array(42);
        emitEthernet(r, 0, a.senderMac(), this.mac, EtherType.ARP);
        emitArp(r, 14, {
          op: ArpOp.Reply,
          senderMac: this.mac,
          senderIp: this.ip,
          targetMac: a.senderMac(),
          targetIp: a.senderIp(),
        });
        this.send([r]);
      }
      return;
    }
    for (const l of this.listeners) l(f);
  }

  /** One WireBurst on the segment. */
  send(frames: Uint8Array[]): void {
    this.framesSent += frames.length;
    this.nc.publish(S.l2Tx(this.name), ix.WireBurst.encode({ frames }).finish());
  }

  async close(): Promise<void> {
    await this.nc.close();
  }
}

/** Builds an Ethernet/IPv4/TCP frame (checksums correct). */
export function tcpFrame(o: {
  dstMac: Uint8Array;
  srcMac: Uint8Array;
  srcIp: number;
  dstIp: number;
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  flags: number;
  wnd: number;
  data?: Uint8Array;
  options?: TcpEmitOptions;
}): Uint8Array {
  const data = o.data ?? new Uint8Array(0);
  const f = new Uint8Array(14 + 20 + 40 + data.length);
  const n = emitTcp(f, 34, o.srcIp, o.dstIp, {
    srcPort: o.srcPort,
    dstPort: o.dstPort,
    seq: o.seq >>> 0,
    ack: o.ack >>> 0,
    flags: o.flags,
    window: o.wnd,
    options: o.options,
    payload: data,
  });
  emitIpv4Header(f, 14, { srcIp: o.srcIp, dstIp: o.dstIp, protocol: IpProtocol.TCP, payloadLength: n });
  emitEthernet(f, 0, o.dstMac, o.srcMac, EtherType.IPv4);
  return f.subarray(0, 34 + n);
}

const { SYN, ACK, FIN, RST } = TcpFlag;

/** One TCP connection driven by hand from an L2Host to the cluster's stack. */
export class RawTcpPeer {
  readonly host: L2Host;
  readonly remoteIp: number;
  readonly remoteMac: Uint8Array;
  readonly remotePort: number;
  readonly localPort: number;
  /** Our advertised window (set 0 to stall the sender). */
  wnd = 65535;
  iss = 1_000_000;
  sndNxt = 0;
  rcvNxt = 0;
  /** Bytes received in order (acknowledged automatically). */
  received: Uint8Array[] = [];
  receivedBytes = 0;
  readonly seen: TcpSeen[] = [];
  private waiters = new Set<() => void>();

  constructor(
    host: L2Host,
    o: { remoteIp: number; remoteMac: Uint8Array; remotePort: number; localPort: number },
  ) {
    this.host = host;
    this.remoteIp = o.remoteIp;
    this.remoteMac = o.remoteMac;
    this.remotePort = o.remotePort;
    this.localPort = o.localPort;
    host.listeners.add(this.onFrame);
  }

  private readonly onFrame = (f: Uint8Array): void => {
    if (((f[12] << 8) | f[13]) !== EtherType.IPv4) return;
    const ip = Ipv4View.parse(f.subarray(14));
    if (!ip || ip.protocol() !== IpProtocol.TCP || ip.dstIp() !== this.host.ip) return;
    const t = TcpView.parse(ip.payload(), ip.srcIp(), ip.dstIp());
    if (!t || t.dstPort() !== this.localPort || t.srcPort() !== this.remotePort) return;
    const seg = {
      flags: t.flags(),
      seq: t.seq(),
      ack: t.ack(),
      wnd: t.window(),
      data: t.payload().slice(),
      mss: t.mss,
    };
    this.seen.push(seg);
    if (seg.flags & SYN && seg.flags & ACK) this.rcvNxt = (seg.seq + 1) >>> 0;
    else if (seg.data.length > 0 && seg.seq === this.rcvNxt && this.wnd > 0) {
      this.received.push(seg.data);
      this.receivedBytes += seg.data.length;
      this.rcvNxt = (this.rcvNxt + seg.data.length) >>> 0;
      this.segment(ACK, this.sndNxt);
    } else if (seg.data.length > 0 || seg.flags & FIN) this.segment(ACK, this.sndNxt); // duplicate or probe
    for (const w of this.waiters) w();
  };

  /** Sends one segment at `seq` (our sequence space) acknowledging rcvNxt. */
  segment(flags: number, seq: number, data?: Uint8Array, options?: TcpEmitOptions): void {
    this.host.send([
      tcpFrame({
        dstMac: this.remoteMac,
        srcMac: this.host.mac,
        srcIp: this.host.ip,
        dstIp: this.remoteIp,
        srcPort: this.localPort,
        dstPort: this.remotePort,
        seq,
        ack: flags & ACK ? this.rcvNxt : 0,
        flags,
        wnd: this.wnd,
        data,
        options,
      }),
    ]);
  }

  /** Three-way handshake; `mss` is what we advertise. */
  async open(mss = 1460, timeoutMs = 30_000): Promise<void> {
    this.sndNxt = (this.iss + 1) >>> 0;
    for (let attempt = 0; attempt < 10; attempt++) {
      this.segment(SYN, this.iss, undefined, { mss });
      try {
        await this.waitFor(
          () => this.seen.some((s) => (s.flags & (SYN | ACK)) === (SYN | ACK)),
          timeoutMs / 10,
        );
        this.segment(ACK, this.sndNxt);
        return;
      } catch {
        // the first SYN may wait for ARP: try again
      }
    }
    throw new Error(`no SYN-ACK from port ${this.remotePort} within ${timeoutMs / 1000} s (10 SYNs)`);
  }

  /** Sends `data` at offset `off` of our stream (default: next), in one segment; advances sndNxt if it extends it. */
  send(data: Uint8Array, off = (this.sndNxt - this.iss - 1) >>> 0): void {
    const seq = (this.iss + 1 + off) >>> 0;
    this.segment(ACK, seq, data);
    const end = off + data.length;
    if (end > (this.sndNxt - this.iss - 1) >>> 0) this.sndNxt = (this.iss + 1 + end) >>> 0;
  }

  /** Reopens our window (after a zero-window stall) with a window update. */
  openWindow(wnd = 65535): void {
    this.wnd = wnd;
    this.segment(ACK, this.sndNxt);
  }

  reset(): void {
    this.segment(RST, this.sndNxt);
  }

  bytes(): Uint8Array {
    return Buffer.concat(this.received);
  }

  waitFor(pred: () => boolean, timeoutMs: number): Promise<void> {
    if (pred()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = (): void => {
        if (!pred()) return;
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(done);
        reject(new Error(`timed out after ${timeoutMs} ms (${this.receivedBytes} bytes received)`));
      }, timeoutMs);
      this.waiters.add(done);
    });
  }

  close(): void {
    this.host.listeners.delete(this.onFrame);
  }
}
