// IPv4 reassembly (RFC 791 section 3.2, RFC 1122 3.3.2: "The IP layer MUST
// implement reassembly of IP datagrams"). Fragments may come in any order;
// a datagram is identified by (source, destination, protocol, identification),
// and the destination is always this stack's address (ipInput checked it).
//
// Policy, as Linux's net/ipv4/ip_fragment.c since the FragmentSmack fixes:
// - an exact duplicate (same offset and length as a held fragment) is dropped
//   alone (the network duplicated it);
// - any other overlap, or lengths that contradict each other (a second "last"
//   fragment, data past the last one), discards the whole datagram, as RFC
//   5722 requires for IPv6; the datagram stays known as discarded until its
//   timeout, so its later fragments are dropped too instead of starting anew;
// - memory is bounded per stack (so per core): at most maxDatagrams in
//   progress and maxBytes held (payload plus FRAGMENT_OVERHEAD per fragment,
//   standing for the bookkeeping); a fragment that does not fit is dropped,
//   nothing held is evicted (Linux 4.17+ does the same above
//   ipfrag_high_thresh);
// - a datagram not complete timeoutUs after its first fragment arrived is
//   dropped; if its first fragment (offset 0) was there the stack answers
//   ICMP time exceeded, code 1 (RFC 792; RFC 1122 3.3.2).
//
// Fragment payloads are copied (the input frame may be a view of a bigger
// receive burst that must not be kept alive), and the complete datagram is
// built in one new buffer. Fragments are rare (TCP sets DF), so this path may
// allocate; the unfragmented path never enters this file.

import type { Counters } from "../counters.ts";
import { writeU16 } from "../wire/addr.ts";
import { foldChecksum, onesSum } from "../wire/checksum.ts";
import type { Ipv4View } from "../wire/ipv4.ts";

export interface ReassemblyConfig {
  /** How long a datagram may take to complete, from its first fragment, in microseconds (Linux ipfrag_time: 30 s). */
  timeoutUs: number;
  /** Bytes held in fragments per stack: payload plus FRAGMENT_OVERHEAD each (Linux ipfrag_high_thresh: 4 MiB). */
  maxBytes: number;
  /** Datagrams in reassembly at once per stack (discarded ones waiting out their timeout included). */
  maxDatagrams: number;
}

export const DEFAULT_REASSEMBLY_CONFIG: ReassemblyConfig = {
  timeoutUs: 30_000_000,
  maxBytes: 4 << 20,
  maxDatagrams: 256,
};

/** Bytes charged per held fragment besides its payload (its record and the map entry). */
export const FRAGMENT_OVERHEAD = 64;

/** Largest IPv4 datagram (RFC 791: total length is 16 bits). */
const MAX_DATAGRAM = 65535;

interface Piece {
  /** Offset of data in the datagram's payload, bytes. */
  off: number;
  data: Uint8Array;
}

class Datagram {
  readonly key: string;
  readonly deadline: number;
  /** Held fragments, sorted by offset, never overlapping. */
  pieces: Piece[] = [];
  /** Payload bytes held. */
  received = 0;
  /** Payload length, known once the last fragment (MF clear) arrived; -1 before. */
  totalLength = -1;
  /** Largest end offset seen so far. */
  maxEnd = 0;
  /** Copy of the first fragment's IP header (options included), once it arrived. */
  header: Uint8Array | null = null;
  /** Bytes charged to the budget. */
  charged = 0;
  /** Overlap or contradiction seen: every fragment is dropped until the deadline. */
  discarded = false;

  constructor(key: string, deadline: number) {
    this.key = key;
    this.deadline = deadline;
  }
}

/**
 * What a timed-out datagram leaves for the ICMP time exceeded message: its
 * first fragment's header and payload (views valid during the callback).
 */
export type ReassemblyTimeout = (header: Uint8Array, firstPayload: Uint8Array) => void;

export class Ipv4Reassembly {
  readonly cfg: ReassemblyConfig;
  private readonly counters: Counters;
  /** In creation order, which is deadline order (one timeout for all). */
  private readonly datagrams = new Map<string, Datagram>();
  /** Bytes charged by all datagrams. */
  bytesHeld = 0;

  constructor(cfg: ReassemblyConfig, counters: Counters) {
    if (!(cfg.timeoutUs > 0) || !(cfg.maxBytes >= 0) || !(cfg.maxDatagrams >= 0)) {
      throw new RangeError("reassembly: timeoutUs must be > 0, maxBytes and maxDatagrams >= 0");
    }
    this.cfg = cfg;
    this.counters = counters;
  }

  /** Datagrams in progress (or discarded and waiting out their timeout). */
  get size(): number {
    return this.datagrams.size;
  }

  /**
   * Takes one fragment (`ip` is a validated view of a packet with MF set or a
   * nonzero offset, addressed to us). Returns the whole datagram, a new IPv4
   * packet whose header is the first fragment's with MF/offset cleared and
   * length and checksum fixed, when this fragment completes it; otherwise
   * null (held, or dropped and counted under one drop reason).
   */
  input(ip: Ipv4View, now: number): Uint8Array | null {
    const c = this.counters;
    c.ipFragmentsIn++;
    const off = ip.fragmentOffset();
    const payload = ip.payload();
    const len = payload.length;
    const more = ip.moreFragments();
    const end = off + len;
    // RFC 791: every fragment but the last carries a multiple of 8 octets;
    // nothing may reach past the largest datagram.
    if ((more && (len === 0 || (len & 7) !== 0)) || ip.headerLength() + end > MAX_DATAGRAM) {
      c.dropIpFragMalformed++;
      return null;
    }
    const key = `${ip.srcIp()}/${ip.protocol()}/${ip.id()}`;
    let d = this.datagrams.get(key);
    if (d === undefined) {
      if (this.datagrams.size >= this.cfg.maxDatagrams) {
        c.dropIpFragBudget++;
        return null;
      }
      d = new Datagram(key, now + this.cfg.timeoutUs);
      this.datagrams.set(key, d);
    }
    if (d.discarded) {
      c.dropIpFragOverlap++;
      return null;
    }
    // Lengths must agree: one end, and nothing past it.
    const contradicts = more
      ? d.totalLength >= 0 && end > d.totalLength
      : (d.totalLength >= 0 && end !== d.totalLength) || end < d.maxEnd;
    if (contradicts) {
      this.discard(d);
      return null;
    }
    const pieces = d.pieces;
    const i = insertionIndex(pieces, off);
    const prev = i > 0 ? pieces[i - 1] : undefined;
    const next = i < pieces.length ? pieces[i] : undefined;
    if (next !== undefined && next.off === off && next.data.length === len) {
      c.dropIpFragDuplicate++;
      return null;
    }
    if ((prev !== undefined && prev.off + prev.data.length > off) || (next !== undefined && next.off < end)) {
      this.discard(d);
      return null;
    }
    const cost = len + FRAGMENT_OVERHEAD;
    if (this.bytesHeld + cost > this.cfg.maxBytes) {
      c.dropIpFragBudget++;
      if (d.pieces.length === 0) this.datagrams.delete(key);
      return null;
    }
    if (len > 0) pieces.splice(i, 0, { off, data: payload.slice() });
    else pieces.splice(i, 0, { off, data: payload }); // empty: nothing to copy
    d.charged += cost;
    this.bytesHeld += cost;
    d.received += len;
    if (end > d.maxEnd) d.maxEnd = end;
    if (!more) d.totalLength = end;
    if (off === 0) d.header = ip.buf.slice(0, ip.headerLength());
    if (d.header === null || d.totalLength < 0 || d.received !== d.totalLength) return null;
    return this.assemble(d);
  }

  /**
   * Drops every datagram whose timeout passed (counted per fragment held);
   * `onTimeout` gets the first fragment of each that had it, for ICMP time
   * exceeded.
   */
  expire(now: number, onTimeout: ReassemblyTimeout): void {
    for (const d of this.datagrams.values()) {
      if (d.deadline > now) break;
      this.datagrams.delete(d.key);
      if (d.discarded) continue;
      this.counters.dropIpFragTimeout += d.pieces.length;
      this.release(d);
      const first = d.pieces[0];
      if (d.header !== null && first !== undefined && first.off === 0) onTimeout(d.header, first.data);
      d.pieces = [];
    }
  }

  /** Earliest deadline of a datagram in progress (us); Infinity when none. */
  nextDeadline(): number {
    for (const d of this.datagrams.values()) return d.deadline;
    return Infinity;
  }

  private discard(d: Datagram): void {
    // The fragment in hand and every one held are dropped.
    this.counters.dropIpFragOverlap += 1 + d.pieces.length;
    this.release(d);
    d.pieces = [];
    d.header = null;
    d.discarded = true;
  }

  private release(d: Datagram): void {
    this.bytesHeld -= d.charged;
    d.charged = 0;
  }

  private assemble(d: Datagram): Uint8Array {
    const h = d.header as Uint8Array;
    const out = new Uint8Array(h.length + d.totalLength);
    out.set(h, 0);
    for (const p of d.pieces) out.set(p.data, h.length + p.off);
    writeU16(out, 2, out.length);
    // Keep DF as the first fragment had it (a sender may set it on all pieces); MF and offset go.
    out[6] &= 0x40;
    out[7] = 0;
    out[10] = 0;
    out[11] = 0;
    writeU16(out, 10, foldChecksum(onesSum(out, 0, h.length)));
    this.datagrams.delete(d.key);
    this.release(d);
    this.counters.ipReassembled++;
    return out;
  }
}

/** Index of the first piece whose offset is >= off (binary search). */
function insertionIndex(pieces: Piece[], off: number): number {
  let lo = 0;
  let hi = pieces.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pieces[mid].off < off) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
