// Dedicated hardware threads (IX, OSDI 2014 section 4.1: each elastic thread
// has a hardware thread of its own; IXCP allocates them). IXCP owns the
// placement because it alone knows which cores are active; the launcher
// (lib/cluster) knows the cores' process ids and passes them (--pin-pids).
// A granted core is pinned to a CPU of its own from the dedicated set
// (`taskset -p -c CPU PID`, sched_setaffinity) and runs at a higher priority
// than everything else (`renice -n -5`: the load generator and the other
// services stay at nice 0). A revoked (parked) core may run anywhere again at
// nice 0. Not SCHED_FIFO (chrt): a polling core never blocks, and a real-time
// spinner would starve nats-server and the NIC sharing its CPU.
//
// When the dedicated set is smaller than the active cores (this 2-CPU
// machine: CPU 0 is left to nats-server, the NIC, the app and socat, so one
// CPU is dedicated), cores beyond it are not pinned (they still get the
// priority). Placement failures (not root, a process gone) are logged and
// counted, never fatal: the control loop goes on without them.
import { execFileSync } from "node:child_process";
import type { Actuator } from "./actuator.ts";

/** What placing a process needs from the OS (tests pass a recorder). */
export interface PlacementOps {
  /** sched_setaffinity(pid, cpus) (`taskset -p -c`). */
  setAffinity(pid: number, cpus: readonly number[]): void;
  /** setpriority(PRIO_PROCESS, pid, nice) (`renice -n`). */
  setNice(pid: number, nice: number): void;
}

export const linuxPlacement: PlacementOps = {
  setAffinity(pid, cpus) {
    execFileSync("taskset", ["-a", "-p", "-c", cpus.join(","), String(pid)], { stdio: "ignore" });
  },
  setNice(pid, nice) {
    execFileSync("renice", ["-n", String(nice), "-p", String(pid)], { stdio: "ignore" });
  },
};

/** Nice of an active (granted) core: above the generator and the other services (0). */
export const ACTIVE_NICE = -5;

export interface CpuPlacementOptions {
  /** Process id of each core's dataplane process. */
  pids: ReadonlyMap<number, number>;
  /** CPUs that active cores get for themselves, one each, lowest first. */
  dedicated: readonly number[];
  /** Every CPU of the machine (where a parked core may run). */
  all: readonly number[];
  ops?: PlacementOps;
  log?: (line: string) => void;
}

export class CpuPlacement {
  /** Core -> its dedicated CPU (active cores beyond the dedicated set have none). */
  readonly cpuOf = new Map<number, number>();
  /** Placement calls that failed (taskset/renice missing, no permission, process gone). */
  failures = 0;
  private readonly o: Required<CpuPlacementOptions>;

  constructor(opts: CpuPlacementOptions) {
    this.o = { ops: linuxPlacement, log: (l) => console.error(l), ...opts };
  }

  /** The core became active: a free dedicated CPU if one is left, and the active priority. */
  grant(core: number): void {
    const pid = this.o.pids.get(core);
    if (pid === undefined) return;
    if (!this.cpuOf.has(core)) {
      const taken = new Set(this.cpuOf.values());
      const cpu = this.o.dedicated.find((c) => !taken.has(c));
      if (
        cpu !== undefined &&
        this.try(`pin core ${core} to CPU ${cpu}`, () => this.o.ops.setAffinity(pid, [cpu]))
      )
        this.cpuOf.set(core, cpu);
    }
    this.try(`renice core ${core}`, () => this.o.ops.setNice(pid, ACTIVE_NICE));
  }

  /** The core was parked: its CPU is free for the next grant; it runs anywhere at nice 0. */
  revoke(core: number): void {
    const pid = this.o.pids.get(core);
    if (pid === undefined) return;
    this.cpuOf.delete(core);
    this.try(`unpin core ${core}`, () => this.o.ops.setAffinity(pid, this.o.all));
    this.try(`renice core ${core}`, () => this.o.ops.setNice(pid, 0));
  }

  private try(what: string, f: () => void): boolean {
    try {
      f();
      return true;
    } catch (e) {
      this.failures++;
      this.o.log(`ixcp: ${what} failed: ${(e as Error).message.split("\n")[0]}`);
      return false;
    }
  }
}

/** An Actuator that moves the placement with IXCP's grants (activate, adopt) and revokes (park). */
export class PlacingActuator implements Actuator {
  private readonly inner: Actuator;
  private readonly placement: CpuPlacement;

  constructor(inner: Actuator, placement: CpuPlacement) {
    this.inner = inner;
    this.placement = placement;
  }

  async activate(core: number): Promise<void> {
    await this.inner.activate(core);
    this.placement.grant(core);
  }

  async adopt(core: number, flowGroups: readonly number[]): Promise<void> {
    await this.inner.adopt(core, flowGroups);
    this.placement.grant(core);
  }

  async park(core: number): Promise<void> {
    await this.inner.park(core);
    this.placement.revoke(core);
  }

  background(core: number, on: boolean): Promise<void> {
    return this.inner.background(core, on);
  }

  migrate(source: number, target: number, flowGroups: readonly number[], migrationId: number): Promise<void> {
    return this.inner.migrate(source, target, flowGroups, migrationId);
  }

  setReta(flowGroups: readonly number[], queue: number): Promise<void> {
    return this.inner.setReta(flowGroups, queue);
  }

  getReta(): Promise<number[]> {
    return this.inner.getReta();
  }
}

/**
 * "0:1234,1:1235" (core:pid, --pin-pids) to a map; a malformed entry throws
 * naming it.
 */
export function parseCorePids(raw: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const item of raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(\d+):(\d+)$/.exec(item);
    if (!m) throw new Error(`--pin-pids entries are core:pid, got ${JSON.stringify(item)}`);
    out.set(Number(m[1]), Number(m[2]));
  }
  return out;
}

/** "1,3" or "2-5" (taskset's list syntax, --pin-cpus) to CPU numbers. */
export function parseCpuList(raw: string): number[] {
  const out: number[] = [];
  for (const part of raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw new Error(`--pin-cpus is a CPU list like 1,3 or 2-5, got ${JSON.stringify(part)}`);
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (hi < lo) throw new Error(`--pin-cpus: empty range ${part}`);
    for (let c = lo; c <= hi; c++) out.push(c);
  }
  return out;
}
