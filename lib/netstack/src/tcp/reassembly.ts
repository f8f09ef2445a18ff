// Out-of-order receive queue. Segments beyond RCV.NXT are kept as zero-copy
// views of the frames they arrived in, sorted by sequence number, bounded in
// both segment count and bytes (an attacker sending many tiny out-of-order
// segments cannot pin unbounded memory). Overlaps are resolved when data is
// taken, not when inserted. The views belong to the stack's RxBufferOwner (a
// dataplane's mbuf pool): a stored segment is retained, and released when
// dropped (old, cleared) or, once taken, by the caller (lastTaken).

import type { RxBufferOwner } from "../util/rx-buffers.ts";
import { UNOWNED_RX_BUFFERS } from "../util/rx-buffers.ts";
import { seqAdd, seqDiff, seqLe, seqLt } from "./seq.ts";

const NO_DATA = new Uint8Array(0);

export interface OooSegment {
  seq: number;
  data: Uint8Array;
  /** A FIN follows the last byte of data. */
  fin: boolean;
}

export class Reassembly {
  readonly segments: OooSegment[] = [];
  bytes = 0;
  maxSegments: number;
  maxBytes: number;
  /** Set by takeNext(): the segment taken carried a FIN. */
  lastFin = false;
  /**
   * Set by takeNext(): the stored view of the segment taken. Its reference
   * passes to the caller, who releases it once it has kept what it needs
   * (raiseRecv retains the trimmed view itself).
   */
  lastTaken: Uint8Array = NO_DATA;

  constructor(maxSegments = 64, maxBytes = 1 << 20) {
    this.maxSegments = maxSegments;
    this.maxBytes = maxBytes;
  }

  get count(): number {
    return this.segments.length;
  }

  /** Queues a segment (retained from `owner` when stored); false when it was dropped because the queue is full. */
  insert(seq: number, data: Uint8Array, fin: boolean, owner: RxBufferOwner = UNOWNED_RX_BUFFERS): boolean {
    const segs = this.segments;
    let i = segs.length;
    while (i > 0 && seqLt(seq, segs[i - 1].seq)) i--;
    // An exact duplicate (same start, no longer) adds nothing.
    const prev = i > 0 ? segs[i - 1] : undefined;
    if (prev && prev.seq === seq && prev.data.length >= data.length && (prev.fin || !fin)) return true;
    if (segs.length >= this.maxSegments || this.bytes + data.length > this.maxBytes) return false;
    segs.splice(i, 0, { seq, data, fin });
    owner.retain(data);
    this.bytes += data.length;
    return true;
  }

  /**
   * Removes and returns the data that starts at `rcvNxt` (trimmed of any part
   * already received), or null when the next queued segment leaves a gap.
   * Segments wholly below rcvNxt are discarded (released to `owner`) on the
   * way; the taken segment's reference passes to the caller (lastTaken).
   */
  takeNext(rcvNxt: number, owner: RxBufferOwner = UNOWNED_RX_BUFFERS): Uint8Array | null {
    const segs = this.segments;
    while (segs.length > 0) {
      const s = segs[0];
      if (seqLt(rcvNxt, s.seq)) return null; // gap
      segs.shift();
      this.bytes -= s.data.length;
      const end = seqAdd(s.seq, s.data.length);
      const endWithFin = s.fin ? seqAdd(end, 1) : end;
      if (seqLe(endWithFin, rcvNxt)) {
        owner.release(s.data); // entirely old
        continue;
      }
      const skip = seqDiff(rcvNxt, s.seq);
      this.lastFin = s.fin;
      this.lastTaken = s.data;
      return skip > 0 ? s.data.subarray(Math.min(skip, s.data.length)) : s.data;
    }
    return null;
  }

  /** Drops every queued segment, releasing each to `owner`. */
  clear(owner: RxBufferOwner = UNOWNED_RX_BUFFERS): void {
    for (const s of this.segments) owner.release(s.data);
    this.segments.length = 0;
    this.bytes = 0;
  }
}
