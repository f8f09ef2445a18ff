// The core's Prometheus metrics. Everything is read at scrape time from the
// thread's plain counters (collect callbacks), so the hot path pays nothing
// for metrics. IXCP reads ix_dp_queue_ema, ix_dp_idle_fraction and
// ix_dp_queuing_delay_us; the cores dashboard shows the rest.
import { Gauge, Counter, type Registry } from "prom-client";
import type { ElasticThread } from "./elastic-thread.ts";
import type { RxQueue } from "./rx-queue.ts";
import type { BatchLimit } from "./batch-limit.ts";
import type { SyscallCounters } from "./syscalls.ts";
import { EMA_ALPHAS } from "./queue-metrics.ts";
import type { MigrationStats } from "./migration.ts";
import type { BackgroundJob } from "./background-job.ts";
import type { PollWindow } from "./poll-window.ts";
import type { DataplaneCore } from "./core.ts";
import { MBUF_FAILURES, MBUF_SIZE, type MbufPool } from "./mbuf-pool.ts";
import type { DeliveryCounters } from "./app-link.ts";

export interface MetricSources {
  thread: ElasticThread;
  rx: RxQueue;
  batch: BatchLimit;
  syscalls: SyscallCounters;
  clock: () => number;
  stackCounters: () => Record<string, number>;
  connections: () => number;
  /** TIME-WAIT records held (compact records, not connections: lib/netstack tcp/time-wait.ts). */
  timeWait: () => number;
  flowGroups: () => number;
  active: () => boolean;
  /** Drops the core counts outside the stack (malformed messages, app floods), by reason. */
  coreDrops: () => Record<string, number>;
  migrations: MigrationStats;
  background: BackgroundJob;
  /** The core's mbuf pool (mbuf-pool.ts): budget, use, high-water mark, failures. */
  mbufs: MbufPool;
  /** The core's poll window (poll-window.ts), for ix_dp_poll_seconds_total. */
  poll?: PollWindow;
  /** The app watch (app-watch.ts): stalled now, stalls and restarts seen, events waiting. */
  app?: () => {
    stalled: boolean;
    stalls: number;
    restarts: number;
    pendingEvents: number;
    orphansClosed: number;
    /** run_io: the app did not return within the timeout (it was treated as slow). */
    lateReturns: number;
    /** EventBatches sent to the app. */
    eventBatches: number;
  };
  /** Lost and repeated batches between the core and its app (app-link.ts). */
  delivery?: DeliveryCounters;
}

/** The sources of one DataplaneCore; `malformed`: messages the bus could not decode (core-bus.ts). */
export function coreMetricSources(
  core: DataplaneCore,
  malformed: { rx: number; syscalls: number; migrations: number },
  clock: () => number,
): MetricSources {
  return {
    thread: core.thread,
    rx: core.rx,
    batch: core.batch,
    syscalls: core.inbox.counters,
    clock,
    stackCounters: () => core.stack.counters as unknown as Record<string, number>,
    connections: () => core.stack.connectionCount(),
    timeWait: () => core.stack.timeWaitCount(),
    flowGroups: () => [...core.stack.ownedFlowGroups()].length,
    active: () => core.control.active,
    coreDrops: () => ({
      malformed_rx: malformed.rx,
      malformed_syscalls: malformed.syscalls,
      syscall_batches_flood: core.inbox.droppedBatches,
      oversized_syscall_batches: core.inbox.counters.oversizedBatches,
      malformed_migrations: malformed.migrations,
    }),
    migrations: core.migrations.stats,
    background: core.control.background,
    poll: core.poll,
    mbufs: core.mbufs,
    app: () => ({
      stalled: core.appWatch.stalled,
      stalls: core.appWatch.stalls,
      restarts: core.appWatch.restarts,
      pendingEvents: core.outbox.pending,
      lateReturns: core.outbox.lateReturns,
      eventBatches: core.outbox.batchesSent,
      orphansClosed: core.inbox.orphansClosed,
    }),
    delivery: core.outbox.link.counters,
  };
}

/** "EthMalformed" -> "eth_malformed" (stack counter keys to label values). */
const snakeCase = (s: string): string =>
  s.replace(/[A-Z]/g, (m, i: number) => (i > 0 ? "_" : "") + m.toLowerCase());

export function registerMetrics(registry: Registry, src: MetricSources): void {
  const registers = [registry];
  const tick = (): void => void src.thread.metrics.tick(src.clock());
  new Gauge({
    name: "ix_dp_queue_ema",
    help: "Moving average of queue size (frames processed plus waiting per cycle) over 10 ms windows, by alpha",
    labelNames: ["alpha"],
    registers,
    collect() {
      tick();
      EMA_ALPHAS.forEach((a, i) => this.set({ alpha: String(a) }, src.thread.metrics.ema[i]));
    },
  });
  const snapshotGauge = (name: string, help: string, read: () => number): void => {
    new Gauge({
      name,
      help,
      registers,
      collect() {
        tick();
        this.set(read());
      },
    });
  };
  const last = () => src.thread.metrics.last;
  snapshotGauge(
    "ix_dp_idle_fraction",
    "Fraction of the last 10 ms window the core spent idle: 1 - its thread's CPU time over wall time, time polled without work counted idle",
    () => last().idleFraction,
  );
  snapshotGauge(
    "ix_dp_poll_fraction",
    "Fraction of the last 10 ms window the core spent polling without work (part of the idle fraction; the CPU is busy)",
    () => last().pollFraction,
  );
  snapshotGauge(
    "ix_dp_batch_size",
    "Mean frames pushed through the stack per cycle in the last 10 ms window",
    () => last().batchSize,
  );
  snapshotGauge(
    "ix_dp_cycle_duration_us",
    "Mean duration of a busy cycle in the last 10 ms window, microseconds",
    () => last().cycleUs,
  );
  snapshotGauge(
    "ix_dp_queuing_delay_us",
    "Age of the oldest waiting frame in the last 10 ms window, microseconds",
    () => last().queuingDelayUs,
  );
  snapshotGauge(
    "ix_dp_cycles_per_second",
    "Busy cycles per second over the last 10 ms window",
    () => last().cyclesPerSecond,
  );
  snapshotGauge("ix_dp_rx_backlog", "Frames waiting in the RX ring now", () => src.rx.length);
  snapshotGauge("ix_dp_batch_limit", "The configured batch size B", () => src.batch.batchSize);
  snapshotGauge("ix_dp_connections", "Open TCP connections on this core", src.connections);
  // Closed connections whose 2*MSL has not run out: bounded by the stack's
  // maxTimeWait, back to 0 one TIME-WAIT (60 s) after the last close (the soak checks it).
  snapshotGauge("ix_dp_time_wait", "TIME-WAIT records held on this core (closed connections)", src.timeWait);
  snapshotGauge("ix_dp_flow_groups", "Flow groups this core owns", src.flowGroups);
  snapshotGauge("ix_dp_active", "1 when the core is an active elastic thread, 0 when parked", () =>
    src.active() ? 1 : 0,
  );

  const counterOf = (name: string, help: string, labelNames: string[], fill: (c: Counter) => void): void => {
    new Counter({
      name,
      help,
      labelNames,
      registers,
      collect() {
        this.reset();
        fill(this);
      },
    });
  };
  const s = src.thread.stats;
  if (src.poll) {
    const poll = src.poll;
    counterOf(
      "ix_dp_poll_seconds_total",
      "Seconds the core spent polling without work before sleeping (--poll-us)",
      [],
      (c) => c.inc(poll.polledUs / 1e6),
    );
  }
  counterOf("ix_dp_cycles_total", "Busy run-to-completion cycles", [], (c) => c.inc(s.cycles));
  counterOf("ix_dp_frames_total", "Frames through the core", ["direction"], (c) => {
    c.inc({ direction: "in" }, s.framesIn);
    c.inc({ direction: "out" }, s.framesOut);
  });
  counterOf("ix_dp_bytes_total", "Frame bytes through the core", ["direction"], (c) => {
    c.inc({ direction: "in" }, s.bytesIn);
    c.inc({ direction: "out" }, s.bytesOut);
  });
  const mb = src.mbufs;
  snapshotGauge("ix_dp_mbufs_capacity", "The core's mbuf budget (--mbufs), buffers", () => mb.capacity);
  snapshotGauge("ix_dp_mbuf_size_bytes", "Data bytes per mbuf (every mbuf has this size)", () => MBUF_SIZE);
  snapshotGauge(
    "ix_dp_mbufs_in_use",
    "Mbufs held now (RX ring, events and data waiting for the app, TX frames not yet encoded)",
    () => mb.inUse,
  );
  snapshotGauge(
    "ix_dp_mbufs_high_water",
    "Most mbufs held at once since the core started",
    () => mb.highWater,
  );
  snapshotGauge(
    "ix_dp_mbufs_provisioned",
    "Mbufs carved from the budget so far (in blocks of 128; resident memory follows this, not the budget)",
    () => mb.provisioned,
  );
  counterOf(
    "ix_dp_mbuf_alloc_failures_total",
    "Mbuf allocations that failed, by reason (rx/tx_exhausted: the budget was spent; rx/tx_oversize: frame above the mbuf size); each is a dropped frame",
    ["reason"],
    (c) => {
      for (const reason of MBUF_FAILURES) c.inc({ reason }, mb.failures[reason]);
    },
  );
  counterOf("ix_dp_drops_total", "Frames or events dropped, by reason", ["reason"], (c) => {
    c.inc({ reason: "rx_ring_full" }, src.rx.dropped);
    c.inc({ reason: "rx_no_mbuf" }, mb.failures.rx_exhausted + mb.failures.rx_oversize);
    c.inc({ reason: "tx_no_mbuf" }, mb.failures.tx_exhausted + mb.failures.tx_oversize);
    for (const [reason, v] of Object.entries(src.coreDrops())) c.inc({ reason }, v);
    for (const [k, v] of Object.entries(src.stackCounters())) {
      if (k.startsWith("drop") && v > 0) c.inc({ reason: snakeCase(k.slice(4)) }, v);
    }
  });
  counterOf(
    "ix_dp_tcp_events_total",
    "TCP events of the stack (SYN cookies, challenge ACKs, resets, probes...)",
    ["event"],
    (c) => {
      for (const [k, v] of Object.entries(src.stackCounters())) {
        if (k.startsWith("tcp") && v > 0) c.inc({ event: snakeCase(k.slice(3)) }, v);
      }
    },
  );
  counterOf(
    "ix_dp_ip_events_total",
    "IP and ICMP events of the stack (fragments in and out, reassembled datagrams, ICMP errors sent, rate-limited, not allowed)",
    ["event"],
    (c) => {
      for (const [k, v] of Object.entries(src.stackCounters())) {
        if ((k.startsWith("ipFrag") || k === "ipReassembled" || k.startsWith("icmp")) && v > 0)
          c.inc({ event: snakeCase(k) }, v);
      }
    },
  );
  const m = src.migrations;
  counterOf("ix_dp_migrations_total", "Flow-group migrations, by role of this core", ["role"], (c) => {
    c.inc({ role: "source" }, m.started);
    c.inc({ role: "completed" }, m.completed);
  });
  counterOf(
    "ix_dp_migration_frames_total",
    "Frames handled specially during migrations, by kind",
    ["kind"],
    (c) => {
      c.inc({ kind: "carried" }, m.framesCarried);
      c.inc({ kind: "forwarded" }, m.framesForwarded);
      c.inc({ kind: "held" }, m.framesHeld);
      c.inc({ kind: "dropped_unowned" }, m.framesDroppedUnowned);
    },
  );
  snapshotGauge(
    "ix_dp_last_migration_us",
    "Duration of the last migration this core started, START to READY, microseconds",
    () => m.lastDurationUs,
  );
  counterOf("ix_bg_ops_total", "Operations of the background batch job run while parked", [], (c) =>
    c.inc(src.background.ops),
  );
  snapshotGauge("ix_bg_ops_per_second", "Background batch job throughput over the last second", () =>
    src.background.rate(),
  );
  const app = src.app;
  if (app) {
    snapshotGauge(
      "ix_dp_app_stalled",
      "1 while the app has not answered events that need syscalls for longer than the stall limit",
      () => (app().stalled ? 1 : 0),
    );
    snapshotGauge(
      "ix_dp_events_pending",
      "Event conditions waiting in the core for the next cycles",
      () => app().pendingEvents,
    );
    counterOf("ix_dp_app_stalls_total", "Times the app was detected stalled", [], (c) => c.inc(app().stalls));
    counterOf(
      "ix_dp_app_late_returns_total",
      "Times the app did not return from run_io (a SyscallBatch after an EventBatch) within the timeout; the core then delivers every cycle until it answers",
      [],
      (c) => c.inc(app().lateReturns),
    );
    counterOf("ix_dp_event_batches_total", "EventBatch messages sent to the app", [], (c) =>
      c.inc(app().eventBatches),
    );
    counterOf(
      "ix_dp_app_restarts_total",
      "New app instances seen, and connections of old instances closed",
      ["what"],
      (c) => {
        c.inc({ what: "instances" }, app().restarts);
        c.inc({ what: "connections_closed" }, app().orphansClosed);
      },
    );
  }
  const delivery = src.delivery;
  if (delivery) {
    counterOf(
      "ix_dp_app_delivery_total",
      "Batches lost or repeated between the core and its app over NATS, by what the core did: events_resent (an EventBatch sent again: timeout or the app reported a gap), events_abandoned (given up unacknowledged), syscall_duplicates (a SyscallBatch already executed, dropped), syscall_gaps (a SyscallBatch after a missing one, dropped), syscall_resend_requests, syscalls_skipped (seqs the app gave up)",
      ["what"],
      (c) => {
        c.inc({ what: "events_resent" }, delivery.eventsResent);
        c.inc({ what: "events_abandoned" }, delivery.eventsAbandoned);
        c.inc({ what: "syscall_duplicates" }, delivery.syscallDuplicates);
        c.inc({ what: "syscall_gaps" }, delivery.syscallGaps);
        c.inc({ what: "syscall_resend_requests" }, delivery.syscallResendRequests);
        c.inc({ what: "syscalls_skipped" }, delivery.syscallsSkipped);
      },
    );
  }
  counterOf("ix_dp_syscalls_total", "Syscalls executed, by outcome", ["outcome"], (c) => {
    c.inc({ outcome: "ok" }, src.syscalls.calls - src.syscalls.errors);
    c.inc({ outcome: "error" }, src.syscalls.errors);
  });
}
