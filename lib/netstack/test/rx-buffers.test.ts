// StackOptions.rxBuffers (util/rx-buffers.ts): every view of a received
// frame the stack keeps past input() is retained once and released once, on
// every path (recv events, data before accept, out-of-order segments, old
// duplicates, close). A ledger owns each delivered frame like a dataplane's
// mbuf pool; after a lossy, reordering bulk transfer in both directions and
// the connections' end nothing may still be held, and no release may name a
// frame that is not held.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { RxBufferOwner } from "../src/util/rx-buffers.ts";
import { releaseEventData } from "../src/util/rx-buffers.ts";
import { Sim, BulkEndpoint, IP_B } from "./sim-harness.ts";

/** Owns frames as a pool would: one reference from delivery, counted per frame buffer. */
class Ledger implements RxBufferOwner {
  readonly refs = new Map<ArrayBufferLike, number>();
  peak = 0;
  retained = 0;

  /** A frame copied into memory of its own, with the delivering caller's reference. */
  own(frame: Uint8Array): Uint8Array {
    const copy = new Uint8Array(frame);
    this.refs.set(copy.buffer, 1);
    this.peak = Math.max(this.peak, this.refs.size);
    return copy;
  }

  retain(view: Uint8Array): void {
    if (view.length === 0) return;
    const r = this.refs.get(view.buffer);
    assert.ok(r !== undefined, "retain of a frame that is no longer held");
    this.refs.set(view.buffer, r + 1);
    this.retained++;
  }

  release(view: Uint8Array): void {
    if (view.length === 0) return;
    const r = this.refs.get(view.buffer);
    assert.ok(r !== undefined, "release of a frame that is not held");
    if (r === 1) this.refs.delete(view.buffer);
    else this.refs.set(view.buffer, r - 1);
  }
}

test("a lossy, reordering transfer both ways: every retained view is released, nothing stays held", () => {
  const ledger = new Ledger();
  const sim = new Sim(
    7,
    { loss: 0.03, reorder: 0.05, duplicate: 0.02, delayUs: 400, jitterUs: 300 },
    { rxBuffers: ledger },
  );
  const { a, b } = sim;
  // Each frame is owned by the ledger for the duration of input(), like the dataplane's RX ring.
  sim.deliverToA = (f) => {
    const own = ledger.own(f);
    a.input(own);
    ledger.release(own);
  };
  sim.deliverToB = (f) => {
    const own = ledger.own(f);
    b.input(own);
    ledger.release(own);
  };
  b.listen(80);
  const total = 400_000;
  const ea = new BulkEndpoint(a, 0, total);
  const eb = new BulkEndpoint(b, 1, total);
  assert.ok(a.connect(IP_B, 80, 7) >= 0);
  let acceptedLate = false;
  const app = () => {
    for (const e of a.events) {
      if (e.type === "connected") ea.handle = e.handle;
      else ea.onEvent(e);
      releaseEventData(e, ledger); // the consumer is done with the bytes
    }
    a.events.length = 0;
    for (const e of b.events) {
      if (e.type === "knock") eb.handle = e.handle;
      else eb.onEvent(e);
      releaseEventData(e, ledger);
    }
    b.events.length = 0;
    // B accepts only after A's first data arrived: that data waits in pendingRecv.
    if (eb.handle >= 0 && !acceptedLate && sim.b.counters.bytesIn > 2000) {
      acceptedLate = true;
      b.accept(eb.handle, 9);
    }
    ea.pump();
    if (acceptedLate) eb.pump();
  };
  const done = () => ea.done() && eb.done() && a.connectionCount() === 0 && b.connectionCount() === 0;
  sim.run(done, app, 3_600_000_000);
  assert.deepEqual([ea.errors, eb.errors], [[], []]);
  assert.equal(ea.received, total);
  assert.equal(eb.received, total);
  assert.ok(a.counters.tcpOutOfOrder + b.counters.tcpOutOfOrder > 0, "out-of-order segments were queued");
  assert.ok(ledger.retained > 0 && ledger.peak > 1, "views were retained past input()");
  assert.equal(ledger.refs.size, 0, "every frame released");
});
