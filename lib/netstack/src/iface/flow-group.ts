// Per-flow-group state: the connection tables (by 4-tuple for demux, by id for
// handles), the id counter, the timer wheel and the TIME-WAIT records.
// Everything a migration moves.

import type { Tcb } from "../tcp/tcb.ts";
import { TimeWaitTable } from "../tcp/time-wait-table.ts";
import { TimerWheel } from "../util/timer-wheel.ts";

/** Demux key of the remote end: ip * 2^16 + port fits exactly in a double. */
function remoteKey(ip: number, port: number): number {
  return ip * 65536 + port;
}

export class FlowGroup {
  readonly fg: number;
  /** remote (ip, port) -> local port -> connection. Two levels keep keys exact numbers. */
  private readonly byTuple = new Map<number, Map<number, Tcb>>();
  readonly byId = new Map<number, Tcb>();
  nextId = 1;
  readonly wheel: TimerWheel<Tcb>;
  /** Connections in TIME-WAIT, as compact records (no TCB, no handle, no wheel entry). */
  readonly timeWait = new TimeWaitTable();
  /** Passive connections in SYN_RECEIVED (SYN backlog share of this group). */
  embryonic = 0;
  /** Established passive connections knocked but not yet accepted. */
  unaccepted = 0;
  /** Connections present in the tuple table. */
  live = 0;

  constructor(fg: number, now: number) {
    this.fg = fg;
    this.wheel = new TimerWheel<Tcb>(now);
  }

  lookup(remoteIp: number, remotePort: number, localPort: number): Tcb | undefined {
    return this.byTuple.get(remoteKey(remoteIp, remotePort))?.get(localPort);
  }

  /** A fresh id, unique among this group's live handles (wraps at 2^32). */
  allocId(): number {
    for (;;) {
      const id = this.nextId;
      this.nextId = id >= 0xffffffff ? 1 : id + 1;
      if (!this.byId.has(id)) return id;
    }
  }

  insert(t: Tcb): void {
    const k = remoteKey(t.remoteIp, t.remotePort);
    let m = this.byTuple.get(k);
    if (m === undefined) {
      m = new Map();
      this.byTuple.set(k, m);
    }
    m.set(t.localPort, t);
    this.byId.set(t.id, t);
    this.live++;
  }

  /** Removes from the demux table (idempotent). */
  removeTuple(t: Tcb): void {
    const k = remoteKey(t.remoteIp, t.remotePort);
    const m = this.byTuple.get(k);
    if (m === undefined || m.get(t.localPort) !== t) return;
    m.delete(t.localPort);
    if (m.size === 0) this.byTuple.delete(k);
    this.live--;
  }

  /** No connection, no handle and no TIME-WAIT record: nothing a migration would have to move. */
  isEmpty(): boolean {
    return this.byId.size === 0 && this.timeWait.size === 0;
  }
}
