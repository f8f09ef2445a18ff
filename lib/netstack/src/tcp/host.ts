// What the TCP layer needs from the interface layer (implemented by Stack):
// the time of the current entry point, segment emission, the event array,
// timer arming, table removal and the TIME-WAIT table. Keeps src/tcp free of ARP/IP details.

import type { Counters } from "../counters.ts";
import type { StackEvent } from "../iface/events.ts";
import type { TcpEmitOptions } from "../wire/tcp.ts";
import type { TcpConfig } from "./config.ts";
import type { Tcb } from "./tcb.ts";
import type { TimeWaitRecord } from "./time-wait.ts";

export interface TcpHost {
  /** Microseconds, read once per stack entry point. */
  now: number;
  readonly tcpCfg: TcpConfig;
  readonly counters: Counters;
  /** Emits one segment of connection `t` (payload copied from payload[off, off+len)). */
  emitSegment(
    t: Tcb,
    seq: number,
    ack: number,
    flags: number,
    window: number,
    options: TcpEmitOptions | undefined,
    payload: Uint8Array | null,
    off: number,
    len: number,
  ): void;
  pushEvent(ev: StackEvent): void;
  /** The connection's deadlines changed: make sure its timer fires by t.nextDeadline(). */
  armTimer(t: Tcb): void;
  /** A passive connection completed its handshake: leave the SYN backlog, knock. */
  passiveEstablished(t: Tcb): void;
  /** The connection is CLOSED on the wire: drop it from the tuple table (and the id table if the app let go). */
  release(t: Tcb): void;
  /**
   * Keeps a TIME-WAIT record in flow group fg's table (the TCB is already
   * released). Refused, and counted, when tcpCfg.maxTimeWait records exist.
   */
  keepTimeWait(fg: number, r: TimeWaitRecord): void;
}
