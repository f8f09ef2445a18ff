// Bounded SYN backlog; SYN cookies (RFC 4987) once it is full.

import assert from "node:assert/strict";
import { test } from "node:test";
import { SynCookies } from "../src/tcp/syn-cookie.ts";
import { ACK, SYN, TestPeer, bytes } from "./tcp-peer.ts";

test("cookie encodes the MSS and validates only for its tuple, ISN and period", () => {
  const c = new SynCookies(1234);
  const now = 5_000_000;
  const flow = { remoteIp: 1, remotePort: 40000, localIp: 2, localPort: 80 };
  const k = c.make(now, flow, 777, 1460);
  assert.equal(c.check(now, k, flow, 777), 1460);
  assert.equal(c.check(now + 70_000_000, k, flow, 777), 1460, "still valid one period later");
  assert.equal(c.check(now + 200_000_000, k, flow, 777), 0, "expired");
  assert.equal(c.check(now, k, { ...flow, remotePort: 40001 }, 777), 0, "other port");
  assert.equal(c.check(now, k, { ...flow, localIp: 3 }, 777), 0, "other local address");
  assert.equal(c.check(now, k, flow, 778), 0, "other ISN");
  assert.equal(c.check(now, k ^ 1, flow, 777), 0, "tampered");
  assert.equal(c.check(now, c.make(now, flow, 777, 1000), flow, 777), 536, "MSS rounded down");
});

test("backlog full: stateless SYN-ACK cookie; the returning ACK creates the connection", () => {
  const p = new TestPeer({ synBacklog: 2 });
  p.stack.listen(80);
  for (let i = 0; i < 2; i++)
    p.send({ flags: SYN, seq: 100, srcPort: 1000 + i, options: { mss: 1460, wscale: 2 } });
  assert.equal(p.stack.connectionCount(), 2, "two embryonic connections fill the backlog");
  p.take();
  p.send({ flags: SYN, seq: 5000, srcPort: 2000, options: { mss: 1460, wscale: 2 } });
  assert.equal(p.stack.connectionCount(), 2, "no state for the third");
  const [synack] = p.take();
  assert.equal(synack.flags, SYN | ACK);
  assert.equal(synack.wscale, -1, "no window scale: nothing remembers it");
  assert.equal(p.stack.counters.tcpSynCookiesSent, 1);
  // The handshake completes with data on the ACK.
  p.send({ flags: ACK, seq: 5001, ack: synack.seq + 1, srcPort: 2000, data: bytes(100) });
  assert.equal(p.stack.counters.tcpSynCookiesAccepted, 1);
  assert.equal(p.stack.connectionCount(), 3);
  const knock = p.stack.events.find((e) => e.type === "knock");
  assert.ok(knock && knock.type === "knock" && knock.srcPort === 2000);
  assert.equal(p.stack.accept(knock.handle, 9), 0);
  const recv = p.stack.events.find((e) => e.type === "recv");
  assert.ok(
    recv && recv.type === "recv" && recv.data.length === 100,
    "data that came with the ACK is delivered on accept",
  );
  // A forged cookie ACK is refused with a RST.
  p.send({ flags: ACK, seq: 9001, ack: 12345, srcPort: 3000 });
  assert.equal(p.stack.counters.dropTcpBadSynCookie, 1);
  assert.equal(p.take().at(-1)?.flags, 4);
});

test("embryonic connections time out and free the backlog", () => {
  const p = new TestPeer({ synBacklog: 1, tcp: { maxSynRetries: 1 } });
  p.stack.listen(80);
  p.send({ flags: SYN, seq: 1 });
  assert.equal(p.stack.connectionCount(), 1);
  p.runUntil(10_000_000);
  assert.equal(p.stack.connectionCount(), 0);
  p.take();
  p.send({ flags: SYN, seq: 1, srcPort: 5555 });
  assert.equal(p.stack.connectionCount(), 1, "backlog has room again");
});

test("accept backlog full: new SYNs dropped and counted", () => {
  const p = new TestPeer({ acceptBacklog: 1 });
  p.establishPassive(0); // accepted: does not count
  p.send({ flags: SYN, seq: 10, srcPort: 6000 });
  const [sa] = p.take();
  p.send({ flags: ACK, seq: 11, ack: sa.seq + 1, srcPort: 6000 }); // knocked, not accepted
  p.send({ flags: SYN, seq: 10, srcPort: 6001 });
  assert.equal(p.take().length, 0);
  assert.equal(p.stack.counters.dropTcpAcceptBacklog, 1);
});
