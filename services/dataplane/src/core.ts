// Composes one dataplane core from its parts, with no bus in sight: what
// leaves the core goes through CoreIo (core-bus.ts wires it to NATS, unit
// tests to arrays and a manual clock), what arrives is handed to the receive*
// methods, which enqueue and wake the thread. The parts are built in
// dependency order, each from parts that already exist (no callback reads a
// field assigned later):
//   mbuf pool -> RX ring, TX batch -> Stack (transmits into the TX batch,
//   retains received views from the pool)
//   -> EventOutbox (step 7) -> Migrations -> SyscallInbox (step 1)
//   -> BatchLimit, cycle stats and load metrics
//   -> CoreControl (IXCP's commands, step 2) -> PollWindow (polls while active)
//   -> ElasticThread (the cycle)
import { ix } from "@ix/proto";
import { initialReta, flowGroupsOfQueue, type RxFrame } from "@ix/bus";
import { Stack, DEFAULT_RSS_KEY } from "@ix/netstack";
import { ElasticThread, newCycleStats, type ControlPoint, type TxSink } from "./elastic-thread.ts";
import { RxQueue } from "./rx-queue.ts";
import { MbufPool } from "./mbuf-pool.ts";
import { BatchLimit } from "./batch-limit.ts";
import { QueueMetrics, type BusyClock } from "./queue-metrics.ts";
import { TxBatch } from "./tx-batch.ts";
import { EventOutbox } from "./event-outbox.ts";
import { SyscallInbox } from "./syscall-inbox.ts";
import { CoreControl } from "./control.ts";
import { Migrations } from "./migration.ts";
import { AppWatch } from "./app-watch.ts";
import { PollWindow } from "./poll-window.ts";
import { CreditHold } from "./credit-hold.ts";
import type { Timers } from "./clock.ts";
import type { DataplaneConfig } from "./config.ts";

/** Everything that leaves a core. */
export interface CoreIo {
  /** Step 6: TX frames and RX credits to the NIC. */
  nic: TxSink;
  /** Step 7 (and immediate notices): one encoded EventBatch to the app. */
  publishEvents(bytes: Uint8Array): void;
  /** A Migration message to another core. */
  sendMigration(target: number, m: ix.IMigration): void;
  /** Microseconds. */
  clock: () => number;
  /** The core thread's cumulative CPU time (us) for the idle fraction; absent: time outside cycles is idle (unit tests). */
  busyCpuUs?: BusyClock;
  timers: Timers;
  log(line: string): void;
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
  /** The core's RX and TX buffers (IX's per-core mbuf pool). */
  readonly mbufs: MbufPool;
  readonly rx: RxQueue;
  readonly stack: Stack;
  readonly outbox: EventOutbox;
  readonly appWatch: AppWatch;
  readonly migrations: Migrations;
  readonly inbox: SyscallInbox;
  readonly batch: BatchLimit;
  readonly control: CoreControl;
  readonly poll: PollWindow;
  readonly credits = new CreditHold();
  readonly thread: ElasticThread;

  constructor(cfg: DataplaneConfig, io: CoreIo) {
    this.cfg = cfg;
    const core = cfg.core;
    const mbufs = (this.mbufs = new MbufPool(cfg.mbufs));
    const rx = (this.rx = new RxQueue(cfg.ringSize, mbufs));
    const txBatch = new TxBatch(mbufs);
    const owned = cfg.active ? flowGroupsOfQueue(initialReta(cfg.retaSize, cfg.cores), core) : [];
    const stack = (this.stack = new Stack({
      mac: cfg.mac,
      ip: cfg.ip,
      clock: io.clock,
      transmit: txBatch.keep,
      rxBuffers: mbufs,
      rssKey: cfg.rssKey ?? DEFAULT_RSS_KEY,
      retaSize: cfg.retaSize,
      ownedFlowGroups: owned,
      bufferPool: { count: cfg.bufferCount, size: 2048 },
      // The NIC answers ARP for the host (offload); cores only learn from the mirrored frames.
      arp: { answerRequests: false },
      verifyFlowGroup: cfg.verifyFlowGroup,
    }));
    const appWatch = (this.appWatch = new AppWatch({ stallUs: cfg.appStallMs * 1000, log: io.log }));
    const outbox = (this.outbox = new EventOutbox({
      core,
      stackEvents: stack,
      publish: io.publishEvents,
      clock: io.clock,
      returnTimeoutUs: cfg.appReturnTimeoutMs * 1000,
      awaitingAnswer: () => appWatch.delivered(io.clock()),
      rxBuffers: mbufs,
    }));
    const migrations = (this.migrations = new Migrations(
      {
        core,
        stack,
        clock: io.clock,
        send: io.sendMigration,
        rx,
        frames: mbufs,
        announceMoved: (groups, after) => {
          const moved: ix.IEvent[] = [];
          for (const fg of groups) {
            for (const c of stack.connectionsOf(fg))
              moved.push({
                kind: ix.EventKind.EV_MOVED,
                handle: c.handle,
                cookie: c.cookie,
                value: core,
                afterSeq: after.seq,
                afterSession: after.session,
              });
          }
          if (moved.length > 0) outbox.sendNow(moved);
        },
        flushEvents: () => outbox.flushBeforeExport(),
      },
      cfg.transitionTimeoutUs,
    ));
    const inbox = (this.inbox = new SyscallInbox({
      core,
      stack,
      outbox,
      appWatch,
      movedTo: (fg) => migrations.movedTo(fg),
      log: io.log,
    }));
    const batch = (this.batch = new BatchLimit(cfg.batchSize));
    const stats = newCycleStats();
    const metrics = new QueueMetrics(io.clock(), io.busyCpuUs);
    const control = (this.control = new CoreControl({
      core,
      active: cfg.active,
      flowGroups: stack,
      batch,
      migrations,
      timers: io.timers,
      load: () => ({
        connections: stack.connectionCount(),
        framesIn: stats.framesIn,
        framesOut: stats.framesOut,
        idleFraction: metrics.last.idleFraction,
        queueEmaFast: metrics.last.queueEma[0],
        queueEmaSlow: metrics.last.queueEma[2],
      }),
    }));
    const poll = (this.poll = new PollWindow({ windowUs: cfg.pollUs, active: () => control.active }));
    this.thread = new ElasticThread({
      stack,
      rx,
      txBatch,
      nic: io.nic,
      syscalls: inbox,
      control: quiescentPoint(migrations, control),
      events: outbox,
      rxFilter: migrations,
      clock: io.clock,
      timers: io.timers,
      batch,
      stats,
      metrics,
      poll,
      credits: this.credits,
    });
  }

  /**
   * Frames of one RxBurst join the RX ring (a full ring counts drops); a cycle
   * follows. `burstsInFlight`: the NIC's bound the burst stated (0: unknown).
   */
  receiveRx(frames: Iterable<RxFrame>, burstsInFlight = 0): void {
    this.credits.burstArrived(burstsInFlight);
    for (const f of frames) this.rx.push(f);
    this.thread.wake();
  }

  /** A SyscallBatch from the app, run at the next cycle's step 1 (dropped, counted, when the app floods). */
  receiveSyscalls(batch: ix.SyscallBatch): void {
    if (this.inbox.enqueue(batch)) this.thread.wake();
  }

  /** An encoded CoreCommand, run at the next quiescent point; `respond` gets the encoded CommandReply. */
  receiveCommand(data: Uint8Array, respond?: (reply: Uint8Array) => void): void {
    this.control.enqueue(data, respond);
    this.thread.wake();
  }

  /** A Migration message from another core, handled at the next quiescent point. */
  receiveMigration(m: ix.Migration): void {
    this.migrations.enqueue(m);
    this.thread.wake();
  }

  stop(): void {
    this.thread.stop();
  }
}
