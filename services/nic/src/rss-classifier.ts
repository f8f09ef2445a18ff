// Receive-side scaling as the 82599/XL710 do it: parse just enough of the
// frame to find the IPv4 TCP/UDP 4-tuple, hash it with Toeplitz, take the low
// bits as the flow group and look the queue up in the redirection table.
// IPv4 fragments (MF set or a nonzero offset, any protocol) are hashed on the
// 2-tuple (source, destination address) alone, as those NICs do: the ports are
// only in the first fragment, and every piece of one datagram, the first
// included, must reach the same queue so one core can reassemble it.
//
// Headers are read in place with byte math: a NIC classifies before any
// checksum is verified (that is the stack's job), so a frame with a bad IP
// checksum is still hashed and delivered, and the stack counts it.
import { EtherType, Toeplitz, readU16, readU32 } from "./netstack.ts";

export const FrameKind = {
  /** IPv4 TCP or UDP, not fragmented: hashed over the 4-tuple. */
  Hashed: 0,
  Arp: 1,
  /** Anything else (unfragmented ICMP, IPv6, ...): no hash, default queue. */
  Unhashed: 2,
  /** Shorter than an Ethernet header. */
  Runt: 3,
  /** An IPv4 fragment (first or not, any protocol): hashed over the 2-tuple (addresses). */
  Fragment: 4,
} as const;

const IPPROTO_TCP = 6;
const IPPROTO_UDP = 17;
const ETH_LEN = 14;

export class RssClassifier {
  readonly toeplitz: Toeplitz;
  readonly rssKey: Uint8Array;
  readonly retaSize: number;
  readonly queues: number;
  /** Flow group -> queue. */
  readonly reta: Uint16Array;
  /** Queues that serve at least one flow group (their cores are active). */
  activeQueues: number[] = [];

  // Result of the last classify() (fields instead of an object: no allocation per frame).
  kind: number = FrameKind.Unhashed;
  hash = 0;
  flowGroup = 0;
  queue = 0;

  constructor(rssKey: Uint8Array, retaSize: number, queues: number) {
    if (retaSize < 8 || retaSize > 512 || (retaSize & (retaSize - 1)) !== 0) {
      throw new RangeError(`RETA size must be a power of two in [8, 512], got ${retaSize}`);
    }
    if (!Number.isInteger(queues) || queues < 1) throw new RangeError(`queues must be >= 1, got ${queues}`);
    this.rssKey = rssKey.slice();
    this.toeplitz = new Toeplitz(this.rssKey);
    if (this.toeplitz.maxInputLength < 12) throw new RangeError("RSS key too short for the IPv4 4-tuple");
    this.retaSize = retaSize;
    this.queues = queues;
    this.reta = new Uint16Array(retaSize);
    // Round robin, as drivers program the RETA at start: group i -> queue i mod n.
    for (let i = 0; i < retaSize; i++) this.reta[i] = i % queues;
    this.refreshActive();
  }

  /**
   * The queue for frames without an RSS hash. Real NICs use queue 0; here it
   * follows RETA entry 0 so that it always names an active core, even after
   * IXCP has parked core 0 by moving all its flow groups away.
   */
  get defaultQueue(): number {
    return this.reta[0];
  }

  /** Classifies `frame`; the result is left in kind/hash/flowGroup/queue. Never throws. */
  classify(frame: Uint8Array): number {
    this.hash = 0;
    this.flowGroup = 0;
    this.queue = this.reta[0];
    if (frame.length < ETH_LEN) return (this.kind = FrameKind.Runt);
    const etherType = readU16(frame, 12);
    if (etherType === EtherType.ARP) return (this.kind = FrameKind.Arp);
    if (etherType !== EtherType.IPv4 || frame.length < ETH_LEN + 20) return (this.kind = FrameKind.Unhashed);
    const vihl = frame[ETH_LEN];
    const ihl = (vihl & 0x0f) * 4;
    if (vihl >> 4 !== 4 || ihl < 20) return (this.kind = FrameKind.Unhashed);
    const proto = frame[ETH_LEN + 9];
    const src = readU32(frame, ETH_LEN + 12);
    const dst = readU32(frame, ETH_LEN + 16);
    if ((readU16(frame, ETH_LEN + 6) & 0x3fff) !== 0) {
      this.hash = this.toeplitz.hashIpv4(src, dst);
      return this.steer(FrameKind.Fragment);
    }
    if ((proto !== IPPROTO_TCP && proto !== IPPROTO_UDP) || frame.length < ETH_LEN + ihl + 4) {
      return (this.kind = FrameKind.Unhashed);
    }
    const l4 = ETH_LEN + ihl;
    this.hash = this.toeplitz.hashIpv4Ports(src, dst, readU16(frame, l4), readU16(frame, l4 + 2));
    return this.steer(FrameKind.Hashed);
  }

  private steer(kind: number): number {
    this.flowGroup = this.hash & (this.retaSize - 1);
    this.queue = this.reta[this.flowGroup];
    return (this.kind = kind);
  }

  /** Points `flowGroups` at `queue`; returns an error text (nothing changed) or null. */
  assign(flowGroups: readonly number[], queue: number): string | null {
    const bad = this.checkQueue(queue);
    if (bad) return bad;
    for (const fg of flowGroups) {
      if (!Number.isInteger(fg) || fg < 0 || fg >= this.retaSize) {
        return `flow group ${fg} out of range [0, ${this.retaSize})`;
      }
    }
    for (const fg of flowGroups) this.reta[fg] = queue;
    this.refreshActive();
    return null;
  }

  /** Replaces the whole table; returns an error text (nothing changed) or null. */
  replace(queues: readonly number[]): string | null {
    if (queues.length !== this.retaSize) {
      return `RETA must have ${this.retaSize} entries, got ${queues.length}`;
    }
    for (const q of queues) {
      const bad = this.checkQueue(q);
      if (bad) return bad;
    }
    this.reta.set(queues);
    this.refreshActive();
    return null;
  }

  private checkQueue(q: number): string | null {
    return Number.isInteger(q) && q >= 0 && q < this.queues
      ? null
      : `queue ${q} out of range [0, ${this.queues})`;
  }

  private refreshActive(): void {
    const seen = new Uint8Array(this.queues);
    for (let i = 0; i < this.retaSize; i++) seen[this.reta[i]] = 1;
    this.activeQueues = [];
    for (let q = 0; q < this.queues; q++) if (seen[q]) this.activeQueues.push(q);
  }
}
