// Self-clocking between an RX queue and its core (burst-clock.ts), on the
// NIC's datapath without NATS: a manual clock, pump() by hand, RX bursts
// recorded. The core is played by the test: nic.credit() is its TxBurst.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Nic, WireSide } from "../src/nic.ts";
import { DEFAULT_RSS_KEY } from "../src/netstack.ts";
import { tcpFrame, HOST_IP, HOST_MAC, CLIENT_IP } from "./frames.ts";

function setup(
  o: {
    rxBurstsInFlight?: number;
    rxFramesInFlight?: number;
    creditTimeoutUs?: number;
    burstSize?: number;
  } = {},
) {
  const time = { now: 1_000_000 };
  const nic = new Nic({
    queues: 2,
    retaSize: 128,
    rssKey: DEFAULT_RSS_KEY,
    ringSize: 512,
    burstSize: o.burstSize ?? 64,
    hostIp: HOST_IP,
    hostMac: HOST_MAC,
    clock: () => time.now,
    autoFlush: false,
    rxBurstsInFlight: o.rxBurstsInFlight ?? 1,
    creditTimeoutUs: o.creditTimeoutUs ?? 100_000,
    rxFramesInFlight: o.rxFramesInFlight,
  });
  const bursts: number[][] = [];
  // Each frame carries its sequence number in its last byte: order is checked.
  nic.rxSink = (q, frames) => {
    assert.equal(q, 0, "every test frame maps to queue 0");
    bursts.push(frames.map((f) => f.data[f.data.length - 1]));
  };
  let seq = 0;
  const template = frameToQueue0(nic);
  /** `n` frames arrive from the wire (not yet pumped). */
  const arrive = (n: number): void => {
    for (let i = 0; i < n; i++) {
      const f = template.slice();
      f[f.length - 1] = ++seq & 0xff;
      nic.wireInput(f, WireSide.Nats);
    }
  };
  return { nic, bursts, arrive, time };
}

/** A TCP frame (with one payload byte to number it) that RSS sends to queue 0. */
function frameToQueue0(nic: Nic): Uint8Array {
  for (let port = 1024; port < 65536; port++) {
    const t = { srcIp: CLIENT_IP, dstIp: HOST_IP, srcPort: port, dstPort: 7 };
    const h = nic.classifier.toeplitz.hashIpv4Ports(t.srcIp, t.dstIp, t.srcPort, t.dstPort);
    if (nic.classifier.reta[h & 127] === 0) return tcpFrame(t, HOST_MAC, new Uint8Array(1));
  }
  throw new Error("no port maps to queue 0");
}

const sizes = (bursts: number[][]): number[] => bursts.map((b) => b.length);

test("at low load a frame leaves at once, one per burst", () => {
  const { nic, bursts, arrive } = setup();
  for (let i = 0; i < 3; i++) {
    arrive(1);
    nic.pump();
    assert.equal(bursts.length, i + 1, `frame ${i + 1} left in the turn it arrived (nothing in flight)`);
    nic.credit(0, 1, 64);
  }
  assert.deepEqual(bursts, [[1], [2], [3]]);
  assert.equal(nic.clocks[0].inFlight, 0);
});

test("while a burst is in flight frames wait in the ring; the core's credits release them as one burst", () => {
  const { nic, bursts, arrive } = setup();
  arrive(1);
  nic.pump();
  arrive(5);
  nic.pump();
  arrive(3);
  nic.pump();
  assert.deepEqual(sizes(bursts), [1], "one burst in flight: the 8 others wait");
  assert.equal(nic.waiting(0), 8);
  assert.equal(nic.rings[0].free, 512 - 9, "waiting frames hold their descriptors");
  nic.credit(0, 1, 64);
  assert.equal(bursts.length, 1, "nothing leaves outside a pump (the NIC's turn)");
  nic.pump();
  assert.deepEqual(bursts, [[1], [2, 3, 4, 5, 6, 7, 8, 9]], "in order, as one burst");
});

test("under load bursts grow to the core's B; at low load they fall back to 1", () => {
  const { nic, bursts, arrive } = setup();
  // Load: 40 frames arrive per core cycle; the core's B is 16.
  arrive(1);
  nic.pump();
  for (let cycle = 0; cycle < 6; cycle++) {
    arrive(40);
    nic.pump();
    nic.credit(0, bursts[bursts.length - 1].length, 16);
    nic.pump();
  }
  assert.deepEqual(sizes(bursts), [1, 16, 16, 16, 16, 16, 16], "bounded by B = 16 from the first credit");
  // The load stops: the ring drains burst by burst, then a lone frame leaves alone again.
  while (nic.waiting(0) > 0) {
    nic.credit(0, bursts[bursts.length - 1].length, 64);
    nic.pump();
  }
  nic.credit(0, bursts[bursts.length - 1].length, 64);
  nic.pump();
  assert.equal(nic.clocks[0].inFlight, 0);
  const before = bursts.length;
  arrive(1);
  nic.pump();
  assert.deepEqual(sizes(bursts.slice(before)), [1]);
  assert.ok(
    sizes(bursts)
      .slice(7, before)
      .some((n) => n === 64),
    "with B = 64 the backlog left in bursts of 64",
  );
  const all = bursts.flat();
  assert.deepEqual(
    all,
    all.map((_, i) => (i + 1) & 0xff),
    "every frame once, in order",
  );
});

test("with two bursts in flight the second leaves before the first is credited", () => {
  const { nic, bursts, arrive } = setup({ rxBurstsInFlight: 2 });
  arrive(1);
  nic.pump();
  arrive(2);
  nic.pump();
  arrive(4);
  nic.pump();
  assert.deepEqual(sizes(bursts), [1, 2], "two in flight; the 4 wait");
  nic.credit(0, 1);
  nic.pump();
  assert.deepEqual(sizes(bursts), [1, 2, 4]);
  nic.credit(0, 1);
  nic.pump();
  assert.equal(nic.clocks[0].inFlight, 2, "a burst is done only when all its frames are credited");
});

test("a core with a small B gets ceil(framesInFlight / B) bursts in flight; a larger B brings the bound back", () => {
  const { nic, bursts, arrive } = setup({ rxBurstsInFlight: 2, rxFramesInFlight: 16 });
  assert.equal(nic.clocks[0].limit, 2, "before the core states its B: the bursts bound");
  nic.credit(0, 0, 1); // the core's first TxBurst states B=1
  assert.equal(nic.clocks[0].limit, 16);
  for (let i = 0; i < 20; i++) {
    arrive(1);
    nic.pump();
  }
  assert.deepEqual(
    sizes(bursts),
    Array<number>(16).fill(1),
    "16 single-frame bursts left uncredited; 4 wait",
  );
  assert.equal(nic.waiting(0), 4);
  nic.credit(0, 1, 4); // B=4: ceil(16 / 4) = 4 bursts, and 15 are still in flight
  assert.equal(nic.clocks[0].limit, 4);
  nic.pump();
  assert.equal(bursts.length, 16, "nothing leaves while more than the new bound is in flight");
  nic.credit(0, 12, 4);
  nic.pump();
  assert.deepEqual(
    sizes(bursts).slice(16),
    [4],
    "3 in flight, one more may go: the 4 waiting, in one burst of B",
  );
  assert.equal(nic.waiting(0), 0);
  nic.credit(0, 0, 64);
  assert.equal(nic.clocks[0].limit, 2, "B=64: the bursts bound");
  const seq = bursts.flat();
  assert.deepEqual(
    seq,
    Array.from({ length: 20 }, (_, i) => i + 1),
    "frames once and in order",
  );
});

test("rxFramesInFlight 0: the bound is the bursts bound whatever B", () => {
  const { nic } = setup({ rxBurstsInFlight: 2, rxFramesInFlight: 0 });
  nic.credit(0, 0, 1);
  assert.equal(nic.clocks[0].limit, 2);
});

test("credits that never come (lost TxBurst, restarted core): the queue is re-armed after the timeout and counts it", () => {
  const { nic, bursts, arrive, time } = setup({ creditTimeoutUs: 100_000 });
  arrive(3);
  nic.pump();
  arrive(2);
  nic.pump();
  assert.deepEqual(sizes(bursts), [3]);
  assert.equal(nic.clocks[0].deadline, 1_000_000 + 100_000, "the NIC wakes when the wait ends");
  time.now += 99_999;
  nic.pump();
  assert.deepEqual(sizes(bursts), [3], "not yet");
  time.now += 1;
  nic.pump();
  assert.deepEqual(sizes(bursts), [3, 2], "re-armed: the waiting frames leave");
  assert.equal(nic.clocks[0].rearms, 1);
  assert.equal(nic.rings[0].free, 512 - 2, "the lost burst's descriptors are back in the ring");
  // The (new) core credits what it got; a late credit of the lost burst is stray, not harmful.
  nic.credit(0, 2, 64);
  assert.equal(nic.clocks[0].inFlight, 0);
  nic.credit(0, 3, 64);
  assert.equal(nic.clocks[0].strayCredits, 3);
  assert.equal(nic.rings[0].free, 512, "never more descriptors than the ring has");
  arrive(1);
  nic.pump();
  assert.deepEqual(sizes(bursts), [3, 2, 1], "the queue runs on");
});

test("one TxBurst lost among later ones (a nats-server died with it): the later credits do not free the queue, the timeout does, and frames keep their order", () => {
  const { nic, bursts, arrive, time } = setup({ rxBurstsInFlight: 2, creditTimeoutUs: 100_000 });
  arrive(3);
  nic.pump();
  arrive(2);
  nic.pump();
  assert.deepEqual(sizes(bursts), [3, 2], "two bursts in flight");
  // The core's TxBurst crediting the first burst is lost; the one crediting the second arrives.
  nic.credit(0, 2, 64);
  arrive(4);
  nic.pump();
  assert.deepEqual(sizes(bursts), [3, 2], "credits are counted oldest first: still two outstanding, closed");
  time.now += 100_000;
  nic.pump();
  assert.deepEqual(sizes(bursts), [3, 2, 4], "re-armed after the timeout: the waiting frames leave");
  assert.equal(nic.clocks[0].rearms, 1);
  nic.credit(0, 4, 64);
  arrive(1);
  nic.pump();
  assert.deepEqual(sizes(bursts), [3, 2, 4, 1], "the queue runs on");
  assert.deepEqual(
    bursts.flat(),
    Array.from({ length: 10 }, (_, i) => i + 1),
    "every frame once, in arrival order",
  );
});

test("a queue with nothing waiting is not re-armed (no timer while idle)", () => {
  const { nic, bursts, arrive, time } = setup({ creditTimeoutUs: 1000 });
  arrive(1);
  nic.pump();
  time.now += 10_000;
  nic.pump();
  assert.equal(nic.clocks[0].rearms, 0, "nothing waits: nothing to re-arm for");
  arrive(1);
  nic.pump();
  assert.equal(nic.clocks[0].rearms, 1, "a frame that finds the credits overdue re-arms at once");
  assert.deepEqual(sizes(bursts), [1, 1]);
});

test("a RETA change sends every waiting frame at once (a migrating group's frames reach the source first)", () => {
  const { nic, bursts, arrive } = setup();
  arrive(1);
  nic.pump();
  arrive(100);
  nic.pump();
  assert.deepEqual(sizes(bursts), [1]);
  nic.drainRings();
  assert.deepEqual(sizes(bursts), [1, 64, 36]);
  assert.equal(nic.waiting(0), 0);
});
