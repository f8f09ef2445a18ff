// What the TCP layer needs from the interface layer (implemented by Stack):
// the time of the current entry point, segment emission through the stack's
// reusable header, the event array, timer arming, table removal and the
// TIME-WAIT table. Keeps src/tcp free of ARP/IP details.

import type { Counters } from "../counters.ts";
import type { StackEvent } from "../iface/events.ts";
import type { TcpEmitHeader, TcpEmitOptions } from "../wire/tcp.ts";
import type { TcpConfig } from "./config.ts";
import type { Tcb } from "./tcb.ts";
import type { TimeWaitRecord } from "./time-wait-table.ts";

import type { RxBufferOwner } from "../util/rx-buffers.ts";

export interface TcpHost {
  /** Microseconds, read once per stack entry point. */
  now: number;
  readonly tcpCfg: TcpConfig;
  readonly counters: Counters;
  /**
   * The stack's one outgoing TCP header (made by newTcpEmitHeader), filled in
   * place for every segment it sends (output.ts). Per stack, never shared
   * between stacks, so stacks in one process (one per core) do not interfere.
   */
  readonly txHeader: TcpEmitHeader;
  /** The stack's SYN / SYN-ACK options (MSS, window scale), filled in place like txHeader. */
  readonly synOptions: TcpEmitOptions;
  /**
   * Sends segment h of connection t: the ports and the remote address come
   * from t (written into h), the payload is copied out of h.payload, so h is
   * free again on return.
   */
  emitSegment(t: Tcb, h: TcpEmitHeader): void;
  pushEvent(ev: StackEvent): void;
  /** Owner of received frames' memory: views kept past input() are retained from it and released to it. */
  readonly rxBuffers: RxBufferOwner;
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
