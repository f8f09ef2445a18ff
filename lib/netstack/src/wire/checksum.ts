// The Internet checksum (RFC 1071). Sums are kept unfolded so that a pseudo
// header, a header and a payload can be summed separately and combined.

/**
 * Adds the 16-bit big-endian words of buf[off, off+len) to `initial`. An odd
 * trailing byte counts as the high byte of a zero-padded word. The result is
 * not folded; for any frame (< 64 KiB) it stays well inside 2^32.
 */
export function onesSum(buf: Uint8Array, off: number, len: number, initial = 0): number {
  let sum = initial;
  const end = off + len;
  const evenEnd = end - (len & 1);
  let i = off;
  // Four words per iteration: the loop overhead dominates on short headers otherwise.
  for (; i + 8 <= evenEnd; i += 8) {
    sum +=
      ((buf[i] << 8) | buf[i + 1]) +
      ((buf[i + 2] << 8) | buf[i + 3]) +
      ((buf[i + 4] << 8) | buf[i + 5]) +
      ((buf[i + 6] << 8) | buf[i + 7]);
  }
  for (; i < evenEnd; i += 2) sum += (buf[i] << 8) | buf[i + 1];
  if (len & 1) sum += buf[end - 1] << 8;
  return sum;
}

/** Folds carries into 16 bits and complements: the value to store in a checksum field. */
export function foldChecksum(sum: number): number {
  while (sum > 0xffff) sum = (sum % 0x10000) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}

/** Sum of the TCP/UDP pseudo header: addresses, protocol and upper-layer length. */
export function pseudoHeaderSum(srcIp: number, dstIp: number, protocol: number, length: number): number {
  return (srcIp >>> 16) + (srcIp & 0xffff) + (dstIp >>> 16) + (dstIp & 0xffff) + protocol + length;
}
