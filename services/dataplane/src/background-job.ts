// The background batch job a parked core runs under IX's workload
// consolidation policy (SoCC 2015): a CPU-bound loop (SHA-256 over a 4 KiB
// block) run in ~2 ms slices so the core still answers commands between
// slices. Its throughput (ops/s) is what consolidation trades against cores.
import { createHash } from "node:crypto";

const BLOCK = new Uint8Array(4096).fill(0x5a);
const SLICE_MS = 2;

export class BackgroundJob {
  ops = 0;
  private running = false;
  private windowStart = performance.now();
  private windowOps = 0;
  opsPerSecond = 0;

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    setImmediate(this.slice);
  }

  stop(): void {
    this.running = false;
  }

  /** Operations per second over the last completed second (0 when stopped). */
  rate(): number {
    const now = performance.now();
    if (now - this.windowStart >= 1000) {
      this.opsPerSecond = (this.windowOps * 1000) / (now - this.windowStart);
      this.windowStart = now;
      this.windowOps = 0;
    }
    return this.running ? this.opsPerSecond : 0;
  }

  private readonly slice = (): void => {
    if (!this.running) return;
    const end = performance.now() + SLICE_MS;
    while (performance.now() < end) {
      createHash("sha256").update(BLOCK).digest();
      this.ops++;
      this.windowOps++;
    }
    setImmediate(this.slice);
  };
}
