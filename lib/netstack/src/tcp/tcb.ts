// The TCP control block: every piece of per-connection state, as plain fields
// (serialised field by field by the flow-group export). Behaviour lives in
// input.ts, output.ts and timers.ts.

import { oooSegmentsFor, type TcpConfig } from "./config.ts";
import { NewReno } from "./congestion.ts";
import { Reassembly } from "./reassembly.ts";
import { RttEstimator } from "./rtt.ts";
import { SendBuffer } from "./send-buffer.ts";
import { seqAdd } from "./seq.ts";
import { HANDLE_FG_SCALE } from "../handle.ts";

export const TcpState = {
  Closed: 0,
  SynSent: 1,
  SynReceived: 2,
  Established: 3,
  FinWait1: 4,
  FinWait2: 5,
  CloseWait: 6,
  Closing: 7,
  LastAck: 8,
  TimeWait: 9,
} as const;
export type TcpStateCode = (typeof TcpState)[keyof typeof TcpState];

export const TCP_STATE_NAMES = [
  "CLOSED",
  "SYN_SENT",
  "SYN_RECEIVED",
  "ESTABLISHED",
  "FIN_WAIT_1",
  "FIN_WAIT_2",
  "CLOSE_WAIT",
  "CLOSING",
  "LAST_ACK",
  "TIME_WAIT",
] as const;

export class Tcb {
  fg: number;
  id: number;
  handle: number;
  cookie = 0;
  state: TcpStateCode = TcpState.Closed;
  localPort: number;
  remoteIp: number;
  remotePort: number;
  /** Created by a listener (vs. connect()). */
  passive = false;
  /** Counted in the SYN backlog (passive, still SYN_RECEIVED). */
  embryonic = false;
  /** knock emitted, waiting for accept()/reject(). */
  knocked = false;
  /** The application holds the handle: accepted or connected, close() not called yet. */
  appOpen = false;
  /** close() called: send FIN after queued data, discard further input. */
  appClosed = false;
  /** dead (or failed connected) already reported. */
  deadSent = false;
  /** The connection no longer exists on the wire (CLOSED); kept only until close(). */
  finished = false;

  // Send side (RFC 9293 names).
  iss = 0;
  sndUna = 0;
  sndNxt = 0;
  /** Highest sequence number sent (sndNxt goes back to sndUna on a timeout). */
  sndMax = 0;
  sndWnd = 0;
  maxSndWnd = 0;
  sndWl1 = 0;
  sndWl2 = 0;
  /** Peer's window shift (applied to windows it sends). */
  sndWscale = 0;
  /** Our window shift (applied to windows we send). */
  rcvWscale = 0;
  /** Whether we offered window scaling in our SYN / SYN-ACK. */
  offerWscale = true;
  sndMss: number;
  sndBuf: SendBuffer;
  /** Sequence number of the first byte in sndBuf. */
  dataSeq = 0;
  /** close() queued a FIN; it occupies dataSeq + sndBuf.length. */
  finQueued = false;

  // Receive side.
  irs = 0;
  rcvNxt = 0;
  /** Right edge of the window we advertised (never moves left). */
  rcvAdvEdge = 0;
  rcvBufSize: number;
  /** Bytes delivered to the application not yet released with recvDone. */
  rcvUnread = 0;
  ooo: Reassembly;
  /** In-order data that arrived before accept(); delivered on accept. */
  pendingRecv: Uint8Array[] = [];
  /** Segments received since our last ACK (delayed ACK: ack every second). */
  ackPending = 0;
  ackNow = false;

  // Timers (absolute microseconds, Infinity when off).
  rtoAt = Infinity;
  delackAt = Infinity;
  persistAt = Infinity;
  /** End of the FIN_WAIT_2 wait after our close (tcpCfg.finWait2Us). TIME-WAIT itself is a TimeWaitRecord. */
  finWait2At = Infinity;
  /** Timer-wheel entry and the deadline it was scheduled for. */
  timerId = -1;
  timerAt = Infinity;
  retries = 0;
  persistBackoff = 0;

  rtt: RttEstimator;
  /** RTT measurement in progress: ends when rttSeq is acked (Karn: cleared on retransmit). */
  rttTiming = false;
  rttSeq = 0;
  rttStart = 0;
  cc: NewReno;
  nagle: boolean;

  constructor(
    cfg: TcpConfig,
    fg: number,
    id: number,
    localPort: number,
    remoteIp: number,
    remotePort: number,
  ) {
    this.fg = fg;
    this.id = id;
    this.handle = fg * HANDLE_FG_SCALE + id;
    this.localPort = localPort;
    this.remoteIp = remoteIp;
    this.remotePort = remotePort;
    this.sndMss = Math.min(536, cfg.mss);
    this.sndBuf = new SendBuffer(cfg.sndBuf);
    this.rcvBufSize = cfg.rcvBuf;
    this.ooo = new Reassembly(oooSegmentsFor(cfg), cfg.rcvBuf);
    this.rtt = new RttEstimator(cfg.minRtoUs, cfg.maxRtoUs, 1_000, cfg.initialRtoUs);
    this.cc = new NewReno(this.sndMss, cfg.initialCwndSegments);
    this.nagle = cfg.nagle;
  }

  /** Sets the initial send sequence number. */
  initSend(iss: number): void {
    this.iss = iss;
    this.sndUna = iss;
    this.sndNxt = iss;
    this.sndMax = iss;
    this.dataSeq = seqAdd(iss, 1);
    this.cc.recover = iss;
  }

  /** Sequence number the FIN takes (valid once finQueued). */
  finSeq(): number {
    return seqAdd(this.dataSeq, this.sndBuf.length);
  }

  /** Our FIN has been sent at least once and not all of it is acked. */
  finAcked(): boolean {
    return this.finQueued && this.sndUna === seqAdd(this.finSeq(), 1);
  }

  isSynchronized(): boolean {
    return this.state >= TcpState.Established;
  }

  /** Earliest pending timer deadline. */
  nextDeadline(): number {
    return Math.min(this.rtoAt, this.delackAt, this.persistAt, this.finWait2At);
  }
}
