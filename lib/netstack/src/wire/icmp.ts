// ICMP (RFC 792). Echo request/reply are fully supported; error messages
// (destination unreachable, time exceeded) are emitted with their quote of the
// offending datagram; other messages parse far enough for type() and code() so
// the interface can count them.
import { readU16, writeU16 } from "./addr.ts";
import { foldChecksum, onesSum } from "./checksum.ts";
import { WireError } from "./errors.ts";

export const IcmpType = {
  EchoReply: 0,
  DestinationUnreachable: 3,
  SourceQuench: 4,
  Redirect: 5,
  EchoRequest: 8,
  TimeExceeded: 11,
  ParameterProblem: 12,
} as const;
/** Codes of Destination Unreachable (type 3) the stack sends (RFC 792). */
export const IcmpUnreachCode = { Protocol: 2, Port: 3 } as const;
/** Codes of Time Exceeded (type 11): 1 is "fragment reassembly time exceeded" (RFC 792). */
export const IcmpTimeExceededCode = { Ttl: 0, Reassembly: 1 } as const;
export const ICMP_HEADER_LEN = 8;
/**
 * Longest ICMP error datagram the stack sends, IP header included: 576 octets,
 * as Linux (icmp_send) and RFC 1812 4.3.2.3 do, so the quote carries as much
 * of the offending datagram as every host must accept (RFC 791 3.1).
 */
export const ICMP_ERROR_MAX_DATAGRAM = 576;

/**
 * True for the ICMP error message types (RFC 1122 3.2.2: an error is never
 * sent about one of these). Unknown types count as errors: the safe side.
 */
export function isIcmpError(type: number): boolean {
  return (
    type !== IcmpType.EchoReply &&
    type !== IcmpType.EchoRequest &&
    type !== 13 && // timestamp
    type !== 14 && // timestamp reply
    type !== 15 && // information request
    type !== 16 && // information reply
    type !== 17 && // address mask request
    type !== 18 // address mask reply
  );
}

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

/** What an ICMP error quotes: the offending datagram's IP header and payload, cut at `max` octets in all. */
export interface IcmpQuote {
  header: Uint8Array;
  body: Uint8Array;
  max: number;
}

/**
 * Writes an ICMP error message (type, code, 4 unused zero octets, then the
 * quote) at buf[off] and returns its length. The quote is `q.header` followed
 * by `q.body` (possibly two views of one buffer), cut at `q.max` octets; RFC
 * 792 asks for the header plus 64 bits, RFC 1122 3.2.2 allows more.
 */
export function emitIcmpError(
  buf: Uint8Array,
  off: number,
  type: number,
  code: number,
  q: IcmpQuote,
): number {
  buf[off] = type;
  buf[off + 1] = code;
  buf.fill(0, off + 2, off + ICMP_HEADER_LEN);
  const h = Math.min(q.header.length, q.max);
  buf.set(q.header.subarray(0, h), off + ICMP_HEADER_LEN);
  const b = Math.min(q.body.length, q.max - h);
  buf.set(q.body.subarray(0, b), off + ICMP_HEADER_LEN + h);
  const len = ICMP_HEADER_LEN + h + b;
  writeU16(buf, off + 2, foldChecksum(onesSum(buf, off, len)));
  return len;
}
