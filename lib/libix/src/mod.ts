// Public surface of @ix/libix, in IX's two layers:
//  - libix: the user half of an elastic thread. UserThread collects a cycle's
//    syscalls into one SyscallBatch and hands each event condition of the
//    core's EventBatch to its handlers (EventConditions, IX's ix_ops).
//  - ixev: the libevent-like layer on top. Ixev binds a process to its cores,
//    turns knocks into IxevConn connections with a ConnHandler, coalesces
//    recv_done, replays ESTALE calls where EV_MOVED says, and reports the
//    connections of a core that died (CoreLiveness).
export {
  SyscallBatch,
  type ResultCallback,
  DEFAULT_SYSCALL_RESEND_MS,
  MAX_SYSCALL_RESEND_MS,
} from "./syscall-batch.ts";
export { EventSequence, type EventAcks, type EventAdmission } from "./event-sequence.ts";
export {
  UserThread,
  ACK_DELAY_MS,
  type EventConditions,
  type FlushParticipant,
  type KnockInfo,
  type UdpDatagram,
} from "./user-thread.ts";
export { IxevConn, CLOSED_BY_APP, type ConnHandler, type ConnRegistry, type IxevConnInit } from "./conn.ts";
export { Ixev, type IxevOptions } from "./ixev.ts";
export { CoreLiveness, HEARTBEAT_LIMIT_MS } from "./core-liveness.ts";
export { MoveOrder, MOVE_HOLD_MS, type OrderedThread } from "./move-order.ts";
