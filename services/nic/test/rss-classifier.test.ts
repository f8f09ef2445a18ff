// RSS classification: hashes must equal Microsoft's published Toeplitz
// verification values (the default key is Microsoft's example key), flow
// groups are the low bits, queues come from the RETA, IPv4 fragments hash on
// the two addresses alone (Microsoft's "IPv4 only" values), and everything
// else that is not IPv4 TCP/UDP lands on the default queue (RETA entry 0).
import { test } from "node:test";
import assert from "node:assert/strict";
import { FrameKind, RssClassifier } from "../src/rss-classifier.ts";
import { DEFAULT_RSS_KEY, Rng, parseIpv4 } from "../src/netstack.ts";
import { arpRequest, icmpFrame, icmpFrameBetween, tcpFrame, udpFrame, HOST_IP } from "./frames.ts";

// "Verifying the RSS Hash Calculation" (Microsoft), IPv4 with TCP ports.
// hash: IPv4 with TCP ports; hash2: "IPv4 only" (the two addresses).
const VECTORS = [
  {
    src: "66.9.149.187",
    sport: 2794,
    dst: "161.142.100.80",
    dport: 1766,
    hash: 0x51ccc178,
    hash2: 0x323e8fc2,
  },
  {
    src: "199.92.111.2",
    sport: 14230,
    dst: "65.69.140.83",
    dport: 4739,
    hash: 0xc626b0ea,
    hash2: 0xd718262a,
  },
  {
    src: "24.19.198.95",
    sport: 12898,
    dst: "12.22.207.184",
    dport: 38024,
    hash: 0x5c2b394a,
    hash2: 0xd2d0a5de,
  },
  {
    src: "38.27.205.30",
    sport: 48228,
    dst: "209.142.163.6",
    dport: 2217,
    hash: 0xafc7327f,
    hash2: 0x82989176,
  },
  {
    src: "153.39.163.191",
    sport: 44251,
    dst: "202.188.127.2",
    dport: 1303,
    hash: 0x10e828a2,
    hash2: 0x5d1809c5,
  },
];

/** The frame with its IPv4 flags/fragment-offset word set to `word` (checksum not fixed: the NIC does not check it). */
function withFragWord(frame: Uint8Array, word: number): Uint8Array {
  const f = frame.slice();
  f[14 + 6] = word >> 8;
  f[14 + 7] = word & 0xff;
  return f;
}

const tuple = (v: (typeof VECTORS)[number]) => ({
  srcIp: parseIpv4(v.src),
  dstIp: parseIpv4(v.dst),
  srcPort: v.sport,
  dstPort: v.dport,
});

test("TCP and UDP frames hash to Microsoft's verification values; group and queue follow", () => {
  const c = new RssClassifier(DEFAULT_RSS_KEY, 128, 4);
  for (const v of VECTORS) {
    for (const frame of [tcpFrame(tuple(v)), udpFrame(tuple(v))]) {
      assert.equal(c.classify(frame), FrameKind.Hashed);
      assert.equal(c.hash, v.hash, `${v.src}:${v.sport}`);
      assert.equal(c.flowGroup, v.hash & 127);
      assert.equal(c.queue, (v.hash & 127) % 4, "initial RETA is round robin");
    }
  }
});

test("the queue follows the RETA and the flow group the RETA size", () => {
  const c = new RssClassifier(DEFAULT_RSS_KEY, 512, 3);
  const v = VECTORS[0];
  assert.equal(c.assign([v.hash & 511], 2), null);
  c.classify(tcpFrame(tuple(v)));
  assert.equal(c.flowGroup, v.hash & 511);
  assert.equal(c.queue, 2);
  assert.equal(c.assign([v.hash & 511], 0), null);
  c.classify(tcpFrame(tuple(v)));
  assert.equal(c.queue, 0);
});

test("IPv4 fragments, first or not, of any protocol, hash on the two addresses: one datagram, one queue", () => {
  const c = new RssClassifier(DEFAULT_RSS_KEY, 128, 4);
  for (const v of VECTORS) {
    const t = tuple(v);
    const pieces: Array<[string, Uint8Array]> = [
      ["first UDP fragment (MF, offset 0)", withFragWord(udpFrame(t), 0x2000)],
      ["middle TCP fragment (MF, offset 1480)", withFragWord(tcpFrame(t), 0x2000 | 185)],
      ["last fragment (offset 2960)", withFragWord(udpFrame(t), 370)],
      ["DF and MF", withFragWord(tcpFrame(t), 0x6000)],
      ["ICMP fragment", withFragWord(icmpFrameBetween(t.srcIp, t.dstIp), 0x2000)],
    ];
    for (const [name, frame] of pieces) {
      assert.equal(c.classify(frame), FrameKind.Fragment, name);
      assert.equal(c.hash, v.hash2, `${name}: ${v.src} -> ${v.dst}`);
      assert.equal(c.flowGroup, v.hash2 & 127, name);
      assert.equal(c.queue, (v.hash2 & 127) % 4, name);
    }
    // DF alone is not a fragment: the 4-tuple hash as before.
    assert.equal(c.classify(withFragWord(udpFrame(t), 0x4000)), FrameKind.Hashed);
    assert.equal(c.hash, v.hash);
  }
});

test("non-TCP/UDP unfragmented frames get no hash and go to the queue of RETA entry 0", () => {
  const c = new RssClassifier(DEFAULT_RSS_KEY, 128, 4);
  const cases: Array<[string, Uint8Array, number]> = [
    ["icmp", icmpFrame(), FrameKind.Unhashed],
    ["arp", arpRequest(HOST_IP), FrameKind.Arp],
    ["ipv6", Uint8Array.from([...new Uint8Array(12), 0x86, 0xdd, ...new Uint8Array(40)]), FrameKind.Unhashed],
    ["truncated tcp", tcpFrame(tuple(VECTORS[0])).subarray(0, 14 + 20 + 2), FrameKind.Unhashed],
    ["runt", new Uint8Array(13), FrameKind.Runt],
  ];
  for (const reta0 of [0, 3]) {
    assert.equal(c.assign([0], reta0), null);
    for (const [name, frame, kind] of cases) {
      assert.equal(c.classify(frame), kind, name);
      assert.equal(c.hash, 0, name);
      assert.equal(c.flowGroup, 0, name);
      assert.equal(c.queue, reta0, `${name} goes to RETA[0]`);
    }
  }
});

test("RETA updates are validated and all-or-nothing", () => {
  const c = new RssClassifier(DEFAULT_RSS_KEY, 128, 4);
  const before = Array.from(c.reta);
  assert.match(c.assign([1, 2], 4) ?? "", /queue 4 out of range/);
  assert.match(c.assign([1, 128], 1) ?? "", /flow group 128 out of range/);
  assert.match(c.assign([1, -1], 1) ?? "", /flow group -1/);
  assert.match(c.replace(new Array(64).fill(0)) ?? "", /128 entries/);
  assert.match(c.replace([...new Array(127).fill(0), 9]) ?? "", /queue 9/);
  assert.deepEqual(Array.from(c.reta), before);
  assert.deepEqual(c.activeQueues, [0, 1, 2, 3]);
  assert.equal(c.replace(Array.from({ length: 128 }, (_, i) => (i % 2) * 2)), null);
  assert.deepEqual(c.activeQueues, [0, 2], "queues without groups are parked");
});

test("random bytes never throw and always name a valid queue", () => {
  const c = new RssClassifier(DEFAULT_RSS_KEY, 128, 4);
  const rng = new Rng(42);
  for (let i = 0; i < 20000; i++) {
    const f = new Uint8Array(rng.int(80));
    for (let j = 0; j < f.length; j++) f[j] = rng.int(256);
    if (f.length > 14 && i % 2 === 0) {
      f[12] = 0x08; // make half of them IPv4 to exercise the header checks
      f[13] = 0x00;
    }
    c.classify(f);
    assert.ok(c.queue >= 0 && c.queue < 4);
  }
});
