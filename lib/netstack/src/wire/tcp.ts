// TCP header view and emitter (RFC 9293) with the options the stack speaks:
// MSS, window scale, SACK-permitted, timestamps (RFC 7323); SACK blocks are
// parsed and counted. Options are decoded once in reset() into plain fields so
// the state machine reads them without allocation.
import { readU16, readU32, writeU16, writeU32 } from "./addr.ts";
import { foldChecksum, onesSum, pseudoHeaderSum } from "./checksum.ts";
import { WireError } from "./errors.ts";
import { IpProtocol } from "./ipv4.ts";

export const TCP_MIN_HEADER_LEN = 20;
export const TcpFlag = { FIN: 1, SYN: 2, RST: 4, PSH: 8, ACK: 16, URG: 32, ECE: 64, CWR: 128 } as const;

const OPT_EOL = 0;
const OPT_NOP = 1;
const OPT_MSS = 2;
const OPT_WSCALE = 3;
const OPT_SACK_PERMITTED = 4;
const OPT_SACK = 5;
const OPT_TIMESTAMPS = 8;
/** RFC 7323 §2.3: a shift above 14 is treated as 14. */
const MAX_WSCALE = 14;
const EMPTY = new Uint8Array(0);

export interface TcpEmitOptions {
  mss?: number;
  wscale?: number;
  sackPermitted?: boolean;
  tsVal?: number;
  tsEcr?: number;
}

/**
 * An outgoing segment as emitTcp writes it (smoltcp's TcpRepr): header fields,
 * options, and where the payload is copied from. The TX path keeps one per
 * stack, made by newTcpEmitHeader() and filled in place for every segment
 * (tcp/output.ts), so sending allocates nothing.
 */
export interface TcpEmitHeader {
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  flags: number;
  /** The window field as sent (already shifted by our window scale). */
  window: number;
  options?: TcpEmitOptions;
  /** payload[payloadOff, payloadOff + payloadLen) is copied after the header; absent or null: no payload. */
  payload?: Uint8Array | null;
  /** Default 0. */
  payloadOff?: number;
  /** Default: the rest of payload from payloadOff. */
  payloadLen?: number;
}

/**
 * A header with every field present (zeros, no options, no payload): the one
 * object a stack reuses for all its segments, always of the same shape.
 */
export function newTcpEmitHeader(): TcpEmitHeader {
  return {
    srcPort: 0,
    dstPort: 0,
    seq: 0,
    ack: 0,
    flags: 0,
    window: 0,
    options: undefined,
    payload: null,
    payloadOff: 0,
    payloadLen: 0,
  };
}

export class TcpView {
  buf: Uint8Array = EMPTY;
  /** MSS option value, 0 when absent. */
  mss = 0;
  /** Window scale shift (clamped to 14), -1 when absent. */
  wscale = -1;
  sackPermitted = false;
  hasTimestamps = false;
  tsVal = 0;
  tsEcr = 0;
  /** Number of SACK blocks in the segment. */
  sackBlocks = 0;
  /** Offset in buf of the first SACK block, -1 when none (see sackLeft/sackRight). */
  sackOffset = -1;

  static parse(buf: Uint8Array, srcIp: number, dstIp: number, verifyChecksum = true): TcpView | null {
    const v = new TcpView();
    return v.reset(buf, srcIp, dstIp, verifyChecksum) === WireError.Ok ? v : null;
  }

  /** `buf` is the whole segment (the IPv4 payload); the checksum covers all of it. */
  reset(buf: Uint8Array, srcIp: number, dstIp: number, verifyChecksum = true): number {
    this.buf = buf;
    this.mss = 0;
    this.wscale = -1;
    this.sackPermitted = false;
    this.hasTimestamps = false;
    this.tsVal = 0;
    this.tsEcr = 0;
    this.sackBlocks = 0;
    this.sackOffset = -1;
    if (buf.length < TCP_MIN_HEADER_LEN) return WireError.Truncated;
    const hlen = (buf[12] >> 4) * 4;
    if (hlen < TCP_MIN_HEADER_LEN) return WireError.BadHeaderLength;
    if (hlen > buf.length) return WireError.Truncated;
    if (verifyChecksum) {
      const sum = onesSum(buf, 0, buf.length, pseudoHeaderSum(srcIp, dstIp, IpProtocol.TCP, buf.length));
      if (foldChecksum(sum) !== 0) return WireError.BadChecksum;
    }
    return this.parseOptions(hlen);
  }

  private parseOptions(end: number): number {
    const b = this.buf;
    let i = TCP_MIN_HEADER_LEN;
    while (i < end) {
      const kind = b[i];
      if (kind === OPT_EOL) break;
      if (kind === OPT_NOP) {
        i++;
        continue;
      }
      if (i + 1 >= end) return WireError.BadOption;
      const len = b[i + 1];
      if (len < 2 || i + len > end) return WireError.BadOption;
      switch (kind) {
        case OPT_MSS:
          if (len !== 4) return WireError.BadOption;
          this.mss = readU16(b, i + 2);
          break;
        case OPT_WSCALE:
          if (len !== 3) return WireError.BadOption;
          this.wscale = Math.min(b[i + 2], MAX_WSCALE);
          break;
        case OPT_SACK_PERMITTED:
          if (len !== 2) return WireError.BadOption;
          this.sackPermitted = true;
          break;
        case OPT_SACK:
          if (len < 10 || (len - 2) % 8 !== 0) return WireError.BadOption;
          this.sackBlocks = (len - 2) / 8;
          this.sackOffset = i + 2;
          break;
        case OPT_TIMESTAMPS:
          if (len !== 10) return WireError.BadOption;
          this.hasTimestamps = true;
          this.tsVal = readU32(b, i + 2);
          this.tsEcr = readU32(b, i + 6);
          break;
        default:
          break; // unknown options are skipped by their length (RFC 9293 §3.1)
      }
      i += len;
    }
    return WireError.Ok;
  }

  srcPort(): number {
    return readU16(this.buf, 0);
  }

  dstPort(): number {
    return readU16(this.buf, 2);
  }

  seq(): number {
    return readU32(this.buf, 4);
  }

  ack(): number {
    return readU32(this.buf, 8);
  }

  headerLength(): number {
    return (this.buf[12] >> 4) * 4;
  }

  flags(): number {
    return this.buf[13];
  }

  /** The raw (unscaled) window field. */
  window(): number {
    return readU16(this.buf, 14);
  }

  checksum(): number {
    return readU16(this.buf, 16);
  }

  urgent(): number {
    return readU16(this.buf, 18);
  }

  /** Left edge of SACK block i (0 <= i < sackBlocks). */
  sackLeft(i: number): number {
    return readU32(this.buf, this.sackOffset + i * 8);
  }

  /** Right edge of SACK block i (0 <= i < sackBlocks). */
  sackRight(i: number): number {
    return readU32(this.buf, this.sackOffset + i * 8 + 4);
  }

  payload(): Uint8Array {
    return this.buf.subarray(this.headerLength());
  }
}

/** Bytes of options emitTcp writes for `o` (always a multiple of 4). */
export function tcpOptionsLength(o?: TcpEmitOptions): number {
  if (o === undefined) return 0;
  const ts = o.tsVal !== undefined;
  return (
    (o.mss !== undefined ? 4 : 0) +
    (ts ? 12 : 0) +
    (o.sackPermitted && !ts ? 4 : 0) +
    (o.wscale !== undefined ? 4 : 0)
  );
}

/** Writes options in Linux's order and NOP packing, so captures look like a Linux peer's. */
function writeOptions(buf: Uint8Array, off: number, o: TcpEmitOptions): number {
  let i = off;
  const ts = o.tsVal !== undefined;
  if (o.mss !== undefined) {
    buf[i] = OPT_MSS;
    buf[i + 1] = 4;
    writeU16(buf, i + 2, o.mss);
    i += 4;
  }
  if (ts) {
    buf[i] = o.sackPermitted ? OPT_SACK_PERMITTED : OPT_NOP;
    buf[i + 1] = o.sackPermitted ? 2 : OPT_NOP;
    buf[i + 2] = OPT_TIMESTAMPS;
    buf[i + 3] = 10;
    writeU32(buf, i + 4, o.tsVal ?? 0);
    writeU32(buf, i + 8, o.tsEcr ?? 0);
    i += 12;
  } else if (o.sackPermitted) {
    buf[i] = OPT_NOP;
    buf[i + 1] = OPT_NOP;
    buf[i + 2] = OPT_SACK_PERMITTED;
    buf[i + 3] = 2;
    i += 4;
  }
  if (o.wscale !== undefined) {
    buf[i] = OPT_NOP;
    buf[i + 1] = OPT_WSCALE;
    buf[i + 2] = 3;
    buf[i + 3] = o.wscale;
    i += 4;
  }
  return i - off;
}

/**
 * Writes h's header, options and a copy of its payload at buf[off] and fills
 * in the checksum (over the IPv4 pseudo-header of srcIp -> dstIp); returns the
 * segment length in bytes. buf must hold it (at most 60 + payloadLen bytes).
 */
export function emitTcp(
  buf: Uint8Array,
  off: number,
  srcIp: number,
  dstIp: number,
  h: TcpEmitHeader,
): number {
  const payload = h.payload;
  const payloadOff = h.payloadOff ?? 0;
  const payloadLen = h.payloadLen ?? (payload?.length ?? 0) - payloadOff;
  const optLen = h.options === undefined ? 0 : writeOptions(buf, off + TCP_MIN_HEADER_LEN, h.options);
  const hlen = TCP_MIN_HEADER_LEN + optLen;
  writeU16(buf, off, h.srcPort);
  writeU16(buf, off + 2, h.dstPort);
  writeU32(buf, off + 4, h.seq);
  writeU32(buf, off + 8, h.ack);
  buf[off + 12] = (hlen / 4) << 4;
  buf[off + 13] = h.flags;
  writeU16(buf, off + 14, h.window);
  writeU16(buf, off + 16, 0);
  writeU16(buf, off + 18, 0);
  if (payload != null && payloadLen > 0) {
    buf.set(payload.subarray(payloadOff, payloadOff + payloadLen), off + hlen);
  }
  const len = hlen + Math.max(payloadLen, 0);
  const sum = onesSum(buf, off, len, pseudoHeaderSum(srcIp, dstIp, IpProtocol.TCP, len));
  writeU16(buf, off + 16, foldChecksum(sum));
  return len;
}
