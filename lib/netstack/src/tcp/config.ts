// TCP tunables. Times in microseconds. Defaults follow Linux/IX where a value
// matters for interoperability (closing states: see docs/netstack.md).

export interface TcpConfig {
  /** MSS we advertise and the upper bound for what we send (1460 for a 1500 MTU). */
  mss: number;
  /** Receive buffer per connection: the most unread (not recvDone'd) bytes. */
  rcvBuf: number;
  /** Send buffer per connection: most bytes accepted by sendv and not yet acked. */
  sndBuf: number;
  minRtoUs: number;
  maxRtoUs: number;
  initialRtoUs: number;
  /** Delayed-ACK timeout (an ACK is also sent on every second full segment). */
  delAckUs: number;
  /**
   * TIME-WAIT duration, 2*MSL (RFC 9293 3.10.7.4). Default 60 s, as Linux's
   * TCP_TIMEWAIT_LEN: RFC 9293's MSL of 2 min would give 4 min.
   */
  timeWaitUs: number;
  /** Most TIME-WAIT records in the stack; beyond, a closing connection skips TIME-WAIT (counted). Linux: tcp_max_tw_buckets. */
  maxTimeWait: number;
  /** Ignore RST in TIME-WAIT (RFC 1337, Linux tcp_rfc1337=1); false: RFC 9293's letter, an exact RST ends it. */
  rfc1337: boolean;
  /**
   * Longest wait in FIN_WAIT_2 for the peer's FIN after our close (the app
   * has closed, so nobody else would notice a peer that never sends it).
   * Linux: tcp_fin_timeout, 60 s; on expiry the connection goes silently.
   */
  finWait2Us: number;
  /** RTO expirations before an established connection is declared dead. */
  maxRetries: number;
  /**
   * RTO expirations before a connection the app has closed (FIN_WAIT_1,
   * CLOSING, LAST_ACK: our FIN unacknowledged) is aborted with a RST. Linux:
   * tcp_orphan_retries, whose 0 default means 8.
   */
  orphanRetries: number;
  /** SYN / SYN-ACK retransmissions before giving up. */
  maxSynRetries: number;
  /** Nagle's algorithm for new connections (IX: off). */
  nagle: boolean;
  /**
   * Out-of-order queue bound, in segments (its byte bound is rcvBuf). 0 sizes
   * it from the window: see oooSegmentsFor. A bound below one window of
   * segments is harmful: a peer that fills the window (Linux does, with CUBIC
   * on a short path) loses every segment past the bound after a single drop.
   */
  oooMaxSegments: number;
  initialCwndSegments: number;
}

export const DEFAULT_TCP_CONFIG: TcpConfig = {
  mss: 1460,
  rcvBuf: 256 * 1024,
  sndBuf: 256 * 1024,
  minRtoUs: 200_000,
  maxRtoUs: 60_000_000,
  initialRtoUs: 1_000_000,
  delAckUs: 40_000,
  timeWaitUs: 60_000_000,
  maxTimeWait: 262_144,
  rfc1337: true,
  finWait2Us: 60_000_000,
  maxRetries: 12,
  orphanRetries: 8,
  maxSynRetries: 6,
  nagle: false,
  oooMaxSegments: 0,
  initialCwndSegments: 10,
};

/** Smallest segment the automatic out-of-order bound plans for (RFC 9293's default MSS). */
const OOO_MIN_SEGMENT = 536;

/**
 * Out-of-order queue bound in segments. Automatic (oooMaxSegments 0): a full
 * receive window of 536-byte segments, so any peer using a sane MSS can have
 * everything behind a hole queued, while tiny segments still cannot pin more
 * than that many frames.
 */
export function oooSegmentsFor(cfg: TcpConfig): number {
  return cfg.oooMaxSegments > 0 ? cfg.oooMaxSegments : Math.ceil(cfg.rcvBuf / OOO_MIN_SEGMENT);
}

/** Window-scale shift needed so `buf` fits in the 16-bit window field. */
export function wscaleFor(buf: number): number {
  let s = 0;
  while (s < 14 && buf >>> s > 0xffff) s++;
  return s;
}
