// UDP (RFC 768) with the IPv4 pseudo-header checksum.
import { readU16, writeU16 } from "./addr.ts";
import { foldChecksum, onesSum, pseudoHeaderSum } from "./checksum.ts";
import { WireError } from "./errors.ts";
import { IpProtocol } from "./ipv4.ts";

export const UDP_HEADER_LEN = 8;

const EMPTY = new Uint8Array(0);

export class UdpView {
  buf: Uint8Array = EMPTY;

  static parse(buf: Uint8Array, srcIp: number, dstIp: number): UdpView | null {
    const v = new UdpView();
    return v.reset(buf, srcIp, dstIp) === WireError.Ok ? v : null;
  }

  /**
   * `buf` is the IPv4 payload. The length field must fit in it; a checksum of
   * 0 means "not computed" (allowed over IPv4) and is not verified.
   */
  reset(buf: Uint8Array, srcIp: number, dstIp: number): number {
    this.buf = buf;
    if (buf.length < UDP_HEADER_LEN) return WireError.Truncated;
    const len = readU16(buf, 4);
    if (len < UDP_HEADER_LEN) return WireError.BadTotalLength;
    if (len > buf.length) return WireError.Truncated;
    if (readU16(buf, 6) !== 0) {
      const sum = onesSum(buf, 0, len, pseudoHeaderSum(srcIp, dstIp, IpProtocol.UDP, len));
      if (foldChecksum(sum) !== 0) return WireError.BadChecksum;
    }
    return WireError.Ok;
  }

  srcPort(): number {
    return readU16(this.buf, 0);
  }

  dstPort(): number {
    return readU16(this.buf, 2);
  }

  length(): number {
    return readU16(this.buf, 4);
  }

  checksum(): number {
    return readU16(this.buf, 6);
  }

  payload(): Uint8Array {
    return this.buf.subarray(UDP_HEADER_LEN, this.length());
  }
}

/** An outgoing datagram as emitUdp writes it: ports and the payload to copy. */
export interface UdpEmitHeader {
  srcPort: number;
  dstPort: number;
  payload: Uint8Array;
}

/**
 * Writes h's header and a copy of its payload at buf[off], checksum computed
 * over the IPv4 pseudo-header of srcIp -> dstIp; returns 8 + payload.length.
 */
export function emitUdp(
  buf: Uint8Array,
  off: number,
  srcIp: number,
  dstIp: number,
  h: UdpEmitHeader,
): number {
  const payload = h.payload;
  const len = UDP_HEADER_LEN + payload.length;
  writeU16(buf, off, h.srcPort);
  writeU16(buf, off + 2, h.dstPort);
  writeU16(buf, off + 4, len);
  writeU16(buf, off + 6, 0);
  buf.set(payload, off + UDP_HEADER_LEN);
  const ck = foldChecksum(onesSum(buf, off, len, pseudoHeaderSum(srcIp, dstIp, IpProtocol.UDP, len)));
  // A computed 0 is sent as 0xffff: 0 on the wire means "no checksum" (RFC 768).
  writeU16(buf, off + 6, ck === 0 ? 0xffff : ck);
  return len;
}
