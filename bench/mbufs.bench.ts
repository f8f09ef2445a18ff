// Issue 15's choice for received frames, measured: copy each frame once out
// of the NATS message into an mbuf of the core's pool (what rx-queue.ts
// does), or keep the frame where it arrived and retain the NATS message under
// a budget of bytes (refcounted per message, released when its last frame
// is done).
//   - CPU, ns per frame, for an RxBurst of 64 frames of 130 B (a memcached
//     request) and of 1514 B (MTU): decode + the variant's take + release,
//     the two variants alternating in every repeat so machine noise hits both.
//   - Memory a held frame pins (a recv event carried for a slow app): with a
//     copy, one mbuf (2048 B); with the message retained, what the message is
//     a view of. The NATS client hands each message as a view into the
//     socket read buffer it parsed it from (nats-core parser.js:
//     `buf.subarray(...)`), so retaining one frame keeps that whole read
//     chunk alive: measured here on a real nats-server, as distinct
//     ArrayBuffer bytes per message.
import { RxBurstWriter, decodeRxBurst, generateUsers, startNatsServer, type RxFrame } from "@ix/bus";
import { connect } from "@nats-io/transport-node";
import { MbufPool, MBUF_SIZE } from "../services/dataplane/src/mbuf-pool.ts";
import type { BenchOptions, Figures } from "./support/types.ts";

const N = 64;

function burst(size: number): Uint8Array {
  const frames: RxFrame[] = Array.from({ length: N }, (_, i) => ({
    data: new Uint8Array(size).fill(i & 0xff),
    rxTimeUs: 1_764_500_000_000_000 + i,
    rssHash: 0x9e3779b9 ^ i,
    flowGroup: i & 127,
  }));
  return new RxBurstWriter().encode(0, frames).slice();
}

/** The alternative: the message's bytes retained under a budget, one record per message, one reference per frame. */
class MessageBudget {
  bytes = 0;
  refused = 0;
  readonly budget: number;
  constructor(budget: number) {
    this.budget = budget;
  }
  take(msg: Uint8Array, frames: number): { refs: number; bytes: number } | null {
    if (this.bytes + msg.byteLength > this.budget) {
      this.refused++;
      return null;
    }
    this.bytes += msg.byteLength;
    return { refs: frames, bytes: msg.byteLength };
  }
  release(rec: { refs: number; bytes: number }): void {
    if (--rec.refs === 0) this.bytes -= rec.bytes;
  }
}

function cpu(size: number, iterations: number, repeats: number): { copy: number; retain: number } {
  const msg = burst(size);
  const pool = new MbufPool(4096);
  const budget = new MessageBudget(4096 * MBUF_SIZE);
  const frames: RxFrame[] = [];
  const keep = (f: RxFrame): void => void frames.push(f);
  const records: ({ refs: number; bytes: number } | null)[] = new Array(N).fill(null);
  const copyOnce = (): number => {
    frames.length = 0;
    decodeRxBurst(msg, keep);
    let n = 0;
    for (const f of frames) {
      const d = pool.copyIn(f.data, "rx");
      if (d === null) continue;
      f.data = d;
      n += d.length;
    }
    for (const f of frames) pool.release(f.data);
    return n;
  };
  const retain = (): number => {
    frames.length = 0;
    decodeRxBurst(msg, keep);
    const rec = budget.take(msg, frames.length);
    let n = 0;
    for (let i = 0; i < frames.length; i++) {
      records[i] = rec;
      n += frames[i].data.length;
    }
    for (let i = 0; i < frames.length; i++) {
      const r = records[i];
      if (r) budget.release(r);
      records[i] = null;
    }
    return n;
  };
  const time = (body: () => number): number => {
    let sink = 0;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) sink += body();
    const ns = Number(process.hrtime.bigint() - t0);
    if (sink === -1) console.log("unreachable");
    return ns / (iterations * N);
  };
  for (let i = 0; i < 2000; i++) {
    copyOnce(); // warm-up
    retain();
  }
  const copies: number[] = [];
  const retains: number[] = [];
  for (let r = 0; r < repeats; r++) {
    copies.push(time(copyOnce));
    retains.push(time(retain));
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  if (pool.inUse !== 0 || budget.bytes !== 0) throw new Error("the variants leaked");
  return { copy: median(copies), retain: median(retains) };
}

/** Bytes of distinct ArrayBuffers the messages of `count` RxBursts are views of, per message, on a real nats-server. */
async function pinnedPerMessage(size: number, count: number): Promise<{ message: number; pinned: number }> {
  const users = generateUsers([]);
  const server = await startNatsServer({ users });
  const cred = (kind: string) => users.find((u) => u.kind === kind)!;
  const nic = await connect({ servers: server.url, user: cred("nic").user, pass: cred("nic").password });
  const dp = await connect({
    servers: server.url,
    user: cred("dataplane").user,
    pass: cred("dataplane").password,
  });
  try {
    const msg = burst(size);
    const buffers = new Set<ArrayBufferLike>();
    let bytes = 0;
    let got = 0;
    const all = new Promise<void>((resolve) => {
      dp.subscribe("ix.nic.rx.0", {
        callback: (_e, m) => {
          buffers.add(m.data.buffer);
          bytes += m.data.byteLength;
          if (++got === count) resolve();
        },
      });
    });
    await dp.flush();
    for (let i = 0; i < count; i++) nic.publish("ix.nic.rx.0", msg);
    await nic.flush();
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`only ${got} of ${count} RxBursts arrived in 30 s`)), 30_000).unref(),
    );
    await Promise.race([all, timeout]);
    let pinned = 0;
    for (const b of buffers) pinned += b.byteLength;
    return { message: bytes / count, pinned: pinned / count };
  } finally {
    await nic.close();
    await dp.close();
    await server.stop();
  }
}

export async function run(o: BenchOptions): Promise<Figures> {
  const iterations = o.quick ? 3000 : 20000;
  const out: Figures = {};
  for (const size of [130, 1514]) {
    const c = cpu(size, iterations, o.quick ? 3 : 5);
    const m = await pinnedPerMessage(size, o.quick ? 200 : 1000);
    out[`frame${size}`] = {
      copyNsPerFrame: Math.round(c.copy * 10) / 10,
      retainNsPerFrame: Math.round(c.retain * 10) / 10,
      messageBytes: Math.round(m.message),
      // A held frame: one mbuf with the copy; with the message retained, the message's share of the read buffers it pins (at least the whole message).
      pinnedBytesPerHeldFrameCopy: MBUF_SIZE,
      pinnedBytesPerHeldFrameRetain: Math.round(Math.max(m.message, m.pinned)),
    };
    o.log(
      `mbufs: ${size} B frames: copy ${c.copy.toFixed(1)} ns/frame, retain ${c.retain.toFixed(1)} ns/frame; ` +
        `a held frame pins ${MBUF_SIZE} B copied or ${Math.round(Math.max(m.message, m.pinned))} B retained (message ${Math.round(m.message)} B)`,
    );
  }
  return out;
}
