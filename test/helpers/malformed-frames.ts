// Malformed frames of every layer, for attacks through the real cluster.
// Each kind breaks exactly one thing (the rest of the frame is valid, with
// correct checksums where the kind is not about checksums) so the frame
// reaches the layer under test. Seeded: the same seed gives the same frames.
import {
  EtherType,
  IpProtocol,
  Rng,
  emitArp,
  emitEthernet,
  emitIcmpEcho,
  emitIpv4Header,
  emitUdp,
  foldChecksum,
  onesSum,
  pseudoHeaderSum,
  ArpOp,
  IcmpType,
} from "@ix/netstack";

export interface Endpoints {
  dstMac: Uint8Array;
  srcMac: Uint8Array;
  dstIp: number;
  srcIp: number;
}

type Build = (rng: Rng, e: Endpoints) => Uint8Array;

const eth = (e: Endpoints, len: number, type: number): Uint8Array => {
  const f = new Uint8Array(len);
  emitEthernet(f, 0, e.dstMac, e.srcMac, type);
  return f;
};

const ipv4 = (e: Endpoints, protocol: number, l4: number, rng: Rng): Uint8Array => {
  const f = eth(e, 34 + l4, EtherType.IPv4);
  emitIpv4Header(f, 14, { srcIp: e.srcIp, dstIp: e.dstIp, protocol, payloadLength: l4, id: rng.int(65536) });
  return f;
};

const fill = (f: Uint8Array, from: number, rng: Rng): Uint8Array => {
  for (let i = from; i < f.length; i++) f[i] = rng.int(256);
  return f;
};

/** Recomputes the IPv4 header checksum after a deliberate edit (so only the edit is wrong). */
const fixIpChecksum = (f: Uint8Array): Uint8Array => {
  const hl = (f[14] & 0x0f) * 4;
  f[24] = 0;
  f[25] = 0;
  const c = foldChecksum(onesSum(f, 14, Math.min(hl, f.length - 14)));
  f[24] = c >> 8;
  f[25] = c & 0xff;
  return f;
};

/** A TCP segment with raw header bytes (offset, options) and a correct checksum. */
function rawTcp(
  rng: Rng,
  e: Endpoints,
  o: { doff: number; opts: number[]; flags: number; dataLen: number; len?: number },
): Uint8Array {
  const tcpLen = o.len ?? 20 + o.opts.length + o.dataLen;
  const f = ipv4(e, IpProtocol.TCP, tcpLen, rng);
  const t = 34;
  const sport = 1024 + rng.int(60000);
  f[t] = sport >> 8;
  f[t + 1] = sport & 0xff;
  f[t + 3] = 7; // the echo app listens here
  fill(f, t + 4, rng).fill(0, t + 12, t + 20);
  f[t + 12] = (o.doff & 0x0f) << 4;
  f[t + 13] = o.flags;
  f[t + 14] = 0xff;
  f[t + 15] = 0xff;
  for (let i = 0; i < o.opts.length && t + 20 + i < f.length; i++) f[t + 20 + i] = o.opts[i];
  const c = foldChecksum(onesSum(f, t, tcpLen, pseudoHeaderSum(e.srcIp, e.dstIp, IpProtocol.TCP, tcpLen)));
  f[t + 16] = c >> 8;
  f[t + 17] = c & 0xff;
  return f;
}

export const MALFORMED_KINDS: Record<string, Build> = {
  eth_runt: (rng, e) => eth(e, 14, 0).subarray(0, rng.int(14)),
  eth_unknown_type: (rng, e) => fill(eth(e, 60 + rng.int(100), 0x86dd), 14, rng),
  arp_truncated: (rng, e) => eth(e, 14 + rng.int(28), EtherType.ARP),
  arp_bad_fields: (rng, e) => {
    const f = eth(e, 42, EtherType.ARP);
    emitArp(f, 14, {
      op: ArpOp.Request,
      senderMac: e.srcMac,
      senderIp: e.srcIp,
      targetMac: new Uint8Array(6),
      targetIp: e.dstIp,
    });
    const field = rng.int(4);
    if (field === 0)
      f[15] = 7; // hardware type
    else if (field === 1)
      f[18] = 9; // hardware length
    else if (field === 2)
      f[19] = 16; // protocol length
    else f[21] = 9; // opcode
    return f;
  },
  ipv4_truncated: (rng, e) => eth(e, 14 + rng.int(20), EtherType.IPv4),
  ipv4_bad_version: (rng, e) => {
    const f = ipv4(e, IpProtocol.UDP, 8, rng);
    f[14] = (6 << 4) | 5;
    return fixIpChecksum(f);
  },
  ipv4_bad_header_length: (rng, e) => {
    const f = ipv4(e, IpProtocol.UDP, 8, rng);
    f[14] = (4 << 4) | (rng.next() < 0.5 ? rng.int(5) : 15);
    return f;
  },
  ipv4_bad_checksum: (rng, e) => {
    const f = ipv4(e, IpProtocol.UDP, 8, rng);
    f[24] ^= 1 + rng.int(255);
    return f;
  },
  ipv4_bad_total_length: (rng, e) => {
    const f = ipv4(e, IpProtocol.UDP, 8, rng);
    const len = rng.next() < 0.5 ? rng.int(20) : 29 + 8 + rng.int(60000);
    f[16] = len >> 8;
    f[17] = len & 0xff;
    return fixIpChecksum(f);
  },
  // The stack reassembles fragments, so a well-formed one is held, not
  // dropped; this one breaks RFC 791 (a piece with more to come must carry a
  // multiple of 8 octets) and is dropped at once (ip_frag_malformed).
  ipv4_fragment: (rng, e) => {
    const f = ipv4(e, IpProtocol.UDP, 9 + rng.int(7), rng);
    f[20] = 0x20 | rng.int(0x1f); // more fragments, random offset
    return fixIpChecksum(f);
  },
  ipv4_unknown_protocol: (rng, e) => fill(ipv4(e, 47 + rng.int(100), 24, rng), 34, rng),
  icmp_truncated: (rng, e) => ipv4(e, IpProtocol.ICMP, rng.int(8), rng),
  icmp_bad_checksum: (rng, e) => {
    const f = ipv4(e, IpProtocol.ICMP, 40, rng);
    emitIcmpEcho(f, 34, IcmpType.EchoRequest, rng.int(65536), rng.int(65536), new Uint8Array(32));
    f[36] ^= 1 + rng.int(255);
    return f;
  },
  icmp_unknown_type: (rng, e) => {
    const f = ipv4(e, IpProtocol.ICMP, 16, rng);
    emitIcmpEcho(f, 34, 13 + rng.int(20), 1, 1, new Uint8Array(8));
    return f;
  },
  udp_truncated: (rng, e) => ipv4(e, IpProtocol.UDP, rng.int(8), rng),
  udp_bad_length: (rng, e) => {
    const f = ipv4(e, IpProtocol.UDP, 40, rng);
    emitUdp(f, 34, e.srcIp, e.dstIp, {
      srcPort: 1024 + rng.int(60000),
      dstPort: 7,
      payload: new Uint8Array(32),
    });
    const len = rng.next() < 0.5 ? rng.int(8) : 41 + rng.int(1000);
    f[38] = len >> 8;
    f[39] = len & 0xff;
    return f;
  },
  udp_bad_checksum: (rng, e) => {
    const f = ipv4(e, IpProtocol.UDP, 40, rng);
    emitUdp(f, 34, e.srcIp, e.dstIp, {
      srcPort: 1024 + rng.int(60000),
      dstPort: 7,
      payload: new Uint8Array(32),
    });
    f[40] ^= 1 + rng.int(255);
    if (f[40] === 0 && f[41] === 0) f[41] = 1; // zero means "no checksum"
    return f;
  },
  tcp_truncated: (rng, e) => fill(ipv4(e, IpProtocol.TCP, rng.int(20), rng), 34, rng),
  tcp_bad_data_offset: (rng, e) =>
    rawTcp(rng, e, { doff: rng.next() < 0.5 ? rng.int(5) : 15, opts: [], flags: 0x02, dataLen: 8 }),
  tcp_bad_checksum: (rng, e) => {
    const f = rawTcp(rng, e, { doff: 5, opts: [], flags: 0x02, dataLen: 0 });
    f[50] ^= 1 + rng.int(255);
    return f;
  },
  tcp_bad_options: (rng, e) => {
    const variants = [
      [2, 0, 0, 0], // MSS, length 0 (would loop forever in a naive parser)
      [2, 3, 5, 0], // MSS, wrong length
      [3, 40, 0, 0], // window scale running past the header
      [2, 4, 0, 0], // MSS of 0
      [3, 3, 200, 0], // window scale 200
      [8, 1, 0, 0], // timestamps, length 1
      [4, 255, 0, 0], // SACK-permitted, length past the header
    ];
    return rawTcp(rng, e, { doff: 6, opts: variants[rng.int(variants.length)], flags: 0x02, dataLen: 0 });
  },
  tcp_bad_flags: (rng, e) =>
    rawTcp(rng, e, {
      doff: 5,
      opts: [],
      flags: [0x03, 0x07, 0x3f, 0xff, 0x06, 0x00][rng.int(6)],
      dataLen: rng.int(64),
    }),
  mutated_tcp: (rng, e) => {
    const f = rawTcp(rng, e, { doff: 6, opts: [2, 4, 5, 0xb4], flags: 0x02, dataLen: 32 });
    for (let i = 0, n = 1 + rng.int(4); i < n; i++) f[14 + rng.int(f.length - 14)] = rng.int(256);
    return f;
  },
};

export const KIND_NAMES = Object.keys(MALFORMED_KINDS);

/** `count` frames of `kind`, seeded. */
export function malformedFrames(kind: string, count: number, e: Endpoints, seed = 1): Uint8Array[] {
  const build = MALFORMED_KINDS[kind];
  if (!build) throw new Error(`unknown malformed kind ${kind}`);
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => build(rng, e));
}
