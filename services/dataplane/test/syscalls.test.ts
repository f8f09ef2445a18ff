// The dataplane's syscall executor over a real lib/netstack Stack: arguments
// are checked, a bad call gets its errno, a handle whose flow group migrated
// gets ESTALE (and an accept names the new core), an oversized batch is refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ix } from "@ix/proto";
import { Stack, Errno, HANDLE_FG_SCALE, parseIpv4, parseMac } from "@ix/netstack";
import { executeBatch, type SyscallCounters } from "../src/syscalls.ts";

const K = ix.SyscallKind;
const stack = (): Stack =>
  new Stack({
    mac: parseMac("02:00:00:00:00:02"),
    ip: parseIpv4("10.77.0.2"),
    clock: () => 0,
    transmit: () => undefined,
    ownedFlowGroups: [0, 1],
  });
const counters = (): SyscallCounters => ({ calls: 0, errors: 0, unknown: 0, oversizedBatches: 0 });
const batch = (calls: ix.ISyscall[]): ix.SyscallBatch =>
  ix.SyscallBatch.fromObject({ core: 0, seq: 1, calls });

test("bad calls get their errno and are counted", () => {
  const c = counters();
  const codes = executeBatch(
    stack(),
    batch([
      { kind: K.SYS_LISTEN, port: 7 },
      { kind: K.SYS_LISTEN, port: 0 },
      { kind: K.SYS_SENDV, handle: 1, bufs: [] },
      { kind: K.SYS_SENDV, handle: 1, bufs: Array.from({ length: 31 }, () => new Uint8Array(1)) },
      { kind: K.SYS_CLOSE, handle: 12345 },
      { kind: 77 as ix.SyscallKind },
    ]),
    c,
  );
  assert.deepEqual(codes, [0, -Errno.EINVAL, -Errno.EINVAL, -Errno.EINVAL, -Errno.EBADF, -Errno.EINVAL]);
  assert.deepEqual(c, { calls: 6, errors: 5, unknown: 1, oversizedBatches: 0 });
});

test("a handle whose flow group moved gets ESTALE; an accept also names the new core", () => {
  const moved = 5 * HANDLE_FG_SCALE + 3; // flow group 5 left for core 1
  const stale: [number, number][] = [];
  const codes = executeBatch(
    stack(),
    batch([
      { kind: K.SYS_ACCEPT, handle: moved, cookie: 42 },
      { kind: K.SYS_SENDV, handle: moved, bufs: [new Uint8Array(4)] },
      { kind: K.SYS_CLOSE, handle: 9 * HANDLE_FG_SCALE + 1 }, // never here: plain EBADF
    ]),
    counters(),
    (fg) => (fg === 5 ? 1 : undefined),
    (call, target) => stale.push([call.kind ?? 0, target]),
  );
  assert.deepEqual(codes, [-Errno.ESTALE, -Errno.ESTALE, -Errno.EBADF]);
  assert.deepEqual(stale, [
    [K.SYS_ACCEPT, 1],
    [K.SYS_SENDV, 1],
  ]);
});

test("a batch over the limit is refused whole", () => {
  const c = counters();
  const calls = Array.from({ length: ix.Limit.MAX_CALLS_PER_BATCH + 1 }, () => ({
    kind: K.SYS_CLOSE,
    handle: 1,
  }));
  const codes = executeBatch(stack(), batch(calls), c);
  assert.ok(codes.every((x) => x === -Errno.E2BIG));
  assert.equal(c.oversizedBatches, 1);
});
