// The NIC's side facing the dataplane cores: RX bursts out on ix.nic.rx.<q>,
// TX bursts in on ix.nic.tx.<q>, descriptor credits in on ix.nic.credit.<q>.
// The queue is taken from the subject (the server's permissions are per
// subject, so that is the part that cannot be forged by a message body).
import type { NatsConnection, Subscription } from "@nats-io/transport-node";
import { ix } from "@ix/proto";
import { subjects as S, type RxFrame } from "@ix/bus";
import type { Nic } from "./nic.ts";

/** "ix.nic.tx.3" -> 3; -1 when the last token is not a decimal number. */
export function queueOfSubject(subject: string): number {
  const token = subject.slice(subject.lastIndexOf(".") + 1);
  return /^\d{1,6}$/.test(token) ? Number(token) : -1;
}

export class DataplanePort {
  private readonly nic: Nic;
  private readonly subs: Subscription[] = [];
  private readonly rxSubjects: string[];

  constructor(nic: Nic) {
    this.nic = nic;
    this.rxSubjects = Array.from({ length: nic.queues }, (_, q) => S.nicRx(q));
  }

  start(nc: NatsConnection): void {
    const nic = this.nic;
    nic.rxSink = (queue: number, frames: readonly RxFrame[]) => {
      // encode() copies the frames into the message: the slots may be reused afterwards.
      nc.publish(this.rxSubjects[queue], ix.RxBurst.encode({ queue, frames: frames as RxFrame[] }).finish());
    };
    this.subs.push(
      nc.subscribe("ix.nic.tx.*", {
        callback: (err, m) => {
          if (err) return;
          let burst: ix.TxBurst;
          try {
            burst = ix.TxBurst.decode(m.data);
          } catch {
            nic.countMalformed();
            return;
          }
          nic.transmit(queueOfSubject(m.subject), burst.frames);
        },
      }),
      nc.subscribe("ix.nic.credit.*", {
        callback: (err, m) => {
          if (err) return;
          let credit: ix.RxCredit;
          try {
            credit = ix.RxCredit.decode(m.data);
          } catch {
            nic.countMalformed();
            return;
          }
          nic.credit(queueOfSubject(m.subject), credit.descriptors);
        },
      }),
    );
  }

  stop(): void {
    for (const s of this.subs) s.unsubscribe();
    this.subs.length = 0;
    this.nic.rxSink = () => undefined;
  }
}
