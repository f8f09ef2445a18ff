// Progress on stderr while a run lasts: a redrawn bar when stderr is a
// terminal, otherwise one plain line every few seconds (for CI logs).

export interface ProgressSample {
  completed: number;
  errors: number;
  late: number;
  targetRate: number;
}

interface Output {
  isTTY?: boolean;
  write(s: string): unknown;
}

const BAR = 24;

export class ProgressReporter {
  private readonly out: Output;
  private readonly totalS: number;
  private readonly sample: () => ProgressSample;
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | null = null;
  private startMs = 0;
  private lastMs = 0;
  private lastCompleted = 0;

  constructor(out: Output, totalS: number, sample: () => ProgressSample, intervalMs?: number) {
    this.out = out;
    this.totalS = totalS;
    this.sample = sample;
    this.intervalMs = intervalMs ?? (out.isTTY ? 250 : 5000);
  }

  start(): void {
    this.startMs = this.lastMs = performance.now();
    this.lastCompleted = this.sample().completed;
    this.timer = setInterval(() => this.report(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.out.isTTY) this.out.write("\r\x1b[K");
  }

  /** One progress line (exposed for tests). */
  line(nowMs: number): string {
    const s = this.sample();
    const elapsedS = (nowMs - this.startMs) / 1000;
    const rate =
      nowMs > this.lastMs ? ((s.completed - this.lastCompleted) * 1000) / (nowMs - this.lastMs) : 0;
    this.lastMs = nowMs;
    this.lastCompleted = s.completed;
    const shown = `${elapsedS.toFixed(1)}/${this.totalS.toFixed(0)} s  target ${fmt(s.targetRate)}/s  achieved ${fmt(rate)}/s  errors ${s.errors}  late ${s.late}`;
    if (!this.out.isTTY) return `ixload: ${shown}\n`;
    const filled = Math.min(BAR, Math.round((elapsedS / Math.max(this.totalS, 1e-9)) * BAR));
    return `\r\x1b[K[${"#".repeat(filled)}${"-".repeat(BAR - filled)}] ${shown}`;
  }

  private report(): void {
    this.out.write(this.line(performance.now()));
  }
}

function fmt(x: number): string {
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(1)}k`;
  return x.toFixed(0);
}
