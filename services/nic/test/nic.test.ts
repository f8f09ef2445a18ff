// The datapath without NATS: a fake clock, pump() called by hand, and wire
// ports and the RX sink recorded in arrays.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { RxFrame } from "@ix/bus";
import { Nic, WireSide, type WirePort } from "../src/nic.ts";
import {
  DEFAULT_RSS_KEY,
  PCAP_GLOBAL_HEADER_LEN,
  PCAP_RECORD_HEADER_LEN,
  parseIpv4,
} from "../src/netstack.ts";
import { arpRequest, tcpFrame, HOST_IP, HOST_MAC, CLIENT_IP } from "./frames.ts";

const NO_FAULTS = { loss: 0, duplicate: 0, reorder: 0, corrupt: 0, delayUs: 0, jitterUs: 0 };

function setup(
  opts: {
    queues?: number;
    ringSize?: number;
    burstSize?: number;
    promiscuous?: boolean;
    rxBurstsInFlight?: number;
    creditTimeoutUs?: number;
  } = {},
) {
  let now = 1_000_000;
  const nic = new Nic({
    queues: opts.queues ?? 4,
    retaSize: 128,
    rssKey: DEFAULT_RSS_KEY,
    ringSize: opts.ringSize ?? 512,
    burstSize: opts.burstSize ?? 64,
    hostIp: HOST_IP,
    hostMac: HOST_MAC,
    promiscuous: opts.promiscuous,
    clock: () => now,
    autoFlush: false,
    rxBurstsInFlight: opts.rxBurstsInFlight ?? 1,
    creditTimeoutUs: opts.creditTimeoutUs,
  });
  const bursts: Array<{ queue: number; frames: RxFrame[] }> = [];
  nic.rxSink = (queue, frames) => bursts.push({ queue, frames: frames.map((f) => ({ ...f })) });
  const wire: Uint8Array[] = [];
  const port: WirePort = { side: WireSide.Nats, send: (f) => (wire.push(...f), f.length) };
  nic.attachWire(port);
  const advance = (us: number) => (now += us);
  return { nic, bursts, wire, advance, now: () => now };
}

/** A TCP frame from the client whose flow group is `fg` (searching source ports). */
function frameInGroup(fg: number, nic: Nic): Uint8Array {
  for (let port = 1024; port < 65536; port++) {
    const t = { srcIp: CLIENT_IP, dstIp: HOST_IP, srcPort: port, dstPort: 11211 };
    const h = nic.classifier.toeplitz.hashIpv4Ports(t.srcIp, t.dstIp, t.srcPort, t.dstPort);
    if ((h & 127) === fg) return tcpFrame(t);
  }
  throw new Error("no port found");
}

test("frames reach the RETA's queue with hash, flow group and rx time", () => {
  const { nic, bursts, now } = setup();
  const f = frameInGroup(5, nic);
  nic.wireInput(f, WireSide.Udp);
  nic.pump();
  assert.equal(bursts.length, 1);
  assert.equal(bursts[0].queue, 5 % 4);
  assert.equal(bursts[0].frames[0].flowGroup, 5);
  assert.equal(bursts[0].frames[0].rxTimeUs, now());
  assert.equal(bursts[0].frames[0].data, f, "zero copy up to the encoder");
  assert.equal(nic.wireIn[WireSide.Udp], 1);
});

test("bursts hold at most burstSize frames; the next leaves when the core credits the last", () => {
  const { nic, bursts } = setup({ burstSize: 64 });
  const f = frameInGroup(2, nic);
  for (let i = 0; i < 150; i++) nic.wireInput(f, WireSide.Nats);
  nic.pump();
  assert.deepEqual(
    bursts.map((b) => [b.queue, b.frames.length]),
    [[2, 64]],
  );
  assert.equal(nic.waiting(2), 86, "the rest wait in the ring");
  nic.credit(2, 64);
  nic.pump();
  nic.credit(2, 64);
  nic.pump();
  assert.deepEqual(
    bursts.map((b) => [b.queue, b.frames.length]),
    [
      [2, 64],
      [2, 64],
      [2, 22],
    ],
  );
  assert.equal(nic.waiting(2), 0);
});

test("a full ring drops and counts until the core credits descriptors", () => {
  const { nic, bursts } = setup({ ringSize: 8 });
  const f = frameInGroup(1, nic);
  for (let i = 0; i < 10; i++) nic.wireInput(f, WireSide.Nats);
  nic.pump();
  assert.equal(bursts[0].frames.length, 8);
  assert.equal(nic.rings[1].missed, 2);
  assert.equal(nic.drops.ring_full, 2);
  nic.credit(1, 3);
  for (let i = 0; i < 5; i++) nic.wireInput(f, WireSide.Nats);
  nic.pump();
  assert.equal(nic.rings[1].missed, 4, "3 descriptors free: 2 of the 5 missed");
  assert.equal(bursts.length, 1, "the first burst is not fully credited: the 3 wait");
  nic.credit(1, 5);
  nic.pump();
  assert.equal(bursts[1].frames.length, 3);
  nic.credit(9, 1);
  assert.equal(nic.drops.bad_queue, 1);
});

test("ARP: the NIC answers for the host IP and mirrors ARP to every active queue", () => {
  const { nic, bursts, wire } = setup();
  // Park queue 1: its groups move to queue 0.
  const groups = Array.from(nic.classifier.reta.keys()).filter((g) => nic.classifier.reta[g] === 1);
  assert.equal(nic.classifier.assign(groups, 0), null);
  nic.wireInput(arpRequest(HOST_IP), WireSide.Nats);
  nic.wireInput(arpRequest(parseIpv4("10.77.0.9")), WireSide.Nats);
  nic.pump();
  assert.deepEqual(
    bursts.map((b) => [b.queue, b.frames.length]),
    [
      [0, 2],
      [2, 2],
      [3, 2],
    ],
  );
  assert.equal(wire.length, 1, "one reply: only the host IP is answered");
  assert.equal(wire[0][21], 2, "ARP reply opcode");
  assert.equal(nic.arp.replies, 1);
});

test("the MAC filter drops unicast for others unless promiscuous", () => {
  for (const promiscuous of [false, true]) {
    const { nic, bursts } = setup({ promiscuous });
    const f = frameInGroup(0, nic);
    f[5] = 0x99; // another destination MAC
    nic.wireInput(f, WireSide.Nats);
    nic.wireInput(new Uint8Array(10), WireSide.Nats);
    nic.pump();
    assert.equal(bursts.length, promiscuous ? 1 : 0);
    assert.equal(nic.drops.mac_filter, promiscuous ? 0 : 1);
    assert.equal(nic.drops.runt, 1);
  }
});

test("inbound loss drops everything, then nothing once cleared", () => {
  const { nic, bursts } = setup();
  const f = frameInGroup(3, nic);
  assert.equal(nic.setFaults("in", { ...NO_FAULTS, loss: 1 }), null);
  for (let i = 0; i < 20; i++) nic.wireInput(f, WireSide.Nats);
  nic.pump();
  assert.equal(bursts.length, 0);
  assert.equal(nic.faultIn.counters.lost, 20);
  assert.equal(nic.setFaults("in", NO_FAULTS), null);
  for (let i = 0; i < 20; i++) nic.wireInput(f, WireSide.Nats);
  nic.pump();
  assert.equal(bursts[0].frames.length, 20);
  assert.match(nic.setFaults("sideways", NO_FAULTS) ?? "", /direction/);
  assert.match(nic.setFaults("in", { ...NO_FAULTS, loss: 2 }) ?? "", /loss/);
  assert.match(nic.setFaults("out", { ...NO_FAULTS, delayUs: Infinity }) ?? "", /finite/);
});

test("delay holds frames until their time, on both directions", () => {
  const { nic, bursts, wire, advance } = setup();
  nic.setFaults("in", { ...NO_FAULTS, delayUs: 5000 });
  nic.setFaults("out", { ...NO_FAULTS, delayUs: 2000 });
  nic.wireInput(frameInGroup(0, nic), WireSide.Udp);
  nic.transmit(1, [tcpFrame({ srcIp: HOST_IP, dstIp: CLIENT_IP, srcPort: 11211, dstPort: 5000 })]);
  nic.pump();
  assert.equal(bursts.length + wire.length, 0);
  advance(2000);
  nic.pump();
  assert.equal(wire.length, 1);
  assert.equal(bursts.length, 0);
  advance(3000);
  nic.pump();
  assert.equal(bursts.length, 1);
  assert.equal(nic.txFrames[1], 1);
});

test("TX validates the queue and frame sizes", () => {
  const { nic, wire } = setup();
  nic.transmit(7, [new Uint8Array(60)]);
  nic.transmit(0, [new Uint8Array(5), new Uint8Array(20000), new Uint8Array(60)]);
  nic.pump();
  assert.equal(wire.length, 1);
  assert.deepEqual([nic.drops.bad_queue, nic.drops.runt, nic.drops.oversize], [1, 1, 1]);
});

test("capture of a queue returns a pcap of exactly the requested frames", async () => {
  const { nic } = setup();
  const f = frameInGroup(6, nic); // queue 2
  const result = new Promise<{ pcap: Uint8Array; frames: number }>((resolve) => {
    assert.equal(nic.captures.start({ target: "rx:2", frames: 3, durationMs: 5000 }, resolve), null);
  });
  nic.wireInput(frameInGroup(1, nic), WireSide.Nats); // queue 1: not captured
  for (let i = 0; i < 5; i++) nic.wireInput(f, WireSide.Nats);
  const r = await result;
  assert.equal(r.frames, 3);
  assert.equal(r.pcap.length, PCAP_GLOBAL_HEADER_LEN + 3 * (PCAP_RECORD_HEADER_LEN + f.length));
  assert.equal(nic.captures.active, false);
  assert.match(
    nic.captures.start({ target: "rx:4", frames: 1, durationMs: 1 }, () => undefined) ?? "",
    /target/,
  );
});
