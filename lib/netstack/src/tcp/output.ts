// Segment transmission for one connection: the send loop (window, cwnd,
// Nagle, sender-side SWS avoidance), retransmission of one segment, pure ACKs,
// window advertisement, zero-window probes and resets.
//
// Every segment is described in the stack's one TcpEmitHeader
// (TcpHost.txHeader), filled in place here and handed down by reference
// (TcpHost.emitSegment -> Egress.emitTcpTo -> emitTcp): the TX path allocates
// nothing per segment, and each fill writes every field it does not leave to
// emitSegment (the ports), so nothing leaks from the previous segment.

import { TcpFlag, type TcpEmitHeader } from "../wire/tcp.ts";
import type { TcpHost } from "./host.ts";
import type { Segment } from "./segment.ts";
import { seqAdd, seqDiff, seqGt, seqLt } from "./seq.ts";
import { TcpState, type Tcb } from "./tcb.ts";

const { RST, ACK } = TcpFlag;

/**
 * Sets x for a segment without options or payload: <SEQ=seq><ACK=ack><CTL=flags>
 * and the window field as sent. Returns x; callers add options or payload.
 */
export function bareHeader(
  x: TcpEmitHeader,
  seq: number,
  ack: number,
  flags: number,
  window: number,
): TcpEmitHeader {
  x.seq = seq;
  x.ack = ack;
  x.flags = flags;
  x.window = window;
  x.options = undefined;
  x.payload = null;
  x.payloadOff = 0;
  x.payloadLen = 0;
  return x;
}

/**
 * Sets x for the reset answering segment s (RFC 9293 3.10.7.1): with an ACK
 * it is <SEQ=SEG.ACK><CTL=RST>, without one <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
 * Returns x (ports are the caller's).
 */
export function resetFor(x: TcpEmitHeader, s: Segment): TcpEmitHeader {
  if (s.flags & ACK) return bareHeader(x, s.ack, 0, RST, 0);
  return bareHeader(x, 0, seqAdd(s.seq, s.len), RST | ACK, 0);
}

/**
 * Recomputes the window to advertise. The right edge never moves left and
 * only moves right by a worthwhile amount (receiver SWS avoidance, RFC 1122
 * 4.2.3.3). IX flow control: free space = rcvBuf - bytes not yet recvDone'd.
 */
export function updateRcvEdge(t: Tcb, mss: number): void {
  const avail = Math.max(0, t.rcvBufSize - t.rcvUnread);
  const candidate = seqAdd(t.rcvNxt, avail);
  const grow = seqDiff(candidate, t.rcvAdvEdge);
  if (grow <= 0) return;
  if (grow >= Math.min(t.rcvBufSize >>> 1, mss) || t.rcvUnread === 0 || seqLt(t.rcvAdvEdge, t.rcvNxt)) {
    t.rcvAdvEdge = candidate;
  }
}

/** Window field value for a non-SYN segment. */
export function windowField(t: Tcb): number {
  const w = seqDiff(t.rcvAdvEdge, t.rcvNxt);
  return w <= 0 ? 0 : Math.min(w >>> t.rcvWscale, 0xffff);
}

/** Sends one segment starting at `seq` with up to `maxLen` payload bytes. Returns the sequence space used. */
export function sendAt(h: TcpHost, t: Tcb, seq: number, maxLen: number): number {
  const cfg = h.tcpCfg;
  if (t.state === TcpState.SynSent || t.state === TcpState.SynReceived) {
    if (seq !== t.iss) return 0;
    const syn = t.state === TcpState.SynSent;
    updateRcvEdge(t, cfg.mss);
    const w = Math.min(Math.max(seqDiff(t.rcvAdvEdge, t.rcvNxt), 0), 0xffff);
    const x = bareHeader(h.txHeader, seq, syn ? 0 : t.rcvNxt, syn ? TcpFlag.SYN : TcpFlag.SYN | ACK, w);
    const o = h.synOptions;
    o.mss = cfg.mss;
    o.wscale = t.offerWscale ? t.rcvWscale : undefined;
    x.options = o;
    transmit(h, t, x);
    return 1;
  }
  const off = seqDiff(seq, t.dataSeq);
  const avail = t.sndBuf.length - off;
  const len = Math.max(0, Math.min(maxLen, t.sndMss, avail));
  let flags = ACK;
  if (len > 0 && len === avail) flags |= TcpFlag.PSH;
  const fin = t.finQueued && len === avail;
  if (fin) flags |= TcpFlag.FIN;
  if (len === 0 && !fin) return 0;
  updateRcvEdge(t, cfg.mss);
  const x = bareHeader(h.txHeader, seq, t.rcvNxt, flags, windowField(t));
  if (len > 0) {
    x.payload = t.sndBuf.buf;
    x.payloadOff = t.sndBuf.head + off;
    x.payloadLen = len;
  }
  transmit(h, t, x);
  if (fin) {
    if (t.state === TcpState.Established) t.state = TcpState.FinWait1;
    else if (t.state === TcpState.CloseWait) t.state = TcpState.LastAck;
  }
  return len + (fin ? 1 : 0);
}

/**
 * Sends connection t's segment x: retransmission and RTT bookkeeping for the
 * sequence space it uses, and any owed ACK is now carried.
 */
function transmit(h: TcpHost, t: Tcb, x: TcpEmitHeader): void {
  const seq = x.seq;
  const space = (x.payloadLen ?? 0) + (x.flags & TcpFlag.SYN ? 1 : 0) + (x.flags & TcpFlag.FIN ? 1 : 0);
  if (space > 0) {
    const end = seqAdd(seq, space);
    if (seqLt(seq, t.sndMax)) {
      h.counters.tcpRetransmits++;
      t.rttTiming = false; // Karn: never time a retransmitted segment
    } else if (!t.rttTiming) {
      t.rttTiming = true;
      t.rttSeq = end;
      t.rttStart = h.now;
    }
    if (seqGt(end, t.sndMax)) t.sndMax = end;
    if (t.rtoAt === Infinity) t.rtoAt = h.now + t.rtt.rto();
  }
  t.ackPending = 0;
  t.ackNow = false;
  t.delackAt = Infinity;
  h.emitSegment(t, x);
  x.payload = null; // copied: the header keeps no reference to the send buffer
}

/**
 * A bare ACK (also the answer to unacceptable segments and the challenge ACK).
 * Its sequence number is SND.MAX, not SND.NXT: after a timeout SND.NXT goes
 * back to SND.UNA, and an ACK numbered below the peer's RCV.NXT would be
 * unacceptable there (dropped), which can deadlock two recovering peers.
 */
export function sendAck(h: TcpHost, t: Tcb): void {
  updateRcvEdge(t, h.tcpCfg.mss);
  transmit(h, t, bareHeader(h.txHeader, t.sndMax, t.rcvNxt, ACK, windowField(t)));
}

/** Zero-window probe: an ACK one byte below SND.UNA makes the peer answer with its window. */
export function sendProbe(h: TcpHost, t: Tcb): void {
  updateRcvEdge(t, h.tcpCfg.mss);
  h.counters.tcpPersistProbes++;
  transmit(h, t, bareHeader(h.txHeader, seqAdd(t.sndUna, -1), t.rcvNxt, ACK, windowField(t)));
}

/** Aborts on the wire: <SEQ=SND.MAX><ACK=RCV.NXT><CTL=RST,ACK> (no bookkeeping: the connection is going). */
export function sendRst(h: TcpHost, t: Tcb): void {
  h.counters.tcpResetsSent++;
  h.emitSegment(t, bareHeader(h.txHeader, t.sndMax, t.rcvNxt, RST | ACK, 0));
}

/** Answers segment s of connection t with a reset (RFC 9293 3.10.7.3/4: an unacceptable ACK before ESTABLISHED). */
export function sendRstFor(h: TcpHost, t: Tcb, s: Segment): void {
  h.counters.tcpResetsSent++;
  h.emitSegment(t, resetFor(h.txHeader, s));
}

/** Sends whatever the windows allow, then an ACK if one is owed and nothing carried it. */
export function output(h: TcpHost, t: Tcb): void {
  const st = t.state;
  if (st === TcpState.Closed || st === TcpState.TimeWait) {
    if (t.ackNow && st === TcpState.TimeWait) sendAck(h, t);
    return;
  }
  if (st === TcpState.SynSent || st === TcpState.SynReceived) {
    if (t.sndNxt === t.iss) t.sndNxt = seqAdd(t.iss, sendAt(h, t, t.iss, 0));
    return;
  }
  const mss = t.sndMss;
  for (;;) {
    const flight = seqDiff(t.sndNxt, t.sndUna);
    const off = seqDiff(t.sndNxt, t.dataSeq);
    const avail = t.sndBuf.length - off;
    if (avail <= 0) {
      // No data left: a FIN that is queued and not yet (re)sent needs no window.
      if (t.finQueued && t.sndNxt === t.finSeq()) t.sndNxt = seqAdd(t.sndNxt, sendAt(h, t, t.sndNxt, 0));
      break;
    }
    const usable = Math.min(t.sndWnd, t.cc.cwnd) - flight;
    if (usable <= 0) break;
    const len = Math.min(avail, mss, usable);
    if (len < mss && len < avail && flight > 0) break; // sender SWS: wait for a full segment
    if (t.nagle && len < mss && flight > 0) break; // Nagle: one small segment in flight
    t.sndNxt = seqAdd(t.sndNxt, sendAt(h, t, t.sndNxt, len));
  }
  // Zero window with data waiting and nothing in flight: the persist timer
  // probes until the window opens (its ACK may be lost).
  const pending = t.sndBuf.length - seqDiff(t.sndNxt, t.dataSeq) > 0;
  if (t.sndWnd === 0 && pending && t.sndNxt === t.sndUna) {
    if (t.persistAt === Infinity)
      t.persistAt = h.now + Math.min(t.rtt.rto() * 2 ** t.persistBackoff, h.tcpCfg.maxRtoUs);
  } else {
    t.persistAt = Infinity;
    t.persistBackoff = 0;
  }
  if (t.ackNow) sendAck(h, t);
}
