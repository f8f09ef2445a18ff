// Retransmission timeout per RFC 6298: SRTT/RTTVAR smoothing (alpha 1/8,
// beta 1/4), RTO = SRTT + max(G, 4*RTTVAR) clamped to [min, max], exponential
// backoff on expiry. Karn's rule (never sample a retransmitted segment) is the
// caller's job: it only calls sample() for segments sent once.

export const INITIAL_RTO_US = 1_000_000;

export class RttEstimator {
  srtt = 0; // us; 0 until the first sample
  rttvar = 0;
  /** RTO without backoff. */
  baseRto: number;
  /** Number of consecutive expirations (doubles the RTO each). */
  backoff = 0;
  minRto: number;
  maxRto: number;
  granularity: number;

  constructor(minRto = 200_000, maxRto = 60_000_000, granularity = 1_000, initialRto = INITIAL_RTO_US) {
    this.minRto = minRto;
    this.maxRto = maxRto;
    this.granularity = granularity;
    this.baseRto = Math.min(Math.max(initialRto, minRto), maxRto);
  }

  /** Feeds one round-trip measurement in microseconds (RFC 6298 2.2/2.3). */
  sample(r: number): void {
    if (r < 0) return;
    if (this.srtt === 0) {
      this.srtt = r;
      this.rttvar = r / 2;
    } else {
      this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - r);
      this.srtt = 0.875 * this.srtt + 0.125 * r;
    }
    const rto = this.srtt + Math.max(this.granularity, 4 * this.rttvar);
    this.baseRto = Math.min(Math.max(rto, this.minRto), this.maxRto);
    this.backoff = 0; // a fresh sample collapses the backoff (RFC 6298 5.7 note)
  }

  /** Current timeout including backoff. */
  rto(): number {
    return Math.min(this.baseRto * 2 ** this.backoff, this.maxRto);
  }

  /** Timer expired: back off (RFC 6298 5.5). */
  expired(): void {
    if (this.baseRto * 2 ** this.backoff < this.maxRto) this.backoff++;
  }
}
