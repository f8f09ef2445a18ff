// Polling before sleeping, as IX's elastic threads poll their queues and as
// Linux busy-polls a socket (net.core.busy_poll): after its last work an
// active core keeps running turns of its event loop for a window of `windowUs`
// instead of sleeping in epoll. Each turn yields to I/O with a zero timeout,
// so a NATS message that arrives meanwhile is read at once, without the
// wake-up of a sleeping process (up to ~1 ms on a shared virtual machine).
// After the window the core sleeps until something arrives; a parked core
// (no flow groups, not an elastic thread) never polls.
//
// The window also counts the time spent polling: the CPU is busy although the
// core does no work, so IXCP's power model must count it (poll fraction), while
// the idle fraction the policies read stays "time without work", as in IX.

export interface PollWindowOptions {
  /** How long (us) to keep polling after the last work; 0 disables polling. */
  windowUs: number;
  /** Whether the core is an active elastic thread now (parked cores never poll). */
  active: () => boolean;
}

export class PollWindow {
  readonly windowUs: number;
  /** Microseconds spent polling (turns without work inside the window), since start. */
  polledUs = 0;
  private readonly active: () => boolean;
  /** End of the last turn that did work (us). */
  private lastWorkUs = -Infinity;
  /** End of the previous turn when it chose to poll: the time since then was spent polling. */
  private pollingSinceUs: number | undefined;
  private turnStartUs = 0;
  /** The current turn began while polling. */
  private turnPolls = false;

  constructor(opts: PollWindowOptions) {
    if (!Number.isFinite(opts.windowUs) || opts.windowUs < 0)
      throw new Error(`poll window must be a finite number of microseconds >= 0, got ${opts.windowUs}`);
    this.windowUs = opts.windowUs;
    this.active = opts.active;
  }

  /** True between a turn that chose to poll and the next turn. */
  get polling(): boolean {
    return this.pollingSinceUs !== undefined;
  }

  /**
   * A turn begins at `nowUs`. Returns the microseconds polled since the
   * previous turn ended, when that turn chose to poll (the event loop spun
   * through I/O meanwhile), else 0.
   */
  beginTurn(nowUs: number): number {
    const since = this.pollingSinceUs;
    this.pollingSinceUs = undefined;
    this.turnStartUs = nowUs;
    this.turnPolls = since !== undefined;
    const polled = since === undefined ? 0 : Math.max(0, nowUs - since);
    this.polledUs += polled;
    return polled;
  }

  /**
   * The turn ends at `nowUs`; `worked`: it ran frames or syscalls. Returns
   * the turn's own duration when it was a polling turn that found nothing
   * (else 0), and decides whether the next turn polls (read `polling`): only
   * an active core within `windowUs` of its last work does.
   */
  endTurn(nowUs: number, worked: boolean): number {
    const polled = this.turnPolls && !worked ? Math.max(0, nowUs - this.turnStartUs) : 0;
    this.polledUs += polled;
    this.turnPolls = false;
    if (worked) this.lastWorkUs = nowUs;
    if (this.windowUs > 0 && nowUs - this.lastWorkUs < this.windowUs && this.active())
      this.pollingSinceUs = nowUs;
    return polled;
  }
}
