// The echo side of the open loop: fixed-size messages, and a response is
// complete when as many bytes have come back as the oldest request sent.

import type { ProtocolClient, ResponseSink } from "./protocol.ts";
import { Float64Ring } from "./ring.ts";

export class EchoClient implements ProtocolClient {
  protocolErrors = 0;
  private readonly payload: Buffer;
  private readonly expected: Float64Ring;
  private received = 0; // bytes of the oldest outstanding message seen so far

  /** `maxOutstanding` bounds the requests in flight (the connection's depth). */
  constructor(messageSize: number, maxOutstanding: number) {
    if (!(Number.isInteger(messageSize) && messageSize >= 1)) {
      throw new RangeError(`--message-size must be >= 1, got ${messageSize}`);
    }
    this.payload = Buffer.alloc(messageSize, 0x61);
    this.expected = new Float64Ring(maxOutstanding);
  }

  nextRequest(): Uint8Array {
    // A full ring means the caller exceeded its depth: the open loop never does.
    this.expected.push(this.payload.length);
    return this.payload;
  }

  feed(chunk: Uint8Array, sink: ResponseSink): void {
    let bytes = chunk.length;
    while (bytes > 0) {
      if (this.expected.size === 0) {
        this.protocolErrors += bytes; // bytes nobody asked for
        return;
      }
      const need = this.expected.peek() - this.received;
      if (bytes < need) {
        this.received += bytes;
        return;
      }
      bytes -= need;
      this.received = 0;
      this.expected.shift();
      sink.onResponse(false);
    }
  }
}
