// Every syscall validates its arguments and returns -Errno instead of
// throwing; state is unchanged by a failed call.

import assert from "node:assert/strict";
import { test } from "node:test";
import { Errno } from "../src/iface/errors.ts";
import { HANDLE_FG_SCALE } from "../src/handle.ts";
import { PEER_IP, TestPeer, bytes } from "./tcp-peer.ts";

const E = (k: keyof typeof Errno) => -Errno[k];

test("listen / unlisten / udpListen argument and state errors", () => {
  const s = new TestPeer().stack;
  assert.equal(s.listen(0), E("EINVAL"));
  assert.equal(s.listen(65536), E("EINVAL"));
  assert.equal(s.listen(1.5), E("EINVAL"));
  assert.equal(s.listen(NaN), E("EINVAL"));
  assert.equal(s.listen(80), 0);
  assert.equal(s.listen(80), E("EADDRINUSE"));
  assert.equal(s.unlisten(81), E("ENOENT"));
  assert.equal(s.unlisten(80), 0);
  assert.equal(s.udpListen(53), 0);
  assert.equal(s.udpListen(53), E("EADDRINUSE"));
});

test("bad, foreign and closed handles are EBADF", () => {
  const p = new TestPeer();
  const s = p.stack;
  for (const h of [-1, 0, 1.5, NaN, Infinity, 2 ** 60, 12345, 200 * HANDLE_FG_SCALE + 1]) {
    assert.equal(s.sendv(h, [bytes(1)]), E("EBADF"), `sendv ${h}`);
    assert.equal(s.recvDone(h, 1), E("EBADF"));
    assert.equal(s.close(h), E("EBADF"));
    assert.equal(s.accept(h, 1), E("EBADF"));
    assert.equal(s.reject(h), E("EBADF"));
  }
  const { handle } = p.establishPassive();
  assert.equal(s.close(handle), 0);
  assert.equal(s.sendv(handle, [bytes(1)]), E("EBADF"), "closed");
  assert.equal(s.close(handle), E("EBADF"));
});

test("handle of a group the stack does not own is EBADF", () => {
  const p = new TestPeer();
  const { handle } = p.establishPassive();
  const fg = Math.floor(handle / HANDLE_FG_SCALE);
  const bytesOut = p.stack.exportFlowGroup(fg);
  assert.ok(bytesOut.length > 0);
  assert.equal(p.stack.sendv(handle, [bytes(1)]), E("EBADF"));
});

test("argument errors: sendv buffers, recvDone sizes, cookies, connect targets", () => {
  const p = new TestPeer();
  const s = p.stack;
  const { handle } = p.establishPassive();
  assert.equal(s.sendv(handle, "x" as unknown as Uint8Array[]), E("EINVAL"));
  assert.equal(s.sendv(handle, [bytes(1), "x" as unknown as Uint8Array]), E("EINVAL"));
  assert.equal(s.recvDone(handle, -1), E("EINVAL"));
  assert.equal(s.recvDone(handle, 1), E("EINVAL"), "nothing received yet");
  assert.equal(s.recvDone(handle, 0), 0);
  assert.equal(s.accept(handle, 1), E("EISCONN"));
  assert.equal(s.connect(0, 80, 1), E("EINVAL"));
  assert.equal(s.connect(PEER_IP, 0, 1), E("EINVAL"));
  assert.equal(s.connect(2 ** 33, 80, 1), E("EINVAL"));
  assert.equal(s.connect(PEER_IP, 80, "c" as unknown as number), E("EINVAL"));
  assert.equal(s.udpSend(53, PEER_IP, 53, new Uint8Array(65508), 1), E("EMSGSIZE"));
  assert.equal(s.udpSend(0, PEER_IP, 53, new Uint8Array(1), 1), E("EINVAL"));
  assert.equal(s.sendv(handle, []), 0, "empty vector sends nothing");
});

test("wrong state: sendv before connected and after close is refused", () => {
  const p = new TestPeer();
  const h = p.stack.connect(PEER_IP, 80, 1);
  assert.ok(h > 0);
  assert.equal(p.stack.sendv(h, [bytes(1)]), E("ENOTCONN"));
  assert.equal(p.stack.accept(h, 1), E("EISCONN"));
  assert.equal(p.stack.reject(h), E("EISCONN"));
});

test("connect fails with EADDRNOTAVAIL when no port maps to an owned group", () => {
  const p = new TestPeer({ ownedFlowGroups: [], ephemeralPorts: [50000, 50010] });
  assert.equal(p.stack.connect(PEER_IP, 80, 1), E("EADDRNOTAVAIL"));
  assert.equal(p.stack.ownFlowGroup(999), E("EINVAL"));
});

test("disown refuses a group with connections; export then works", () => {
  const p = new TestPeer();
  const { handle } = p.establishPassive();
  const fg = Math.floor(handle / HANDLE_FG_SCALE);
  assert.equal(p.stack.disownFlowGroup(fg), E("EBUSY"));
  assert.equal(p.stack.disownFlowGroup((fg + 1) % 128), 0);
  assert.equal(p.stack.ownsFlowGroup((fg + 1) % 128), false);
  assert.equal(p.stack.importFlowGroup(new Uint8Array([1, 2, 3])), E("EINVAL"));
  assert.throws(() => p.stack.exportFlowGroup((fg + 1) % 128), RangeError);
});

test("reject sends RST and frees a knocked connection", () => {
  const p = new TestPeer();
  p.stack.listen(80);
  p.send({ flags: 2, seq: 1 });
  const [sa] = p.take();
  p.send({ flags: 16, seq: 2, ack: sa.seq + 1 });
  const knock = p.stack.events[0];
  assert.ok(knock.type === "knock");
  assert.equal(p.stack.reject(knock.handle), 0);
  assert.equal(p.take()[0].flags & 4, 4);
  assert.equal(p.stack.connectionCount(), 0);
  assert.equal(p.stack.accept(knock.handle, 1), E("EBADF"));
});
