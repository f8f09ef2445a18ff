// What every application protocol (memcached, echo) offers its transports:
// a per-connection session that takes received bytes in any segmentation and
// hands reply pieces out in order. The libix transport (main.ts) and the
// node:net baseline (net-server.ts) drive the same sessions through this.

/** "close": the session wants the connection closed once queued replies are sent. */
export type SessionStatus = "open" | "close";

/**
 * Receives reply pieces in order. A piece is a view that stays valid and
 * unchanged after the call (constant replies or immutable item bytes), so a
 * transport may queue it for zero-copy sending; it must not modify it.
 */
export type ReplyOut = (reply: Uint8Array) => void;

/** One connection's protocol state. */
export interface Session {
  /** Consumes `chunk` (a view valid only during the call); replies go to `out`. */
  onData(chunk: Uint8Array, out: ReplyOut): SessionStatus;
  /** The connection is gone: release what the session holds (memcached: item references). */
  dispose?(): void;
}
