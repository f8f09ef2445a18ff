// A classic libpcap file writer (LINKTYPE_ETHERNET, microsecond timestamps,
// little-endian) so any frame stream can be opened in tshark or Wireshark.

const PCAP_MAGIC_US = 0xa1b2c3d4;
const LINKTYPE_ETHERNET = 1;
export const PCAP_GLOBAL_HEADER_LEN = 24;
export const PCAP_RECORD_HEADER_LEN = 16;

function putU32le(b: Uint8Array, off: number, v: number): void {
  b[off] = v;
  b[off + 1] = v >>> 8;
  b[off + 2] = v >>> 16;
  b[off + 3] = v >>> 24;
}

export class PcapWriter {
  private readonly sink: (chunk: Uint8Array) => void;
  private readonly snaplen: number;

  /** Writes the global header to `sink` immediately. */
  constructor(sink: (chunk: Uint8Array) => void, snaplen = 65535) {
    this.sink = sink;
    this.snaplen = snaplen;
    const h = new Uint8Array(PCAP_GLOBAL_HEADER_LEN);
    putU32le(h, 0, PCAP_MAGIC_US);
    h[4] = 2; // version 2.4
    h[6] = 4;
    // thiszone and sigfigs stay 0
    putU32le(h, 16, snaplen);
    putU32le(h, 20, LINKTYPE_ETHERNET);
    sink(h);
  }

  /**
   * Appends one record (header and the frame, cut at snaplen) as a single
   * chunk. The frame is copied, so the caller may reuse its buffer at once.
   */
  write(frame: Uint8Array, timeUs: number): void {
    const incl = Math.min(frame.length, this.snaplen);
    const rec = new Uint8Array(PCAP_RECORD_HEADER_LEN + incl);
    const t = Math.max(0, Math.round(timeUs));
    const sec = Math.floor(t / 1e6);
    putU32le(rec, 0, sec);
    putU32le(rec, 4, t - sec * 1e6);
    putU32le(rec, 8, incl);
    putU32le(rec, 12, frame.length);
    rec.set(frame.subarray(0, incl), PCAP_RECORD_HEADER_LEN);
    this.sink(rec);
  }
}
