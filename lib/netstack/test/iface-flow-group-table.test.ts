import assert from "node:assert/strict";
import { test } from "node:test";
import { FlowGroup } from "../src/iface/flow-group.ts";
import { Tcb } from "../src/tcp/tcb.ts";
import { DEFAULT_TCP_CONFIG } from "../src/tcp/config.ts";

const REMOTE = 0x0a4d0001; // 10.77.0.1
const tcb = (id: number, localPort: number, remotePort: number, remoteIp = REMOTE): Tcb =>
  new Tcb(DEFAULT_TCP_CONFIG, 0, id, localPort, remoteIp, remotePort);

test("demux by 4-tuple: one remote end to one or several local ports", () => {
  const fg = new FlowGroup(0, 0);
  const echo = tcb(1, 7, 40000);
  const mc = tcb(2, 11211, 40000); // same remote ip:port, another local port
  const other = tcb(3, 7, 40001);
  fg.insert(echo);
  assert.equal(fg.lookup(REMOTE, 40000, 7), echo);
  assert.equal(fg.lookup(REMOTE, 40000, 11211), undefined);
  fg.insert(mc);
  fg.insert(other);
  assert.equal(fg.live, 3);
  assert.equal(fg.lookup(REMOTE, 40000, 7), echo);
  assert.equal(fg.lookup(REMOTE, 40000, 11211), mc);
  assert.equal(fg.lookup(REMOTE, 40001, 7), other);
  assert.equal(fg.lookup(REMOTE + 1, 40000, 7), undefined, "another remote ip");
  assert.equal(fg.lookup(REMOTE, 40000, 8), undefined, "another local port");

  fg.removeTuple(echo);
  assert.equal(fg.live, 2);
  assert.equal(fg.lookup(REMOTE, 40000, 7), undefined);
  assert.equal(fg.lookup(REMOTE, 40000, 11211), mc, "the other local port survives");
  fg.removeTuple(echo); // idempotent
  assert.equal(fg.live, 2);
  fg.removeTuple(mc);
  fg.removeTuple(other);
  assert.equal(fg.live, 0);
  assert.equal(fg.lookup(REMOTE, 40000, 11211), undefined);
  // handles stay until released: the demux table and byId are separate
  assert.equal(fg.byId.size, 3);
});

test("a stale TCB is not removed in place of the live one with the same 4-tuple", () => {
  const fg = new FlowGroup(0, 0);
  const old = tcb(1, 7, 40000);
  const fresh = tcb(2, 7, 40000);
  fg.insert(old);
  fg.removeTuple(old);
  fg.insert(fresh);
  fg.removeTuple(old);
  assert.equal(fg.lookup(REMOTE, 40000, 7), fresh);
  assert.equal(fg.live, 1);
});
