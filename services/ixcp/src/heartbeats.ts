// Dataplane heartbeats (ix.Heartbeat on ix.status.dataplane.<core>, every
// second): where each core's admin server is (the scrape targets) and when
// the core was last heard from (one of the two liveness signals; metrics are
// the other). Undecodable heartbeats are counted and dropped.
import type { NatsConnection, Subscription } from "@nats-io/transport-node";
import { ix } from "@ix/proto";
import { subjects as S } from "@ix/bus";

export interface CoreHeartbeat {
  core: number;
  adminUrl: string;
  /** Local receive time, ms (IXCP's clock, not the sender's). */
  seenAtMs: number;
}

export class HeartbeatTracker {
  readonly cores = new Map<number, CoreHeartbeat>();
  malformed = 0;
  private sub: Subscription | undefined;
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  start(nc: NatsConnection): void {
    this.sub = nc.subscribe(S.status("dataplane", "*"), {
      callback: (_e, m) => this.onHeartbeat(m.data),
    });
  }

  onHeartbeat(data: Uint8Array): void {
    let hb: ix.Heartbeat;
    try {
      hb = ix.Heartbeat.decode(data);
    } catch {
      this.malformed++;
      return;
    }
    const core = Number(hb.id);
    if (hb.id === "" || !Number.isInteger(core) || core < 0) {
      this.malformed++;
      return;
    }
    this.cores.set(core, { core, adminUrl: hb.adminUrl, seenAtMs: this.now() });
  }

  adminUrls(): string[] {
    return [...this.cores.values()].map((c) => c.adminUrl).filter((u) => u.startsWith("http"));
  }

  lastSeen(core: number): number | undefined {
    return this.cores.get(core)?.seenAtMs;
  }

  stop(): void {
    this.sub?.unsubscribe();
  }
}
