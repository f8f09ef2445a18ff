// Reads the TCP 4-tuples out of a pcap (as written by lib/netstack's
// PcapWriter): enough for tests to see which connection's frames a queue got.
import { readU16, readU32 } from "@ix/netstack";

export interface PcapTcp {
  srcIp: number;
  dstIp: number;
  srcPort: number;
  dstPort: number;
}

export function tcpTuples(pcap: Uint8Array): PcapTcp[] {
  const out: PcapTcp[] = [];
  let off = 24;
  const view = new DataView(pcap.buffer, pcap.byteOffset, pcap.byteLength);
  while (off + 16 <= pcap.length) {
    const incl = view.getUint32(off + 8, true);
    const f = pcap.subarray(off + 16, off + 16 + incl);
    off += 16 + incl;
    if (f.length < 54 || readU16(f, 12) !== 0x0800 || f[23] !== 6) continue;
    const ihl = (f[14] & 0x0f) * 4;
    out.push({
      srcIp: readU32(f, 26),
      dstIp: readU32(f, 30),
      srcPort: readU16(f, 14 + ihl),
      dstPort: readU16(f, 16 + ihl),
    });
  }
  return out;
}
