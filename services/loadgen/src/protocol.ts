// What the open loop needs from a protocol: the next request's bytes, and a
// streaming parser that reports each completed response in order.

export interface ResponseSink {
  /** One response completed (responses complete in request order on a connection). */
  onResponse(isError: boolean): void;
}

export interface ProtocolClient {
  /**
   * The bytes of the next request. The caller sends them as they are and never
   * modifies them; the client may return a shared, immutable buffer.
   */
  nextRequest(): Uint8Array;
  /** Feeds received bytes (any segmentation); calls sink.onResponse per completed response. */
  feed(chunk: Uint8Array, sink: ResponseSink): void;
  /** Bytes or lines that matched no outstanding request / no known response (counted, not thrown). */
  readonly protocolErrors: number;
}

export type ProtocolName = "memcached" | "echo";
