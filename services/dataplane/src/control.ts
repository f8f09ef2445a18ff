// Step 2 of the cycle: commands from IXCP, executed only at the quiescent
// point between cycles (IX: migration and idling wait for one), each answered
// with a CommandReply. A malformed or impossible command gets an error reply.
import type { Msg } from "nats";
import { ix } from "@ix/proto";
import type { DataplaneCore } from "./core.ts";
import { BackgroundJob } from "./background-job.ts";

/** How long a migration's source waits for the target's READY before reporting failure. */
export const READY_TIMEOUT_MS = 1500;

export class CoreControl {
  active: boolean;
  malformed = 0;
  readonly background = new BackgroundJob();
  private pending: Msg[] = [];
  private readonly core: DataplaneCore;
  private readonly startedAt = Date.now();

  constructor(core: DataplaneCore) {
    this.core = core;
    this.active = core.cfg.active;
  }

  enqueue(m: Msg): void {
    this.pending.push(m);
    this.core.thread.wake();
  }

  runPending(): void {
    if (this.pending.length === 0) return;
    const msgs = this.pending;
    this.pending = [];
    for (const m of msgs) {
      const respond = (reply: ix.ICommandReply): void => {
        if (m.reply) m.respond(ix.CommandReply.encode(reply).finish());
      };
      let reply: ix.ICommandReply | null;
      try {
        reply = this.execute(ix.CoreCommand.decode(m.data), respond);
      } catch (e) {
        this.malformed++;
        reply = { ok: false, error: `bad command: ${(e as Error).message}` };
      }
      if (reply) respond(reply);
    }
  }

  /**
   * CMD_MIGRATE is answered when the target reports READY, so IXCP rewrites
   * the RETA and issues the next command only once the groups are installed
   * there (a later command about them can then never overtake the state).
   */
  private migrate(cmd: ix.CoreCommand, respond: (r: ix.ICommandReply) => void): ix.ICommandReply | null {
    let answered = false;
    const once = (r: ix.ICommandReply): void => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      respond(r);
    };
    const error = this.core.migrations.migrateOut(
      [...cmd.flowGroups],
      cmd.targetCore,
      cmd.migrationId,
      (us) => once({ ok: true, durationUs: us, status: this.status() }),
    );
    if (error) return { ok: false, error };
    const timer = setTimeout(
      () => once({ ok: false, error: `no READY from core ${cmd.targetCore} within ${READY_TIMEOUT_MS} ms` }),
      READY_TIMEOUT_MS,
    );
    return null;
  }

  status(): ix.ICoreStatus {
    const c = this.core;
    const m = c.thread.metrics.last;
    return {
      core: c.cfg.core,
      active: this.active,
      flowGroups: [...c.stack.ownedFlowGroups()],
      batchSize: c.thread.batchSize,
      connections: c.stack.connectionCount(),
      framesIn: c.thread.stats.framesIn,
      framesOut: c.thread.stats.framesOut,
      idleFraction: m.idleFraction,
      queueEmaFast: m.queueEma[0],
      queueEmaSlow: m.queueEma[2],
      uptimeS: (Date.now() - this.startedAt) / 1000,
      background: this.background.isRunning,
    };
  }

  private execute(cmd: ix.CoreCommand, respond: (r: ix.ICommandReply) => void): ix.ICommandReply | null {
    const K = ix.CommandKind;
    switch (cmd.kind) {
      case K.CMD_STATUS:
        return { ok: true, status: this.status() };
      case K.CMD_SET_BATCH:
        if (!Number.isInteger(cmd.value) || cmd.value < 1 || cmd.value > 8192)
          return { ok: false, error: "batch size must be 1..8192" };
        this.core.thread.batchSize = cmd.value;
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
          if (!this.core.stack.ownsFlowGroup(fg) && this.core.stack.ownFlowGroup(fg) < 0)
            return { ok: false, error: `bad flow group ${fg}` };
        }
        return { ok: true, status: this.status() };
      case K.CMD_PARK:
        if ([...this.core.stack.ownedFlowGroups()].length > 0)
          return { ok: false, error: "a core must own no flow group before it parks" };
        this.active = false;
        return { ok: true, status: this.status() };
      default:
        return { ok: false, error: `unsupported command ${cmd.kind}` };
    }
  }
}
