// NewReno congestion control (RFC 5681 slow start / congestion avoidance,
// RFC 6582 fast recovery with partial acknowledgements). Byte-counted; the
// connection decides when a segment is a duplicate ACK and calls in.

import { seqGe } from "./seq.ts";

export class NewReno {
  cwnd: number;
  ssthresh: number;
  mss: number;
  dupAcks = 0;
  inRecovery = false;
  /** Highest sequence number sent when recovery began (RFC 6582 "recover"). */
  recover = 0;
  /** Bytes acked in congestion avoidance not yet turned into cwnd growth. */
  caAcked = 0;

  constructor(mss: number, initialWindowSegments = 10) {
    this.mss = mss;
    // RFC 6928 initial window, bounded like Linux (10 segments).
    this.cwnd = initialWindowSegments * mss;
    this.ssthresh = 0x7fffffff;
  }

  setMss(mss: number, initialWindowSegments = 10): void {
    this.mss = mss;
    this.cwnd = initialWindowSegments * mss;
  }

  /**
   * New data acknowledged (ack advanced by `acked` bytes, `flight` bytes were
   * outstanding before it). Returns true when a partial ACK in recovery asks
   * the caller to retransmit the next unacknowledged segment.
   */
  onAck(ack: number, acked: number, flight: number): boolean {
    this.dupAcks = 0;
    if (this.inRecovery) {
      if (seqGe(ack, this.recover)) {
        // Full acknowledgement: deflate (RFC 6582 3.2 step 3, option 1).
        this.cwnd = Math.min(this.ssthresh, Math.max(flight - acked, this.mss) + this.mss);
        this.inRecovery = false;
        return false;
      }
      // Partial acknowledgement: deflate by the amount acked, add back one MSS.
      this.cwnd = Math.max(this.cwnd - acked + this.mss, this.mss);
      return true;
    }
    if (this.cwnd < this.ssthresh) {
      this.cwnd += Math.min(acked, this.mss); // slow start (RFC 5681 eq. 2)
    } else {
      this.caAcked += acked; // congestion avoidance: one MSS per cwnd acked
      if (this.caAcked >= this.cwnd) {
        this.caAcked -= this.cwnd;
        this.cwnd += this.mss;
      }
    }
    return false;
  }

  /**
   * Duplicate ACK. Returns true when this is the third one and fast
   * retransmit should fire. `sndUna` is the current cumulative ACK and
   * `sndMax` the highest sequence number sent.
   */
  onDupAck(sndUna: number, sndMax: number, flight: number): boolean {
    this.dupAcks++;
    if (this.inRecovery) {
      this.cwnd += this.mss; // inflate for each segment that left the network
      return false;
    }
    // RFC 6582 section 4.1: only enter recovery once the ACK has passed
    // "recover", so duplicates caused by a go-back-N after a timeout do not
    // trigger a second reduction.
    if (this.dupAcks === 3 && seqGe(sndUna, this.recover)) {
      this.ssthresh = Math.max(Math.floor(flight / 2), 2 * this.mss);
      this.recover = sndMax;
      this.cwnd = this.ssthresh + 3 * this.mss;
      this.inRecovery = true;
      return true;
    }
    return false;
  }

  /** Retransmission timeout (RFC 5681 eq. 4 and 3.1). */
  onTimeout(flight: number, sndMax: number): void {
    this.ssthresh = Math.max(Math.floor(flight / 2), 2 * this.mss);
    this.cwnd = this.mss;
    this.dupAcks = 0;
    this.inRecovery = false;
    this.recover = sndMax;
    this.caAcked = 0;
  }
}
