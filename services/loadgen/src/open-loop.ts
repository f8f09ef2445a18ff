// One connection of the open loop, as in mutilate: the connection keeps its own
// schedule of send times drawn from the inter-arrival distribution and keeps
// at most `depth` requests outstanding.
//
// Coordinated omission: the schedule never waits for the server. A send that
// comes due while the connection is at depth (or that the event loop only
// notices late) is counted in `lateSends`, queued, and sent as soon as a slot
// frees -- but the times after it stay where the distribution put them (no
// shifting, no re-spacing), and its latency is measured from its *scheduled*
// time. A slow server therefore shows up as growing latency and late sends,
// never as a quietly lower offered rate (Tene, "How NOT to measure latency").

import type { Distribution } from "./distributions.ts";
import type { ProtocolClient, ResponseSink } from "./protocol.ts";
import { Float64Ring } from "./ring.ts";
import type { Rng } from "./rng.ts";
import type { Conn } from "./transport.ts";
import type { Recorder } from "./window-stats.ts";

/** Due sends waiting for a slot; beyond this a connection drops (and counts) them. */
export const DEFAULT_BACKLOG = 65536;
/** At most this many due times are drawn per pump, so one call stays short. */
const MAX_DUE_PER_PUMP = 4096;

export interface OpenLoopConfig {
  depth: number;
  /** A send noticed more than this after its scheduled time counts as late. */
  lateSlackUs: number;
  /** Inter-arrival gaps with mean 1 (scaled by the connection's current mean gap). */
  unitGap: Distribution;
  backlog?: number;
}

export class OpenLoopConnection implements ResponseSink {
  /** The next scheduled send time (us); Infinity while the rate is zero. */
  nextDueUs = Infinity;
  dead = false;
  private meanGapUs = Infinity;
  private readonly outstanding: Float64Ring; // scheduled times of requests in flight
  private readonly backlog: Float64Ring; // scheduled times due but not yet sent
  private readonly conn: Conn;
  private readonly client: ProtocolClient;
  private readonly rng: Rng;
  private readonly recorder: Recorder;
  private readonly clock: () => number;
  private readonly depth: number;
  private readonly lateSlackUs: number;
  private readonly unitGap: Distribution;
  private nowUs = 0; // arrival time of the chunk being parsed

  constructor(
    conn: Conn,
    client: ProtocolClient,
    rng: Rng,
    recorder: Recorder,
    clock: () => number,
    config: OpenLoopConfig,
  ) {
    if (!(Number.isInteger(config.depth) && config.depth >= 1)) {
      throw new RangeError(`--depth must be >= 1, got ${config.depth}`);
    }
    this.conn = conn;
    this.client = client;
    this.rng = rng;
    this.recorder = recorder;
    this.clock = clock;
    this.depth = config.depth;
    this.lateSlackUs = config.lateSlackUs;
    this.unitGap = config.unitGap;
    this.outstanding = new Float64Ring(config.depth);
    this.backlog = new Float64Ring(config.backlog ?? DEFAULT_BACKLOG);
    conn.onData((chunk) => {
      this.nowUs = this.clock();
      this.client.feed(chunk, this);
      this.flush();
    });
    conn.onClose(() => this.die());
  }

  get inFlight(): number {
    return this.outstanding.size;
  }

  get backlogged(): number {
    return this.backlog.size;
  }

  /**
   * Sets this connection's rate (requests/s). Starting from rest, the first
   * send is one gap after `nowUs`; otherwise the next send keeps its time.
   */
  setRate(perSecond: number, nowUs: number): void {
    this.meanGapUs = perSecond > 0 ? 1e6 / perSecond : Infinity;
    if (this.meanGapUs === Infinity) this.nextDueUs = Infinity;
    else if (this.nextDueUs === Infinity) this.nextDueUs = nowUs + this.gap();
  }

  /** Drops due-but-unsent sends (between sweep steps: they belong to the old rate). */
  discardBacklog(): void {
    this.backlog.clear();
  }

  /**
   * Moves every send due by `dueByUs` (default: `nowUs`) into the backlog, then
   * sends what depth allows. Lateness is judged against `nowUs`, when the
   * generator actually noticed them; `dueByUs` < `nowUs` lets the runner take the
   * sends of a window that ended before a late wake into that window's counts.
   */
  pump(nowUs: number, dueByUs = nowUs): void {
    const rec = this.recorder;
    for (let n = 0; this.nextDueUs <= dueByUs && n < MAX_DUE_PER_PUMP; n++) {
      const due = this.nextDueUs;
      this.nextDueUs = due + this.gap(); // from the schedule, never from "now"
      rec.scheduled();
      if (this.dead) {
        rec.failed();
        continue;
      }
      const blocked = this.outstanding.size + this.backlog.size >= this.depth; // no slot left for it
      const noticedLate = nowUs - due > this.lateSlackUs;
      if (blocked || noticedLate) rec.late();
      // Late with a slot free: the generator itself did not run in time (its CPU or the machine's).
      if (noticedLate && !blocked) rec.lagged();
      if (!this.backlog.push(due)) rec.dropped();
    }
    this.flush();
  }

  onResponse(isError: boolean): void {
    const scheduled = this.outstanding.shift();
    if (Number.isNaN(scheduled)) return; // a response to nothing: the client counted it
    this.recorder.response(this.nowUs - scheduled, isError, this.nowUs);
  }

  close(): void {
    this.conn.close();
  }

  private flush(): void {
    while (this.backlog.size > 0 && this.outstanding.size < this.depth && !this.dead) {
      this.outstanding.push(this.backlog.shift());
      this.conn.send(this.client.nextRequest());
      this.recorder.sent();
    }
  }

  private gap(): number {
    return this.unitGap.sample(this.rng) * this.meanGapUs;
  }

  private die(): void {
    if (this.dead) return;
    this.dead = true;
    for (let i = this.outstanding.size + this.backlog.size; i > 0; i--) this.recorder.failed();
    this.outstanding.clear();
    this.backlog.clear();
  }
}
