// lib/netstack benchmarks (reported, not asserted):
//  - small-segment receive path: frames/s through Ethernet/IPv4/TCP parse, TCP
//    input, recv event, recvDone and the ACK emitted every second segment, with
//    heap bytes allocated per frame estimated from heapUsed deltas over short
//    GC-free runs;
//  - bulk transfer between two Stacks over a lossless simulated link (MB/s of
//    payload, both directions counted) on the virtual clock.

import { PerformanceObserver } from "node:perf_hooks";
import {
  EtherType,
  IpProtocol,
  Stack,
  TcpFlag,
  emitEthernet,
  emitIpv4Header,
  emitTcp,
  type StackEvent,
} from "../lib/netstack/src/mod.ts";
import { runTransfer } from "../lib/netstack/test/sim-harness.ts";

const MAC_S = new Uint8Array([2, 0, 0, 0, 0, 1]);
const MAC_P = new Uint8Array([2, 0, 0, 0, 0, 2]);
const IP_S = 0x0a000001;
const IP_P = 0x0a000002;

function frame(
  seq: number,
  ack: number,
  flags: number,
  payload: Uint8Array,
  opts?: { mss: number },
): Uint8Array {
  const f = new Uint8Array(34 + 40 + payload.length);
  const n = emitTcp(f, 34, IP_P, IP_S, {
    srcPort: 40000,
    dstPort: 80,
    seq,
    ack,
    flags,
    window: 65535,
    options: opts,
    payload,
  });
  emitIpv4Header(f, 14, { srcIp: IP_P, dstIp: IP_S, protocol: IpProtocol.TCP, payloadLength: n });
  emitEthernet(f, 0, MAC_S, MAC_P, EtherType.IPv4);
  return f.subarray(0, 34 + n);
}

function smallSegments(count: number, payloadLen: number) {
  const now = 0;
  let last: Uint8Array = new Uint8Array(0);
  const s = new Stack({ mac: MAC_S, ip: IP_S, clock: () => now, transmit: (f) => (last = f) });
  s.listen(80);
  // Learn the peer's MAC with an ARP request, then handshake.
  const arp = new Uint8Array(42);
  emitEthernet(arp, 0, new Uint8Array(6).fill(255), MAC_P, EtherType.ARP);
  arp.set([0, 1, 8, 0, 6, 4, 0, 1, ...MAC_P, 10, 0, 0, 2, 0, 0, 0, 0, 0, 0, 10, 0, 0, 1], 14);
  s.input(arp);
  s.input(frame(1000, 0, TcpFlag.SYN, new Uint8Array(0), { mss: 1460 }));
  const siss = ((last[38] << 24) | (last[39] << 16) | (last[40] << 8) | last[41]) >>> 0;
  s.input(frame(1001, siss + 1, TcpFlag.ACK, new Uint8Array(0)));
  const knock = s.events.find((e) => e.type === "knock") as Extract<StackEvent, { type: "knock" }>;
  s.accept(knock.handle, 1);
  s.events.length = 0;
  // Pre-build the frames so the measurement covers only the stack.
  const payload = new Uint8Array(payloadLen).fill(0x61);
  const frames: Uint8Array[] = [];
  for (let i = 0; i < count; i++)
    frames.push(frame(1001 + i * payloadLen, siss + 1, TcpFlag.ACK | TcpFlag.PSH, payload));
  let outBefore = s.counters.framesOut;
  const h = knock.handle;
  const ev = s.events;
  const drain = () => {
    for (let k = 0; k < ev.length; k++) {
      const e = ev[k];
      if (e.type === "recv") s.recvDone(h, e.data.length);
    }
    ev.length = 0;
  };
  // Warm up, then time the rest.
  const warm = Math.min(20_000, count >> 2);
  for (let i = 0; i < warm; i++) {
    s.input(frames[i]);
    drain();
  }
  // Allocation estimate: heapUsed deltas over GC-free chunks.
  let gcs = 0;
  const obs = new PerformanceObserver((l) => (gcs += l.getEntries().length));
  obs.observe({ entryTypes: ["gc"] });
  const perFrame: number[] = [];
  outBefore = s.counters.framesOut;
  const t0 = performance.now();
  const CHUNK = 2000;
  for (let i = warm; i < count; i += CHUNK) {
    const g0 = gcs;
    const m0 = process.memoryUsage().heapUsed;
    const end = Math.min(count, i + CHUNK);
    for (let j = i; j < end; j++) {
      s.input(frames[j]);
      drain();
    }
    const m1 = process.memoryUsage().heapUsed;
    if (gcs === g0 && m1 >= m0) perFrame.push((m1 - m0) / (end - i));
  }
  const ms = performance.now() - t0;
  obs.disconnect();
  perFrame.sort((a, b) => a - b);
  const measured = count - warm;
  return {
    framesPerSec: (measured / ms) * 1000,
    acksPerFrame: (s.counters.framesOut - outBefore) / measured,
    bytesAllocatedPerFrame: perFrame.length > 0 ? perFrame[perFrame.length >> 1] : NaN,
  };
}

export async function run(opts: { quick?: boolean } = {}): Promise<Record<string, number>> {
  const small = smallSegments(opts.quick ? 50_000 : 200_000, 64);
  const bulkTotal = opts.quick ? 5_000_000 : 20_000_000;
  const bulk = runTransfer(1, { delayUs: 200 }, bulkTotal);
  const lossy = runTransfer(1, { delayUs: 200, loss: 0.01 }, 5_000_000);
  return {
    small_segment_rx_frames_per_s: Math.round(small.framesPerSec),
    small_segment_acks_per_frame: Number(small.acksPerFrame.toFixed(3)),
    small_segment_heap_bytes_per_frame: Math.round(small.bytesAllocatedPerFrame),
    bulk_two_stacks_mb_per_s: Number(((2 * bulkTotal) / 1e6 / (bulk.wallMs / 1000)).toFixed(1)),
    bulk_frames_per_s: Math.round((bulk.sim.frames / bulk.wallMs) * 1000),
    bulk_1pct_loss_mb_per_s: Number(((2 * 5_000_000) / 1e6 / (lossy.wallMs / 1000)).toFixed(1)),
  };
}

if (import.meta.main) {
  console.log(await run());
}
