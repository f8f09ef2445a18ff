// Event conditions the stack pushes to `stack.events` (IX's event-condition
// array). The caller drains the array (e.g. `events.length = 0` after reading).

export type DeadReason = "fin" | "reset" | "timeout";

export interface KnockEvent {
  type: "knock";
  handle: number;
  srcIp: number;
  srcPort: number;
  dstPort: number;
}
export interface ConnectedEvent {
  type: "connected";
  cookie: number;
  handle: number;
  ok: boolean;
}
/** `data` is a view of the received frame; valid until the caller drops it. */
export interface RecvEvent {
  type: "recv";
  cookie: number;
  handle: number;
  data: Uint8Array;
}
/** connected{ok:false}: the handle is already freed (no close needed). */
/** `bytes` newly acknowledged; `window` = free space in the send buffer now. */
export interface SentEvent {
  type: "sent";
  cookie: number;
  handle: number;
  bytes: number;
  window: number;
}
/** The connection ended; the application must still call close(handle). */
export interface DeadEvent {
  type: "dead";
  cookie: number;
  handle: number;
  reason: DeadReason;
}
export interface UdpRecvEvent {
  type: "udpRecv";
  srcIp: number;
  srcPort: number;
  dstPort: number;
  data: Uint8Array;
}
export interface UdpSentEvent {
  type: "udpSent";
  cookie: number;
}

export type StackEvent =
  KnockEvent | ConnectedEvent | RecvEvent | SentEvent | DeadEvent | UdpRecvEvent | UdpSentEvent;
