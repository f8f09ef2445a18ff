// TIME-WAIT (RFC 9293 3.10.7.4) as a compact record instead of a full TCB.
//
// Once both FINs are exchanged and ours is acknowledged, a connection only has
// to remember enough to (a) re-acknowledge a retransmitted FIN, whose ACK the
// peer lost, and restart the 2*MSL timer, (b) keep old duplicates of this
// incarnation away from the next one on the same four-tuple, and (c) let a new
// SYN above the old sequence space open that next incarnation at once (RFC
// 1122 4.2.2.13, RFC 6191 without timestamps). That is the four-tuple, our
// SND.NXT, the peer's RCV.NXT, the window we advertised and the deadline: a
// TimeWaitRecord. Linux does the same with its inet_timewait_sock.
//
// Records live in their flow group's TimeWaitTable (time-wait-table.ts, so
// they migrate with it) and never in the TCB tables: they are not
// connections, do not count against maxConnections, and have no handle.
//
// Choices, each also in docs/netstack.md:
//  - RST in TIME-WAIT: ignored and counted (dropTcpTimeWaitRst), RFC 1337's
//    remedy for TIME-WAIT assassination (what Linux does with tcp_rfc1337=1).
//    RFC 9293 3.10.7.4 would delete the record; `rfc1337: false` does that,
//    for an RST exactly at RCV.NXT (RFC 5961 3.2), else a challenge ACK.
//  - A SYN (no ACK) above RCV.NXT with a listener drops the record and opens a
//    new connection whose ISS is SND.NXT + 65537 (as Linux's tw_snd_nxt +
//    65535 + 2), so it starts above everything the old incarnation sent.
//  - Any other SYN, a FIN, data or an out-of-window segment draws an ACK of
//    SND.NXT/RCV.NXT (RFC 9293 3.10.7.4 first check); only a FIN restarts
//    the 2*MSL timer ("acknowledge it, and restart the 2 MSL timeout"). A bare
//    ACK exactly at RCV.NXT is silently taken (nothing to answer).

import type { Counters } from "../counters.ts";
import { TcpFlag, type TcpEmitHeader } from "../wire/tcp.ts";
import type { TcpConfig } from "./config.ts";
import type { TcpHost } from "./host.ts";
import { finish } from "./lifecycle.ts";
import { bareHeader, windowField } from "./output.ts";
import type { Segment } from "./segment.ts";
import { seqAdd, seqGt } from "./seq.ts";
import type { Tcb } from "./tcb.ts";
import { TimeWaitRecord, type TimeWaitTable } from "./time-wait-table.ts";

const { SYN, RST, ACK, FIN } = TcpFlag;

/** Returned by timeWaitArrives when the segment was fully handled (no new connection). */
export const TIME_WAIT_HANDLED = -1;

/** Offset of a reopened connection's ISS above the old SND.NXT (Linux: 65535 + 2). */
const REOPEN_ISS_GAP = 65537;

/** What TIME-WAIT processing needs from the stack (StackBase provides it). */
export interface TimeWaitHost {
  readonly now: number;
  readonly tcpCfg: TcpConfig;
  readonly counters: Counters;
  /** Records in all owned groups (bounded by tcpCfg.maxTimeWait). */
  timeWaitTotal: number;
  /** The stack's reusable outgoing header (TcpHost.txHeader). */
  readonly txHeader: TcpEmitHeader;
  /** Sends segment h (ports already in it) to remoteIp. */
  emitTcpTo(remoteIp: number, h: TcpEmitHeader): void;
}

/** <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> with the window last advertised. */
function sendTimeWaitAck(h: TimeWaitHost, r: TimeWaitRecord): void {
  h.counters.tcpTimeWaitAcks++;
  const x = bareHeader(h.txHeader, r.sndNxt, r.rcvNxt, ACK, r.window);
  x.srcPort = r.localPort;
  x.dstPort = r.remotePort;
  h.emitTcpTo(r.remoteIp, x);
}

/**
 * A segment for a four-tuple in TIME-WAIT. Returns TIME_WAIT_HANDLED, or the
 * ISS for a new connection when the segment is a SYN that reopens the tuple
 * (the record is then gone and the caller opens the connection, passive open
 * as from LISTEN). `listening`: a listener exists on the local port.
 */
export function timeWaitArrives(
  h: TimeWaitHost,
  table: TimeWaitTable,
  r: TimeWaitRecord,
  s: Segment,
  listening: boolean,
): number {
  const f = s.flags;
  if (f & RST) {
    if (h.tcpCfg.rfc1337) {
      h.counters.dropTcpTimeWaitRst++; // RFC 1337: an RST must not cut TIME-WAIT short
    } else if (s.seq === r.rcvNxt) {
      h.counters.tcpResetsReceived++;
      table.remove(r);
      h.timeWaitTotal--;
    } else {
      h.counters.dropTcpBadRst++;
      h.counters.tcpChallengeAcks++;
      sendTimeWaitAck(h, r);
    }
    return TIME_WAIT_HANDLED;
  }
  if ((f & (SYN | ACK)) === SYN) {
    if (listening && seqGt(s.seq, r.rcvNxt)) {
      // RFC 1122 4.2.2.13 / RFC 6191: a new incarnation above the old sequence space.
      const iss = seqAdd(r.sndNxt, REOPEN_ISS_GAP);
      table.remove(r);
      h.timeWaitTotal--;
      h.counters.tcpTimeWaitReopened++;
      return iss;
    }
    // An old duplicate SYN (or no listener): a SYN in a synchronized state
    // draws an ACK (RFC 5961 4.2 challenge ACK); the timer is not restarted.
    h.counters.dropTcpBadSyn++;
    h.counters.tcpChallengeAcks++;
    sendTimeWaitAck(h, r);
    return TIME_WAIT_HANDLED;
  }
  if (f & FIN) {
    // The peer lost our ACK of its FIN: acknowledge again, restart 2*MSL.
    table.restart(r, h.now + h.tcpCfg.timeWaitUs);
    sendTimeWaitAck(h, r);
    return TIME_WAIT_HANDLED;
  }
  if (f & ACK && s.len === 0 && s.seq === r.rcvNxt) return TIME_WAIT_HANDLED;
  h.counters.dropTcpOutOfWindow++;
  sendTimeWaitAck(h, r);
  return TIME_WAIT_HANDLED;
}

/**
 * Replaces a TCB that just reached TIME-WAIT (its last ACK already sent) by a
 * record in its flow group's table, and frees the TCB. When the stack already
 * holds tcpCfg.maxTimeWait records the connection closes without TIME-WAIT
 * (counted in tcpTimeWaitOverflows), as Linux does past tcp_max_tw_buckets.
 */
export function toTimeWait(h: TcpHost, t: Tcb): void {
  const r = new TimeWaitRecord({
    remoteIp: t.remoteIp,
    remotePort: t.remotePort,
    localPort: t.localPort,
    sndNxt: t.sndMax,
    rcvNxt: t.rcvNxt,
    window: windowField(t),
    expiresAt: h.now + h.tcpCfg.timeWaitUs,
  });
  finish(h, t);
  h.keepTimeWait(t.fg, r);
}
