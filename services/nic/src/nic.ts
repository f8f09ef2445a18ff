// The NIC's datapath, free of NATS and sockets so it can be tested directly:
// frames from the wire go through inbound faults, the MAC filter, ARP offload
// and RSS into bounded RX rings; frames from the cores go through outbound
// faults to the wire ports. Wire output is batched per event-loop turn. RX is
// self-clocked (burst-clock.ts): a queue's frames wait in its ring while
// `rxBurstsInFlight` bursts are unanswered and leave, up to the core's B (and
// `burstSize`), when the core's credits come back.
import { ArpOffload } from "./arp-offload.ts";
import { Captures, Tap } from "./capture.ts";
import { FaultInjector, Rng, macEquals, type FaultConfig } from "./netstack.ts";
import { FrameKind, RssClassifier } from "./rss-classifier.ts";
import { RxRing } from "./rx-ring.ts";
import { BurstClock } from "./burst-clock.ts";
import type { RxFrame } from "@ix/bus";

export const WIRE_SIDES = ["udp", "nats", "tap"] as const;
export const WireSide = { Udp: 0, Nats: 1, Tap: 2 } as const;

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
  /** RX bursts a queue may have unanswered by credits (default DEFAULT_RX_BURSTS_IN_FLIGHT). */
  rxBurstsInFlight?: number;
  /** A queue waiting this long (us) for credits while frames wait is re-armed (default 100 ms). */
  creditTimeoutUs?: number;
  /**
   * Frames a core with a small B may have in flight: the bound on bursts
   * rises to ceil(this / B) (default DEFAULT_RX_FRAMES_IN_FLIGHT; 0: bursts
   * only). burst-clock.ts says why.
   */
  rxFramesInFlight?: number;
}

// Two: while the core works on one burst the next is already there, so the
// credits' way back to the NIC (two NATS hops) does not stall the core.
export const DEFAULT_RX_BURSTS_IN_FLIGHT = 2;
// Sixteen: at B=1 and 2 the core gets 16 bursts (the max rate measured with
// 2, 4, 8, 16 and 32 bursts in flight at B=1 rose to 16 and then stopped
// rising, on this 2-CPU machine); from B=8 on the bound is the 2 above.
export const DEFAULT_RX_FRAMES_IN_FLIGHT = 16;
export const DEFAULT_CREDIT_TIMEOUT_US = 100_000;

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
  /** Per wire side (WIRE_SIDES): frames received from / sent to it. */
  readonly wireIn = [0, 0, 0];
  readonly wireOut = [0, 0, 0];
  readonly drops: Record<DropReason, number> = {
    runt: 0,
    oversize: 0,
    mac_filter: 0,
    ring_full: 0,
    bad_queue: 0,
    malformed: 0,
  };
  /** Receives each RX burst during flush(); `frames` and its slots are reused after it returns. */
  rxSink: (queue: number, frames: readonly RxFrame[]) => void = () => undefined;
  /** Per queue: bursts in flight to the core, and the re-arm after lost credits. */
  readonly clocks: BurstClock[];
  /** Per queue: the core's B as its last TxBurst stated (0: not known; burstSize bounds). */
  readonly coreBatch: number[];
  /** Per queue: RX bursts sent (frames per burst = rings[q].delivered / this). */
  readonly rxBursts: number[];
  private readonly wires: WirePort[] = [];
  /** Per queue: frames waiting in the ring for the core (a FIFO of reused slots, at most ringSize). */
  private readonly pending: RxFrame[][];
  private readonly pendingHead: number[];
  private readonly pendingCount: number[];
  private readonly burst: RxFrame[] = [];
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
    this.pendingHead = new Array<number>(o.queues).fill(0);
    this.pendingCount = new Array<number>(o.queues).fill(0);
    const inFlight = o.rxBurstsInFlight ?? DEFAULT_RX_BURSTS_IN_FLIGHT;
    const timeout = o.creditTimeoutUs ?? DEFAULT_CREDIT_TIMEOUT_US;
    const floor = o.rxFramesInFlight ?? DEFAULT_RX_FRAMES_IN_FLIGHT;
    this.clocks = Array.from({ length: o.queues }, () => new BurstClock(inFlight, timeout, floor));
    this.coreBatch = new Array<number>(o.queues).fill(0);
    this.rxBursts = new Array<number>(o.queues).fill(0);
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

  /**
   * A core gave back `descriptors` RX descriptors of `queue` (its TxBurst's
   * credits) and stated its batch bound `batchLimit` (0: unknown). Frames
   * waiting in the ring may leave now.
   */
  credit(queue: number, descriptors: number, batchLimit = 0): void {
    if (!(queue >= 0 && queue < this.rings.length)) {
      this.drops.bad_queue++;
      return;
    }
    if (batchLimit > 0) {
      this.coreBatch[queue] = batchLimit;
      this.clocks[queue].setBatchLimit(batchLimit);
    }
    if (descriptors > 0) {
      this.rings[queue].credit(descriptors);
      this.clocks[queue].credited(descriptors, this.clock());
    }
    if (this.pendingCount[queue] > 0) this.kick();
  }

  /** Frames waiting in `queue`'s ring for the core's credits. */
  waiting(queue: number): number {
    return this.pendingCount[queue];
  }

  /**
   * The RETA changed: every frame waiting in a ring leaves now, whatever is
   * in flight, so frames of a migrating group reach the source core (which
   * forwards them) before the target's transition window ends (order kept).
   */
  drainRings(): void {
    const now = this.clock();
    for (let q = 0; q < this.pending.length; q++) while (this.pendingCount[q] > 0) this.sendBurst(q, now);
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

  /** Sends the RX bursts the queues' clocks allow (re-arming overdue ones) and every wire frame. */
  flush(): void {
    const now = this.clock();
    for (let q = 0; q < this.pending.length; q++) {
      if (this.pendingCount[q] === 0) continue;
      const clock = this.clocks[q];
      const lost = clock.rearmIfOverdue(now);
      if (lost > 0) this.rings[q].credit(lost);
      while (this.pendingCount[q] > 0 && clock.open) this.sendBurst(q, now);
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

  /** One RX burst from the head of `queue`'s ring: up to the core's B (and burstSize) frames. */
  private sendBurst(q: number, now: number): void {
    const b = this.coreBatch[q];
    const n = Math.min(this.pendingCount[q], b > 0 && b < this.burstSize ? b : this.burstSize);
    const slots = this.pending[q];
    const cap = this.rings[q].size;
    const burst = this.burst;
    let at = this.pendingHead[q];
    for (let i = 0; i < n; i++) {
      burst.push(slots[at]);
      at = at + 1 === cap ? 0 : at + 1;
    }
    this.rxSink(q, burst);
    for (let i = 0; i < n; i++) burst[i].data = EMPTY; // release the frame buffers
    burst.length = 0;
    this.pendingHead[q] = at;
    this.pendingCount[q] -= n;
    this.rxBursts[q]++;
    this.clocks[q].sent(n, now);
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
    const ring = this.rings[q];
    // A ring whose waiting frames fill it is full even if late credits freed descriptors.
    if (this.pendingCount[q] === ring.size) ring.missed++;
    if (this.pendingCount[q] === ring.size || !ring.take()) {
      this.drops.ring_full++;
      return;
    }
    this.rxBytes[q] += data.length;
    const slots = this.pending[q];
    const pos = (this.pendingHead[q] + this.pendingCount[q]++) % ring.size;
    if (pos === slots.length) slots.push({ data, rxTimeUs: now, rssHash, flowGroup });
    else {
      const s = slots[pos];
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
    let at = Math.min(this.faultIn.nextDeadline(), this.faultOut.nextDeadline());
    for (let q = 0; q < this.clocks.length; q++)
      if (this.pendingCount[q] > 0 && this.clocks[q].deadline < at) at = this.clocks[q].deadline;
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
