// Deterministic two-host simulation: Stacks joined by seeded FaultInjectors on
// a virtual clock that jumps to the next deadline (no real timers). Used by
// the sim-*.test.ts files and the benchmark.

import { createHash, type Hash } from "node:crypto";
import { FaultInjector, type FaultConfig } from "../src/device/fault-injector.ts";
import { Rng } from "../src/device/rng.ts";
import type { StackEvent } from "../src/iface/events.ts";
import type { StackOptions } from "../src/iface/options.ts";
import { Stack } from "../src/iface/stack.ts";

export const MAC_A = new Uint8Array([2, 0, 0, 0, 0, 0xa]);
export const MAC_B = new Uint8Array([2, 0, 0, 0, 0, 0xb]);
export const IP_A = 0x0a000001; // 10.0.0.1
export const IP_B = 0x0a000002; // 10.0.0.2

/** Byte i of the test stream of direction `dir`: position-dependent, so reordering or loss shows. */
export function patternByte(i: number, dir: number): number {
  return (i * 7 + Math.floor(i / 2039) + dir * 13) & 0xff;
}

export function fillPattern(buf: Uint8Array, offset: number, dir: number): void {
  for (let k = 0; k < buf.length; k++) buf[k] = patternByte(offset + k, dir);
}

export class Sim {
  now = 0;
  readonly a: Stack;
  readonly b: Stack;
  readonly ab: FaultInjector;
  readonly ba: FaultInjector;
  /** Where frames on the A->B link go (replaceable, e.g. to route by flow group). */
  deliverToB: (f: Uint8Array) => void;
  deliverToA: (f: Uint8Array) => void;
  readonly trace: Hash = createHash("sha256");
  frames = 0;
  /** Extra stacks polled by the loop (e.g. a migration target). */
  readonly extra: Stack[] = [];

  constructor(seed: number, faults: Partial<FaultConfig>, opts: Partial<StackOptions> = {}) {
    const clock = () => this.now;
    this.ab = new FaultInjector(faults, new Rng(seed));
    this.ba = new FaultInjector(faults, new Rng(seed ^ 0x5bd1e995));
    this.a = new Stack({ ...opts, mac: MAC_A, ip: IP_A, clock, transmit: (f) => this.send(this.ab, f) });
    this.b = new Stack({ ...opts, mac: MAC_B, ip: IP_B, clock, transmit: (f) => this.send(this.ba, f) });
    this.deliverToB = (f) => this.b.input(f);
    this.deliverToA = (f) => this.a.input(f);
  }

  /** A stack with B's identity that transmits onto B's link (a second core of host B). */
  makeB(opts: Partial<StackOptions>): Stack {
    const s = new Stack({
      ...opts,
      mac: MAC_B,
      ip: IP_B,
      clock: () => this.now,
      transmit: (f) => this.send(this.ba, f),
    });
    this.extra.push(s);
    return s;
  }

  private send(link: FaultInjector, f: Uint8Array): void {
    // transmit() lends the frame: copy before queueing it.
    const copy = f.slice();
    this.trace.update(copy);
    this.frames++;
    link.push(copy, this.now);
  }

  /**
   * Runs until done() or the virtual time limit; app() handles events after
   * each step. Returns the virtual time reached. Throws when stuck.
   */
  run(done: () => boolean, app: () => void, limitUs: number, maxSteps = 50_000_000): number {
    let steps = 0;
    while (!done()) {
      if (++steps > maxSteps) throw new Error("simulation step limit");
      this.ab.pop(this.now, this.deliverToB);
      this.ba.pop(this.now, this.deliverToA);
      app();
      this.a.poll();
      this.b.poll();
      for (const s of this.extra) s.poll();
      app();
      if (done()) break;
      let next = Math.min(
        this.a.nextDeadline(),
        this.b.nextDeadline(),
        this.ab.nextDeadline(),
        this.ba.nextDeadline(),
      );
      for (const s of this.extra) next = Math.min(next, s.nextDeadline());
      if (next > this.now) {
        if (next === Infinity) throw new Error(`simulation idle at ${this.now} us before done`);
        if (next > limitUs) throw new Error(`simulation time limit ${limitUs} us reached`);
        this.now = next;
      }
    }
    return this.now;
  }
}

/** One side of a bulk transfer: sends `total` bytes, verifies `total` received bytes of the other direction. */
export class BulkEndpoint {
  handle = -1;
  sent = 0;
  received = 0;
  acked = 0;
  closed = false;
  peerClosed = false;
  dead: string | null = null;
  errors: string[] = [];
  private readonly chunk: Uint8Array;
  private pending: Uint8Array = new Uint8Array(0);
  stack: Stack;
  readonly dir: number;
  readonly total: number;

  constructor(stack: Stack, dir: number, total: number, chunkSize = 16384) {
    this.stack = stack;
    this.dir = dir;
    this.total = total;
    this.chunk = new Uint8Array(chunkSize);
  }

  /** Pushes as much data as the send buffer takes; closes when all is sent and acked. */
  pump(): void {
    if (this.handle < 0 || this.closed || this.dead === "reset" || this.dead === "timeout") return;
    while (this.sent < this.total) {
      if (this.pending.length === 0) {
        // Fill the next chunk once; a partially accepted chunk is resent from where it stopped.
        const n = Math.min(this.chunk.length, this.total - this.sent);
        this.pending = this.chunk.subarray(0, n);
        fillPattern(this.pending, this.sent, this.dir);
      }
      const r = this.stack.sendv(this.handle, [this.pending]);
      if (r < 0) {
        this.errors.push(`sendv ${r}`);
        return;
      }
      this.sent += r;
      this.pending = this.pending.subarray(r);
      if (this.pending.length > 0) break;
    }
    // close() is a full close (IX): only once everything was received too.
    if (this.sent === this.total && this.received === this.total) this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    const r = this.stack.close(this.handle);
    if (r < 0) this.errors.push(`close ${r}`);
  }

  onEvent(e: StackEvent): void {
    if (e.type === "recv") {
      const d = e.data;
      for (let k = 0; k < d.length; k++) {
        if (d[k] !== patternByte(this.received + k, 1 - this.dir)) {
          this.errors.push(`byte ${this.received + k} differs`);
          break;
        }
      }
      this.received += d.length;
      const r = this.stack.recvDone(this.handle, d.length);
      if (r < 0) this.errors.push(`recvDone ${r}`);
    } else if (e.type === "sent") {
      this.acked += e.bytes;
    } else if (e.type === "dead") {
      this.dead = e.reason;
      if (e.reason === "fin") this.peerClosed = true;
      else this.close();
    }
  }

  /** All data received and the connection closed (after close() no sent events arrive, so acked may stop short). */
  done(): boolean {
    return this.received === this.total && this.closed;
  }
}

export interface TransferResult {
  sim: Sim;
  a: BulkEndpoint;
  b: BulkEndpoint;
  virtualUs: number;
  wallMs: number;
  traceHash: string;
}

/**
 * A connects to B:80; both send `total` bytes and verify what they receive;
 * both close once done; runs until both stacks hold no connection (TIME_WAIT over).
 */
export function runTransfer(
  seed: number,
  faults: Partial<FaultConfig>,
  total: number,
  opts: Partial<StackOptions> = {},
): TransferResult {
  const sim = new Sim(seed, faults, opts);
  const { a, b } = sim;
  b.listen(80);
  const ea = new BulkEndpoint(a, 0, total);
  const eb = new BulkEndpoint(b, 1, total);
  const h = a.connect(IP_B, 80, 7);
  if (h < 0) throw new Error(`connect ${h}`);
  const app = () => {
    for (const e of a.events) {
      if (e.type === "connected") {
        if (!e.ok) throw new Error("connect failed");
        ea.handle = e.handle;
      } else ea.onEvent(e);
    }
    a.events.length = 0;
    for (const e of b.events) {
      if (e.type === "knock") {
        eb.handle = e.handle;
        b.accept(e.handle, 9);
      } else eb.onEvent(e);
    }
    b.events.length = 0;
    ea.pump();
    eb.pump();
  };
  const t0 = performance.now();
  const done = () => ea.done() && eb.done() && a.connectionCount() === 0 && b.connectionCount() === 0;
  const virtualUs = sim.run(done, app, 3_600_000_000);
  return { sim, a: ea, b: eb, virtualUs, wallMs: performance.now() - t0, traceHash: sim.trace.digest("hex") };
}
