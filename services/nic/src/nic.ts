// The NIC's datapath, free of NATS and sockets so it can be tested directly:
// frames from the wire go through inbound faults, the MAC filter, ARP offload
// and RSS into bounded RX rings; frames from the cores go through outbound
// faults to the wire ports. Output is batched: everything produced during one
// event-loop turn leaves in flush(), RX as bursts of at most `burstSize`.
import { ArpOffload } from "./arp-offload.ts";
import { Captures, Tap } from "./capture.ts";
import { FaultInjector, Rng, macEquals, type FaultConfig } from "./netstack.ts";
import { FrameKind, RssClassifier } from "./rss-classifier.ts";
import { RxRing } from "./rx-ring.ts";
import type { RxFrame } from "@ix/bus";

export const WIRE_SIDES = ["udp", "nats"] as const;
export const WireSide = { Udp: 0, Nats: 1 } as const;

/** A wire attachment; send() returns how many frames actually left (0 when it has no peer). */
export interface WirePort {
  readonly side: number;
  send(frames: readonly Uint8Array[]): number;
}

export const DROP_REASONS = [
  "runt",
  "oversize",
  "mac_filter",
  "ring_full",
  "bad_queue",
  "malformed",
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/** Largest frame accepted from a core (jumbo frames fit; UDP datagrams must stay < 64 KiB). */
export const MAX_FRAME_LEN = 16384;

export interface NicOptions {
  queues: number;
  retaSize: number;
  rssKey: Uint8Array;
  ringSize: number;
  burstSize: number;
  hostIp: number;
  hostMac: Uint8Array;
  promiscuous?: boolean;
  faultSeed?: number;
  /** Microseconds; wall-clock based by default so rxTimeUs compares across processes. */
  clock?: () => number;
  /** Flush on setImmediate after input (default true); tests set false and call pump(). */
  autoFlush?: boolean;
}

const EMPTY = new Uint8Array(0);
const wallClockUs = (): number => (performance.timeOrigin + performance.now()) * 1000;

function isZero(c: FaultConfig): boolean {
  return (
    c.loss === 0 &&
    c.duplicate === 0 &&
    c.reorder === 0 &&
    c.corrupt === 0 &&
    c.delayUs === 0 &&
    c.jitterUs === 0
  );
}

export class Nic {
  readonly classifier: RssClassifier;
  readonly rings: RxRing[];
  readonly arp: ArpOffload;
  readonly captures: Captures;
  readonly faultIn: FaultInjector;
  readonly faultOut: FaultInjector;
  readonly burstSize: number;
  readonly hostMac: Uint8Array;
  readonly promiscuous: boolean;
  readonly clock: () => number;
  readonly rxBytes: number[];
  readonly txFrames: number[];
  readonly txBytes: number[];
  readonly wireIn = [0, 0];
  readonly wireOut = [0, 0];
  readonly drops: Record<DropReason, number> = {
    runt: 0,
    oversize: 0,
    mac_filter: 0,
    ring_full: 0,
    bad_queue: 0,
    malformed: 0,
  };
  /** Receives each RX burst during flush(); `frames` is reused after it returns. */
  rxSink: (queue: number, frames: readonly RxFrame[]) => void = () => undefined;
  private readonly wires: WirePort[] = [];
  private readonly pending: RxFrame[][];
  private readonly pendingCount: number[];
  private wireQueue: Uint8Array[] = [];
  private readonly autoFlush: boolean;
  private turnScheduled = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private timerAt = Infinity;
  private closed = false;
  private readonly onTurn = (): void => {
    this.turnScheduled = false;
    this.pump();
  };
  private readonly receiveFromFaults = (f: Uint8Array): void => this.receive(f, this.clock());
  private readonly transmitFromFaults = (f: Uint8Array): void => void this.wireQueue.push(f);

  constructor(o: NicOptions) {
    if (!Number.isInteger(o.burstSize) || o.burstSize < 1) throw new RangeError("burst size must be >= 1");
    this.classifier = new RssClassifier(o.rssKey, o.retaSize, o.queues);
    this.rings = Array.from({ length: o.queues }, () => new RxRing(o.ringSize));
    this.arp = new ArpOffload(o.hostIp, o.hostMac);
    this.captures = new Captures(o.queues);
    const rng = new Rng(o.faultSeed ?? 1);
    this.faultIn = new FaultInjector({}, rng);
    this.faultOut = new FaultInjector({}, rng);
    this.burstSize = o.burstSize;
    this.hostMac = o.hostMac.slice();
    this.promiscuous = o.promiscuous ?? false;
    this.clock = o.clock ?? wallClockUs;
    this.autoFlush = o.autoFlush ?? true;
    this.rxBytes = new Array<number>(o.queues).fill(0);
    this.txFrames = new Array<number>(o.queues).fill(0);
    this.txBytes = new Array<number>(o.queues).fill(0);
    this.pending = Array.from({ length: o.queues }, () => []);
    this.pendingCount = new Array<number>(o.queues).fill(0);
  }

  get queues(): number {
    return this.rings.length;
  }

  attachWire(port: WirePort): void {
    this.wires.push(port);
  }

  /** A frame arrived from the wire on `side`. Never throws. */
  wireInput(frame: Uint8Array, side: number): void {
    if (this.closed) return;
    this.wireIn[side]++;
    const now = this.clock();
    if (this.faultIn.pending === 0 && isZero(this.faultIn.config)) this.receive(frame, now);
    else this.faultIn.push(frame, now);
    this.kick();
  }

  /** A core hands frames to transmit on `queue`. Never throws. */
  transmit(queue: number, frames: readonly Uint8Array[]): void {
    if (this.closed) return;
    if (!(queue >= 0 && queue < this.rings.length)) {
      this.drops.bad_queue += frames.length;
      return;
    }
    const now = this.clock();
    for (const f of frames) {
      if (f.length < 14 || f.length > MAX_FRAME_LEN) {
        this.drops[f.length < 14 ? "runt" : "oversize"]++;
        continue;
      }
      this.txFrames[queue]++;
      this.txBytes[queue] += f.length;
      if (this.captures.active) this.captures.tap(Tap.Tx, queue, f, now);
      this.toWire(f, now);
    }
    this.kick();
  }

  /** A core gave back `descriptors` RX descriptors of `queue`. */
  credit(queue: number, descriptors: number): void {
    if (!(queue >= 0 && queue < this.rings.length)) {
      this.drops.bad_queue++;
      return;
    }
    this.rings[queue].credit(descriptors);
  }

  /** Counts an undecodable data-plane message (adapters call this). */
  countMalformed(): void {
    this.drops.malformed++;
  }

  /** Sets one direction's faults (all fields replaced); returns an error text or null. */
  setFaults(direction: string, cfg: FaultConfig): string | null {
    const inj = direction === "in" ? this.faultIn : direction === "out" ? this.faultOut : null;
    if (!inj) return `fault direction must be "in" or "out", got ${JSON.stringify(direction)}`;
    for (const [k, v] of Object.entries(cfg)) if (!Number.isFinite(v)) return `fault ${k} must be finite`;
    try {
      inj.set(cfg);
    } catch (e) {
      return (e as Error).message;
    }
    this.kick();
    return null;
  }

  /** Moves frames whose fault delay has passed, then flushes. Runs once per event-loop turn. */
  pump(): void {
    const now = this.clock();
    if (this.faultIn.pending > 0) this.faultIn.pop(now, this.receiveFromFaults);
    if (this.faultOut.pending > 0) this.faultOut.pop(now, this.transmitFromFaults);
    this.flush();
    this.armTimer(now);
  }

  /** Sends every pending RX burst and wire frame. */
  flush(): void {
    const burst = this.burstSize;
    for (let q = 0; q < this.pending.length; q++) {
      const n = this.pendingCount[q];
      if (n === 0) continue;
      const slots = this.pending[q];
      for (let i = 0; i < n; i += burst) this.rxSink(q, slots.slice(i, Math.min(n, i + burst)));
      for (let i = 0; i < n; i++) slots[i].data = EMPTY; // release the frame buffers
      this.pendingCount[q] = 0;
    }
    if (this.wireQueue.length > 0) {
      const frames = this.wireQueue;
      this.wireQueue = [];
      for (const w of this.wires) this.wireOut[w.side] += w.send(frames);
    }
  }

  /** Stops timers and ends running captures (their replies still go out). */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.captures.finishAll();
  }

  private receive(frame: Uint8Array, now: number): void {
    if (this.captures.active) this.captures.tap(Tap.WireIn, -1, frame, now);
    if (frame.length < 14) {
      this.drops.runt++;
      return;
    }
    // Unicast frames for other MACs are not ours (bit 0 of the first byte marks group addresses).
    if (!this.promiscuous && (frame[0] & 1) === 0 && !macEquals(frame, this.hostMac)) {
      this.drops.mac_filter++;
      return;
    }
    const c = this.classifier;
    const kind = c.classify(frame);
    if (kind === FrameKind.Arp) {
      const reply = this.arp.answer(frame);
      if (reply) this.toWire(reply, now);
      // Every active core's stack learns the neighbour (the NIC only answers for the host IP).
      const active = c.activeQueues;
      for (let i = 0; i < active.length; i++) this.enqueue(active[i], frame, 0, 0, now);
      return;
    }
    this.enqueue(c.queue, frame, c.hash, c.flowGroup, now);
  }

  private enqueue(q: number, data: Uint8Array, rssHash: number, flowGroup: number, now: number): void {
    if (!this.rings[q].take()) {
      this.drops.ring_full++;
      return;
    }
    this.rxBytes[q] += data.length;
    const slots = this.pending[q];
    const n = this.pendingCount[q]++;
    if (n === slots.length) slots.push({ data, rxTimeUs: now, rssHash, flowGroup });
    else {
      const s = slots[n];
      s.data = data;
      s.rxTimeUs = now;
      s.rssHash = rssHash;
      s.flowGroup = flowGroup;
    }
    if (this.captures.active) this.captures.tap(Tap.Rx, q, data, now);
    this.kick();
  }

  private toWire(frame: Uint8Array, now: number): void {
    if (this.captures.active) this.captures.tap(Tap.WireOut, -1, frame, now);
    if (this.faultOut.pending === 0 && isZero(this.faultOut.config)) this.wireQueue.push(frame);
    else this.faultOut.push(frame, now);
  }

  private kick(): void {
    if (!this.autoFlush || this.turnScheduled || this.closed) return;
    this.turnScheduled = true;
    setImmediate(this.onTurn);
  }

  private armTimer(now: number): void {
    if (!this.autoFlush || this.closed) return;
    const at = Math.min(this.faultIn.nextDeadline(), this.faultOut.nextDeadline());
    if (at === this.timerAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = at;
    if (at === Infinity) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.timerAt = Infinity;
        this.pump();
      },
      Math.max(0, Math.ceil((at - now) / 1000)),
    );
  }
}
