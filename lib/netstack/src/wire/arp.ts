// ARP for Ethernet/IPv4 only (RFC 826): other hardware or protocol types are
// Unsupported, which the interface counts and drops.
import { readU16, readU32, writeU16, writeU32 } from "./addr.ts";
import { WireError } from "./errors.ts";

export const ARP_LEN = 28;
export const ArpOp = { Request: 1, Reply: 2 } as const;

const HTYPE_ETHERNET = 1;
const PTYPE_IPV4 = 0x0800;
const EMPTY = new Uint8Array(0);

export class ArpView {
  buf: Uint8Array = EMPTY;

  static parse(buf: Uint8Array): ArpView | null {
    const v = new ArpView();
    return v.reset(buf) === WireError.Ok ? v : null;
  }

  /** Trailing bytes (Ethernet padding) are allowed and ignored. */
  reset(buf: Uint8Array): number {
    this.buf = buf;
    if (buf.length < ARP_LEN) return WireError.Truncated;
    if (readU16(buf, 0) !== HTYPE_ETHERNET || readU16(buf, 2) !== PTYPE_IPV4) return WireError.Unsupported;
    if (buf[4] !== 6 || buf[5] !== 4) return WireError.BadHeaderLength;
    const op = readU16(buf, 6);
    if (op !== ArpOp.Request && op !== ArpOp.Reply) return WireError.Unsupported;
    return WireError.Ok;
  }

  op(): number {
    return readU16(this.buf, 6);
  }

  senderMac(): Uint8Array {
    return this.buf.subarray(8, 14);
  }

  senderIp(): number {
    return readU32(this.buf, 14);
  }

  targetMac(): Uint8Array {
    return this.buf.subarray(18, 24);
  }

  targetIp(): number {
    return readU32(this.buf, 24);
  }
}

/** The fields of an Ethernet/IPv4 ARP packet (RFC 826): op is an ArpOp, addresses as everywhere (MAC Uint8Array(6), IPv4 u32). */
export interface ArpEmitFields {
  op: number;
  senderMac: Uint8Array;
  senderIp: number;
  targetMac: Uint8Array;
  targetIp: number;
}

/** Writes a 28-byte Ethernet/IPv4 ARP packet with fields a at buf[off]; returns 28. */
export function emitArp(buf: Uint8Array, off: number, a: ArpEmitFields): number {
  const { op, senderMac, senderIp, targetMac, targetIp } = a;
  writeU16(buf, off, HTYPE_ETHERNET);
  writeU16(buf, off + 2, PTYPE_IPV4);
  buf[off + 4] = 6;
  buf[off + 5] = 4;
  writeU16(buf, off + 6, op);
  for (let i = 0; i < 6; i++) {
    buf[off + 8 + i] = senderMac[i];
    buf[off + 18 + i] = targetMac[i];
  }
  writeU32(buf, off + 14, senderIp);
  writeU32(buf, off + 24, targetIp);
  return ARP_LEN;
}
