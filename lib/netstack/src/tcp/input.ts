// Segment arrival for an existing connection (RFC 9293 section 3.10.7) with
// the RFC 5961 hardening: RSTs must hit RCV.NXT exactly (else challenge ACK),
// any SYN in a synchronized state draws a challenge ACK, ACKs must lie in
// [SND.UNA - MAX.SND.WND, SND.MAX].

import { TcpFlag } from "../wire/tcp.ts";
import type { TcpHost } from "./host.ts";
import { output, sendAck, sendAt, sendRstFor } from "./output.ts";
import type { Segment } from "./segment.ts";
import { seqAdd, seqDiff, seqGe, seqGt, seqLe, seqLt } from "./seq.ts";
import { TcpState, type Tcb } from "./tcb.ts";
import { connectFailed, raiseRecv, finish, negotiate, notifyDead } from "./lifecycle.ts";
import { toTimeWait } from "./time-wait.ts";

const EMPTY = new Uint8Array(0);
const { FIN, SYN, RST, ACK } = TcpFlag;

function challengeAck(h: TcpHost, t: Tcb): void {
  h.counters.tcpChallengeAcks++;
  sendAck(h, t);
}

/**
 * Both FINs are exchanged and ours is acknowledged. The TCB only stays in
 * TIME_WAIT until segmentArrives has sent the ACK it owes; then toTimeWait
 * replaces it by a compact record (time-wait.ts).
 */
function enterTimeWait(t: Tcb): void {
  t.state = TcpState.TimeWait;
  t.rtoAt = Infinity;
  t.persistAt = Infinity;
  t.finWait2At = Infinity;
}

function reset(h: TcpHost, t: Tcb): void {
  h.counters.tcpResetsReceived++;
  if (t.state === TcpState.SynReceived && !t.passive) return connectFailed(h, t);
  const st = t.state;
  if (
    st === TcpState.Established ||
    st === TcpState.FinWait1 ||
    st === TcpState.FinWait2 ||
    st === TcpState.CloseWait
  ) {
    notifyDead(h, t, "reset");
  }
  finish(h, t);
}

function synSent(h: TcpHost, t: Tcb, s: Segment): void {
  const f = s.flags;
  if (f & ACK && (seqLe(s.ack, t.iss) || seqGt(s.ack, t.sndMax))) {
    h.counters.dropTcpBadAck++;
    if (!(f & RST)) sendRstFor(h, t, s);
    return;
  }
  if (f & RST) {
    if (f & ACK) {
      h.counters.tcpResetsReceived++;
      connectFailed(h, t);
    } else h.counters.dropTcpBadRst++;
    return;
  }
  if (!(f & SYN)) {
    h.counters.dropTcpInvalidState++;
    return;
  }
  t.irs = s.seq;
  t.rcvNxt = seqAdd(s.seq, 1);
  t.rcvAdvEdge = t.rcvNxt;
  negotiate(h, t, s);
  t.sndWnd = s.wnd; // never scaled in a SYN (RFC 7323 2.2)
  t.maxSndWnd = s.wnd;
  t.sndWl1 = s.seq;
  t.sndWl2 = s.ack;
  if (f & ACK) {
    if (t.rttTiming && seqGe(s.ack, t.rttSeq)) t.rtt.sample(h.now - t.rttStart);
    t.rttTiming = false;
    t.sndUna = s.ack;
    t.rtoAt = Infinity;
    t.retries = 0;
    t.state = TcpState.Established;
    t.ackNow = true;
    h.pushEvent({ type: "connected", cookie: t.cookie, handle: t.handle, ok: true });
  } else {
    // Simultaneous open: answer with SYN-ACK re-using our ISS.
    t.state = TcpState.SynReceived;
    t.sndNxt = t.iss;
  }
  output(h, t);
}

/** Processes an acceptable ACK in a synchronized state; false means drop the segment. */
function processAck(h: TcpHost, t: Tcb, s: Segment): boolean {
  const ack = s.ack;
  if (seqGt(ack, t.sndMax) || seqLt(ack, seqAdd(t.sndUna, -t.maxSndWnd))) {
    h.counters.dropTcpBadAck++;
    challengeAck(h, t);
    return false;
  }
  const wnd = s.wnd * 2 ** t.sndWscale;
  if (seqGt(ack, t.sndUna)) {
    const acked = seqDiff(ack, t.sndUna);
    const flight = Math.max(seqDiff(t.sndNxt, t.sndUna), acked);
    if (seqGt(ack, t.sndNxt)) t.sndNxt = ack;
    if (t.rttTiming && seqGe(ack, t.rttSeq)) {
      t.rtt.sample(h.now - t.rttStart);
      t.rttTiming = false;
    }
    t.sndUna = ack;
    t.retries = 0;
    t.rtt.backoff = 0;
    const dataAcked = Math.min(Math.max(seqDiff(ack, t.dataSeq), 0), t.sndBuf.length);
    if (dataAcked > 0) {
      t.sndBuf.consume(dataAcked);
      t.dataSeq = seqAdd(t.dataSeq, dataAcked);
    }
    t.rtoAt = t.sndUna === t.sndMax ? Infinity : h.now + t.rtt.rto();
    if (t.cc.onAck(ack, acked, flight)) {
      // NewReno partial ACK: the next hole is lost too; resend it now.
      t.rttTiming = false;
      sendAt(h, t, t.sndUna, t.sndMss);
    }
    if (dataAcked > 0 && t.appOpen) {
      h.pushEvent({
        type: "sent",
        cookie: t.cookie,
        handle: t.handle,
        bytes: dataAcked,
        window: t.sndBuf.free,
      });
    }
  } else if (ack === t.sndUna && s.len === 0 && wnd === t.sndWnd && t.sndMax !== t.sndUna) {
    h.counters.tcpDupAcks++;
    if (t.cc.onDupAck(t.sndUna, t.sndMax, seqDiff(t.sndNxt, t.sndUna))) {
      h.counters.tcpFastRetransmits++;
      t.rttTiming = false;
      sendAt(h, t, t.sndUna, t.sndMss);
    }
  }
  if (seqLt(t.sndWl1, s.seq) || (t.sndWl1 === s.seq && seqLe(t.sndWl2, ack))) {
    t.sndWnd = wnd;
    t.sndWl1 = s.seq;
    t.sndWl2 = ack;
    if (wnd > t.maxSndWnd) t.maxSndWnd = wnd;
  }
  return true;
}

function processFin(h: TcpHost, t: Tcb): void {
  t.rcvNxt = seqAdd(t.rcvNxt, 1);
  t.ackNow = true;
  t.ooo.clear(h.rxBuffers);
  switch (t.state) {
    case TcpState.Established:
      t.state = TcpState.CloseWait;
      notifyDead(h, t, "fin");
      break;
    case TcpState.FinWait1:
      if (t.finAcked()) enterTimeWait(t);
      else t.state = TcpState.Closing;
      break;
    case TcpState.FinWait2:
      enterTimeWait(t);
      break;
  }
}

/** Segment text and FIN for states that still receive (ESTABLISHED, FIN_WAIT_1/2). */
function processText(h: TcpHost, t: Tcb, seq: number, data: Uint8Array, fin: boolean): void {
  if (seq !== t.rcvNxt) {
    h.counters.tcpOutOfOrder++;
    if (!t.ooo.insert(seq, data, fin, h.rxBuffers)) h.counters.dropTcpOooFull++;
    t.ackNow = true; // duplicate ACK tells the sender where the hole is
    return;
  }
  if (data.length > 0) {
    raiseRecv(h, t, data);
    t.rcvNxt = seqAdd(t.rcvNxt, data.length);
  }
  let finNow = fin;
  if (t.ooo.count > 0) {
    let d: Uint8Array | null;
    while (!finNow && (d = t.ooo.takeNext(t.rcvNxt, h.rxBuffers)) !== null) {
      if (d.length > 0) {
        raiseRecv(h, t, d);
        t.rcvNxt = seqAdd(t.rcvNxt, d.length);
      }
      h.rxBuffers.release(t.ooo.lastTaken); // raiseRecv retained what it kept
      finNow = t.ooo.lastFin;
    }
    t.ackNow = true; // RFC 5681 4.2: ACK at once when a hole is (partly) filled
  }
  if (data.length > 0) {
    if (++t.ackPending >= 2) t.ackNow = true;
    else if (t.delackAt === Infinity) t.delackAt = h.now + h.tcpCfg.delAckUs;
  }
  if (finNow) processFin(h, t);
}

function inWindow(x: number, rcvNxt: number, wnd: number): boolean {
  const d = seqDiff(x, rcvNxt);
  return d >= 0 && d < wnd;
}

export function segmentArrives(h: TcpHost, t: Tcb, s: Segment): void {
  if (t.state === TcpState.SynSent) return synSent(h, t, s);
  let f = s.flags;
  if (t.state === TcpState.SynReceived && f & SYN && s.seq === t.irs) {
    if (!(f & ACK) || !(seqGt(s.ack, t.sndUna) && seqLe(s.ack, t.sndMax))) {
      t.sndNxt = t.iss; // retransmitted SYN: repeat the SYN-ACK
      output(h, t);
      return;
    }
    // Simultaneous open: the peer's SYN-ACK acknowledges our SYN; its SYN was
    // already taken, so process the rest as a plain ACK.
    s.seq = seqAdd(s.seq, 1);
    s.flags &= ~SYN;
    s.len -= 1;
    f = s.flags;
  }
  // 1. Sequence acceptability (RFC 9293 3.10.7.4, first check).
  const wnd = Math.max(0, seqDiff(t.rcvAdvEdge, t.rcvNxt));
  const end = seqAdd(s.seq, s.len - 1);
  const ok =
    s.len === 0
      ? wnd === 0
        ? s.seq === t.rcvNxt
        : inWindow(s.seq, t.rcvNxt, wnd)
      : wnd > 0 && (inWindow(s.seq, t.rcvNxt, wnd) || inWindow(end, t.rcvNxt, wnd));
  if (!ok) {
    h.counters.dropTcpOutOfWindow++;
    if (!(f & RST)) sendAck(h, t);
    return;
  }
  // 2. RST (RFC 5961 3.2).
  if (f & RST) {
    if (s.seq === t.rcvNxt) return reset(h, t);
    h.counters.dropTcpBadRst++;
    return challengeAck(h, t);
  }
  // 4. SYN in a synchronized state (RFC 5961 4.2).
  if (f & SYN) {
    h.counters.dropTcpBadSyn++;
    return challengeAck(h, t);
  }
  // 5. ACK.
  if (!(f & ACK)) {
    h.counters.dropTcpBadAck++;
    return;
  }
  if (t.state === TcpState.SynReceived) {
    if (!(seqGt(s.ack, t.sndUna) && seqLe(s.ack, t.sndMax))) {
      h.counters.dropTcpBadAck++;
      sendRstFor(h, t, s);
      return;
    }
    if (t.rttTiming && seqGe(s.ack, t.rttSeq)) t.rtt.sample(h.now - t.rttStart);
    t.rttTiming = false;
    t.sndUna = s.ack;
    t.rtoAt = Infinity;
    t.retries = 0;
    t.sndWnd = s.wnd * 2 ** t.sndWscale;
    t.maxSndWnd = Math.max(t.maxSndWnd, t.sndWnd);
    t.sndWl1 = s.seq;
    t.sndWl2 = s.ack;
    t.state = TcpState.Established;
    if (t.passive) h.passiveEstablished(t);
    else h.pushEvent({ type: "connected", cookie: t.cookie, handle: t.handle, ok: true });
  } else if (!processAck(h, t, s)) return;

  if (t.finQueued && t.finAcked()) {
    if (t.state === TcpState.FinWait1) {
      t.state = TcpState.FinWait2;
      // The application has closed, so nobody would ever notice a peer that
      // never sends its FIN: bound FIN_WAIT_2 like Linux's tcp_fin_timeout.
      t.finWait2At = h.now + h.tcpCfg.finWait2Us;
    } else if (t.state === TcpState.Closing) enterTimeWait(t);
    else if (t.state === TcpState.LastAck) return finish(h, t);
  }

  // Trim to the window: drop what was already received, cut what lies beyond.
  let seq = s.seq;
  let data = s.data;
  let fin = (f & FIN) !== 0;
  const skip = seqDiff(t.rcvNxt, seq);
  if (skip > 0) {
    if (skip > data.length) fin = false;
    data = skip >= data.length ? EMPTY : data.subarray(skip);
    seq = t.rcvNxt;
  }
  const room = seqDiff(t.rcvAdvEdge, seq);
  if (data.length > room) {
    data = room > 0 ? data.subarray(0, room) : EMPTY;
    fin = false;
  }

  // 7./8. Text and FIN.
  const st = t.state;
  if (st === TcpState.Established || st === TcpState.FinWait1 || st === TcpState.FinWait2) {
    if (data.length > 0 || fin) processText(h, t, seq, data, fin);
  } else if (fin || data.length > 0) {
    // CLOSE_WAIT, CLOSING, LAST_ACK: the peer's FIN was already received, so
    // this is a retransmission (our ACK was lost): acknowledge it again.
    t.ackNow = true;
  }
  output(h, t);
  if (t.state === TcpState.TimeWait) toTimeWait(h, t);
}
