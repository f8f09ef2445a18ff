// The NIC's control surface (request/reply on ix.nic.ctl.*): RETA get/set,
// fault injection, capture and status. Who may call what is enforced by the
// NATS server (lib/bus permissions: only IXCP may publish reta.set).
//
// Error replies carry the header `Ix-Error: <text>`; the body is the
// operation's reply type when it has ok/error fields (CaptureReply), else an
// ix.CommandReply{ok: false, error}. A bad request is counted and answered,
// never thrown.
import { headers, type Msg, type NatsConnection, type Subscription } from "@nats-io/transport-node";
import { ix } from "@ix/proto";
import { ERROR_HEADER, MSG_TYPE_HEADER, subjects as S } from "@ix/bus";
import type { Nic } from "./nic.ts";
import type { FaultConfig } from "./netstack.ts";
import { parseRetaSet } from "./reta-message.ts";

export const CONTROL_OPS = ["reta_get", "reta_set", "fault", "capture", "status"] as const;
export type ControlOp = (typeof CONTROL_OPS)[number];

export function faultSettings(direction: string, c: FaultConfig): ix.FaultSettings.$Properties {
  return {
    direction,
    loss: c.loss,
    duplicate: c.duplicate,
    reorder: c.reorder,
    corrupt: c.corrupt,
    delayUs: c.delayUs,
    jitterUs: c.jitterUs,
  };
}

export function faultState(nic: Nic): ix.FaultState.$Properties {
  return { in: faultSettings("in", nic.faultIn.config), out: faultSettings("out", nic.faultOut.config) };
}

export function retaMessage(nic: Nic): ix.Reta.$Properties {
  return { queues: Array.from(nic.classifier.reta), rssKey: nic.classifier.rssKey };
}

export function nicStatus(nic: Nic): ix.NicStatus.$Properties {
  return {
    queues: nic.rings.map((r, q) => ({
      queue: q,
      ringSize: r.size,
      ringFree: r.free,
      rxFrames: r.delivered,
      rxMissed: r.missed,
      txFrames: nic.txFrames[q],
    })),
    retaSize: nic.classifier.retaSize,
    wireIn: nic.wireIn.reduce((a, b) => a + b, 0),
    wireOut: nic.wireOut.reduce((a, b) => a + b, 0),
    faults: faultState(nic),
  };
}

/** Header-safe one-line text. */
const oneLine = (s: string): string => s.replace(/[\r\n]+/g, " ").slice(0, 500);

export class NicControl {
  readonly errors: Record<ControlOp, number> = { reta_get: 0, reta_set: 0, fault: 0, capture: 0, status: 0 };
  /** Called after every successful RETA change (metrics, logs). */
  onRetaChange: () => void = () => undefined;
  private readonly nic: Nic;
  private readonly subs: Subscription[] = [];

  constructor(nic: Nic) {
    this.nic = nic;
  }

  start(nc: NatsConnection): void {
    const on = (subject: string, op: ControlOp, handle: (m: Msg) => void): void => {
      this.subs.push(
        nc.subscribe(subject, {
          callback: (err, m) => {
            if (err) return;
            try {
              handle(m);
            } catch (e) {
              this.fail(m, op, `internal error: ${(e as Error).message}`);
            }
          },
        }),
      );
    };
    on(S.NIC_RETA_GET, "reta_get", (m) => this.reply(m, "reta_get", ix.Reta.encode(retaMessage(this.nic))));
    on(S.NIC_RETA_SET, "reta_set", (m) => this.retaSet(m));
    on(S.NIC_FAULT, "fault", (m) => this.fault(m));
    on(S.NIC_CAPTURE, "capture", (m) => this.capture(m));
    on(S.NIC_STATUS, "status", (m) => this.reply(m, "status", ix.NicStatus.encode(nicStatus(this.nic))));
  }

  stop(): void {
    for (const s of this.subs) s.unsubscribe();
    this.subs.length = 0;
  }

  private retaSet(m: Msg): void {
    const c = this.nic.classifier;
    const req = parseRetaSet(m.data, m.headers?.get(MSG_TYPE_HEADER) || undefined, c.retaSize, c.queues);
    let error: string | null;
    if (req.kind === "error") error = req.error;
    else if (req.kind === "update") error = c.assign(req.flowGroups, req.queue);
    else if (req.rssKey.length > 0 && Buffer.compare(req.rssKey, c.rssKey) !== 0) {
      // Every stack derives flow groups from this key (outgoing port choice,
      // migration): changing it under running connections would scatter them.
      error = "the RSS key cannot be changed at run time (restart the NIC with --rss-key)";
    } else error = c.replace(req.queues);
    if (error !== null) return this.fail(m, "reta_set", error);
    this.nic.drainRings();
    this.onRetaChange();
    this.reply(m, "reta_set", ix.Reta.encode(retaMessage(this.nic)));
  }

  private fault(m: Msg): void {
    let req: ix.FaultSettings;
    try {
      req = ix.FaultSettings.decode(m.data);
    } catch (e) {
      return this.fail(m, "fault", `undecodable FaultSettings: ${(e as Error).message}`);
    }
    // An empty direction is a query: reply with the current state, change nothing.
    if (req.direction !== "") {
      const error = this.nic.setFaults(req.direction, {
        loss: req.loss,
        duplicate: req.duplicate,
        reorder: req.reorder,
        corrupt: req.corrupt,
        delayUs: req.delayUs,
        jitterUs: req.jitterUs,
      });
      if (error !== null) return this.fail(m, "fault", error);
    }
    this.reply(m, "fault", ix.FaultState.encode(faultState(this.nic)));
  }

  private capture(m: Msg): void {
    let req: ix.CaptureRequest;
    try {
      req = ix.CaptureRequest.decode(m.data);
    } catch (e) {
      return this.failCapture(m, `undecodable CaptureRequest: ${(e as Error).message}`);
    }
    if (!m.reply) {
      this.errors.capture++;
      return;
    }
    const error = this.nic.captures.start(
      { target: req.target, frames: req.frames, durationMs: req.durationMs },
      (r) => m.respond(ix.CaptureReply.encode(r).finish()),
    );
    if (error !== null) this.failCapture(m, error);
  }

  private reply(m: Msg, op: ControlOp, w: { finish(): Uint8Array }): void {
    if (!m.reply) {
      this.errors[op]++; // a control message must be a request
      return;
    }
    m.respond(w.finish());
  }

  private fail(m: Msg, op: ControlOp, error: string): void {
    this.errors[op]++;
    const h = headers();
    h.set(ERROR_HEADER, oneLine(error));
    if (m.reply) m.respond(ix.CommandReply.encode({ ok: false, error }).finish(), { headers: h });
  }

  private failCapture(m: Msg, error: string): void {
    this.errors.capture++;
    const h = headers();
    h.set(ERROR_HEADER, oneLine(error));
    if (m.reply) m.respond(ix.CaptureReply.encode({ ok: false, error }).finish(), { headers: h });
  }
}
