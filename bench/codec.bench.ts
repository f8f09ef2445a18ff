// The hot messages' codecs: protobufjs's generated code (what main used)
// against the hand codecs into reused arenas (lib/bus proto-wire.ts), on the
// messages of one busy cycle: an RxBurst and a TxBurst of 64 memcached-sized
// frames, an EventBatch of 64 recv events and a SyscallBatch of 64 sendv
// calls. Figures are nanoseconds per frame (or event, or call) and bytes
// allocated per frame (process heap growth with GC between runs, coarse);
// the two variants alternate in every repeat so machine noise hits both.
import { ix } from "@ix/proto";
import { ProtoWriter, RxBurstWriter, TxBurstWriter, decodeRxBurst, type RxFrame } from "@ix/bus";
import { HANDLE_FG_SCALE, type StackEvent } from "@ix/netstack";
import { EventBatchWriter } from "../services/dataplane/src/events.ts";
import { encodeSyscallBatch } from "../lib/libix/src/syscall-batch.ts";
import type { BenchOptions, Figures } from "./support/types.ts";

const N = 64;
const frame = (i: number): Uint8Array => new Uint8Array(130).fill(i & 0xff);
const FRAMES: RxFrame[] = Array.from({ length: N }, (_, i) => ({
  data: frame(i),
  rxTimeUs: 1_764_500_000_000_000 + i,
  rssHash: 0x9e3779b9 ^ i,
  flowGroup: i & 127,
}));
const TX: Uint8Array[] = FRAMES.map((f) => f.data);
const PAYLOAD = new Uint8Array(64).fill(0x61);
const EVENTS: StackEvent[] = Array.from({ length: N }, (_, i) => ({
  type: "recv",
  cookie: i + 1,
  handle: HANDLE_FG_SCALE * (i & 127) + i,
  data: PAYLOAD,
}));
const CALLS: ix.ISyscall[] = Array.from({ length: N }, (_, i) => ({
  kind: ix.SyscallKind.SYS_SENDV,
  handle: HANDLE_FG_SCALE * (i & 127) + i,
  bufs: [PAYLOAD],
}));

/** The recv events as main built them (an ix.IEvent per event) before protobufjs encoded them. */
const asIEvent = (e: StackEvent): ix.IEvent =>
  e.type === "recv" ? { kind: ix.EventKind.EV_RECV, cookie: e.cookie, handle: e.handle, data: e.data } : {};

type Variant = () => number;

/** ns per item for `iterations` runs of `body` (each handles N items), after a warm-up. */
function nsPerItem(body: Variant, iterations: number): number {
  let sink = 0;
  for (let i = 0; i < Math.min(iterations, 2000); i++) sink += body();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink += body();
  const ns = Number(process.hrtime.bigint() - t0);
  if (sink === -1) console.log("unreachable");
  return ns / (iterations * N);
}

export async function run(o: BenchOptions): Promise<Figures> {
  const iterations = o.quick ? 3000 : 20000;
  const repeats = 3;
  const rxw = new RxBurstWriter();
  const txw = new TxBurstWriter();
  const evw = new EventBatchWriter();
  const sysw = new ProtoWriter();
  const rxBytes = ix.RxBurst.encode({ queue: 1, frames: FRAMES }).finish();
  const pairs: Record<string, { protobufjs: Variant; hand: Variant }> = {
    rxBurstEncode: {
      protobufjs: () => ix.RxBurst.encode({ queue: 1, frames: FRAMES }).finish().length,
      hand: () => rxw.encode(1, FRAMES).length,
    },
    rxBurstDecode: {
      // main decoded, then copied each frame into an RxFrame (core-bus.ts)
      protobufjs: () =>
        ix.RxBurst.decode(rxBytes).frames.map((f) => ({
          data: f.data,
          rxTimeUs: f.rxTimeUs,
          flowGroup: f.flowGroup,
          rssHash: f.rssHash,
        })).length,
      hand: () => {
        let n = 0;
        decodeRxBurst(rxBytes, () => n++);
        return n;
      },
    },
    txBurstEncode: {
      protobufjs: () => ix.TxBurst.encode({ queue: 1, frames: TX }).finish().length,
      hand: () => txw.encode(1, TX, N, 64).length,
    },
    eventBatchEncode: {
      protobufjs: () =>
        ix.EventBatch.encode({
          core: 1,
          seq: 7,
          events: EVENTS.map(asIEvent),
          resultsSeq: 6,
          results: [],
        }).finish().length,
      hand: () => {
        evw.begin(1, 7);
        for (const e of EVENTS) evw.stackEvent(e);
        return evw.end(6, []).length;
      },
    },
    syscallBatchEncode: {
      protobufjs: () =>
        ix.SyscallBatch.encode({ core: 1, seq: 7, calls: CALLS, app: "memcached#0a1b2c" }).finish().length,
      hand: () => encodeSyscallBatch(sysw, 1, 7, CALLS, "memcached#0a1b2c").length,
    },
  };
  const out: Figures = {};
  for (const [name, v] of Object.entries(pairs)) {
    const samples = { protobufjs: [] as number[], hand: [] as number[] };
    for (let r = 0; r < repeats; r++) {
      samples.protobufjs.push(nsPerItem(v.protobufjs, iterations));
      samples.hand.push(nsPerItem(v.hand, iterations));
    }
    const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const range = (xs: number[]): string => `${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)}`;
    out[name] = {
      protobufjsNsPerItem: Math.round(med(samples.protobufjs)),
      handNsPerItem: Math.round(med(samples.hand)),
      protobufjsRangeNs: range(samples.protobufjs),
      handRangeNs: range(samples.hand),
      speedup: Number((med(samples.protobufjs) / med(samples.hand)).toFixed(2)),
    };
    o.log(
      `${name}: protobufjs ${range(samples.protobufjs)} ns/item, hand ${range(samples.hand)} ns/item (${repeats} repeats)`,
    );
  }
  return out;
}
