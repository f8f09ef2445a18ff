// ICMP (RFC 792). Echo request/reply are fully supported; other messages parse
// far enough for type() and code() so the interface can count them.
import { readU16, writeU16 } from "./addr.ts";
import { foldChecksum, onesSum } from "./checksum.ts";
import { WireError } from "./errors.ts";

export const IcmpType = { EchoReply: 0, EchoRequest: 8 } as const;
export const ICMP_HEADER_LEN = 8;

const EMPTY = new Uint8Array(0);

export class IcmpView {
  buf: Uint8Array = EMPTY;

  static parse(buf: Uint8Array): IcmpView | null {
    const v = new IcmpView();
    return v.reset(buf) === WireError.Ok ? v : null;
  }

  /** `buf` is the whole ICMP message (the IPv4 payload); the checksum covers all of it. */
  reset(buf: Uint8Array): number {
    this.buf = buf;
    if (buf.length < ICMP_HEADER_LEN) return WireError.Truncated;
    if (foldChecksum(onesSum(buf, 0, buf.length)) !== 0) return WireError.BadChecksum;
    return WireError.Ok;
  }

  type(): number {
    return this.buf[0];
  }

  code(): number {
    return this.buf[1];
  }

  checksum(): number {
    return readU16(this.buf, 2);
  }

  ident(): number {
    return readU16(this.buf, 4);
  }

  seqNo(): number {
    return readU16(this.buf, 6);
  }

  data(): Uint8Array {
    return this.buf.subarray(ICMP_HEADER_LEN);
  }
}

/** Writes an echo request/reply with a copy of `data` at buf[off]; returns 8 + data.length. */
export function emitIcmpEcho(
  buf: Uint8Array,
  off: number,
  type: number,
  ident: number,
  seqNo: number,
  data: Uint8Array,
): number {
  buf[off] = type;
  buf[off + 1] = 0;
  buf[off + 2] = 0;
  buf[off + 3] = 0;
  writeU16(buf, off + 4, ident);
  writeU16(buf, off + 6, seqNo);
  buf.set(data, off + ICMP_HEADER_LEN);
  const len = ICMP_HEADER_LEN + data.length;
  writeU16(buf, off + 2, foldChecksum(onesSum(buf, off, len)));
  return len;
}
