// Test frames built with lib/netstack's emitters (checksums included).
import {
  emitArp,
  emitEthernet,
  emitIpv4Header,
  emitTcp,
  emitUdp,
  ArpOp,
  EtherType,
  IpProtocol,
  TcpFlag,
  parseIpv4,
  parseMac,
} from "@ix/netstack";

export const HOST_IP = parseIpv4("10.77.0.2");
export const HOST_MAC = parseMac("02:00:00:00:00:02");
export const CLIENT_MAC = parseMac("52:54:00:12:34:56");
export const CLIENT_IP = parseIpv4("10.77.0.1");

export interface Tuple {
  srcIp: number;
  dstIp: number;
  srcPort: number;
  dstPort: number;
}

export function tcpFrame(t: Tuple, dstMac = HOST_MAC, payload = new Uint8Array(0)): Uint8Array {
  const buf = new Uint8Array(14 + 20 + 20 + payload.length);
  emitEthernet(buf, 0, dstMac, CLIENT_MAC, EtherType.IPv4);
  emitIpv4Header(buf, 14, {
    srcIp: t.srcIp,
    dstIp: t.dstIp,
    protocol: IpProtocol.TCP,
    payloadLength: 20 + payload.length,
  });
  emitTcp(buf, 34, t.srcIp, t.dstIp, {
    srcPort: t.srcPort,
    dstPort: t.dstPort,
    seq: 1,
    ack: 0,
    flags: TcpFlag.SYN,
    window: 65535,
    payload,
  });
  return buf;
}

export function udpFrame(t: Tuple, payload = new Uint8Array(4)): Uint8Array {
  const buf = new Uint8Array(14 + 20 + 8 + payload.length);
  emitEthernet(buf, 0, HOST_MAC, CLIENT_MAC, EtherType.IPv4);
  emitIpv4Header(buf, 14, {
    srcIp: t.srcIp,
    dstIp: t.dstIp,
    protocol: IpProtocol.UDP,
    payloadLength: 8 + payload.length,
  });
  emitUdp(buf, 34, t.srcIp, t.dstIp, { srcPort: t.srcPort, dstPort: t.dstPort, payload });
  return buf;
}

/** An ICMP echo request header (only what the classifier looks at matters). */
export function icmpFrame(): Uint8Array {
  return icmpFrameBetween(CLIENT_IP, HOST_IP);
}

/** An 8-byte ICMP echo request header from srcIp to dstIp. */
export function icmpFrameBetween(srcIp: number, dstIp: number): Uint8Array {
  const buf = new Uint8Array(14 + 20 + 8);
  emitEthernet(buf, 0, HOST_MAC, CLIENT_MAC, EtherType.IPv4);
  emitIpv4Header(buf, 14, { srcIp, dstIp, protocol: IpProtocol.ICMP, payloadLength: 8 });
  buf[34] = 8;
  return buf;
}

export function arpRequest(targetIp: number, senderIp = CLIENT_IP, senderMac = CLIENT_MAC): Uint8Array {
  const buf = new Uint8Array(60);
  emitEthernet(buf, 0, new Uint8Array([255, 255, 255, 255, 255, 255]), senderMac, EtherType.ARP);
  emitArp(buf, 14, { op: ArpOp.Request, senderMac, senderIp, targetMac: new Uint8Array(6), targetIp });
  return buf;
}

export function hex(s: string): Uint8Array {
  return Uint8Array.from(Buffer.from(s.replace(/\s+/g, ""), "hex"));
}
