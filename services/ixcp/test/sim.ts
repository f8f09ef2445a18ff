// Test-side stand-ins for the cluster in the control loop's unit tests: a
// metrics timeline the test writes, and an actuator that applies commands to
// a simulated RETA and records them in order. The integration test runs the
// real actuator against real NATS responders instead.
import { initialReta } from "@ix/bus";
import type { Actuator } from "../src/actuator.ts";
import type { CoreMetrics, MetricsSource } from "../src/metrics-source.ts";
import { ControlLoop } from "../src/control-loop.ts";
import { DecisionLog } from "../src/decision-log.ts";
import { energyPolicy } from "../src/policies/builtins.ts";
import type { IxcpMetrics } from "../src/ixcp-metrics.ts";

export class FakeClock {
  t = 0;
  now = (): number => this.t;
}

export class TimelineSource implements MetricsSource {
  readonly kind = "timeline";
  readonly errors: Record<string, number> = {};
  readonly values = new Map<number, Partial<CoreMetrics>>();
  readonly silent = new Set<number>();
  /** Silent cores whose process is gone (their admin port refuses connections). */
  readonly gone = new Set<number>();
  private readonly clock: FakeClock;
  private readonly cores: number;

  constructor(clock: FakeClock, cores: number) {
    this.clock = clock;
    this.cores = cores;
  }

  set(core: number, v: Partial<CoreMetrics>): void {
    this.values.set(core, { ...this.values.get(core), ...v });
  }

  setAll(v: Partial<CoreMetrics>): void {
    for (let c = 0; c < this.cores; c++) this.set(c, v);
  }

  refused(core: number): boolean {
    return this.gone.has(core);
  }

  async sample(): Promise<Map<number, CoreMetrics>> {
    const out = new Map<number, CoreMetrics>();
    for (let c = 0; c < this.cores; c++) {
      if (this.silent.has(c)) continue;
      out.set(c, {
        core: c,
        emaFast: 0,
        emaMid: 0,
        emaSlow: 0,
        idleFraction: 1,
        queuingDelayUs: 0,
        active: true,
        flowGroups: 0,
        ...this.values.get(c),
        seenAtMs: this.clock.t,
      });
    }
    return out;
  }
}

export class RecordingActuator implements Actuator {
  readonly log: string[] = [];
  readonly reta: number[];
  readonly refuse = new Set<string>();

  constructor(reta: number[]) {
    this.reta = [...reta];
  }

  private check(what: string): void {
    this.log.push(what);
    if (this.refuse.has(what.split(" ")[0])) throw new Error(`${what} refused`);
  }

  async activate(core: number): Promise<void> {
    this.check(`activate ${core}`);
  }
  async adopt(core: number, groups: readonly number[]): Promise<void> {
    this.check(`adopt ${core} ${groups[0]}+${groups.length}`);
  }
  async park(core: number): Promise<void> {
    this.check(`park ${core}`);
  }
  async background(core: number, on: boolean): Promise<void> {
    this.check(`background ${core} ${on ? 1 : 0}`);
  }
  async migrate(source: number, target: number, groups: readonly number[]): Promise<void> {
    this.check(`migrate ${source}->${target} ${groups[0]}+${groups.length}`);
  }
  async setReta(groups: readonly number[], queue: number): Promise<void> {
    this.check(`reta ${groups[0]}+${groups.length}->${queue}`);
    for (const g of groups) this.reta[g] = queue;
  }
  async getReta(): Promise<number[]> {
    return [...this.reta];
  }
}

/** A control loop on simulated parts, as the policy tests drive it. */
export interface SimLoop {
  clock: FakeClock;
  source: TimelineSource;
  actuator: RecordingActuator;
  /** The decision log, printing nothing. */
  log: DecisionLog;
  loop: ControlLoop;
}

/**
 * A control loop over `cores` simulated cores (128-entry RETA spread over
 * all of them), running IX's energy policy, with a silent decision log.
 */
export function simLoop(cores = 2, metrics?: IxcpMetrics): SimLoop {
  const clock = new FakeClock();
  const source = new TimelineSource(clock, cores);
  const actuator = new RecordingActuator(initialReta(128, cores));
  const log = new DecisionLog({ print: () => undefined });
  const loop = new ControlLoop({
    source,
    actuator,
    policy: energyPolicy(),
    log,
    totalCores: cores,
    reta: initialReta(128, cores),
    now: clock.now,
    metrics,
  });
  return { clock, source, actuator, log, loop };
}
