// A received segment's fields, copied out of the TcpView once per segment
// into one reused object (so the state machine does not depend on the view).

export class Segment {
  /** The connection it belongs to, from our side: the remote end is the sender. */
  remoteIp = 0;
  remotePort = 0;
  localIp = 0;
  localPort = 0;
  seq = 0;
  ack = 0;
  flags = 0;
  /** Raw 16-bit window field (not yet scaled). */
  wnd = 0;
  /** Payload view (zero copy) or an empty array. */
  data: Uint8Array = new Uint8Array(0);
  /** Sequence space: data length + SYN + FIN. */
  len = 0;
  mss = 0;
  wscale = -1;
  sackPermitted = false;
}
