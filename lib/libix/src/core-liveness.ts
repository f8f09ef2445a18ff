// A core that dies takes its connections with it (IXCP moves its flow groups
// to live cores, where those connections do not exist). libix learns of it
// from the core's heartbeats: a bound core silent for longer than the limit
// is declared failed and every connection it served is reported dead.
export const HEARTBEAT_LIMIT_MS = 2500;

export class CoreLiveness {
  private readonly lastSeen = new Map<number, number>();
  private readonly failed = new Set<number>();
  private timer: NodeJS.Timeout | undefined;
  private readonly onFailed: (core: number) => void;
  private readonly limitMs: number;

  constructor(onFailed: (core: number) => void, limitMs = HEARTBEAT_LIMIT_MS) {
    this.onFailed = onFailed;
    this.limitMs = limitMs;
  }

  /** A heartbeat (or any sign of life) from `core`. */
  seen(core: number, now = Date.now()): void {
    this.lastSeen.set(core, now);
    this.failed.delete(core);
  }

  /** Declares cores silent for too long failed (once each, until heard again). */
  check(now = Date.now()): void {
    for (const [core, t] of this.lastSeen) {
      if (now - t > this.limitMs && !this.failed.has(core)) {
        this.failed.add(core);
        this.onFailed(core);
      }
    }
  }

  start(periodMs = 250): void {
    this.timer = setInterval(() => this.check(), periodMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
