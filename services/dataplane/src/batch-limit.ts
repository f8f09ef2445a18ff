// B, the bound on frames one cycle takes from the RX ring (IX's adaptive
// batching: a cycle takes what is there, up to B, never waiting for B to
// fill). The cycle reads it at every RX step; IXCP sets it (CMD_SET_BATCH).
// Its own object so that the cycle and the command handler both receive it
// instead of one reaching into the other.

/** IX's bound on B. */
export const MAX_BATCH_SIZE = 8192;

export class BatchLimit {
  private b: number;

  /** Throws RangeError outside 1..MAX_BATCH_SIZE (configuration time). */
  constructor(b: number) {
    this.b = BatchLimit.check(b);
  }

  get batchSize(): number {
    return this.b;
  }

  /** Takes effect from the next cycle's RX step. Throws RangeError outside 1..MAX_BATCH_SIZE. */
  setBatchSize(b: number): void {
    this.b = BatchLimit.check(b);
  }

  static check(b: number): number {
    if (!Number.isInteger(b) || b < 1 || b > MAX_BATCH_SIZE)
      throw new RangeError(`batch size must be an integer in 1..${MAX_BATCH_SIZE}, got ${b}`);
    return b;
  }
}
