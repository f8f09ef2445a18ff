// IXCP's commands to one core, executed only at the quiescent point between
// cycles (step 2; IX: migration and idling wait for one), each answered with a
// CommandReply. A malformed or impossible command gets an error reply; none
// harms the core.
//
// CoreControl receives exactly what the commands act on (the flow-group
// table, the cycle's batch bound, migration's source side, a status reading
// and timers), never the core itself.
import { ix } from "@ix/proto";
import { BackgroundJob } from "./background-job.ts";
import { MAX_BATCH_SIZE } from "./batch-limit.ts";
import type { Timers, CancelTimer } from "./clock.ts";

/** How long a migration's source waits for the target's READY before reporting failure. */
export const READY_TIMEOUT_MS = 1500;

/** The stack's flow-group table (lib/netstack's Stack). */
export interface FlowGroupTable {
  ownedFlowGroups(): number[];
  ownsFlowGroup(fg: number): boolean;
  /** Starts owning an empty group; negative errno when fg is out of range. */
  ownFlowGroup(fg: number): number;
}

/** The cycle's batch bound B (BatchLimit). */
export interface BatchBound {
  readonly batchSize: number;
  setBatchSize(b: number): void;
}

/** Migration's source side (Migrations). */
export interface MigrationSource {
  /** Starts moving `groups` to `target`; an error text, or null and `onReady` later with START-to-READY us. */
  migrateOut(
    groups: number[],
    target: number,
    migrationId: number,
    onReady?: (durationUs: number) => void,
  ): string | null;
}

/** The load figures a CoreStatus reports, read when a status is built. */
export interface CoreLoad {
  connections: number;
  framesIn: number;
  framesOut: number;
  idleFraction: number;
  queueEmaFast: number;
  queueEmaSlow: number;
}

export interface CoreControlParts {
  core: number;
  /** Active at start (a parked core owns no flow group). */
  active: boolean;
  flowGroups: FlowGroupTable;
  batch: BatchBound;
  migrations: MigrationSource;
  load(): CoreLoad;
  timers: Timers;
  /** Wall-clock milliseconds (uptime in the status). */
  nowMs?: () => number;
}

/** One command and how to answer it (the bus message's reply subject; none: nobody listens). */
interface PendingCommand {
  data: Uint8Array;
  respond?: (reply: Uint8Array) => void;
}

export class CoreControl {
  active: boolean;
  malformed = 0;
  readonly background = new BackgroundJob();
  private pending: PendingCommand[] = [];
  private readonly p: CoreControlParts;
  private readonly nowMs: () => number;
  private readonly startedAt: number;

  constructor(parts: CoreControlParts) {
    this.p = parts;
    this.active = parts.active;
    this.nowMs = parts.nowMs ?? Date.now;
    this.startedAt = this.nowMs();
  }

  /** A CoreCommand (encoded) arrived: executed at the next quiescent point (the caller wakes the thread). */
  enqueue(data: Uint8Array, respond?: (reply: Uint8Array) => void): void {
    this.pending.push({ data, respond });
  }

  /** Commands waiting for the quiescent point. */
  get waiting(): number {
    return this.pending.length;
  }

  /** Step 2: executes every waiting command in arrival order. */
  runPending(): void {
    if (this.pending.length === 0) return;
    const cmds = this.pending;
    this.pending = [];
    for (const c of cmds) {
      const respond = (reply: ix.ICommandReply): void => c.respond?.(ix.CommandReply.encode(reply).finish());
      let reply: ix.ICommandReply | null;
      try {
        reply = this.execute(ix.CoreCommand.decode(c.data), respond);
      } catch (e) {
        this.malformed++;
        reply = { ok: false, error: `bad command: ${(e as Error).message}` };
      }
      if (reply) respond(reply);
    }
  }

  status(): ix.ICoreStatus {
    const load = this.p.load();
    return {
      core: this.p.core,
      active: this.active,
      flowGroups: this.p.flowGroups.ownedFlowGroups(),
      batchSize: this.p.batch.batchSize,
      connections: load.connections,
      framesIn: load.framesIn,
      framesOut: load.framesOut,
      idleFraction: load.idleFraction,
      queueEmaFast: load.queueEmaFast,
      queueEmaSlow: load.queueEmaSlow,
      uptimeS: (this.nowMs() - this.startedAt) / 1000,
      background: this.background.isRunning,
    };
  }

  /**
   * CMD_MIGRATE is answered when the target reports READY, so IXCP rewrites
   * the RETA and issues the next command only once the groups are installed
   * there (a later command about them can then never overtake the state).
   */
  private migrate(cmd: ix.CoreCommand, respond: (r: ix.ICommandReply) => void): ix.ICommandReply | null {
    let answered = false;
    let cancel: CancelTimer | undefined;
    const once = (r: ix.ICommandReply): void => {
      if (answered) return;
      answered = true;
      cancel?.();
      respond(r);
    };
    const error = this.p.migrations.migrateOut([...cmd.flowGroups], cmd.targetCore, cmd.migrationId, (us) =>
      once({ ok: true, durationUs: us, status: this.status() }),
    );
    if (error) return { ok: false, error };
    if (!answered) {
      cancel = this.p.timers.after(READY_TIMEOUT_MS, () =>
        once({ ok: false, error: `no READY from core ${cmd.targetCore} within ${READY_TIMEOUT_MS} ms` }),
      );
    }
    return null;
  }

  private execute(cmd: ix.CoreCommand, respond: (r: ix.ICommandReply) => void): ix.ICommandReply | null {
    const K = ix.CommandKind;
    const table = this.p.flowGroups;
    switch (cmd.kind) {
      case K.CMD_STATUS:
        return { ok: true, status: this.status() };
      case K.CMD_SET_BATCH:
        if (!Number.isInteger(cmd.value) || cmd.value < 1 || cmd.value > MAX_BATCH_SIZE)
          return { ok: false, error: `batch size must be 1..${MAX_BATCH_SIZE}` };
        this.p.batch.setBatchSize(cmd.value);
        return { ok: true, status: this.status() };
      case K.CMD_MIGRATE:
        return this.migrate(cmd, respond);
      case K.CMD_BACKGROUND:
        if (cmd.value !== 0 && this.active)
          return { ok: false, error: "only a parked core runs the background job" };
        if (cmd.value !== 0) this.background.start();
        else this.background.stop();
        return { ok: true, status: this.status() };
      case K.CMD_ACTIVATE:
        this.background.stop();
        this.active = true;
        // With flow groups: adopt them empty (their previous core died; IXCP rewrites the RETA next).
        for (const fg of cmd.flowGroups) {
          if (!table.ownsFlowGroup(fg) && table.ownFlowGroup(fg) < 0)
            return { ok: false, error: `bad flow group ${fg}` };
        }
        return { ok: true, status: this.status() };
      case K.CMD_PARK:
        if (table.ownedFlowGroups().length > 0)
          return { ok: false, error: "a core must own no flow group before it parks" };
        this.active = false;
        return { ok: true, status: this.status() };
      default:
        return { ok: false, error: `unsupported command ${cmd.kind}` };
    }
  }
}
