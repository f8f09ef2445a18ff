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
// Records live in their flow group's TimeWaitTable (so they migrate with it)
// and never in the TCB tables: they are not connections, do not count against
// maxConnections, and have no handle. Every record lives exactly timeWaitUs
// after its last (re)start, so the table keeps them in one list sorted by
// deadline: expiry pops from the head, a restart moves a record to the tail,
// each O(1) with no timer-wheel entry (measured footprint in docs/netstack.md).
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
import { TcpFlag, type TcpEmitOptions } from "../wire/tcp.ts";
import type { TcpConfig } from "./config.ts";
import type { TcpHost } from "./host.ts";
import { finish } from "./lifecycle.ts";
import { windowField } from "./output.ts";
import type { Segment } from "./segment.ts";
import { seqAdd, seqGt } from "./seq.ts";
import type { Tcb } from "./tcb.ts";

const { SYN, RST, ACK, FIN } = TcpFlag;

/** Returned by timeWaitArrives when the segment was fully handled (no new connection). */
export const TIME_WAIT_HANDLED = -1;

/** Offset of a reopened connection's ISS above the old SND.NXT (Linux: 65535 + 2). */
const REOPEN_ISS_GAP = 65537;

/** One connection in TIME-WAIT. Plain number fields only (see docs/netstack.md for its size). */
export class TimeWaitRecord {
  remoteIp: number;
  remotePort: number;
  localPort: number;
  /** Our SND.NXT: one past our FIN; the sequence number of every ACK we send. */
  sndNxt: number;
  /** RCV.NXT: one past the peer's FIN. */
  rcvNxt: number;
  /** Window field of our ACKs (as last advertised, already shifted). */
  window: number;
  /** End of 2*MSL (absolute microseconds). */
  expiresAt: number;
  /** Neighbours in the table's deadline-ordered list. */
  prev: TimeWaitRecord | null = null;
  next: TimeWaitRecord | null = null;
  /** Next record with the same remote (ip, port) and another local port. */
  sibling: TimeWaitRecord | null = null;

  constructor(
    remoteIp: number,
    remotePort: number,
    localPort: number,
    sndNxt: number,
    rcvNxt: number,
    window: number,
    expiresAt: number,
  ) {
    this.remoteIp = remoteIp;
    this.remotePort = remotePort;
    this.localPort = localPort;
    this.sndNxt = sndNxt;
    this.rcvNxt = rcvNxt;
    this.window = window;
    this.expiresAt = expiresAt;
  }
}

/** Demux key of the remote end: ip * 2^16 + port fits exactly in a double. */
function remoteKey(ip: number, port: number): number {
  return ip * 65536 + port;
}

/** One flow group's TIME-WAIT records, by four-tuple and in deadline order. */
export class TimeWaitTable {
  /** remote (ip, port) -> first record; records of other local ports chain through `sibling`. */
  private readonly byRemote = new Map<number, TimeWaitRecord>();
  private head: TimeWaitRecord | null = null;
  private tail: TimeWaitRecord | null = null;
  size = 0;

  lookup(remoteIp: number, remotePort: number, localPort: number): TimeWaitRecord | undefined {
    for (let r = this.byRemote.get(remoteKey(remoteIp, remotePort)) ?? null; r !== null; r = r.sibling)
      if (r.localPort === localPort) return r;
    return undefined;
  }

  /** Adds a record (its four-tuple must not be in the table). */
  add(r: TimeWaitRecord): void {
    const k = remoteKey(r.remoteIp, r.remotePort);
    r.sibling = this.byRemote.get(k) ?? null;
    this.byRemote.set(k, r);
    this.link(r);
    this.size++;
  }

  /** Removes a record (it must be in the table). */
  remove(r: TimeWaitRecord): void {
    const k = remoteKey(r.remoteIp, r.remotePort);
    const first = this.byRemote.get(k);
    if (first === r) {
      if (r.sibling === null) this.byRemote.delete(k);
      else this.byRemote.set(k, r.sibling);
    } else {
      let p = first ?? null;
      while (p !== null && p.sibling !== r) p = p.sibling;
      if (p !== null) p.sibling = r.sibling;
    }
    r.sibling = null;
    this.unlink(r);
    this.size--;
  }

  /** Restarts a record's 2*MSL: a new deadline, moved to its place in the list. */
  restart(r: TimeWaitRecord, expiresAt: number): void {
    this.unlink(r);
    r.expiresAt = expiresAt;
    this.link(r);
  }

  /** Removes every record whose deadline is at or before `now`; returns how many. */
  expire(now: number): number {
    let n = 0;
    while (this.head !== null && this.head.expiresAt <= now) {
      this.remove(this.head);
      n++;
    }
    return n;
  }

  /** Earliest deadline, or Infinity when empty. */
  nextDeadline(): number {
    return this.head === null ? Infinity : this.head.expiresAt;
  }

  /** Records in deadline order (export). */
  *records(): Generator<TimeWaitRecord> {
    for (let r = this.head; r !== null; r = r.next) yield r;
  }

  /**
   * Inserts into the deadline-ordered list, scanning from the tail: a fresh or
   * restarted record (deadline now + timeWaitUs) belongs at the tail, so this
   * is O(1) except for imported records whose deadlines interleave.
   */
  private link(r: TimeWaitRecord): void {
    let after = this.tail;
    while (after !== null && after.expiresAt > r.expiresAt) after = after.prev;
    r.prev = after;
    r.next = after === null ? this.head : after.next;
    if (r.next !== null) r.next.prev = r;
    else this.tail = r;
    if (after !== null) after.next = r;
    else this.head = r;
  }

  private unlink(r: TimeWaitRecord): void {
    if (r.prev !== null) r.prev.next = r.next;
    else this.head = r.next;
    if (r.next !== null) r.next.prev = r.prev;
    else this.tail = r.prev;
    r.prev = null;
    r.next = null;
  }
}

/** What TIME-WAIT processing needs from the stack (StackBase provides it). */
export interface TimeWaitHost {
  readonly now: number;
  readonly tcpCfg: TcpConfig;
  readonly counters: Counters;
  /** Records in all owned groups (bounded by tcpCfg.maxTimeWait). */
  timeWaitTotal: number;
  emitTcpTo(
    remoteIp: number,
    localPort: number,
    remotePort: number,
    seq: number,
    ack: number,
    flags: number,
    window: number,
    options: TcpEmitOptions | undefined,
    payload: Uint8Array | null,
    off: number,
    len: number,
  ): void;
}

function sendTimeWaitAck(h: TimeWaitHost, r: TimeWaitRecord): void {
  h.counters.tcpTimeWaitAcks++;
  h.emitTcpTo(
    r.remoteIp,
    r.localPort,
    r.remotePort,
    r.sndNxt,
    r.rcvNxt,
    ACK,
    r.window,
    undefined,
    null,
    0,
    0,
  );
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
  const r = new TimeWaitRecord(
    t.remoteIp,
    t.remotePort,
    t.localPort,
    t.sndMax,
    t.rcvNxt,
    windowField(t),
    h.now + h.tcpCfg.timeWaitUs,
  );
  finish(h, t);
  h.keepTimeWait(t.fg, r);
}
