// Who owns the memory of received frames. A dataplane copies each frame into
// a buffer of its per-core mbuf pool (IX paper §4; services/dataplane's
// mbuf-pool.ts) and must know when the stack is done with it. The stack keeps
// views of a received frame past input() in a few places only: the payload of
// a recv or udpRecv event condition, in-order data that arrived before
// accept() (Tcb.pendingRecv) and out-of-order segments (Tcb.ooo). It retains
// each view when it keeps it and releases it when it drops it; whoever drains
// `stack.events` releases the data of the recv and udpRecv events it took
// (releaseEventData) once it no longer needs the bytes.
//
// Views the owner did not hand out (a reassembled datagram, migrated state,
// a test's plain Uint8Array) and zero-length views must be ignored by both
// calls, so every retain has exactly one release on the same view object.

import type { StackEvent } from "../iface/events.ts";

export interface RxBufferOwner {
  /** The stack keeps `view` (a view of a received frame) past input(). */
  retain(view: Uint8Array): void;
  /** The stack (or the events' consumer) no longer needs a view it retained. */
  release(view: Uint8Array): void;
}

/** The default owner: received memory is garbage collected, nothing to count. */
export const UNOWNED_RX_BUFFERS: RxBufferOwner = {
  retain() {},
  release() {},
};

/** Releases the received bytes an event condition holds (recv, udpRecv); other events hold none. */
export function releaseEventData(e: StackEvent, owner: RxBufferOwner): void {
  if (e.type === "recv" || e.type === "udpRecv") owner.release(e.data);
}
