// The frames one cycle transmits. The stack lends each outgoing frame only
// for the duration of its transmit callback (see StackOptions.transmit); the
// cycle copies each into an mbuf of the core's pool (mbuf-pool.ts: one pool
// for RX and TX, as IX's mbufs) and keeps them here until step 6 has encoded
// them into the TxBurst for the NIC; reset() then gives every buffer back.
// A frame that finds the pool exhausted is dropped (counted by the pool, as
// `tx_exhausted`): a NIC with no free TX descriptor, which TCP's
// retransmission covers. Built before the stack, whose transmit is `keep`.
import type { MbufPool } from "./mbuf-pool.ts";

export class TxBatch {
  /** Frames kept since the last reset, in transmit order (views into mbufs, one reference each). */
  readonly frames: Uint8Array[] = [];
  private readonly mbufs: MbufPool;

  constructor(mbufs: MbufPool) {
    this.mbufs = mbufs;
  }

  /** The stack's transmit callback: copies the borrowed frame into an mbuf (or drops it, counted). */
  readonly keep = (frame: Uint8Array): void => {
    const copy = this.mbufs.copyIn(frame, "tx");
    if (copy !== null) this.frames.push(copy);
  };

  /** Every frame handed out is dead after this (call once the burst is encoded): their mbufs go back. */
  reset(): void {
    const frames = this.frames;
    for (let i = 0; i < frames.length; i++) this.mbufs.release(frames[i]);
    frames.length = 0;
  }
}
