// The L2 segment on NATS where userspace client hosts attach: each host
// publishes WireBursts on ix.l2.tx.<host>; the NIC publishes what it sends on
// the wire as WireBursts on ix.l2.rx, and hosts keep the frames for their MAC.
import type { NatsConnection, Subscription } from "@nats-io/transport-node";
import { ix } from "@ix/proto";
import { subjects as S } from "@ix/bus";
import { WireSide, type Nic, type WirePort } from "./nic.ts";

/** Frames per WireBurst message and bytes per message: well under the bus's 8 MiB payload limit. */
export const WIRE_BURST_MAX_FRAMES = 1024;
export const WIRE_BURST_MAX_BYTES = 1024 * 1024;

export class NatsWire implements WirePort {
  readonly side = WireSide.Nats;
  private readonly nic: Nic;
  private nc: NatsConnection | null = null;
  private sub: Subscription | null = null;

  constructor(nic: Nic) {
    this.nic = nic;
  }

  start(nc: NatsConnection): void {
    this.nc = nc;
    const nic = this.nic;
    this.sub = nc.subscribe(S.l2Tx("*"), {
      callback: (err, m) => {
        if (err) return;
        let burst: ix.WireBurst;
        try {
          burst = ix.WireBurst.decode(m.data);
        } catch {
          nic.countMalformed();
          return;
        }
        for (const f of burst.frames) nic.wireInput(f, WireSide.Nats);
      },
    });
  }

  send(frames: readonly Uint8Array[]): number {
    const nc = this.nc;
    if (!nc) return 0;
    let start = 0;
    let bytes = 0;
    for (let i = 0; i < frames.length; i++) {
      bytes += frames[i].length;
      if (
        i + 1 - start >= WIRE_BURST_MAX_FRAMES ||
        bytes >= WIRE_BURST_MAX_BYTES ||
        i + 1 === frames.length
      ) {
        nc.publish(S.L2_RX, ix.WireBurst.encode({ frames: frames.slice(start, i + 1) }).finish());
        start = i + 1;
        bytes = 0;
      }
    }
    return frames.length;
  }

  stop(): void {
    this.sub?.unsubscribe();
    this.sub = null;
    this.nc = null;
  }
}
