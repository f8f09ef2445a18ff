// Echo (RFC 862): every received byte goes straight back. The reply is the
// received view itself (zero copy): a transport that recycles receive buffers
// must keep this one until the send completes (IX: recv_done after sent).
import type { ReplyOut, Session, SessionStatus } from "./session.ts";

export class EchoSession implements Session {
  bytesEchoed = 0;

  onData(chunk: Uint8Array, out: ReplyOut): SessionStatus {
    if (chunk.length === 0) return "open";
    this.bytesEchoed += chunk.length;
    out(chunk);
    return "open";
  }
}

/** UDP echo: the reply datagram is the request datagram. */
export function echoDatagram(datagram: Uint8Array): Uint8Array {
  return datagram;
}
