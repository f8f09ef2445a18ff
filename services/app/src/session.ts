// What every application protocol (memcached, echo) offers its transports:
// a per-connection session that takes received bytes in any segmentation and
// hands reply pieces out in order. The libix transport (main.ts) and the
// node:net baseline (net-server.ts) drive the same sessions through this.

/** "close": the session wants the connection closed once queued replies are sent. */
export type SessionStatus = "open" | "close";

/**
 * Receives reply pieces in order. A piece is a view that stays valid and
 * unchanged until the transport reports it let go of it through
 * Session.onSent (or the session is disposed): constant replies, or an
 * item's bytes in the memcached store's region, which the session keeps from
 * being reused until then. So a transport may queue a piece for zero-copy
 * sending; it must not modify it.
 */
export type ReplyOut = (reply: Uint8Array) => void;

/** One connection's protocol state. */
export interface Session {
  /** Consumes `chunk` (a view valid only during the call); replies go to `out`. */
  onData(chunk: Uint8Array, out: ReplyOut): SessionStatus;
  /**
   * The transport no longer references the next `bytes` bytes of the pieces
   * it was given, in order (sent, copied elsewhere, or dropped). A transport
   * that queues pieces must call it as it lets go of them, or the memcached
   * store cannot reuse the chunks they view until dispose().
   */
  onSent?(bytes: number): void;
  /** The connection is gone: release what the session holds (memcached: item references). */
  dispose?(): void;
}
