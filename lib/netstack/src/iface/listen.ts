// Segments that match no connection: listeners (SYN -> SYN_RECEIVED, or a
// stateless SYN-cookie SYN-ACK when the backlog is full; a cookie ACK ->
// ESTABLISHED), and RST replies for everything else (RFC 9293 3.10.7.1).

import { TcpFlag } from "../wire/tcp.ts";
import { segmentArrives } from "../tcp/input.ts";
import { openFromCookie, openPassive } from "../tcp/lifecycle.ts";
import type { Segment } from "../tcp/segment.ts";
import { seqAdd } from "../tcp/seq.ts";
import { initialSeq } from "../tcp/syn-cookie.ts";
import type { StackBase } from "./stack-base.ts";

const { SYN, RST, ACK } = TcpFlag;
/** Cookie ACKs are only considered this long after the last cookie was sent (two cookie periods). */
const COOKIE_WINDOW_US = 128_000_000;
const cookieOpts = { mss: 1460 };

function replyRst(st: StackBase, s: Segment, remoteIp: number, remotePort: number, localPort: number): void {
  st.counters.tcpResetsSent++;
  if (s.flags & ACK) st.emitTcpTo(remoteIp, localPort, remotePort, s.ack, 0, RST, 0, undefined, null, 0, 0);
  else
    st.emitTcpTo(
      remoteIp,
      localPort,
      remotePort,
      0,
      seqAdd(s.seq, s.len),
      RST | ACK,
      0,
      undefined,
      null,
      0,
      0,
    );
}

export function handleNoConnection(
  st: StackBase,
  fg: number,
  s: Segment,
  remoteIp: number,
  remotePort: number,
  localPort: number,
  /** ISS for a SYN that reopens a TIME-WAIT tuple (time-wait.ts); default RFC 6528's. */
  iss?: number,
): void {
  const c = st.counters;
  const f = s.flags;
  if (f & RST) {
    c.dropTcpNoConnection++;
    return;
  }
  if (!st.tcpListeners.has(localPort)) {
    c.dropTcpNoListener++;
    replyRst(st, s, remoteIp, remotePort, localPort);
    return;
  }
  if (f & ACK) {
    if (!(f & SYN) && st.now - st.lastCookieAt < COOKIE_WINDOW_US) {
      const mss = st.cookies.check(
        st.now,
        seqAdd(s.ack, -1),
        remoteIp,
        remotePort,
        st.ip,
        localPort,
        seqAdd(s.seq, -1),
      );
      if (mss > 0) {
        if (st.unacceptedTotal >= st.opts.acceptBacklog || st.liveTotal >= st.opts.maxConnections) {
          c.dropTcpAcceptBacklog++; // the peer retransmits its ACK/data later
          return;
        }
        const t = st.newTcb(fg, localPort, remoteIp, remotePort);
        openFromCookie(st, t, s, mss);
        c.tcpSynCookiesAccepted++;
        st.passiveEstablished(t);
        segmentArrives(st, t, s);
        st.armTimer(t);
        return;
      }
      c.dropTcpBadSynCookie++;
    } else c.dropTcpNoConnection++;
    replyRst(st, s, remoteIp, remotePort, localPort);
    return;
  }
  if (!(f & SYN)) {
    c.dropTcpNoConnection++;
    return;
  }
  if (st.unacceptedTotal >= st.opts.acceptBacklog) {
    c.dropTcpAcceptBacklog++;
    return;
  }
  if (st.embryonicTotal >= st.opts.synBacklog || st.liveTotal >= st.opts.maxConnections) {
    // Backlog full: answer statelessly (RFC 4987 3.6). No window scale or SACK
    // can be offered, since nothing is remembered.
    const iss = st.cookies.make(
      st.now,
      remoteIp,
      remotePort,
      st.ip,
      localPort,
      s.seq,
      s.mss > 0 ? s.mss : 536,
    );
    cookieOpts.mss = st.tcpCfg.mss;
    const win = Math.min(st.tcpCfg.rcvBuf, 0xffff);
    st.emitTcpTo(
      remoteIp,
      localPort,
      remotePort,
      iss,
      seqAdd(s.seq, 1),
      SYN | ACK,
      win,
      cookieOpts,
      null,
      0,
      0,
    );
    c.tcpSynCookiesSent++;
    st.lastCookieAt = st.now;
    return;
  }
  const t = st.newTcb(fg, localPort, remoteIp, remotePort);
  t.embryonic = true;
  st.group(fg).embryonic++;
  st.embryonicTotal++;
  openPassive(st, t, s, iss ?? initialSeq(st.opts.secret, st.now, remoteIp, remotePort, st.ip, localPort));
  st.armTimer(t);
}
