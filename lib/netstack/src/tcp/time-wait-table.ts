// TIME-WAIT records and their per-flow-group table: the data half of
// TIME-WAIT (RFC 9293 3.10.7.4), with no behaviour of its own. What a record
// answers and when it is created is in time-wait.ts; keeping the records here
// lets the TcpHost interface (host.ts) name them without importing the
// processing that itself builds on TcpHost.
//
// Every record lives exactly timeWaitUs after its last (re)start, so the table
// keeps them in one list sorted by deadline: expiry pops from the head, a
// restart moves a record to the tail, each O(1) with no timer-wheel entry
// (measured footprint in docs/netstack.md).

/** A record's fields when it is created (toTimeWait) or imported (migrate.ts). */
export interface TimeWaitInit {
  remoteIp: number;
  remotePort: number;
  localPort: number;
  sndNxt: number;
  rcvNxt: number;
  window: number;
  expiresAt: number;
}

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

  constructor(init: TimeWaitInit) {
    this.remoteIp = init.remoteIp;
    this.remotePort = init.remotePort;
    this.localPort = init.localPort;
    this.sndNxt = init.sndNxt;
    this.rcvNxt = init.rcvNxt;
    this.window = init.window;
    this.expiresAt = init.expiresAt;
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
