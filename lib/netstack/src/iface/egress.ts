// Egress: IPv4 emission through one reused scratch buffer, ARP resolution
// (frames held in pool buffers while resolving), Ethernet minimum padding and
// the hand-off to transmit() through cached views (no allocation once warm).
// A datagram longer than the MTU (an echo reply or UDP datagram up to 64 KiB)
// leaves as fragments (RFC 791 3.2, RFC 1122 3.3.3) built one after the other
// in a second MTU-sized buffer; TCP never gets there (segments are at most
// the MSS, and the MSS is at most MTU - 40).

import type { Counters } from "../counters.ts";
import { ArpOp, emitArp, type ArpEmitFields } from "../wire/arp.ts";
import { BROADCAST_MAC } from "../wire/addr.ts";
import { EtherType, emitEthernet } from "../wire/ethernet.ts";
import { IpProtocol, emitIpv4Header } from "../wire/ipv4.ts";
import { emitTcp, type TcpEmitHeader } from "../wire/tcp.ts";
import type { ArpCache } from "./arp-cache.ts";

const MIN_FRAME = 60; // Ethernet minimum without FCS
const IP_OFF = 14;
/** Where L4 emitters write in the scratch buffer. */
export const L4_OFF = 34;
/** The link MTU: largest IPv4 datagram in one Ethernet frame. */
export const MTU = 1500;
/** Largest IPv4 payload the stack sends (total length is 16 bits; 20-byte header). */
export const MAX_IP_PAYLOAD = 65535 - 20;
/** Payload bytes per fragment: the MTU less the header, rounded down to 8 (RFC 791 offsets are in 8-octet units). */
const FRAGMENT_PAYLOAD = (MTU - 20) & ~7;
const ZERO_MAC = new Uint8Array(6);

export class Egress {
  /** The transmit scratch buffer: an L4 emitter writes at L4_OFF (up to MAX_IP_PAYLOAD bytes), then sendL4(). */
  readonly txBuf = new Uint8Array(L4_OFF + MAX_IP_PAYLOAD);
  private readonly txViews: (Uint8Array | undefined)[] = [];
  /** Where each fragment of a long datagram is built. */
  private readonly fragBuf = new Uint8Array(IP_OFF + MTU);
  private readonly fragViews: (Uint8Array | undefined)[] = [];
  private readonly ipHdr = {
    srcIp: 0,
    dstIp: 0,
    protocol: 0,
    payloadLength: 0,
    id: 0,
    dontFragment: true,
    moreFragments: false,
    fragmentOffset: 0,
  };
  private ipId = 0;
  /** The ARP packets this stack sends (requests and replies), filled per packet. */
  private readonly arpFields: ArpEmitFields;
  private readonly mac: Uint8Array;
  private readonly ip: number;
  private readonly counters: Counters;
  private readonly arp: ArpCache;
  private readonly transmit: (frame: Uint8Array) => void;
  private readonly clock: () => number;
  readonly arpRequest = (ip: number) => this.sendArp(ArpOp.Request, BROADCAST_MAC, ZERO_MAC, ip);

  /** `now` returns the stack's time of the current entry point. */
  constructor(
    mac: Uint8Array,
    ip: number,
    counters: Counters,
    arp: ArpCache,
    transmit: (f: Uint8Array) => void,
    now: () => number,
  ) {
    this.mac = mac;
    this.ip = ip;
    this.counters = counters;
    this.arp = arp;
    this.transmit = transmit;
    this.clock = now;
    this.arpFields = { op: 0, senderMac: mac, senderIp: ip, targetMac: ZERO_MAC, targetIp: 0 };
  }

  /**
   * Sends the IP packet whose L4 part (n bytes, at most MAX_IP_PAYLOAD) is
   * already at txBuf[34..]: in one frame with DF set when it fits the MTU,
   * otherwise as fragments with DF clear.
   */
  sendL4(dstIp: number, protocol: number, n: number): void {
    const h = this.ipHdr;
    h.srcIp = this.ip;
    h.dstIp = dstIp;
    h.protocol = protocol;
    h.id = this.ipId = (this.ipId + 1) & 0xffff;
    if (n + 20 <= MTU) {
      h.payloadLength = n;
      h.dontFragment = true;
      h.moreFragments = false;
      h.fragmentOffset = 0;
      emitIpv4Header(this.txBuf, IP_OFF, h);
      this.sendFrame(this.txBuf, this.txViews, dstIp, L4_OFF + n);
      return;
    }
    this.sendFragments(dstIp, n);
  }

  /** RFC 791 3.2 fragmentation of txBuf's datagram (header fields already in ipHdr). */
  private sendFragments(dstIp: number, n: number): void {
    const h = this.ipHdr;
    const buf = this.fragBuf;
    h.dontFragment = false;
    this.counters.ipFragmentedOut++;
    for (let off = 0; off < n; off += FRAGMENT_PAYLOAD) {
      const len = Math.min(FRAGMENT_PAYLOAD, n - off);
      h.payloadLength = len;
      h.moreFragments = off + len < n;
      h.fragmentOffset = off;
      emitIpv4Header(buf, IP_OFF, h);
      buf.set(this.txBuf.subarray(L4_OFF + off, L4_OFF + off + len), L4_OFF);
      this.counters.ipFragmentsOut++;
      this.sendFrame(buf, this.fragViews, dstIp, L4_OFF + len);
    }
  }

  private sendFrame(buf: Uint8Array, views: (Uint8Array | undefined)[], dstIp: number, len: number): void {
    const mac = this.arp.lookup(dstIp, this.clock());
    if (mac !== null) {
      emitEthernet(buf, 0, mac, this.mac, EtherType.IPv4);
      this.tx(buf, views, len);
      return;
    }
    const fresh = !this.arp.resolving(dstIp);
    if (!this.arp.hold(dstIp, buf, len, this.clock())) this.counters.dropArpQueueFull++;
    if (fresh) this.arpRequest(dstIp);
  }

  /** Hands buf[0, len) to transmit through a cached view (no allocation once warm). */
  private tx(buf: Uint8Array, views: (Uint8Array | undefined)[], len: number): void {
    if (len < MIN_FRAME) {
      buf.fill(0, len, MIN_FRAME);
      len = MIN_FRAME;
    }
    let v = views[len];
    if (v === undefined) v = views[len] = buf.subarray(0, len);
    this.counters.framesOut++;
    this.counters.bytesOut += len;
    this.transmit(v);
  }

  sendArp(op: number, dstMac: Uint8Array, targetMac: Uint8Array, targetIp: number): void {
    if (op === ArpOp.Request) this.counters.arpRequestsSent++;
    else this.counters.arpRepliesSent++;
    // Copy first: dstMac may be a view of the received frame, and emit order does not matter then.
    const a = this.arpFields;
    a.op = op;
    a.targetMac = targetMac;
    a.targetIp = targetIp;
    emitArp(this.txBuf, IP_OFF, a);
    a.targetMac = ZERO_MAC; // keep no view of a received frame
    emitEthernet(this.txBuf, 0, dstMac, this.mac, EtherType.ARP);
    this.tx(this.txBuf, this.txViews, IP_OFF + 28);
  }

  flushHeld(ip: number): void {
    const p = this.arp.take(ip);
    if (p === undefined) return;
    const mac = this.arp.lookup(ip, this.clock());
    for (let i = 0; i < p.frames.length; i++) {
      const buf = p.frames[i];
      if (mac !== null) {
        emitEthernet(buf, 0, mac, this.mac, EtherType.IPv4);
        this.counters.framesOut++;
        this.counters.bytesOut += p.lens[i];
        this.transmit(buf.subarray(0, p.lens[i]));
      } else this.counters.dropArpUnresolved++;
      this.arp.release(buf);
    }
  }

  /**
   * Sends TCP segment h (ports, sequence numbers, flags, window, options and
   * payload all in it; see tcp/output.ts) from our address to remoteIp. h is
   * only read: the caller's reusable header is free again on return.
   */
  emitTcpTo(remoteIp: number, h: TcpEmitHeader): void {
    const n = emitTcp(this.txBuf, L4_OFF, this.ip, remoteIp, h);
    this.counters.tcpOut++;
    this.sendL4(remoteIp, IpProtocol.TCP, n);
  }
}
