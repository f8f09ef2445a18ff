// Drives all connections of one generator process through measurement phases.
// A single scheduler walks the connections' schedules: each tick sends every
// send that is due on every connection, then sleeps until the earliest next due
// time across connections (or the window's end) on a Waker (wake.ts) -- never
// spinning, so the generator does not take a CPU from the server it measures.
// A send the tick notices late keeps its scheduled time (open-loop.ts).

import { monotonicUs, type Clock } from "./clock.ts";
import { interArrival, type InterArrivalKind } from "./distributions.ts";
import { OpenLoopConnection } from "./open-loop.ts";
import type { ProtocolClient } from "./protocol.ts";
import { Rng } from "./rng.ts";
import type { Conn, Transport } from "./transport.ts";
import { preciseWaker, type Waker, type WakerFactory } from "./wake.ts";
import { Recorder, WindowStats } from "./window-stats.ts";

export interface RunnerConfig {
  transport: Transport;
  host: string;
  port: number;
  connections: number;
  depth: number;
  interArrival: InterArrivalKind;
  seed: number;
  /** Sends noticed later than this after their scheduled time count as late (us). */
  lateSlackUs: number;
  makeClient(connectionIndex: number, rng: Rng): ProtocolClient;
  clock?: Clock;
  /** How the scheduler sleeps until a due time (default: preciseWaker, which needs the monotonicUs clock). */
  waker?: WakerFactory;
}

export interface Phase {
  /** The target total rate (requests/s) `tUs` microseconds after the phase began. */
  rateAt(tUs: number): number;
  warmupUs: number;
  durationUs: number;
  /** Length of each reported window (durationUs for a single one). */
  bucketUs: number;
}

const MAX_SLEEP_US = 10_000; // re-read the rate at least this often (patterns change it continuously)
const CONNECT_BATCH = 64;

export class LoadRunner {
  readonly recorder: Recorder;
  readonly connections: OpenLoopConnection[];
  /** The target rate most recently applied (requests/s). */
  currentRate = 0;
  private readonly clock: Clock;
  private readonly waker: Waker;
  /** The scheduler tick of the running phase (the waker calls it); a no-op between phases. */
  private tick: () => void = () => {};

  private constructor(
    connections: OpenLoopConnection[],
    recorder: Recorder,
    clock: Clock,
    wakerFactory: WakerFactory,
  ) {
    this.connections = connections;
    this.recorder = recorder;
    this.clock = clock;
    this.waker = wakerFactory(() => this.tick());
  }

  static async connect(config: RunnerConfig): Promise<LoadRunner> {
    const clock = config.clock ?? monotonicUs;
    if (!(Number.isInteger(config.connections) && config.connections >= 1)) {
      throw new RangeError(`--connections must be >= 1, got ${config.connections}`);
    }
    const recorder = new Recorder(clock());
    const unitGap = interArrival(config.interArrival, 1);
    const conns: Conn[] = [];
    try {
      for (let i = 0; i < config.connections; i += CONNECT_BATCH) {
        const batch = Math.min(CONNECT_BATCH, config.connections - i);
        const opened = await Promise.all(
          Array.from({ length: batch }, () => config.transport.connect(config.host, config.port)),
        );
        conns.push(...opened);
      }
    } catch (err) {
      for (const c of conns) c.close();
      throw err;
    }
    const connections = conns.map((conn, i) => {
      // Separate streams for the schedule and for request contents keep the
      // schedule identical whatever the server does.
      const gapRng = new Rng(config.seed * 1_000_003 + i * 2 + 1);
      const requestRng = new Rng(config.seed * 1_000_003 + i * 2 + 2);
      return new OpenLoopConnection(conn, config.makeClient(i, requestRng), gapRng, recorder, clock, {
        depth: config.depth,
        lateSlackUs: config.lateSlackUs,
        unitGap,
      });
    });
    return new LoadRunner(connections, recorder, clock, config.waker ?? preciseWaker);
  }

  inFlight(): number {
    let n = 0;
    for (const c of this.connections) n += c.inFlight;
    return n;
  }

  /** Runs one phase; resolves with its measured windows (warmup excluded). */
  runPhase(phase: Phase): Promise<WindowStats[]> {
    if (!(phase.durationUs > 0 && phase.bucketUs > 0 && phase.warmupUs >= 0)) {
      return Promise.reject(new RangeError("phase needs duration > 0, bucket > 0, warmup >= 0"));
    }
    return new Promise((resolve) => {
      const clock = this.clock;
      const rec = this.recorder;
      const start = clock();
      const end = start + phase.warmupUs + phase.durationUs;
      const windows: WindowStats[] = [];
      let measuring = phase.warmupUs === 0;
      let finished = false;
      let lastUs = start; // target-rate integral is accounted up to here
      rec.window = new WindowStats(start);
      for (const c of this.connections) c.discardBacklog();

      const accrueTarget = (untilUs: number): void => {
        if (untilUs > lastUs) rec.window.targetRequests += (this.currentRate * (untilUs - lastUs)) / 1e6;
        lastUs = Math.max(lastUs, untilUs);
      };
      // Closes every window whose end has passed. Called by the ticker and by the
      // recorder when a response arrives after a boundary the ticker has not yet
      // seen, so each response lands in the window of its arrival time.
      const rotate = (nowUs: number): void => {
        while (!finished && nowUs >= rec.boundaryUs) {
          const boundary = rec.boundaryUs;
          accrueTarget(boundary);
          rec.window.endUs = boundary;
          if (measuring) windows.push(rec.window);
          if (boundary >= end) {
            finished = true;
            this.waker.disarm();
            this.tick = () => {};
            this.applyRate(0, nowUs);
            rec.window = new WindowStats(end); // later responses land outside every window
            rec.boundaryUs = Infinity;
            rec.onBoundary = null;
            resolve(windows);
            return;
          }
          measuring = true;
          rec.window = new WindowStats(boundary);
          rec.boundaryUs = Math.min(boundary + phase.bucketUs, end);
        }
      };
      rec.boundaryUs = measuring ? Math.min(start + phase.bucketUs, end) : start + phase.warmupUs;
      rec.onBoundary = rotate;

      // Sends everything due, then sleeps until the earliest next due time.
      const tick = (): void => {
        if (finished) return;
        const now = clock();
        // A wake later than a window's end (a busy machine) first sends what came
        // due in that window, so it counts there: per-window offered and sent
        // follow the schedule, not the generator's lag (the lag shows as late sends).
        while (!finished && now >= rec.boundaryUs) {
          const boundary = rec.boundaryUs;
          for (const c of this.connections) c.pump(now, boundary);
          rotate(boundary);
        }
        if (finished) return;
        accrueTarget(now);
        const rate = Math.max(0, phase.rateAt(now - start));
        if (rate !== this.currentRate) this.applyRate(rate, now);
        let nextDue = rec.boundaryUs;
        for (const c of this.connections) {
          c.pump(now);
          if (c.nextDueUs < nextDue) nextDue = c.nextDueUs;
        }
        // nextDue <= now only when a pump stopped at its cap: wake at once, work is waiting.
        this.waker.arm(Math.min(nextDue, now + MAX_SLEEP_US));
      };
      this.tick = tick;
      tick();
    });
  }

  close(): void {
    this.waker.close();
    this.applyRate(0, this.clock());
    for (const c of this.connections) c.close();
  }

  private applyRate(rate: number, nowUs: number): void {
    this.currentRate = rate;
    const perConnection = rate / this.connections.length;
    for (const c of this.connections) c.setRate(perConnection, nowUs);
  }
}
