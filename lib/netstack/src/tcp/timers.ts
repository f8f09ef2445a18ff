// Timer expiry for one connection: retransmission timeout (RFC 6298 5.4-5.7,
// go-back-N from SND.UNA), zero-window probes (persist), delayed ACK and the
// end of TIME_WAIT. The stack calls onTimer when t.nextDeadline() has passed.

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
  } else if (t.retries > h.tcpCfg.maxRetries) {
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
  if (t.timeWaitAt <= now) return finish(h, t);
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
