// The interface layer's input path: Ethernet/ARP/IPv4/ICMP/UDP input and TCP
// demux to per-flow-group tables (state, timers and output in stack-base.ts
// and egress.ts; syscalls and migration in stack.ts). IPv4 fragments go
// through ip-reassembly.ts and the whole datagram comes back here; the ICMP
// errors owed on the way (port unreachable) leave through icmp-errors.ts.
//
// Input frames: the stack never writes into them, and recv events (and the
// out-of-order queue) keep zero-copy views of them, so a caller must not reuse
// a frame's buffer after input() (hand over ownership; GC reclaims it).
// Output frames are borrowed by transmit() (see StackOptions.transmit).

import { L4_OFF } from "./egress.ts";
import { handleNoConnection } from "./listen.ts";
import { StackBase } from "./stack-base.ts";
import { segmentArrives } from "../tcp/input.ts";
import { Segment } from "../tcp/segment.ts";
import { TIME_WAIT_HANDLED, timeWaitArrives } from "../tcp/time-wait.ts";
import { ArpOp, ArpView } from "../wire/arp.ts";
import { EtherType, EthernetView } from "../wire/ethernet.ts";
import { IcmpType, IcmpUnreachCode, IcmpView, emitIcmpEcho } from "../wire/icmp.ts";
import { IpProtocol, Ipv4View } from "../wire/ipv4.ts";
import { TcpFlag, TcpView } from "../wire/tcp.ts";
import { UdpView } from "../wire/udp.ts";
import { WireError } from "../wire/errors.ts";

const EMPTY = new Uint8Array(0);

export class StackInput extends StackBase {
  private readonly eth = new EthernetView();
  private readonly ipv = new Ipv4View();
  private readonly arpv = new ArpView();
  private readonly icmpv = new IcmpView();
  private readonly udpv = new UdpView();
  private readonly tcpv = new TcpView();
  private readonly seg = new Segment();
  /** The flow group the caller gave with the frame being processed (-1: compute it). */
  private rxFlowGroup = -1;
  /** The frame being processed was sent to the Ethernet broadcast address (no ICMP error about it). */
  private linkBroadcast = false;

  // ---- input -------------------------------------------------------------

  /**
   * Processes one received Ethernet frame. Never throws on malformed input.
   *
   * `flowGroup` is the NIC's RSS result for the frame (Toeplitz hash of the
   * 4-tuple masked to the RETA size, as in RxBurst): the stack demuxes TCP in
   * that group's table without hashing again. -1 (a stack without a NIC in
   * front: client hosts, tests) makes the stack compute it. A value outside
   * 0..retaSize-1 counts as a group this stack does not own.
   */
  input(frame: Uint8Array, flowGroup = -1): void {
    this.rxFlowGroup = flowGroup;
    this.now = this.clock();
    const c = this.counters;
    c.framesIn++;
    c.bytesIn += frame.length;
    if (this.eth.reset(frame) !== WireError.Ok) {
      c.dropEthMalformed++;
      return;
    }
    if (!this.addressedToUs(frame)) {
      c.dropEthNotForUs++;
      return;
    }
    const type = this.eth.etherType();
    if (type === EtherType.ARP) this.arpInput(this.eth.payload());
    else if (type === EtherType.IPv4) this.ipInput(this.eth.payload());
    else c.dropEthUnknownType++;
  }

  private addressedToUs(frame: Uint8Array): boolean {
    let ours = true;
    let bcast = true;
    for (let i = 0; i < 6; i++) {
      if (frame[i] !== this.mac[i]) ours = false;
      if (frame[i] !== 0xff) bcast = false;
    }
    this.linkBroadcast = bcast;
    return ours || bcast;
  }

  private arpInput(p: Uint8Array): void {
    const c = this.counters;
    const a = this.arpv;
    if (a.reset(p) !== WireError.Ok) {
      c.dropArpMalformed++;
      return;
    }
    c.arpIn++;
    const sip = a.senderIp();
    const forUs = a.targetIp() === this.ip;
    this.arp.learn(sip, a.senderMac(), this.now, forUs);
    if (!forUs) {
      c.dropArpNotForUs++;
      return;
    }
    if (a.op() === ArpOp.Request && this.arp.cfg.answerRequests) {
      this.egress.sendArp(ArpOp.Reply, a.senderMac(), a.senderMac(), sip);
    }
    this.egress.flushHeld(sip);
  }

  private ipInput(p: Uint8Array): void {
    const c = this.counters;
    const ip = this.ipv;
    const r = ip.reset(p);
    if (r !== WireError.Ok) {
      if (r === WireError.BadChecksum) c.dropIpChecksum++;
      else c.dropIpMalformed++;
      return;
    }
    c.ipIn++;
    if (ip.dstIp() !== this.ip) {
      c.dropIpNotForUs++;
      return;
    }
    let reassembled = false;
    if (ip.isFragment()) {
      const whole = this.reassembly.input(ip, this.now);
      if (whole === null) return; // held, or a counted drop
      ip.reset(whole); // built by reassembly: valid by construction
      reassembled = true;
    }
    const proto = ip.protocol();
    if (proto === IpProtocol.TCP) this.tcpInput(ip.srcIp(), ip.payload(), reassembled);
    else if (proto === IpProtocol.UDP) this.udpInput(ip.srcIp(), ip.payload());
    else if (proto === IpProtocol.ICMP) this.icmpInput(ip.srcIp(), ip.payload());
    else c.dropIpUnknownProtocol++;
  }

  private icmpInput(src: number, p: Uint8Array): void {
    const v = this.icmpv;
    if (v.reset(p) !== WireError.Ok) {
      this.counters.dropIcmpMalformed++;
      return;
    }
    // Only echo requests are acted on; errors about our datagrams (port
    // unreachable, time exceeded, fragmentation needed) are counted and left:
    // TCP treats them as soft errors (RFC 1122 4.2.3.9), see docs/netstack.md.
    if (v.type() !== IcmpType.EchoRequest || v.code() !== 0) {
      this.counters.dropIcmpUnsupported++;
      return;
    }
    const data = v.data();
    if (data.length > this.egress.txBuf.length - L4_OFF - 8) {
      this.counters.dropIcmpMalformed++;
      return;
    }
    // RFC 1122 3.2.2.6: the reply carries all the data, fragmented on the way out if it must be.
    const n = emitIcmpEcho(this.egress.txBuf, L4_OFF, IcmpType.EchoReply, v.ident(), v.seqNo(), data);
    this.counters.icmpEchoReplies++;
    this.egress.sendL4(src, IpProtocol.ICMP, n);
  }

  private udpInput(src: number, p: Uint8Array): void {
    const v = this.udpv;
    if (v.reset(p, src, this.ip) !== WireError.Ok) {
      this.counters.dropUdpMalformed++;
      return;
    }
    const dstPort = v.dstPort();
    if (!this.udpListeners.has(dstPort)) {
      this.counters.dropUdpNoListener++;
      // RFC 1122 4.1.3.1: UDP SHOULD answer a closed port with ICMP port unreachable.
      const ip = this.ipv;
      this.icmpErrors.send(
        IcmpType.DestinationUnreachable,
        IcmpUnreachCode.Port,
        ip.buf.subarray(0, ip.headerLength()),
        p,
        this.linkBroadcast,
        this.now,
      );
      return;
    }
    this.counters.udpIn++;
    const data = v.payload();
    this.rxBuffers.retain(data); // held by the event until its consumer releases it
    this.events.push({ type: "udpRecv", srcIp: src, srcPort: v.srcPort(), dstPort, data });
  }

  /**
   * `reassembled`: the segment came as IP fragments. Its fragments were
   * steered by the NIC on the two addresses alone (the ports are only in the
   * first), so the core that rebuilt it may not own its flow group, which is
   * the 4-tuple's: then it is dropped under its own reason
   * (dropTcpReassembledNotOwned), since TCP state lives on the owner.
   */
  private tcpInput(src: number, p: Uint8Array, reassembled: boolean): void {
    const c = this.counters;
    const v = this.tcpv;
    const r = v.reset(p, src, this.ip, true);
    if (r !== WireError.Ok) {
      if (r === WireError.BadChecksum) c.dropTcpChecksum++;
      else c.dropTcpMalformed++;
      return;
    }
    c.tcpIn++;
    const srcPort = v.srcPort();
    const dstPort = v.dstPort();
    if (srcPort === 0 || dstPort === 0) {
      c.dropTcpMalformed++;
      return;
    }
    // A reassembled segment's fragments were steered on the two addresses
    // alone, so the flow group given with the frame is the 2-tuple's; the
    // segment's own is the 4-tuple's, computed here.
    let fg = reassembled ? -1 : this.rxFlowGroup;
    if (fg < 0) fg = this.flowGroupOf(src, this.ip, srcPort, dstPort);
    else if (this.opts.verifyFlowGroup && fg !== this.flowGroupOf(src, this.ip, srcPort, dstPort)) {
      c.dropTcpFlowGroupMismatch++;
      return;
    }
    if (this.owned[fg] !== 1) {
      if (reassembled) c.dropTcpReassembledNotOwned++;
      else c.dropTcpNotOwned++;
      return;
    }
    const s = this.seg;
    s.remoteIp = src;
    s.remotePort = srcPort;
    s.localIp = this.ip;
    s.localPort = dstPort;
    s.seq = v.seq();
    s.ack = v.ack();
    s.flags = v.flags();
    s.wnd = v.window();
    const dataLen = p.length - v.headerLength();
    s.data = dataLen > 0 ? v.payload() : EMPTY;
    s.len = dataLen + (s.flags & TcpFlag.SYN ? 1 : 0) + (s.flags & TcpFlag.FIN ? 1 : 0);
    s.mss = v.mss;
    s.wscale = v.wscale;
    s.sackPermitted = v.sackPermitted;
    const g = this.groups[fg];
    const t = g?.lookup(src, srcPort, dstPort);
    if (t !== undefined) {
      segmentArrives(this, t, s);
      this.armTimer(t);
      return;
    }
    const tw = g !== undefined && g.timeWait.size > 0 ? g.timeWait.lookup(src, srcPort, dstPort) : undefined;
    if (tw !== undefined) {
      // TIME-WAIT (time-wait.ts); a SYN above RCV.NXT reopens the tuple with a chosen ISS.
      const iss = timeWaitArrives(this, g!.timeWait, tw, s, this.tcpListeners.has(dstPort));
      if (iss !== TIME_WAIT_HANDLED) handleNoConnection(this, fg, s, iss);
      return;
    }
    handleNoConnection(this, fg, s);
  }
}
