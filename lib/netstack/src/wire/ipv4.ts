// IPv4 header view (RFC 791). reset() validates everything the stack relies
// on, including the header checksum; options are skipped, not interpreted.
import { readU16, readU32, writeU16, writeU32 } from "./addr.ts";
import { foldChecksum, onesSum } from "./checksum.ts";
import { WireError } from "./errors.ts";

export const IPV4_MIN_HEADER_LEN = 20;
export const IpProtocol = { ICMP: 1, TCP: 6, UDP: 17 } as const;

const FLAG_DF = 0x4000;
const FLAG_MF = 0x2000;
const OFFSET_MASK = 0x1fff;
const DEFAULT_TTL = 64;
const EMPTY = new Uint8Array(0);

export interface Ipv4EmitFields {
  srcIp: number;
  dstIp: number;
  protocol: number;
  payloadLength: number;
  ttl?: number;
  id?: number;
  /** DF bit (default true: the stack does Path MTU discovery's part by never exceeding the MTU with TCP). */
  dontFragment?: boolean;
  /** MF bit (default false): more fragments of this datagram follow. */
  moreFragments?: boolean;
  /** Fragment offset in bytes, a multiple of 8 (default 0). */
  fragmentOffset?: number;
}

export class Ipv4View {
  buf: Uint8Array = EMPTY;

  static parse(buf: Uint8Array): Ipv4View | null {
    const v = new Ipv4View();
    return v.reset(buf) === WireError.Ok ? v : null;
  }

  /** `buf` may extend past the datagram (Ethernet padding): payload() honours totalLength. */
  reset(buf: Uint8Array): number {
    this.buf = buf;
    if (buf.length < IPV4_MIN_HEADER_LEN) return WireError.Truncated;
    if (buf[0] >> 4 !== 4) return WireError.BadVersion;
    const hlen = (buf[0] & 0x0f) * 4;
    if (hlen < IPV4_MIN_HEADER_LEN) return WireError.BadHeaderLength;
    if (hlen > buf.length) return WireError.Truncated;
    const total = readU16(buf, 2);
    if (total < hlen) return WireError.BadTotalLength;
    if (total > buf.length) return WireError.Truncated;
    if (foldChecksum(onesSum(buf, 0, hlen)) !== 0) return WireError.BadChecksum;
    return WireError.Ok;
  }

  version(): number {
    return this.buf[0] >> 4;
  }

  headerLength(): number {
    return (this.buf[0] & 0x0f) * 4;
  }

  tos(): number {
    return this.buf[1];
  }

  totalLength(): number {
    return readU16(this.buf, 2);
  }

  id(): number {
    return readU16(this.buf, 4);
  }

  dontFragment(): boolean {
    return (readU16(this.buf, 6) & FLAG_DF) !== 0;
  }

  moreFragments(): boolean {
    return (readU16(this.buf, 6) & FLAG_MF) !== 0;
  }

  /** Fragment offset in bytes. */
  fragmentOffset(): number {
    return (readU16(this.buf, 6) & OFFSET_MASK) * 8;
  }

  /** True for any piece of a fragmented datagram (MF set or a nonzero offset). */
  isFragment(): boolean {
    return (readU16(this.buf, 6) & (FLAG_MF | OFFSET_MASK)) !== 0;
  }

  ttl(): number {
    return this.buf[8];
  }

  protocol(): number {
    return this.buf[9];
  }

  checksum(): number {
    return readU16(this.buf, 10);
  }

  srcIp(): number {
    return readU32(this.buf, 12);
  }

  dstIp(): number {
    return readU32(this.buf, 16);
  }

  /** Options bytes (empty when ihl = 5). */
  options(): Uint8Array {
    return this.buf.subarray(IPV4_MIN_HEADER_LEN, this.headerLength());
  }

  /** The upper-layer bytes: options skipped, link padding beyond totalLength removed. */
  payload(): Uint8Array {
    return this.buf.subarray(this.headerLength(), this.totalLength());
  }
}

/**
 * Writes a 20-byte header (no options, checksum computed) at buf[off]; returns
 * 20. Flags default to DF alone; a fragment passes dontFragment false,
 * moreFragments and fragmentOffset (bytes, RFC 791 counts it in 8-octet units).
 */
export function emitIpv4Header(buf: Uint8Array, off: number, f: Ipv4EmitFields): number {
  buf[off] = 0x45;
  buf[off + 1] = 0;
  writeU16(buf, off + 2, IPV4_MIN_HEADER_LEN + f.payloadLength);
  writeU16(buf, off + 4, f.id ?? 0);
  writeU16(
    buf,
    off + 6,
    (f.dontFragment === false ? 0 : FLAG_DF) |
      (f.moreFragments === true ? FLAG_MF : 0) |
      (((f.fragmentOffset ?? 0) >>> 3) & OFFSET_MASK),
  );
  buf[off + 8] = f.ttl ?? DEFAULT_TTL;
  buf[off + 9] = f.protocol;
  buf[off + 10] = 0;
  buf[off + 11] = 0;
  writeU32(buf, off + 12, f.srcIp);
  writeU32(buf, off + 16, f.dstIp);
  writeU16(buf, off + 10, foldChecksum(onesSum(buf, off, IPV4_MIN_HEADER_LEN)));
  return IPV4_MIN_HEADER_LEN;
}
