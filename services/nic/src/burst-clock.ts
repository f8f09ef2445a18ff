// Self-clocking between one RX queue and its core (IX: the core polls its
// ring; frames wait in the descriptor ring until it does). Here the NIC
// pushes, so it keeps at most `maxInFlight` RX bursts outstanding per queue
// and sends the next only when the core's credits show it consumed one: at
// low load nothing is in flight and a frame leaves at once, under load the
// frames that arrive meanwhile wait in the ring and leave together, so bursts
// grow toward the core's B while the number of messages stays one per cycle.
//
// With a small B a burst is a frame or two, so two bursts in flight would
// leave the core idle for the credits' two NATS hops after every two frames
// (measured at B=1: 0.8x the max rate of the NIC before self-clocking). The
// bound therefore rises to ceil(framesInFlight / B) bursts once the core has
// stated its B, so about `framesInFlight` frames may be at the core whatever
// its B; with B >= framesInFlight / 2 it stays at `maxInFlight`, where the
// frames that wait in the ring form the larger bursts.
//
// Credits travel on NATS, which is at-most-once: a lost TxBurst, or a core
// that restarted and never saw the burst, would stall the queue forever. So
// a queue that has waited `timeoutUs` for credits while frames wait is
// re-armed: its outstanding bursts are written off (their descriptors given
// back to the ring, as a driver reclaims a hung ring) and counted.

export class BurstClock {
  /** The bound on bursts in flight before the core states its B (and the least it may be). */
  readonly maxInFlight: number;
  readonly timeoutUs: number;
  /** Frames the core may have in hand with a small B (the bound becomes ceil(this / B) bursts). */
  readonly framesInFlightFloor: number;
  /** The core's B from its last TxBurst; 0: not stated. */
  private batchLimit = 0;
  /** Frames of each outstanding burst not yet credited, oldest first (at most `limit` long, plus drains). */
  private readonly outstanding: number[] = [];
  private lastProgressUs = 0;
  /** Times the queue was re-armed after waiting timeoutUs for credits. */
  rearms = 0;
  /** Credits that matched no outstanding burst (late after a re-arm, or a confused core). */
  strayCredits = 0;

  /**
   * Throws RangeError for maxInFlight < 1, a timeout that is not positive or
   * a frames floor that is not an integer >= 0 (0: the bound is maxInFlight
   * whatever B).
   */
  constructor(maxInFlight: number, timeoutUs: number, framesInFlightFloor = 0) {
    if (!Number.isInteger(maxInFlight) || maxInFlight < 1)
      throw new RangeError(`RX bursts in flight must be an integer >= 1, got ${maxInFlight}`);
    if (!(timeoutUs > 0)) throw new RangeError(`credit timeout must be positive, got ${timeoutUs}`);
    if (!Number.isInteger(framesInFlightFloor) || framesInFlightFloor < 0)
      throw new RangeError(`RX frames in flight must be an integer >= 0, got ${framesInFlightFloor}`);
    this.maxInFlight = maxInFlight;
    this.timeoutUs = timeoutUs;
    this.framesInFlightFloor = framesInFlightFloor;
  }

  /** The core stated its batch bound B (0: unknown, the bound falls back to maxInFlight). */
  setBatchLimit(b: number): void {
    this.batchLimit = b > 0 ? b : 0;
  }

  /** Bursts that may be in flight now: maxInFlight, or ceil(framesInFlightFloor / B) when that is more. */
  get limit(): number {
    const b = this.batchLimit;
    if (b === 0) return this.maxInFlight;
    return Math.max(this.maxInFlight, Math.ceil(this.framesInFlightFloor / b));
  }

  /** Bursts sent and not yet fully credited. */
  get inFlight(): number {
    return this.outstanding.length;
  }

  /** Frames sent and not yet credited. */
  get framesInFlight(): number {
    let n = 0;
    for (const k of this.outstanding) n += k;
    return n;
  }

  /** Whether another burst may leave now. */
  get open(): boolean {
    return this.outstanding.length < this.limit;
  }

  /** A burst of `frames` frames left at `now` (us). */
  sent(frames: number, now: number): void {
    if (this.outstanding.length === 0) this.lastProgressUs = now;
    this.outstanding.push(frames);
  }

  /** The core consumed `n` descriptors: completes bursts oldest first. */
  credited(n: number, now: number): void {
    if (!(n > 0)) return;
    let left = Math.floor(n);
    while (left > 0 && this.outstanding.length > 0) {
      const head = this.outstanding[0];
      if (left >= head) {
        left -= head;
        this.outstanding.shift();
      } else {
        this.outstanding[0] = head - left;
        left = 0;
      }
    }
    this.strayCredits += left;
    this.lastProgressUs = now;
  }

  /** When a closed queue gives up waiting (us); Infinity while open. */
  get deadline(): number {
    return this.open ? Infinity : this.lastProgressUs + this.timeoutUs;
  }

  /** Re-arms a queue whose credits are overdue at `now`; returns the frames written off (0: not overdue). */
  rearmIfOverdue(now: number): number {
    if (this.open || now < this.deadline) return 0;
    const lost = this.framesInFlight;
    this.outstanding.length = 0;
    this.rearms++;
    this.lastProgressUs = now;
    return lost;
  }
}
