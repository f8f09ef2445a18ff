// The descriptor accounting of one RX queue. A real ring holds `size`
// descriptors the driver has filled with empty buffers; the NIC writes a frame
// into a free one and the core hands it back (refilled) after processing. Here
// the frames themselves travel over NATS, so the ring is only its counters:
// a frame is delivered when a descriptor is free, otherwise it is missed
// (the 82599's RXMPC counter). The ring never grows: back pressure from a slow
// core shows up as rx_missed, exactly as on hardware.

export class RxRing {
  readonly size: number;
  private freeCount: number;
  /** Frames taken (delivered to the core). */
  delivered = 0;
  /** Frames that found no free descriptor. */
  missed = 0;
  /** Descriptors credited beyond the ring size (a dataplane bug), ignored. */
  excessCredits = 0;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`ring size must be a positive integer`);
    this.size = size;
    this.freeCount = size;
  }

  get free(): number {
    return this.freeCount;
  }

  /** Takes a descriptor for one frame; false (and counted as missed) when the ring is full. */
  take(): boolean {
    if (this.freeCount === 0) {
      this.missed++;
      return false;
    }
    this.freeCount--;
    this.delivered++;
    return true;
  }

  /** The core gives back `n` descriptors; returns how many were accepted (never more than in use). */
  credit(n: number): number {
    const want = Math.floor(n);
    if (!(want > 0)) return 0;
    const inUse = this.size - this.freeCount;
    const accepted = Math.min(want, inUse);
    this.excessCredits += want - accepted;
    this.freeCount += accepted;
    return accepted;
  }
}
