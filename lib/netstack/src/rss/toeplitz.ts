// The Toeplitz hash NICs use for receive-side scaling (Microsoft RSS spec).
// IX steers each flow to a flow group by this hash; computing it in software
// with the same key reproduces the NIC's choice, so a flow group keeps its
// connections when it moves between instances.
//
// For every input byte position i and byte value b, table[i*256 + b] is the
// XOR of the 32-bit key windows selected by b's set bits, so a hash is one
// lookup and XOR per input byte.

/** The key DPDK's drivers install by default (the same 40 bytes as Microsoft's example key). */
export const DEFAULT_RSS_KEY: Uint8Array = Uint8Array.from([
  0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2, 0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0, 0xd0, 0xca,
  0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4, 0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30, 0xf2, 0x0c, 0x6a, 0x42, 0xb7, 0x3b,
  0xbe, 0xac, 0x01, 0xfa,
]);

/** The key of Microsoft's "Verifying the RSS Hash Calculation" table. */
export const MICROSOFT_RSS_KEY: Uint8Array = Uint8Array.from([
  0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2, 0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0, 0xd0, 0xca,
  0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4, 0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30, 0xf2, 0x0c, 0x6a, 0x42, 0xb7, 0x3b,
  0xbe, 0xac, 0x01, 0xfa,
]);

/** The 32 key bits starting at bit position `bit` (bit 0 = MSB of key[0]); zeros past the end. */
function keyWindow(key: Uint8Array, bit: number): number {
  const byte = bit >> 3;
  const shift = bit & 7;
  let w = 0;
  for (let j = 0; j < 5; j++) w = w * 256 + (key[byte + j] ?? 0); // 40 bits, exact in a double
  return (Math.floor(w / 2 ** (8 - shift)) % 2 ** 32) >>> 0;
}

export class Toeplitz {
  /** Longest input the key covers: every input bit needs 32 key bits. */
  readonly maxInputLength: number;
  private readonly table: Uint32Array;

  constructor(key: Uint8Array) {
    // 16 bytes cover the 12-byte IPv4 4-tuple that hashIpv4Ports reads from the table.
    if (key.length < 16) throw new RangeError("Toeplitz key must be at least 16 bytes");
    this.maxInputLength = key.length - 4;
    this.table = new Uint32Array(this.maxInputLength * 256);
    for (let i = 0; i < this.maxInputLength; i++) {
      const windows: number[] = [];
      for (let bit = 0; bit < 8; bit++) windows.push(keyWindow(key, i * 8 + bit));
      for (let b = 0; b < 256; b++) {
        let h = 0;
        for (let bit = 0; bit < 8; bit++) if (b & (0x80 >> bit)) h ^= windows[bit];
        this.table[i * 256 + b] = h >>> 0;
      }
    }
  }

  /** Hash of input[off, off+len); throws RangeError when len exceeds maxInputLength (a caller bug). */
  hash(input: Uint8Array, off = 0, len = input.length - off): number {
    if (len > this.maxInputLength) throw new RangeError(`Toeplitz input longer than ${this.maxInputLength}`);
    const t = this.table;
    let h = 0;
    for (let i = 0; i < len; i++) h ^= t[i * 256 + input[off + i]];
    return h >>> 0;
  }

  /** 2-tuple hash: source address then destination address, as on the wire. */
  hashIpv4(srcIp: number, dstIp: number): number {
    const t = this.table;
    return (
      (t[(srcIp >>> 24) & 0xff] ^
        t[256 + ((srcIp >>> 16) & 0xff)] ^
        t[512 + ((srcIp >>> 8) & 0xff)] ^
        t[768 + (srcIp & 0xff)] ^
        t[1024 + ((dstIp >>> 24) & 0xff)] ^
        t[1280 + ((dstIp >>> 16) & 0xff)] ^
        t[1536 + ((dstIp >>> 8) & 0xff)] ^
        t[1792 + (dstIp & 0xff)]) >>>
      0
    );
  }

  /** 4-tuple hash: source address, destination address, source port, destination port. */
  hashIpv4Ports(srcIp: number, dstIp: number, srcPort: number, dstPort: number): number {
    const t = this.table;
    return (
      (this.hashIpv4(srcIp, dstIp) ^
        t[2048 + ((srcPort >>> 8) & 0xff)] ^
        t[2304 + (srcPort & 0xff)] ^
        t[2560 + ((dstPort >>> 8) & 0xff)] ^
        t[2816 + (dstPort & 0xff)]) >>>
      0
    );
  }
}

/** The flow group (RETA index) of a hash: its low bits. retaSize is a power of two (8..512). */
export function flowGroupOf(hash: number, retaSize: number): number {
  return (hash & (retaSize - 1)) >>> 0;
}
