// Flow-group export/import (IX's TCP-friendly migration): all state of one
// group serialised with ByteWriter. Times travel as remaining microseconds so
// the importer's clock need not match. Undelivered events of the group's
// connections move too, keeping their order, and so do its TIME-WAIT records
// (a retransmitted FIN must still be ACKed, and old duplicates kept out, on
// the new owner). Format version 2:
//   u32 magic "IXFG", u8 version, u16 fg, u16 retaSize, u32 nextId,
//   u32 count, count x connection, u32 count, count x time-wait record,
//   u32 count, count x event.
// A time-wait record: u32 remoteIp, u16 remotePort, u16 localPort,
//   u32 sndNxt, u32 rcvNxt, u16 window, f64 microseconds left.

import type { StackEvent } from "./events.ts";
import { Errno } from "./errors.ts";
import { FlowGroup } from "./flow-group.ts";
import { HANDLE_FG_SCALE } from "../handle.ts";
import type { StackBase } from "./stack-base.ts";
import { SendBuffer } from "../tcp/send-buffer.ts";
import { Tcb, type TcpStateCode } from "../tcp/tcb.ts";
import { TimeWaitRecord } from "../tcp/time-wait-table.ts";
import { ByteReader, ByteWriter } from "../util/bytes.ts";
import { releaseEventData } from "../util/rx-buffers.ts";
import { dropReceived } from "../tcp/lifecycle.ts";

const MAGIC = 0x49584647;
const VERSION = 2;
const BOOL_FIELDS = [
  "passive",
  "embryonic",
  "knocked",
  "appOpen",
  "appClosed",
  "deadSent",
  "finished",
  "offerWscale",
  "finQueued",
  "ackNow",
  "rttTiming",
  "nagle",
] as const;
const U32_FIELDS = [
  "iss",
  "sndUna",
  "sndNxt",
  "sndMax",
  "sndWl1",
  "sndWl2",
  "dataSeq",
  "irs",
  "rcvNxt",
  "rcvAdvEdge",
  "rttSeq",
] as const;
const NUM_FIELDS = [
  "sndWnd",
  "maxSndWnd",
  "sndWscale",
  "rcvWscale",
  "sndMss",
  "rcvBufSize",
  "rcvUnread",
  "ackPending",
  "retries",
  "persistBackoff",
] as const;
const TIMER_FIELDS = ["rtoAt", "delackAt", "persistAt", "finWait2At", "rttStart"] as const;
const EV_TYPES = ["knock", "connected", "recv", "sent", "dead"] as const;
const DEAD_REASONS = ["fin", "reset", "timeout"] as const;

function writeTcb(w: ByteWriter, t: Tcb, now: number): void {
  w.u32(t.id);
  w.f64(t.cookie);
  w.u8(t.state);
  w.u16(t.localPort);
  w.u32(t.remoteIp);
  w.u16(t.remotePort);
  let bits = 0;
  BOOL_FIELDS.forEach((k, i) => {
    if (t[k]) bits |= 1 << i;
  });
  w.u16(bits);
  for (const k of U32_FIELDS) w.u32(t[k]);
  for (const k of NUM_FIELDS) w.f64(t[k]);
  // Deadlines as time left (-1 = off); rttStart as time elapsed.
  for (const k of TIMER_FIELDS)
    w.f64(k === "rttStart" ? now - t.rttStart : t[k] === Infinity ? -1 : Math.max(0, t[k] - now));
  w.f64(t.rtt.srtt);
  w.f64(t.rtt.rttvar);
  w.f64(t.rtt.baseRto);
  w.u8(t.rtt.backoff);
  w.f64(t.cc.cwnd);
  w.f64(t.cc.ssthresh);
  w.f64(t.cc.caAcked);
  w.u16(t.cc.dupAcks);
  w.u8(t.cc.inRecovery ? 1 : 0);
  w.u32(t.cc.recover);
  w.bytes(t.sndBuf.buf.subarray(t.sndBuf.head, t.sndBuf.tail));
  w.u16(t.ooo.segments.length);
  for (const s of t.ooo.segments) {
    w.u32(s.seq);
    w.u8(s.fin ? 1 : 0);
    w.bytes(s.data);
  }
  w.u32(t.pendingRecv.length);
  for (const d of t.pendingRecv) w.bytes(d);
}

function readTcb(r: ByteReader, st: StackBase, fg: number, now: number): Tcb {
  const id = r.u32();
  const cookie = r.f64();
  const state = r.u8();
  if (state > 9) throw new RangeError("bad state");
  const t = new Tcb(st.tcpCfg, fg, id, r.u16(), r.u32(), r.u16());
  t.cookie = cookie;
  t.state = state as TcpStateCode;
  const bits = r.u16();
  BOOL_FIELDS.forEach((k, i) => {
    t[k] = (bits & (1 << i)) !== 0;
  });
  for (const k of U32_FIELDS) t[k] = r.u32();
  for (const k of NUM_FIELDS) t[k] = r.f64();
  for (const k of TIMER_FIELDS) {
    const v = r.f64();
    if (k === "rttStart") t.rttStart = now - v;
    else t[k] = v < 0 ? Infinity : now + v;
  }
  t.rtt.srtt = r.f64();
  t.rtt.rttvar = r.f64();
  t.rtt.baseRto = r.f64();
  t.rtt.backoff = r.u8();
  t.cc.mss = t.sndMss;
  t.cc.cwnd = r.f64();
  t.cc.ssthresh = r.f64();
  t.cc.caAcked = r.f64();
  t.cc.dupAcks = r.u16();
  t.cc.inRecovery = r.u8() === 1;
  t.cc.recover = r.u32();
  const snd = r.bytes();
  t.sndBuf = new SendBuffer(Math.max(st.tcpCfg.sndBuf, snd.length), Math.max(snd.length, 256));
  t.sndBuf.append(snd);
  const nOoo = r.u16();
  for (let i = 0; i < nOoo; i++) {
    const seq = r.u32();
    const fin = r.u8() === 1;
    t.ooo.insert(seq, r.bytes().slice(), fin);
  }
  const nPending = r.u32();
  for (let i = 0; i < nPending; i++) t.pendingRecv.push(r.bytes().slice());
  return t;
}

function writeTimeWait(w: ByteWriter, r: TimeWaitRecord, now: number): void {
  w.u32(r.remoteIp);
  w.u16(r.remotePort);
  w.u16(r.localPort);
  w.u32(r.sndNxt);
  w.u32(r.rcvNxt);
  w.u16(r.window);
  w.f64(Math.max(0, r.expiresAt - now));
}

function readTimeWait(r: ByteReader, now: number): TimeWaitRecord {
  const remoteIp = r.u32();
  const remotePort = r.u16();
  const localPort = r.u16();
  const sndNxt = r.u32();
  const rcvNxt = r.u32();
  const window = r.u16();
  const left = r.f64();
  if (!(left >= 0) || left === Infinity) throw new RangeError("bad time-wait deadline");
  return new TimeWaitRecord({
    remoteIp,
    remotePort,
    localPort,
    sndNxt,
    rcvNxt,
    window,
    expiresAt: now + left,
  });
}

function eventHandle(e: StackEvent): number {
  return "handle" in e ? e.handle : -1;
}

function writeEvent(w: ByteWriter, e: StackEvent): void {
  w.u8(EV_TYPES.indexOf(e.type as (typeof EV_TYPES)[number]));
  w.f64(eventHandle(e));
  switch (e.type) {
    case "knock":
      w.u32(e.srcIp);
      w.u16(e.srcPort);
      w.u16(e.dstPort);
      break;
    case "connected":
      w.f64(e.cookie);
      w.u8(e.ok ? 1 : 0);
      break;
    case "recv":
      w.f64(e.cookie);
      w.bytes(e.data);
      break;
    case "sent":
      w.f64(e.cookie);
      w.f64(e.bytes);
      w.f64(e.window);
      break;
    case "dead":
      w.f64(e.cookie);
      w.u8(DEAD_REASONS.indexOf(e.reason));
      break;
  }
}

function readEvent(r: ByteReader): StackEvent {
  const type = EV_TYPES[r.u8()];
  const handle = r.f64();
  switch (type) {
    case "knock":
      return { type, handle, srcIp: r.u32(), srcPort: r.u16(), dstPort: r.u16() };
    case "connected":
      return { type, handle, cookie: r.f64(), ok: r.u8() === 1 };
    case "recv":
      return { type, handle, cookie: r.f64(), data: r.bytes().slice() };
    case "sent":
      return { type, handle, cookie: r.f64(), bytes: r.f64(), window: r.f64() };
    case "dead": {
      const cookie = r.f64();
      const reason = DEAD_REASONS[r.u8()];
      if (reason === undefined) throw new RangeError("bad dead reason");
      return { type, handle, cookie, reason };
    }
    default:
      throw new RangeError("bad event type");
  }
}

export function exportGroup(st: StackBase, fg: number): Uint8Array {
  const now = st.now;
  const g = st.groups[fg];
  const w = new ByteWriter(4096);
  w.u32(MAGIC);
  w.u8(VERSION);
  w.u16(fg);
  w.u16(st.opts.retaSize);
  w.u32(g?.nextId ?? 1);
  const conns = g ? [...g.byId.values()] : [];
  w.u32(conns.length);
  for (const t of conns) writeTcb(w, t, now);
  w.u32(g?.timeWait.size ?? 0);
  if (g !== undefined) for (const r of g.timeWait.records()) writeTimeWait(w, r, now);
  // Move the group's undelivered events, keeping the rest in order.
  const moved: StackEvent[] = [];
  const kept: StackEvent[] = [];
  for (const e of st.events) {
    const h = eventHandle(e);
    (h >= 0 && Math.floor(h / HANDLE_FG_SCALE) === fg ? moved : kept).push(e);
  }
  w.u32(moved.length);
  for (const e of moved) writeEvent(w, e);
  const out = w.finish();
  // Remove: timers, totals, tables, ownership.
  if (g !== undefined) {
    for (const t of conns) if (t.timerId >= 0) g.wheel.cancel(t.timerId);
    st.embryonicTotal -= g.embryonic;
    st.unacceptedTotal -= g.unaccepted;
    st.liveTotal -= g.live;
    st.timeWaitTotal -= g.timeWait.size;
  }
  // The state left as bytes: the received data it held is released.
  for (const t of conns) dropReceived(st, t);
  for (const e of moved) releaseEventData(e, st.rxBuffers);
  st.events.length = 0;
  for (const e of kept) st.events.push(e);
  st.groups[fg] = undefined;
  st.owned[fg] = 0;
  st.counters.flowGroupsExported++;
  return out;
}

export function importGroup(st: StackBase, bytes: Uint8Array): number {
  const now = st.now;
  let g: FlowGroup;
  let events: StackEvent[];
  try {
    const r = new ByteReader(bytes);
    if (r.u32() !== MAGIC || r.u8() !== VERSION) return -Errno.EINVAL;
    const fg = r.u16();
    if (r.u16() !== st.opts.retaSize || fg >= st.opts.retaSize) return -Errno.EINVAL;
    const existing = st.groups[fg];
    if (existing !== undefined && !existing.isEmpty()) return -Errno.EBUSY;
    g = new FlowGroup(fg, now);
    g.nextId = r.u32() || 1;
    const n = r.u32();
    for (let i = 0; i < n; i++) {
      const t = readTcb(r, st, fg, now);
      if (t.finished) g.byId.set(t.id, t);
      else g.insert(t);
      if (t.embryonic) g.embryonic++;
      if (t.knocked) g.unaccepted++;
    }
    const ntw = r.u32();
    for (let i = 0; i < ntw; i++) {
      const tw = readTimeWait(r, now);
      if (g.lookup(tw.remoteIp, tw.remotePort, tw.localPort) !== undefined) throw new RangeError("dup tuple");
      if (g.timeWait.lookup(tw.remoteIp, tw.remotePort, tw.localPort) === undefined) g.timeWait.add(tw);
    }
    const ne = r.u32();
    events = [];
    for (let i = 0; i < ne; i++) events.push(readEvent(r));
  } catch {
    return -Errno.EINVAL; // truncated or malformed: nothing was installed
  }
  st.groups[g.fg] = g;
  st.owned[g.fg] = 1;
  st.embryonicTotal += g.embryonic;
  st.unacceptedTotal += g.unaccepted;
  st.liveTotal += g.live;
  // Records come in even past maxTimeWait: dropping them would break the
  // promise TIME-WAIT makes; the bound applies to new ones.
  st.timeWaitTotal += g.timeWait.size;
  for (const t of g.byId.values()) {
    t.timerId = -1;
    t.timerAt = Infinity;
    st.armTimer(t);
  }
  for (const e of events) st.events.push(e);
  st.counters.flowGroupsImported++;
  return g.fg;
}
