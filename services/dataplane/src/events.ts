// Step 7 of the cycle: the stack's event conditions, encoded for the app.
// A peer's FIN is delivered as a zero-length recv (the app may still send,
// then closes); a reset or timeout as dead with a ix.DeadReason.
import { ix } from "@ix/proto";
import type { StackEvent } from "@ix/netstack";

const DEAD_REASON = { reset: ix.DeadReason.DEAD_RESET, timeout: ix.DeadReason.DEAD_TIMEOUT } as const;

const K = ix.EventKind;
const EMPTY = new Uint8Array(0);

export function encodeEvent(e: StackEvent): ix.IEvent {
  switch (e.type) {
    case "knock":
      return { kind: K.EV_KNOCK, handle: e.handle, ip: e.srcIp, port: e.srcPort, port2: e.dstPort };
    case "connected":
      return {
        kind: K.EV_CONNECTED,
        cookie: e.cookie,
        handle: e.handle,
        value: e.ok ? 0 : -ix.Errno.ECONNREFUSED,
      };
    case "recv":
      return { kind: K.EV_RECV, cookie: e.cookie, handle: e.handle, data: e.data };
    case "sent":
      return { kind: K.EV_SENT, cookie: e.cookie, handle: e.handle, value: e.bytes, window: e.window };
    case "dead":
      if (e.reason === "fin") return { kind: K.EV_RECV, cookie: e.cookie, handle: e.handle, data: EMPTY };
      return { kind: K.EV_DEAD, cookie: e.cookie, handle: e.handle, value: DEAD_REASON[e.reason] };
    case "udpRecv":
      return { kind: K.EV_UDP_RECV, ip: e.srcIp, port: e.srcPort, port2: e.dstPort, data: e.data };
    case "udpSent":
      return { kind: K.EV_UDP_SENT, cookie: e.cookie };
  }
}
