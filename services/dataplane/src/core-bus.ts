// A dataplane core on the bus: the NATS subjects it talks on (RX bursts and
// TX bursts with credits with the NIC, syscalls/events with the app, commands
// from IXCP, migration with other cores), decoding what arrives and encoding
// what leaves. The frame messages are encoded and decoded by hand (lib/bus
// burst-codec.ts, events.ts): no allocation per frame or event. Decoding
// failures are counted, never fatal: the app and the wire are untrusted.
import type { NatsConnection, Subscription } from "@nats-io/transport-node";
import { ix } from "@ix/proto";
import { subjects as S, TxBurstWriter, decodeRxBurst, type RxBurstHeader, type RxFrame } from "@ix/bus";
import { DataplaneCore, type CoreIo } from "./core.ts";
import type { TxSink } from "./elastic-thread.ts";
import { clockUs, threadCpuUs, nodeTimers } from "./clock.ts";
import type { DataplaneConfig } from "./config.ts";

/** Step 6 over the bus: the cycle's frames and consumed descriptors as one TxBurst. */
function nicOverBus(nc: NatsConnection, queue: number): TxSink {
  const writer = new TxBurstWriter();
  const subject = S.nicTx(queue);
  return {
    flush(frames, credits, batchLimit) {
      nc.publish(subject, writer.encode(queue, frames, credits, batchLimit));
    },
  };
}

/** What leaves core `core`, as NATS messages. */
export function busIo(nc: NatsConnection, core: number): CoreIo {
  return {
    nic: nicOverBus(nc, core),
    publishEvents: (bytes) => nc.publish(S.coreEvt(core), bytes),
    sendMigration: (target, m) => nc.publish(S.coreMigrate(target), ix.Migration.encode(m).finish()),
    clock: clockUs,
    busyCpuUs: threadCpuUs,
    timers: nodeTimers,
    log: (line) => console.error(`[dataplane ${core}] ${line}`),
  };
}

export class CoreBus {
  readonly core: DataplaneCore;
  readonly malformed = { rx: 0, syscalls: 0, migrations: 0 };
  private subs: Subscription[] = [];
  private readonly nc: NatsConnection;
  private watchTimer: NodeJS.Timeout | undefined;

  constructor(cfg: DataplaneConfig, nc: NatsConnection) {
    this.nc = nc;
    this.core = new DataplaneCore(cfg, busIo(nc, cfg.core));
  }

  start(): void {
    const c = this.core;
    const q = c.cfg.core;
    this.subs.push(
      this.nc.subscribe(S.nicRx(q), { callback: (_e, m) => this.onRx(m.data) }),
      this.nc.subscribe(S.coreSys(q), { callback: (_e, m) => this.onSyscalls(m.data) }),
      this.nc.subscribe(S.coreCtl(q), {
        callback: (_e, m) => c.receiveCommand(m.data, m.reply ? (reply) => m.respond(reply) : undefined),
      }),
      this.nc.subscribe(S.coreMigrate(q), { callback: (_e, m) => this.onMigration(m.data) }),
    );
    this.watchTimer = setInterval(() => c.appWatch.check(clockUs(), c.outbox.pending), 250);
    this.watchTimer.unref();
  }

  stop(): void {
    clearInterval(this.watchTimer);
    for (const s of this.subs) s.unsubscribe();
    this.core.stop();
  }

  /** Reused for every RxBurst: the decoded frames go straight into the RX ring. */
  private readonly rxFrames: RxFrame[] = [];
  private readonly keepRx = (f: RxFrame): void => void this.rxFrames.push(f);
  private readonly rxHeader: RxBurstHeader = { queue: 0, burstsInFlight: 0 };

  private onRx(data: Uint8Array): void {
    const frames = this.rxFrames;
    // A malformed burst still delivers the frames before the fault (each was whole).
    if (decodeRxBurst(data, this.keepRx, this.rxHeader) < 0) this.malformed.rx++;
    this.core.receiveRx(frames, this.rxHeader.burstsInFlight);
    frames.length = 0;
  }

  private onSyscalls(data: Uint8Array): void {
    let batch: ix.SyscallBatch;
    try {
      batch = ix.SyscallBatch.decode(data);
    } catch {
      this.malformed.syscalls++;
      return;
    }
    this.core.receiveSyscalls(batch);
  }

  private onMigration(data: Uint8Array): void {
    let m: ix.Migration;
    try {
      m = ix.Migration.decode(data);
    } catch {
      this.malformed.migrations++;
      return;
    }
    this.core.receiveMigration(m);
  }
}
