// The stack lends each outgoing frame only for the duration of transmit();
// the cycle keeps its TX frames until the flush at step 6. Copying each into
// one reusable arena (reset at every flush) costs a memcpy but no buffer
// allocation per frame; only an arena overflow falls back to a fresh copy.
export class TxArena {
  private buf: Uint8Array;
  private used = 0;
  overflows = 0;

  constructor(bytes = 512 * 1024) {
    this.buf = new Uint8Array(bytes);
  }

  keep(frame: Uint8Array): Uint8Array {
    const end = this.used + frame.length;
    if (end > this.buf.length) {
      this.overflows++;
      return frame.slice();
    }
    this.buf.set(frame, this.used);
    const view = this.buf.subarray(this.used, end);
    this.used = end;
    return view;
  }

  /** Every view handed out is dead after this (call once the burst is encoded). */
  reset(): void {
    this.used = 0;
  }
}
