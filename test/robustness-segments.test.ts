// TCP segment-level robustness through the real cluster, driven segment by
// segment by a raw peer on the NATS L2 segment (user "host"; no root needed):
// RFC 5961 checks with sequence numbers just off the mark, overlapping,
// reordered and out-of-window data, a zero-window stall, and a 64-byte MSS.
// Every check ends with the echo app returning the exact bytes sent.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startCluster, HOST_IP, HOST_MAC, type Cluster } from "@ix/cluster";
import { TcpFlag, parseIpv4, parseMac } from "@ix/netstack";
import { L2Host, RawTcpPeer } from "./helpers/l2-host.ts";
import { allAlive } from "./helpers/robustness.ts";

const { SYN, ACK, RST } = TcpFlag;
let cluster: Cluster;
let host: L2Host;
let nextPort = 41000;

before(async () => {
  cluster = await startCluster({ cores: 2, policy: false });
  host = await L2Host.open(
    cluster.env("host"),
    "rawpeer",
    parseIpv4("10.77.0.50"),
    parseMac("02:00:00:00:50:01"),
  );
});

after(async () => {
  await host?.close();
  await cluster?.stop();
});

const pattern = (n: number, seed: number): Uint8Array => {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 7 + seed * 13 + (i >> 8)) & 0xff;
  return b;
};

async function openPeer(mss = 1460): Promise<RawTcpPeer> {
  const peer = new RawTcpPeer(host, {
    remoteIp: parseIpv4(HOST_IP),
    remoteMac: parseMac(HOST_MAC),
    remotePort: 7,
    localPort: nextPort++,
  });
  await peer.open(mss);
  return peer;
}

test("RFC 5961: an RST or SYN near but not at the expected sequence draws a challenge ACK; the connection lives", async () => {
  const peer = await openPeer();
  try {
    peer.send(pattern(100, 1));
    await peer.waitFor(() => peer.receivedBytes === 100, 30_000);
    const seenBefore = peer.seen.length;
    peer.segment(RST, (peer.sndNxt + 1000) >>> 0); // in window, not exact
    peer.segment(SYN, (peer.sndNxt + 5) >>> 0); // SYN in a synchronized state
    peer.segment(RST, (peer.sndNxt + 3_000_000_000) >>> 0); // far out of window: silently dropped
    peer.segment(RST | ACK, (peer.sndNxt - 1) >>> 0); // just below: out of window
    await peer.waitFor(() => peer.seen.slice(seenBefore).filter((s) => s.flags === ACK).length >= 2, 30_000);
    const challenges = peer.seen.slice(seenBefore).filter((s) => s.flags === ACK && s.data.length === 0);
    for (const c of challenges)
      assert.equal(c.ack, peer.sndNxt, "a challenge ACK carries the expected sequence");
    peer.send(pattern(200, 2));
    await peer.waitFor(() => peer.receivedBytes === 300, 30_000);
    assert.deepEqual(peer.bytes(), Buffer.concat([pattern(100, 1), pattern(200, 2)]));
    assert.ok(!peer.seen.some((s) => s.flags & RST), "the stack never reset the connection");
  } finally {
    peer.reset();
    peer.close();
  }
});

test("overlapping, reordered, duplicated and out-of-window segments: the exact stream comes back", async () => {
  const peer = await openPeer();
  try {
    const data = pattern(6000, 3);
    const piece = (from: number, to: number): void => peer.send(data.subarray(from, to), from);
    // Every piece fits one MSS (1460): a larger frame exceeds the MTU and the
    // core's 2 KiB mbufs, and is dropped as rx_oversize, as a NIC drops a giant.
    piece(3000, 4400); // ahead of a hole
    piece(1000, 2000);
    piece(500, 1500); // overlaps the previous one
    piece(4000, 5400); // overlaps the first
    piece(5300, 6000); // overlaps that one, reaches the end
    peer.send(pattern(500, 9), 50_000_000); // far beyond the window: dropped
    piece(0, 800); // fills the start, overlapping 500..800
    piece(1800, 3200); // closes the last hole
    piece(2500, 2600); // duplicate of delivered data
    await peer.waitFor(() => peer.receivedBytes >= 6000, 30_000);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(peer.receivedBytes, 6000);
    assert.deepEqual(peer.bytes(), Buffer.from(data));
  } finally {
    peer.reset();
    peer.close();
  }
});

test("a zero-window peer stalls the sender (probes, no data loss) and the rest flows when it opens", async () => {
  const peer = await openPeer();
  try {
    peer.send(pattern(1000, 4));
    await peer.waitFor(() => peer.receivedBytes === 1000, 30_000);
    peer.openWindow(0);
    const data = pattern(20_000, 5);
    for (let off = 0; off < data.length; off += 1000) peer.send(data.subarray(off, off + 1000), 1000 + off);
    const seenAtStall = peer.seen.length;
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(peer.receivedBytes, 1000, "nothing is taken while the window is closed");
    const probes = peer.seen.length - seenAtStall;
    assert.ok(probes >= 1, "the stack probes the zero window");
    assert.ok(probes < 50, `${probes} segments sent into a zero window`);
    peer.openWindow(65535);
    await peer.waitFor(() => peer.receivedBytes >= 21_000, 30_000);
    assert.deepEqual(peer.bytes(), Buffer.concat([pattern(1000, 4), data]));
  } finally {
    peer.reset();
    peer.close();
  }
});

test("a 64-byte MSS still carries the stream, in segments of at most 64 bytes", async () => {
  const peer = await openPeer(64);
  try {
    const data = pattern(8000, 6);
    for (let off = 0; off < data.length; off += 1000) peer.send(data.subarray(off, off + 1000));
    await peer.waitFor(() => peer.receivedBytes >= 8000, 30_000);
    assert.deepEqual(peer.bytes(), Buffer.from(data));
    const sizes = peer.seen.map((s) => s.data.length);
    assert.ok(Math.max(...sizes) <= 64, `largest segment ${Math.max(...sizes)} bytes`);
    assert.ok(sizes.filter((n) => n > 0).length >= 125);
    assert.ok(allAlive(cluster));
  } finally {
    peer.reset();
    peer.close();
  }
});
