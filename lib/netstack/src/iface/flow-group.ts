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
  /**
   * remote (ip, port) -> the connection, or local port -> connection when one
   * remote end has connections to several of our ports (two levels keep keys
   * exact numbers). The common case (a client port talks to one of our ports)
   * holds the TCB itself: an inner Map per connection was ~200 bytes of heap
   * each, 20 MB per 100,000 connections.
   */
  private readonly byTuple = new Map<number, Tcb | Map<number, Tcb>>();
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
    const e = this.byTuple.get(remoteKey(remoteIp, remotePort));
    if (e === undefined) return undefined;
    if (e instanceof Map) return e.get(localPort);
    return e.localPort === localPort ? e : undefined;
  }

  /** A fresh id, unique among this group's live handles (wraps at 2^32). */
  allocId(): number {
    for (;;) {
      const id = this.nextId;
      this.nextId = id >= 0xffffffff ? 1 : id + 1;
      if (!this.byId.has(id)) return id;
    }
  }

  /** Adds to both tables; a connection with the same 4-tuple is replaced in the demux table. */
  insert(t: Tcb): void {
    const k = remoteKey(t.remoteIp, t.remotePort);
    const e = this.byTuple.get(k);
    if (e === undefined || (!(e instanceof Map) && e.localPort === t.localPort)) {
      if (e === undefined) this.live++;
      this.byTuple.set(k, t);
    } else if (e instanceof Map) {
      if (!e.has(t.localPort)) this.live++;
      e.set(t.localPort, t);
    } else {
      // A second local port for this remote end: the rare case gets the inner Map.
      this.byTuple.set(
        k,
        new Map([
          [e.localPort, e],
          [t.localPort, t],
        ]),
      );
      this.live++;
    }
    this.byId.set(t.id, t);
  }

  /** Removes from the demux table (idempotent). */
  removeTuple(t: Tcb): void {
    const k = remoteKey(t.remoteIp, t.remotePort);
    const e = this.byTuple.get(k);
    if (e === t) this.byTuple.delete(k);
    else if (e instanceof Map && e.get(t.localPort) === t) {
      e.delete(t.localPort);
      if (e.size === 1) this.byTuple.set(k, e.values().next().value as Tcb);
    } else return;
    this.live--;
  }

  /** No connection, no handle and no TIME-WAIT record: nothing a migration would have to move. */
  isEmpty(): boolean {
    return this.byId.size === 0 && this.timeWait.size === 0;
  }
}
