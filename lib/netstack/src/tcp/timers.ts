// Timer expiry for one connection: retransmission timeout (RFC 6298 5.4-5.7,
// go-back-N from SND.UNA), zero-window probes (persist), delayed ACK and the
// FIN_WAIT_2 timeout (TIME-WAIT records expire in their own table, see
// time-wait.ts). The stack calls onTimer when t.nextDeadline() has passed.

import type { TcpHost } from "./host.ts";
import { connectFailed, finish, notifyDead } from "./lifecycle.ts";
import { output, sendProbe, sendRst } from "./output.ts";
import { seqDiff } from "./seq.ts";
import { TcpState, type Tcb } from "./tcb.ts";

function onRto(h: TcpHost, t: Tcb): boolean {
  t.rtoAt = Infinity;
  if (t.sndUna === t.sndMax && t.state !== TcpState.SynSent && t.state !== TcpState.SynReceived) return true;
  t.retries++;
  h.counters.tcpTimeouts++;
  if (t.state === TcpState.SynSent || t.state === TcpState.SynReceived) {
    if (t.retries > h.tcpCfg.maxSynRetries) {
      if (t.passive) finish(h, t);
      else connectFailed(h, t);
      return false;
    }
  } else if (t.retries > (t.appClosed ? h.tcpCfg.orphanRetries : h.tcpCfg.maxRetries)) {
    // An orphan (the app closed: FIN_WAIT_1, CLOSING, LAST_ACK, or data still
    // queued before our FIN) gets fewer tries, as Linux's tcp_orphan_retries:
    // nobody is waiting for it, and it holds buffers.
    if (t.appClosed) h.counters.tcpOrphansAborted++;
    sendRst(h, t);
    notifyDead(h, t, "timeout");
    finish(h, t);
    return false;
  }
  t.cc.onTimeout(seqDiff(t.sndNxt, t.sndUna), t.sndMax);
  t.rtt.expired();
  t.rttTiming = false;
  t.sndNxt = t.sndUna; // go back N: output() resends from the first unacked byte
  return true;
}

export function onTimer(h: TcpHost, t: Tcb): void {
  const now = h.now;
  if (t.finished) return;
  // FIN_WAIT_2 after our close: the peer never sent its FIN within
  // finWait2Us. Linux (tcp_fin_timeout <= TIME-WAIT length) lets the socket
  // go silently, and so do we: the peer, if alive, gets a RST on its next segment.
  if (t.finWait2At <= now) return finish(h, t);
  if (t.rtoAt <= now && !onRto(h, t)) return;
  if (t.persistAt <= now) {
    sendProbe(h, t);
    t.persistBackoff++;
    t.persistAt = now + Math.min(t.rtt.rto() * 2 ** t.persistBackoff, h.tcpCfg.maxRtoUs);
  }
  if (t.delackAt <= now) {
    t.delackAt = Infinity;
    t.ackNow = true;
    h.counters.tcpDelayedAcks++;
  }
  output(h, t);
}
