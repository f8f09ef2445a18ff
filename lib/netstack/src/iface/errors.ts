// Error codes returned (negated) by the Stack's syscalls. Values follow
// Linux errno numbers so logs read naturally; a syscall returns -Errno.X.

export const Errno = {
  /** Handle is malformed, unknown, closed, or belongs to a flow group this stack does not own. */
  EBADF: 9,
  /** Resource temporarily exhausted (no ephemeral port / buffer for the request). */
  EAGAIN: 11,
  /** Out of memory for a new connection (connection table or backlog full). */
  ENOMEM: 12,
  /** Flow group still has connections (disown without export). */
  EBUSY: 16,
  /** Argument out of range: bad port, address, size, cookie, or a recvDone beyond what was received. */
  EINVAL: 22,
  /** Datagram larger than the MTU allows. */
  EMSGSIZE: 90,
  /** Port already listening / already bound. */
  EADDRINUSE: 98,
  /** No free ephemeral port whose reverse tuple maps to a flow group we own. */
  EADDRNOTAVAIL: 99,
  /** Connection was reset by the peer (syscall on a connection already dead). */
  ECONNRESET: 104,
  /** Handle already accepted (accept twice). */
  EISCONN: 106,
  /** Connection is not in a state that allows the call (e.g. sendv before connected, after close). */
  ENOTCONN: 107,
  /** Port not listening (unlisten of a port that is not). */
  ENOENT: 2,
} as const;

export type ErrnoName = keyof typeof Errno;

export function errnoName(code: number): string {
  const v = code < 0 ? -code : code;
  for (const [k, n] of Object.entries(Errno)) if (n === v) return k;
  return `E${v}`;
}
