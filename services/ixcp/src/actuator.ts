// How IXCP acts on the cluster: ix.CoreCommand request/reply on
// ix.core.<c>.ctl (activate, park, background job, migrate, status) and RETA
// rewrites on ix.nic.ctl.reta.set (ix.RetaUpdate, header Ix-Msg-Type). Every
// call resolves when the other side said ok and rejects with a clear error
// otherwise (error reply, Ix-Error header, timeout, no responder).
import { headers, type NatsConnection } from "@nats-io/transport-node";
import { ix } from "@ix/proto";
import { ERROR_HEADER, MSG_TYPE_HEADER, subjects as S } from "@ix/bus";

export interface Actuator {
  activate(core: number): Promise<void>;
  park(core: number): Promise<void>;
  background(core: number, on: boolean): Promise<void>;
  /** CMD_MIGRATE to the SOURCE core; resolves on its ok reply (the groups are installed on the target). */
  migrate(source: number, target: number, flowGroups: readonly number[], migrationId: number): Promise<void>;
  /** Makes `core` own `flowGroups` afresh (their previous owner died: no state to move). */
  adopt(core: number, flowGroups: readonly number[]): Promise<void>;
  /** Points `flowGroups` at `queue` in the NIC's RETA. */
  setReta(flowGroups: readonly number[], queue: number): Promise<void>;
  /** The NIC's whole RETA. */
  getReta(): Promise<number[]>;
}

/** Observes each migration's duration, request to reply (seconds). */
export type MigrationObserver = (seconds: number, ok: boolean) => void;

export class NatsActuator implements Actuator {
  private readonly nc: NatsConnection;
  private readonly timeoutMs: number;
  private readonly onMigration: MigrationObserver;

  constructor(nc: NatsConnection, opts: { timeoutMs?: number; onMigration?: MigrationObserver } = {}) {
    this.nc = nc;
    this.timeoutMs = opts.timeoutMs ?? 2000;
    this.onMigration = opts.onMigration ?? (() => undefined);
  }

  private async command(core: number, cmd: ix.ICoreCommand, what: string): Promise<ix.CommandReply> {
    let data: Uint8Array;
    try {
      data = (
        await this.nc.request(S.coreCtl(core), ix.CoreCommand.encode(cmd).finish(), {
          timeout: this.timeoutMs,
        })
      ).data;
    } catch (e) {
      throw new Error(`${what} on core ${core}: no reply (${(e as Error).message})`);
    }
    let reply: ix.CommandReply;
    try {
      reply = ix.CommandReply.decode(data);
    } catch (e) {
      throw new Error(`${what} on core ${core}: undecodable reply (${(e as Error).message})`);
    }
    if (!reply.ok) throw new Error(`${what} on core ${core} refused: ${reply.error || "no reason given"}`);
    return reply;
  }

  async activate(core: number): Promise<void> {
    await this.command(core, { kind: ix.CommandKind.CMD_ACTIVATE }, "activate");
  }

  async adopt(core: number, flowGroups: readonly number[]): Promise<void> {
    await this.command(core, { kind: ix.CommandKind.CMD_ACTIVATE, flowGroups: [...flowGroups] }, "adopt");
  }

  async park(core: number): Promise<void> {
    await this.command(core, { kind: ix.CommandKind.CMD_PARK }, "park");
  }

  async background(core: number, on: boolean): Promise<void> {
    await this.command(core, { kind: ix.CommandKind.CMD_BACKGROUND, value: on ? 1 : 0 }, "background");
  }

  async status(core: number): Promise<ix.ICoreStatus> {
    return (await this.command(core, { kind: ix.CommandKind.CMD_STATUS }, "status")).status ?? {};
  }

  async migrate(
    source: number,
    target: number,
    flowGroups: readonly number[],
    migrationId: number,
  ): Promise<void> {
    const started = performance.now();
    let ok = false;
    try {
      await this.command(
        source,
        { kind: ix.CommandKind.CMD_MIGRATE, flowGroups: [...flowGroups], targetCore: target, migrationId },
        `migrate ${flowGroups.length} groups to core ${target}`,
      );
      ok = true;
    } finally {
      this.onMigration((performance.now() - started) / 1000, ok);
    }
  }

  private async nicRequest(subject: string, body: Uint8Array, msgType?: string): Promise<ix.Reta> {
    const h = headers();
    if (msgType) h.set(MSG_TYPE_HEADER, msgType);
    let m;
    try {
      m = await this.nc.request(subject, body, { timeout: this.timeoutMs, headers: msgType ? h : undefined });
    } catch (e) {
      throw new Error(`${subject}: no reply from the NIC (${(e as Error).message})`);
    }
    const err = m.headers?.get(ERROR_HEADER);
    if (err) throw new Error(`${subject} refused by the NIC: ${err}`);
    return ix.Reta.decode(m.data);
  }

  async setReta(flowGroups: readonly number[], queue: number): Promise<void> {
    const body = ix.RetaUpdate.encode({ flowGroups: [...flowGroups], queue }).finish();
    await this.nicRequest(S.NIC_RETA_SET, body, "RetaUpdate");
  }

  async getReta(): Promise<number[]> {
    return (await this.nicRequest(S.NIC_RETA_GET, new Uint8Array(0))).queues;
  }
}
