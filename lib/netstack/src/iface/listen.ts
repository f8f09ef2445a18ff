// Segments that match no connection: listeners (SYN -> SYN_RECEIVED, or a
// stateless SYN-cookie SYN-ACK when the backlog is full; a cookie ACK ->
// ESTABLISHED), and RST replies for everything else (RFC 9293 3.10.7.1).

import { TcpFlag } from "../wire/tcp.ts";
import { segmentArrives } from "../tcp/input.ts";
import { openFromCookie, openPassive } from "../tcp/lifecycle.ts";
import { bareHeader, resetFor } from "../tcp/output.ts";
import type { Segment } from "../tcp/segment.ts";
import { seqAdd } from "../tcp/seq.ts";
import { initialSeq } from "../tcp/syn-cookie.ts";
import type { StackBase } from "./stack-base.ts";

const { SYN, RST, ACK } = TcpFlag;
/** Cookie ACKs are only considered this long after the last cookie was sent (two cookie periods). */
const COOKIE_WINDOW_US = 128_000_000;
/** MSS assumed when a SYN carries none (RFC 9293 3.7.1). */
const DEFAULT_PEER_MSS = 536;

/** Answers s with a reset (RFC 9293 3.10.7.1), through the stack's reusable header. */
function replyRst(st: StackBase, s: Segment): void {
  st.counters.tcpResetsSent++;
  const x = resetFor(st.txHeader, s);
  x.srcPort = s.localPort;
  x.dstPort = s.remotePort;
  st.emitTcpTo(s.remoteIp, x);
}

/**
 * A segment s (its four-tuple in s.remoteIp/remotePort/localPort) in flow
 * group fg that matches no connection and no TIME-WAIT record. `iss`: the ISS
 * for a SYN that reopens a TIME-WAIT tuple (time-wait.ts); default RFC 6528's.
 */
export function handleNoConnection(st: StackBase, fg: number, s: Segment, iss?: number): void {
  const c = st.counters;
  const f = s.flags;
  const { remoteIp, remotePort, localPort } = s;
  if (f & RST) {
    c.dropTcpNoConnection++;
    return;
  }
  if (!st.tcpListeners.has(localPort)) {
    c.dropTcpNoListener++;
    replyRst(st, s);
    return;
  }
  if (f & ACK) {
    if (!(f & SYN) && st.now - st.lastCookieAt < COOKIE_WINDOW_US) {
      const mss = st.cookies.check(st.now, seqAdd(s.ack, -1), s, seqAdd(s.seq, -1));
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
    replyRst(st, s);
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
    const cookie = st.cookies.make(st.now, s, s.seq, s.mss > 0 ? s.mss : DEFAULT_PEER_MSS);
    const x = bareHeader(
      st.txHeader,
      cookie,
      seqAdd(s.seq, 1),
      SYN | ACK,
      Math.min(st.tcpCfg.rcvBuf, 0xffff),
    );
    const o = st.synOptions;
    o.mss = st.tcpCfg.mss;
    o.wscale = undefined;
    x.options = o;
    x.srcPort = localPort;
    x.dstPort = remotePort;
    st.emitTcpTo(remoteIp, x);
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
