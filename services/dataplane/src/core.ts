// Composes one dataplane core and connects it to the bus. The parts are built
// in dependency order, each from parts that already exist (no callback reads
// a field assigned later):
//   RX ring, TX batch -> Stack (transmits into the TX batch)
//   -> EventOutbox (step 7) -> Migrations -> SyscallInbox (step 1)
//   -> BatchLimit, cycle stats and load metrics
//   -> CoreControl (IXCP's commands, step 2) -> ElasticThread (the cycle)
// The bus side only decodes, enqueues and wakes the thread. Decoding failures
// are counted, never fatal: the app and the wire are untrusted.
import type { NatsConnection, Subscription } from "nats";
import { ix } from "@ix/proto";
import { subjects as S, initialReta, flowGroupsOfQueue } from "@ix/bus";
import { Stack, DEFAULT_RSS_KEY } from "@ix/netstack";
import { ElasticThread, newCycleStats, type ControlPoint, type TxSink } from "./elastic-thread.ts";
import { RxQueue } from "./rx-queue.ts";
import { BatchLimit } from "./batch-limit.ts";
import { QueueMetrics } from "./queue-metrics.ts";
import { TxBatch } from "./tx-batch.ts";
import { EventOutbox } from "./event-outbox.ts";
import { SyscallInbox } from "./syscall-inbox.ts";
import { CoreControl } from "./control.ts";
import { Migrations } from "./migration.ts";
import { AppWatch } from "./app-watch.ts";
import { clockUs, nodeTimers } from "./clock.ts";
import type { DataplaneConfig } from "./config.ts";

const EMPTY = new Uint8Array(0);

/** Step 6 over the bus: consumed descriptors as one RxCredit, then the frames as one TxBurst. */
function nicPort(nc: NatsConnection, queue: number): TxSink {
  return {
    flush(frames, credits) {
      if (credits > 0)
        nc.publish(S.nicCredit(queue), ix.RxCredit.encode({ queue, descriptors: credits }).finish());
      if (frames.length > 0)
        nc.publish(S.nicTx(queue), ix.TxBurst.encode({ queue, frames: frames as Uint8Array[] }).finish());
    },
  };
}

/** Step 2: migration messages first (a command about an arriving group must see it installed), then commands. */
function quiescentPoint(migrations: Migrations, control: CoreControl): ControlPoint {
  return {
    run() {
      migrations.runPending();
      control.runPending();
    },
    nextDeadline: () => (control.waiting > 0 ? -Infinity : migrations.nextDeadline()),
  };
}

export class DataplaneCore {
  readonly cfg: DataplaneConfig;
  readonly rx: RxQueue;
  readonly stack: Stack;
  readonly outbox: EventOutbox;
  readonly appWatch: AppWatch;
  readonly migrations: Migrations;
  readonly inbox: SyscallInbox;
  readonly batch: BatchLimit;
  readonly thread: ElasticThread;
  readonly control: CoreControl;
  readonly malformed = { rx: 0, syscalls: 0, migrations: 0 };
  private subs: Subscription[] = [];
  private readonly nc: NatsConnection;
  private watchTimer: NodeJS.Timeout | undefined;

  constructor(cfg: DataplaneConfig, nc: NatsConnection) {
    this.cfg = cfg;
    this.nc = nc;
    const core = cfg.core;
    const log = (line: string): void => console.error(`[dataplane ${core}] ${line}`);
    const rx = (this.rx = new RxQueue(cfg.ringSize));
    const txBatch = new TxBatch();
    const owned = cfg.active ? flowGroupsOfQueue(initialReta(cfg.retaSize, cfg.cores), core) : [];
    const stack = (this.stack = new Stack({
      mac: cfg.mac,
      ip: cfg.ip,
      clock: clockUs,
      transmit: txBatch.keep,
      rssKey: cfg.rssKey ?? DEFAULT_RSS_KEY,
      retaSize: cfg.retaSize,
      ownedFlowGroups: owned,
      bufferPool: { count: cfg.bufferCount, size: 2048 },
      // The NIC answers ARP for the host (offload); cores only learn from the mirrored frames.
      arp: { answerRequests: false },
      verifyFlowGroup: cfg.verifyFlowGroup,
    }));
    const appWatch = (this.appWatch = new AppWatch({ stallUs: cfg.appStallMs * 1000, log }));
    const outbox = (this.outbox = new EventOutbox({
      core,
      stackEvents: stack,
      publish: (batch) => nc.publish(S.coreEvt(core), ix.EventBatch.encode(batch).finish()),
      awaitingAnswer: () => appWatch.delivered(clockUs()),
    }));
    const migrations = (this.migrations = new Migrations(
      {
        core,
        stack,
        clock: clockUs,
        send: (target, m) => nc.publish(S.coreMigrate(target), ix.Migration.encode(m).finish()),
        rx,
        announceMoved: (groups) => {
          const moved: ix.IEvent[] = [];
          for (const fg of groups) {
            for (const c of stack.connectionsOf(fg))
              moved.push({ kind: ix.EventKind.EV_MOVED, handle: c.handle, cookie: c.cookie, value: core });
          }
          if (moved.length > 0) outbox.sendNow(moved);
        },
      },
      cfg.transitionTimeoutUs,
    ));
    const inbox = (this.inbox = new SyscallInbox({
      core,
      stack,
      outbox,
      appWatch,
      movedTo: (fg) => migrations.movedTo(fg),
      log,
    }));
    const batch = (this.batch = new BatchLimit(cfg.batchSize));
    const stats = newCycleStats();
    const metrics = new QueueMetrics(clockUs());
    const control = (this.control = new CoreControl({
      core,
      active: cfg.active,
      flowGroups: stack,
      batch,
      migrations,
      timers: nodeTimers,
      load: () => ({
        connections: stack.connectionCount(),
        framesIn: stats.framesIn,
        framesOut: stats.framesOut,
        idleFraction: metrics.last.idleFraction,
        queueEmaFast: metrics.last.queueEma[0],
        queueEmaSlow: metrics.last.queueEma[2],
      }),
    }));
    this.thread = new ElasticThread({
      stack,
      rx,
      txBatch,
      nic: nicPort(nc, core),
      syscalls: inbox,
      control: quiescentPoint(migrations, control),
      events: outbox,
      rxFilter: migrations,
      clock: clockUs,
      timers: nodeTimers,
      batch,
      stats,
      metrics,
    });
  }

  start(): void {
    const core = this.cfg.core;
    this.subs.push(
      this.nc.subscribe(S.nicRx(core), { callback: (_e, m) => this.onRx(m.data) }),
      this.nc.subscribe(S.coreSys(core), { callback: (_e, m) => this.onSyscalls(m.data) }),
      this.nc.subscribe(S.coreCtl(core), {
        callback: (_e, m) => {
          this.control.enqueue(m.data, m.reply ? (reply) => m.respond(reply) : undefined);
          this.thread.wake();
        },
      }),
      this.nc.subscribe(S.coreMigrate(core), { callback: (_e, m) => this.onMigration(m.data) }),
    );
    this.watchTimer = setInterval(() => this.appWatch.check(clockUs(), this.outbox.backlog), 250);
    this.watchTimer.unref();
  }

  stop(): void {
    clearInterval(this.watchTimer);
    for (const s of this.subs) s.unsubscribe();
    this.thread.stop();
  }

  /** An RxBurst from the NIC: its frames join the RX ring (a full ring counts drops). */
  private onRx(data: Uint8Array): void {
    let burst: ix.RxBurst;
    try {
      burst = ix.RxBurst.decode(data);
    } catch {
      this.malformed.rx++;
      return;
    }
    for (const f of burst.frames) {
      this.rx.push({
        data: f.data ?? EMPTY,
        rxTimeUs: f.rxTimeUs ?? 0,
        flowGroup: f.flowGroup ?? 0,
        rssHash: f.rssHash ?? 0,
      });
    }
    this.thread.wake();
  }

  private onMigration(data: Uint8Array): void {
    try {
      this.migrations.enqueue(ix.Migration.decode(data));
    } catch {
      this.malformed.migrations++;
      return;
    }
    this.thread.wake();
  }

  private onSyscalls(data: Uint8Array): void {
    let batch: ix.SyscallBatch;
    try {
      batch = ix.SyscallBatch.decode(data);
    } catch {
      this.malformed.syscalls++;
      return;
    }
    if (this.inbox.enqueue(batch)) this.thread.wake();
  }
}
