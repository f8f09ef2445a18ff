// Events for libix's tests, built by hand.
import { ix } from "@ix/proto";

/** A UDP datagram to port 53 whose one byte is `v` (the tests read the order the app saw from it). */
export const udp = (v: number): ix.IEvent => ({
  kind: ix.EventKind.EV_UDP_RECV,
  ip: 1,
  port: 2,
  port2: 53,
  data: new Uint8Array([v]),
});
