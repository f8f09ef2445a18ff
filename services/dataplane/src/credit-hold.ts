// When a cycle's RX credits may wait for the next TxBurst instead of leaving
// alone (issue 13: "no message carries nothing the receiver needs").
//
// The NIC keeps at most `burstsInFlight` RX bursts outstanding per queue
// (services/nic burst-clock.ts) and sends the next when credits show the core
// consumed one. At low load a request's frame arrives in a burst of its own
// and its cycle sends nothing to the NIC (the app has not answered yet), so
// returning the credit at once costs a TxBurst that carries only a number;
// the answer's TxBurst a moment later could carry it for free. Holding is
// free only while the NIC can still send: the core holds the credits of at
// most burstsInFlight - 1 bursts, and only when its ring is empty and was
// empty when it last returned credits (so every earlier burst is known to be
// credited and the NIC counts exactly the bursts received since). The
// NIC's queue therefore stays open: no frame waits in its ring because of a
// held credit. The credits leave with the next TxBurst that carries frames,
// or alone once another burst arrives while they are held.
export class CreditHold {
  /** Cycles whose credits were held (they rode with a later TxBurst). */
  heldCycles = 0;
  /** Descriptors consumed and not yet given back. */
  private pending = 0;
  /** RX bursts received since credits were last given back. */
  private bursts = 0;
  /** The NIC's bound from the last RxBurst; 0 (not stated) never holds. */
  private limit = 0;
  /** The ring was empty when credits were last given back. */
  private clean = true;

  /** An RX burst arrived; `burstsInFlight` is the NIC's bound it stated (0: unknown). */
  burstArrived(burstsInFlight: number): void {
    this.bursts++;
    this.limit = burstsInFlight;
  }

  /**
   * The cycle consumed `consumed` descriptors and is (`sending`) or is not
   * sending frames to the NIC; `ringEmpty`: no frame waits in the RX ring.
   * Returns the credits to give back now (0: none, or held).
   */
  take(consumed: number, sending: boolean, ringEmpty: boolean): number {
    this.pending += consumed;
    if (this.pending === 0) return 0;
    if (!sending && ringEmpty && this.clean && this.bursts < this.limit) {
      if (consumed > 0) this.heldCycles++;
      return 0;
    }
    const n = this.pending;
    this.pending = 0;
    this.bursts = 0;
    this.clean = ringEmpty;
    return n;
  }

  /** Descriptors held now. */
  get held(): number {
    return this.pending;
  }
}
