// Composes one dataplane core: the lib/netstack Stack, the elastic thread's
// cycle, and the NATS subjects it talks on (RX/TX/credits with the NIC,
// syscalls/events with the app, commands from IXCP). Decoding failures are
// counted, never fatal: the app and the wire are untrusted.
import type { NatsConnection, Subscription } from "nats";
import { ix } from "@ix/proto";
import { subjects as S, initialReta, flowGroupsOfQueue } from "@ix/bus";
import { Stack, DEFAULT_RSS_KEY, type StackEvent } from "@ix/netstack";
import { ElasticThread } from "./elastic-thread.ts";
import { executeBatch, type SyscallCounters } from "./syscalls.ts";
import { encodeEvent } from "./events.ts";
import { CoreControl } from "./control.ts";
import { Migrations } from "./migration.ts";
import { AppWatch } from "./app-watch.ts";
import type { DataplaneConfig } from "./config.ts";

/** IX: at most 8192 event conditions per core per cycle; the rest wait for the next. */
export const MAX_EVENTS_PER_CYCLE = 8192;
/** Syscall batches waiting for a cycle; beyond this an app is flooding and batches are dropped. */
export const MAX_PENDING_BATCHES = 256;

const EMPTY = new Uint8Array(0);

export const clockUs = (): number => performance.timeOrigin * 1000 + performance.now() * 1000;

export class DataplaneCore {
  readonly cfg: DataplaneConfig;
  readonly stack: Stack;
  readonly thread: ElasticThread;
  readonly control: CoreControl;
  readonly migrations: Migrations;
  readonly syscalls: SyscallCounters = { calls: 0, errors: 0, unknown: 0, oversizedBatches: 0 };
  malformed = { rx: 0, syscalls: 0, migrations: 0 };
  droppedBatches = 0;
  private pendingBatches: ix.SyscallBatch[] = [];
  private carriedEvents: StackEvent[] = [];
  private lastResults: { seq: number; results: number[] } | undefined;
  private eventSeq = 0;
  private subs: Subscription[] = [];
  private readonly nc: NatsConnection;
  readonly appWatch: AppWatch;
  /** Connections closed because the app that held them was replaced by a new instance. */
  orphansClosed = 0;
  private watchTimer: NodeJS.Timeout | undefined;

  constructor(cfg: DataplaneConfig, nc: NatsConnection) {
    this.cfg = cfg;
    this.nc = nc;
    const owned = cfg.active ? flowGroupsOfQueue(initialReta(cfg.retaSize, cfg.cores), cfg.core) : [];
    this.stack = new Stack({
      mac: cfg.mac,
      ip: cfg.ip,
      clock: clockUs,
      transmit: (frame) => this.thread.transmit(frame),
      rssKey: cfg.rssKey ?? DEFAULT_RSS_KEY,
      retaSize: cfg.retaSize,
      ownedFlowGroups: owned,
      bufferPool: { count: cfg.bufferCount, size: 2048 },
      // The NIC answers ARP for the host (offload); cores only learn from the mirrored frames.
      arp: { answerRequests: false },
    });
    this.appWatch = new AppWatch({
      stallUs: cfg.appStallMs * 1000,
      log: (line) => console.error(`[dataplane ${cfg.core}] ${line}`),
    });
    this.control = new CoreControl(this);
    this.migrations = new Migrations(
      {
        core: cfg.core,
        stack: this.stack,
        clock: clockUs,
        send: (target, m) => nc.publish(S.coreMigrate(target), ix.Migration.encode(m).finish()),
        extractQueued: (groups) => this.thread.rx.extract(groups),
        announceMoved: (groups) => this.announceMoved(groups),
        wake: () => this.thread.wake(),
      },
      cfg.transitionTimeoutUs,
    );
    this.thread = new ElasticThread({
      stack: this.stack,
      clock: clockUs,
      batchSize: cfg.batchSize,
      ringSize: cfg.ringSize,
      ports: {
        flushTx: (frames) =>
          nc.publish(S.nicTx(cfg.core), ix.TxBurst.encode({ queue: cfg.core, frames }).finish()),
        returnCredits: (n) =>
          nc.publish(S.nicCredit(cfg.core), ix.RxCredit.encode({ queue: cfg.core, descriptors: n }).finish()),
        runSyscalls: () => this.runSyscalls(),
        runControl: () => {
          // Migration messages first: a command about a group that is arriving
          // must see it installed.
          this.migrations.runPending();
          this.control.runPending();
        },
        deliverEvents: () => this.deliverEvents(),
        accept: this.migrations.accept,
        afterRx: () => this.migrations.flushForwards(),
        nextDeadline: () => this.migrations.nextDeadline(),
      },
    });
  }

  start(): void {
    const core = this.cfg.core;
    this.subs.push(
      this.nc.subscribe(S.nicRx(core), { callback: (_e, m) => this.onRx(m.data) }),
      this.nc.subscribe(S.coreSys(core), { callback: (_e, m) => this.onSyscalls(m.data) }),
      this.nc.subscribe(S.coreCtl(core), { callback: (_e, m) => this.control.enqueue(m) }),
      this.nc.subscribe(S.coreMigrate(core), { callback: (_e, m) => this.onMigration(m.data) }),
    );
    this.watchTimer = setInterval(() => this.appWatch.check(clockUs(), this.carriedEvents.length), 250);
    this.watchTimer.unref();
  }

  /** Events the app has not been sent yet (at most MAX_EVENTS_PER_CYCLE leave per cycle). */
  get pendingEvents(): number {
    return this.carriedEvents.length;
  }

  stop(): void {
    clearInterval(this.watchTimer);
    for (const s of this.subs) s.unsubscribe();
    this.thread.stop();
  }

  private onRx(data: Uint8Array): void {
    let burst: ix.RxBurst;
    try {
      burst = ix.RxBurst.decode(data);
    } catch {
      this.malformed.rx++;
      return;
    }
    this.thread.deliver(
      burst.frames.map((f) => ({
        data: f.data ?? EMPTY,
        rxTimeUs: f.rxTimeUs ?? 0,
        flowGroup: f.flowGroup ?? 0,
        rssHash: f.rssHash ?? 0,
      })),
    );
  }

  private onMigration(data: Uint8Array): void {
    try {
      this.migrations.enqueue(ix.Migration.decode(data));
    } catch {
      this.malformed.migrations++;
    }
  }

  /** EV_MOVED for every connection of the groups this core just received. */
  private announceMoved(groups: number[]): void {
    const moved: ix.IEvent[] = [];
    for (const fg of groups) {
      for (const c of this.stack.connectionsOf(fg)) {
        moved.push({ kind: ix.EventKind.EV_MOVED, handle: c.handle, cookie: c.cookie, value: this.cfg.core });
      }
    }
    if (moved.length > 0) this.publishEncoded(moved);
  }

  private onSyscalls(data: Uint8Array): void {
    let batch: ix.SyscallBatch;
    try {
      batch = ix.SyscallBatch.decode(data);
    } catch {
      this.malformed.syscalls++;
      return;
    }
    if (this.pendingBatches.length >= MAX_PENDING_BATCHES) {
      this.droppedBatches++;
      return;
    }
    this.pendingBatches.push(batch);
    this.thread.wake();
  }

  /** Step 1. Results of all but the last batch go back at once; the last rides with this cycle's events. */
  private runSyscalls(): number {
    let calls = 0;
    const batches = this.pendingBatches;
    this.pendingBatches = [];
    batches.forEach((b, i) => {
      if (this.appWatch.answered(b.app ?? "")) this.closeOrphans(b.app ?? "");
      // An accept for a connection whose group just left (knocked here, now on
      // another core): tell the app where it went, so libix replays it there.
      const notices: ix.IEvent[] = [];
      const results = executeBatch(
        this.stack,
        b,
        this.syscalls,
        (fg) => this.migrations.movedTo(fg),
        (call, target) => {
          if (call.kind === ix.SyscallKind.SYS_ACCEPT) {
            notices.push({
              kind: ix.EventKind.EV_MOVED,
              handle: call.handle,
              cookie: call.cookie,
              value: target,
            });
          }
        },
      );
      calls += b.calls.length;
      if (i < batches.length - 1 || notices.length > 0) this.publishEncoded(notices, { seq: b.seq, results });
      else this.lastResults = { seq: b.seq, results };
    });
    return calls;
  }

  /**
   * A new instance of the app took over: the old one's handles are dead.
   * Accepted connections are closed (FIN), knocked ones refused (RST), the
   * old listeners dropped (the new app listens again in this same batch) and
   * events meant for the old process discarded. Runs at the quiescent point
   * of step 1, before the new instance's first calls.
   */
  private closeOrphans(app: string): void {
    let n = 0;
    for (const fg of this.stack.ownedFlowGroups()) {
      const g = this.stack.groups[fg];
      if (g === undefined) continue;
      for (const t of [...g.byId.values()]) {
        if (t.knocked) n += this.stack.reject(t.handle) === 0 ? 1 : 0;
        else if (t.appOpen) n += this.stack.close(t.handle) === 0 ? 1 : 0;
      }
    }
    this.stack.tcpListeners.clear();
    this.stack.udpListeners.clear();
    this.carriedEvents = [];
    this.stack.events.length = 0;
    this.orphansClosed += n;
    console.error(
      `[dataplane ${this.cfg.core}] app restarted (${app}): closed ${n} connections of the old instance`,
    );
  }

  /** Step 7. */
  private deliverEvents(): void {
    const fresh = this.stack.events;
    const events = this.carriedEvents.length > 0 ? this.carriedEvents.concat(fresh) : fresh.slice();
    fresh.length = 0;
    if (events.length === 0 && !this.lastResults) return;
    const now = events.slice(0, MAX_EVENTS_PER_CYCLE);
    this.carriedEvents = events.length > MAX_EVENTS_PER_CYCLE ? events.slice(MAX_EVENTS_PER_CYCLE) : [];
    if (this.carriedEvents.length > 0) this.thread.wake();
    for (const e of now) {
      if (e.type === "knock" || e.type === "recv" || e.type === "dead") {
        this.appWatch.delivered(clockUs());
        break;
      }
    }
    this.publishEvents(now, this.lastResults);
    this.lastResults = undefined;
  }

  private publishEvents(events: StackEvent[], results?: { seq: number; results: number[] }): void {
    this.publishEncoded(events.map(encodeEvent), results);
  }

  private publishEncoded(events: ix.IEvent[], results?: { seq: number; results: number[] }): void {
    const batch = ix.EventBatch.encode({
      core: this.cfg.core,
      seq: ++this.eventSeq,
      events,
      resultsSeq: results?.seq ?? 0,
      results: results?.results ?? [],
    }).finish();
    this.nc.publish(S.coreEvt(this.cfg.core), batch);
  }
}
