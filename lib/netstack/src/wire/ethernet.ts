// Ethernet II header view and emitter (no VLAN tags: the stack's links are
// untagged TAP devices and simulated wires).
import { readU16, writeU16 } from "./addr.ts";
import { WireError } from "./errors.ts";

export const ETH_HEADER_LEN = 14;
export const EtherType = { IPv4: 0x0800, ARP: 0x0806 } as const;

const EMPTY = new Uint8Array(0);

export class EthernetView {
  buf: Uint8Array = EMPTY;

  static parse(buf: Uint8Array): EthernetView | null {
    const v = new EthernetView();
    return v.reset(buf) === WireError.Ok ? v : null;
  }

  reset(buf: Uint8Array): number {
    this.buf = buf;
    return buf.length < ETH_HEADER_LEN ? WireError.Truncated : WireError.Ok;
  }

  dst(): Uint8Array {
    return this.buf.subarray(0, 6);
  }

  src(): Uint8Array {
    return this.buf.subarray(6, 12);
  }

  etherType(): number {
    return readU16(this.buf, 12);
  }

  /** Everything after the header, including any padding up to the 60-byte minimum frame. */
  payload(): Uint8Array {
    return this.buf.subarray(ETH_HEADER_LEN);
  }
}

/** Writes the 14-byte header at buf[off]; returns 14. */
export function emitEthernet(
  buf: Uint8Array,
  off: number,
  dst: Uint8Array,
  src: Uint8Array,
  etherType: number,
): number {
  for (let i = 0; i < 6; i++) {
    buf[off + i] = dst[i];
    buf[off + 6 + i] = src[i];
  }
  writeU16(buf, off + 12, etherType);
  return ETH_HEADER_LEN;
}
