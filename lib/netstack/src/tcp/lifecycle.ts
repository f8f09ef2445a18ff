// Connection lifecycle shared by input, timers and the syscalls: handing
// data to the application, reporting death, finishing on the wire, and the
// application-side operations (open, accept, sendv, recvDone, close).

import type { DeadReason } from "../iface/events.ts";
import type { TcpHost } from "./host.ts";
import { output, sendAck, sendRst, updateRcvEdge } from "./output.ts";
import type { Segment } from "./segment.ts";
import { seqAdd, seqDiff } from "./seq.ts";
import { TcpState, type Tcb } from "./tcb.ts";
import { wscaleFor } from "./config.ts";

/** Applies the peer's SYN options (RFC 9293 3.7.1 MSS, RFC 7323 window scale). */
export function negotiate(h: TcpHost, t: Tcb, s: Segment): void {
  const ours = h.tcpCfg.mss;
  // Clamp a tiny or absent MSS: absent means 536; below 64 is not useful.
  t.sndMss = Math.max(64, Math.min(ours, s.mss > 0 ? s.mss : 536));
  if (s.wscale >= 0 && t.offerWscale) {
    t.sndWscale = s.wscale;
  } else {
    t.sndWscale = 0;
    t.rcvWscale = 0;
    t.offerWscale = false;
  }
  t.cc.setMss(t.sndMss, h.tcpCfg.initialCwndSegments);
}

/** In-order data for the application: raises the recv event condition, holds the data until accept(), or discards it after close(). */
export function raiseRecv(h: TcpHost, t: Tcb, data: Uint8Array): void {
  if (t.appClosed) {
    h.counters.dropTcpAfterClose++; // full close: the application no longer reads
    return;
  }
  t.rcvUnread += data.length;
  h.rxBuffers.retain(data); // held by the event or pendingRecv until the consumer releases it
  if (!t.appOpen) {
    t.pendingRecv.push(data);
    return;
  }
  h.pushEvent({ type: "recv", cookie: t.cookie, handle: t.handle, data });
}

export function notifyDead(h: TcpHost, t: Tcb, reason: DeadReason): void {
  if (t.deadSent) return;
  t.deadSent = true;
  h.counters.tcpConnectionsDead++;
  if (t.appOpen) h.pushEvent({ type: "dead", cookie: t.cookie, handle: t.handle, reason });
}

/** The received data the connection still holds (before accept, out of order) is dropped: released to the owner. */
export function dropReceived(h: TcpHost, t: Tcb): void {
  for (const d of t.pendingRecv) h.rxBuffers.release(d);
  t.pendingRecv = [];
  t.ooo.clear(h.rxBuffers);
}

/** The connection is CLOSED on the wire. */
export function finish(h: TcpHost, t: Tcb): void {
  t.state = TcpState.Closed;
  t.finished = true;
  t.rtoAt = t.delackAt = t.persistAt = t.finWait2At = Infinity;
  t.ooo.clear(h.rxBuffers);
  h.release(t);
}

/** An active open failed (RST or SYN timeout): report and free the handle. */
export function connectFailed(h: TcpHost, t: Tcb): void {
  if (t.appOpen) h.pushEvent({ type: "connected", cookie: t.cookie, handle: t.handle, ok: false });
  t.appOpen = false;
  t.appClosed = true;
  finish(h, t);
}

export function openActive(h: TcpHost, t: Tcb, iss: number, cookie: number): void {
  t.initSend(iss);
  t.cookie = cookie;
  t.appOpen = true;
  t.offerWscale = true;
  t.rcvWscale = wscaleFor(t.rcvBufSize);
  t.state = TcpState.SynSent;
  h.counters.tcpActiveOpens++;
  output(h, t);
}

export function openPassive(h: TcpHost, t: Tcb, s: Segment, iss: number): void {
  t.initSend(iss);
  t.passive = true;
  t.irs = s.seq;
  t.rcvNxt = seqAdd(s.seq, 1);
  t.rcvAdvEdge = t.rcvNxt;
  t.offerWscale = s.wscale >= 0;
  t.rcvWscale = t.offerWscale ? wscaleFor(t.rcvBufSize) : 0;
  negotiate(h, t, s);
  t.sndWnd = s.wnd;
  t.maxSndWnd = s.wnd;
  t.sndWl1 = s.seq;
  t.state = TcpState.SynReceived;
  h.counters.tcpPassiveOpens++;
  output(h, t);
}

/** A valid SYN-cookie ACK: build the connection as if the handshake had been kept. */
export function openFromCookie(h: TcpHost, t: Tcb, s: Segment, mss: number): void {
  t.initSend(seqAdd(s.ack, -1));
  t.passive = true;
  t.sndUna = t.sndNxt = t.sndMax = s.ack;
  t.irs = seqAdd(s.seq, -1);
  t.rcvNxt = s.seq;
  t.rcvAdvEdge = t.rcvNxt;
  t.offerWscale = false;
  t.rcvWscale = t.sndWscale = 0;
  t.sndMss = Math.min(mss, h.tcpCfg.mss);
  t.cc.setMss(t.sndMss, h.tcpCfg.initialCwndSegments);
  t.sndWnd = t.maxSndWnd = s.wnd;
  t.sndWl1 = s.seq;
  t.sndWl2 = s.ack;
  updateRcvEdge(t, h.tcpCfg.mss);
  t.state = TcpState.Established;
  h.counters.tcpPassiveOpens++;
}

/** accept(): the application takes the connection; data that arrived meanwhile is delivered now. */
export function acceptConn(h: TcpHost, t: Tcb, cookie: number): void {
  t.cookie = cookie;
  t.appOpen = true;
  t.knocked = false;
  const pending = t.pendingRecv;
  t.pendingRecv = [];
  for (const data of pending) h.pushEvent({ type: "recv", cookie, handle: t.handle, data });
  if (t.deadSent) h.pushEvent({ type: "dead", cookie, handle: t.handle, reason: "fin" });
}

/** sendv(): copies what fits in the send buffer; returns the bytes accepted. */
export function sendData(h: TcpHost, t: Tcb, bufs: readonly Uint8Array[]): number {
  let n = 0;
  for (const b of bufs) {
    const k = t.sndBuf.append(b);
    n += k;
    if (k < b.length) break;
  }
  if (n > 0) output(h, t);
  return n;
}

/** recvDone(): the application released `bytes`; reopen the window, and tell the peer if it was nearly shut. */
export function recvDone(h: TcpHost, t: Tcb, bytes: number): void {
  t.rcvUnread -= bytes;
  const before = t.rcvAdvEdge;
  const prevWin = seqDiff(before, t.rcvNxt);
  updateRcvEdge(t, h.tcpCfg.mss);
  const receiving =
    t.state === TcpState.Established || t.state === TcpState.FinWait1 || t.state === TcpState.FinWait2;
  if (receiving && t.rcvAdvEdge !== before && prevWin < t.rcvBufSize >>> 1) sendAck(h, t);
}

/** close(): graceful close after queued data (FIN), or abort before the handshake completed. */
export function closeConn(h: TcpHost, t: Tcb): void {
  t.appOpen = false;
  t.appClosed = true;
  t.rcvUnread = 0; // data arriving from now on is discarded, so the window reopens
  for (const d of t.pendingRecv) h.rxBuffers.release(d);
  t.pendingRecv = [];
  switch (t.state) {
    case TcpState.SynSent:
      finish(h, t);
      return;
    case TcpState.SynReceived:
      sendRst(h, t);
      finish(h, t);
      return;
    case TcpState.Established:
    case TcpState.CloseWait:
      t.finQueued = true;
      output(h, t);
      return;
    default:
      if (t.finished) h.release(t);
  }
}

/** reject() / abort: RST and forget. */
export function abortConn(h: TcpHost, t: Tcb): void {
  t.appOpen = false;
  t.appClosed = true;
  if (!t.finished && t.state !== TcpState.SynSent) sendRst(h, t);
  finish(h, t);
}
