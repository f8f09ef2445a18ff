// The two frame-carrying messages between the NIC and a core, by hand
// (proto-wire.ts says why): ix.RxBurst (NIC -> core, ix.nic.rx.<q>) and
// ix.TxBurst (core -> NIC, ix.nic.tx.<q>). Field numbers are proto/ix.proto's;
// the codec tests hold these against proto/gen's encoders and decoders.
import { ProtoReader, ProtoWriter, WireType } from "./proto-wire.ts";
import type { RxFrame } from "./frame.ts";

// ix.RxBurst
const RXB_QUEUE = 1;
const RXB_FRAMES = 2;
const RXB_BURSTS_IN_FLIGHT = 3;
// ix.Frame
const F_DATA = 1;
const F_RX_TIME_US = 2;
const F_RSS_HASH = 3;
const F_FLOW_GROUP = 4;
// ix.TxBurst
const TXB_QUEUE = 1;
const TXB_FRAMES = 2;
const TXB_CREDITS = 3;
const TXB_BATCH_LIMIT = 4;

/** Encodes RxBursts into one reused arena: no allocation per frame. */
export class RxBurstWriter {
  private readonly w = new ProtoWriter();
  /** The NIC's bound on the queue's bursts in flight, stated in each burst encoded (0: not stated); it may change between bursts. */
  burstsInFlight: number;

  /** `burstsInFlight`: the bound stated until it is changed (0: not stated). */
  constructor(burstsInFlight = 0) {
    this.burstsInFlight = burstsInFlight;
  }

  /** One RxBurst of `frames[start, start + count)` (each frame's data copied once, into the message). */
  encode(queue: number, frames: readonly RxFrame[], start = 0, count = frames.length - start): Uint8Array {
    const w = this.w;
    w.reset();
    w.uintField(RXB_QUEUE, queue);
    for (let i = start; i < start + count; i++) {
      const f = frames[i];
      w.tag(RXB_FRAMES, WireType.Len);
      w.fork();
      w.bytesField(F_DATA, f.data);
      w.doubleField(F_RX_TIME_US, f.rxTimeUs);
      w.uintField(F_RSS_HASH, f.rssHash);
      w.uintField(F_FLOW_GROUP, f.flowGroup);
      w.ldelim();
    }
    if (this.burstsInFlight > 0) w.uintField(RXB_BURSTS_IN_FLIGHT, this.burstsInFlight);
    return w.finish();
  }
}

/** What an RxBurst says besides its frames. */
export interface RxBurstHeader {
  queue: number;
  /** The NIC's bound on the queue's bursts in flight; 0: not stated. */
  burstsInFlight: number;
}

const EMPTY = new Uint8Array(0);
const reader = new ProtoReader();
const frameReader = new ProtoReader();

/**
 * Decodes an RxBurst: `onFrame` gets each frame (a fresh RxFrame whose data is
 * a view into `data`, no copy), in order; `header`, when given, gets the
 * other fields (reset first). Returns the number of frames, or -1 if the
 * message is malformed (frames before the fault were delivered).
 */
export function decodeRxBurst(
  data: Uint8Array,
  onFrame: (f: RxFrame) => void,
  header?: RxBurstHeader,
): number {
  const r = reader.reset(data);
  let n = 0;
  if (header) header.queue = header.burstsInFlight = 0;
  while (r.next()) {
    if (r.field !== RXB_FRAMES || r.wireType !== WireType.Len) {
      if (header && r.wireType === WireType.Varint && r.field === RXB_QUEUE) header.queue = r.uint32();
      else if (header && r.wireType === WireType.Varint && r.field === RXB_BURSTS_IN_FLIGHT)
        header.burstsInFlight = r.uint32();
      else r.skip();
      continue;
    }
    if (r.lengthPrefix() < 0) break;
    const f: RxFrame = { data: EMPTY, rxTimeUs: 0, rssHash: 0, flowGroup: 0 };
    const fr = frameReader.reset(data, r.start, r.stop);
    while (fr.next()) {
      if (fr.field === F_DATA && fr.wireType === WireType.Len) f.data = fr.bytes();
      else if (fr.field === F_RX_TIME_US && fr.wireType === WireType.I64) f.rxTimeUs = fr.double();
      else if (fr.field === F_RSS_HASH && fr.wireType === WireType.Varint) f.rssHash = fr.uint32();
      else if (fr.field === F_FLOW_GROUP && fr.wireType === WireType.Varint) f.flowGroup = fr.uint32();
      else fr.skip();
    }
    if (fr.error) return -1;
    onFrame(f);
    n++;
  }
  return r.error ? -1 : n;
}

/** Encodes TxBursts into one reused arena: no allocation per frame. */
export class TxBurstWriter {
  private readonly w = new ProtoWriter();

  /** One TxBurst: the cycle's frames (copied into the message), the RX credits it returns and its B. */
  encode(queue: number, frames: readonly Uint8Array[], credits: number, batchLimit: number): Uint8Array {
    const w = this.w;
    w.reset();
    w.uintField(TXB_QUEUE, queue);
    for (let i = 0; i < frames.length; i++) w.repeatedBytes(TXB_FRAMES, frames[i]);
    w.uintField(TXB_CREDITS, credits);
    w.uintField(TXB_BATCH_LIMIT, batchLimit);
    return w.finish();
  }
}

/** A decoded TxBurst; `frames` is reused by the next decode (views into the message). */
export interface TxBurstView {
  queue: number;
  frames: Uint8Array[];
  credits: number;
  batchLimit: number;
}

/** Decodes a TxBurst into `out` (its frames array is emptied and refilled); false if malformed. */
export function decodeTxBurst(data: Uint8Array, out: TxBurstView): boolean {
  out.queue = 0;
  out.frames.length = 0;
  out.credits = 0;
  out.batchLimit = 0;
  const r = reader.reset(data);
  while (r.next()) {
    if (r.field === TXB_FRAMES && r.wireType === WireType.Len) out.frames.push(r.bytes());
    else if (r.field === TXB_CREDITS && r.wireType === WireType.Varint) out.credits = r.uint32();
    else if (r.field === TXB_BATCH_LIMIT && r.wireType === WireType.Varint) out.batchLimit = r.uint32();
    else if (r.field === TXB_QUEUE && r.wireType === WireType.Varint) out.queue = r.uint32();
    else r.skip();
  }
  return !r.error;
}
