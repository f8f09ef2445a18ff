// The NIC's side facing the dataplane cores: RX bursts out on ix.nic.rx.<q>,
// TX bursts in on ix.nic.tx.<q>, each carrying the frames to send and the
// core's RX credits (one message per core cycle). The queue is taken from
// the subject (the server's permissions are per subject, so that is the part
// that cannot be forged by a message body). Both messages are encoded and
// decoded by hand (lib/bus burst-codec.ts): no allocation per frame.
import type { NatsConnection, Subscription } from "@nats-io/transport-node";
import { subjects as S, RxBurstWriter, decodeTxBurst, type RxFrame, type TxBurstView } from "@ix/bus";
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
  private readonly rxWriter: RxBurstWriter;
  private readonly txView: TxBurstView = { queue: 0, frames: [], credits: 0, batchLimit: 0 };

  constructor(nic: Nic) {
    this.nic = nic;
    this.rxWriter = new RxBurstWriter();
    this.rxSubjects = Array.from({ length: nic.queues }, (_, q) => S.nicRx(q));
  }

  start(nc: NatsConnection): void {
    const nic = this.nic;
    nic.rxSink = (queue: number, frames: readonly RxFrame[]) => {
      // Every burst states the queue's bound on bursts in flight (the core may hold credits below it).
      this.rxWriter.burstsInFlight = nic.clocks[queue].limit;
      // encode() copies the frames into the message: the slots may be reused afterwards.
      nc.publish(this.rxSubjects[queue], this.rxWriter.encode(queue, frames));
    };
    this.subs.push(
      nc.subscribe("ix.nic.tx.*", {
        callback: (err, m) => {
          if (err) return;
          const tx = this.txView;
          if (!decodeTxBurst(m.data, tx)) {
            nic.countMalformed();
            return;
          }
          const q = queueOfSubject(m.subject);
          if (tx.frames.length > 0) nic.transmit(q, tx.frames);
          nic.credit(q, tx.credits, tx.batchLimit);
          tx.frames.length = 0;
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
