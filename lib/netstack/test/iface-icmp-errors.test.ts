// The ICMP errors the stack sends: port unreachable for UDP to a closed port,
// byte for byte against scapy (ip-fragment-fixtures.ts), quoting at most 576
// bytes of ICMP datagram; never about what RFC 1122 3.2.2 forbids; limited by
// the token bucket (1 per interval, burst 6 by default) and counted.

import assert from "node:assert/strict";
import { test } from "node:test";
import { icmpErrorAllowed } from "../src/iface/icmp-errors.ts";
import { Stack } from "../src/iface/stack.ts";
import type { StackOptions } from "../src/iface/options.ts";
import {
  PORT_UNREACHABLE,
  PORT_UNREACHABLE_576,
  UDP_1024_TO_CLOSED_PORT,
  UDP_TO_CLOSED_PORT,
} from "./ip-fragment-fixtures.ts";
import { ARP_REQUEST_PADDED, STACK_IP, STACK_MAC, toHex } from "./wire-fixtures.ts";

function host(opts: Partial<StackOptions> = {}) {
  const h = {
    now: 0,
    out: [] as Uint8Array[],
    stack: undefined as unknown as Stack,
  };
  h.stack = new Stack({
    mac: STACK_MAC,
    ip: STACK_IP,
    clock: () => h.now,
    transmit: (f) => h.out.push(f.slice()),
    ...opts,
  });
  h.stack.input(ARP_REQUEST_PADDED.slice());
  h.out.length = 0;
  return h;
}

test("UDP to a closed port draws port unreachable quoting the whole datagram (scapy's bytes)", () => {
  const h = host();
  h.stack.input(UDP_TO_CLOSED_PORT.slice());
  assert.deepEqual(h.out.map(toHex), [toHex(PORT_UNREACHABLE)]);
  assert.equal(h.stack.counters.dropUdpNoListener, 1);
  assert.equal(h.stack.counters.icmpDestUnreachSent, 1);
});

test("the quote stops where the ICMP datagram reaches 576 bytes", () => {
  const h = host();
  h.stack.input(UDP_1024_TO_CLOSED_PORT.slice());
  assert.deepEqual(h.out.map(toHex), [toHex(PORT_UNREACHABLE_576)]);
  assert.equal(h.out[0].length, 14 + 576);
});

test("a listening port draws no ICMP", () => {
  const h = host();
  h.stack.udpListen(9);
  h.stack.input(UDP_TO_CLOSED_PORT.slice());
  assert.equal(h.out.length, 0);
  assert.equal(h.stack.events.length, 1);
});

test("the token bucket lets a burst of 6 through, then one per second; the rest are counted", () => {
  const h = host();
  for (let i = 0; i < 10; i++) h.stack.input(UDP_TO_CLOSED_PORT.slice());
  assert.equal(h.out.length, 6, "the burst");
  assert.equal(h.stack.counters.icmpErrorsRateLimited, 4);
  assert.equal(h.stack.counters.dropUdpNoListener, 10, "every datagram is still a counted drop");
  h.now += 999_999;
  h.stack.input(UDP_TO_CLOSED_PORT.slice());
  assert.equal(h.out.length, 6, "not a whole interval yet");
  h.now += 1;
  h.stack.input(UDP_TO_CLOSED_PORT.slice());
  assert.equal(h.out.length, 7, "one interval of credit: one more");
  h.now += 20_000_000; // well past 6 intervals, within the ARP entry's lifetime
  for (let i = 0; i < 10; i++) h.stack.input(UDP_TO_CLOSED_PORT.slice());
  assert.equal(h.out.length, 13, "after a long quiet period, a burst of 6 again (never more)");
  assert.equal(h.stack.counters.icmpDestUnreachSent, 13);
});

test("the rate limit is configurable", () => {
  const h = host({ icmpRateLimit: { intervalUs: 10_000, burst: 1 } });
  h.stack.input(UDP_TO_CLOSED_PORT.slice());
  h.stack.input(UDP_TO_CLOSED_PORT.slice());
  assert.equal(h.out.length, 1);
  h.now += 10_000;
  h.stack.input(UDP_TO_CLOSED_PORT.slice());
  assert.equal(h.out.length, 2);
});

test("no error about a link-layer broadcast frame", () => {
  const h = host();
  const f = UDP_TO_CLOSED_PORT.slice();
  f.fill(0xff, 0, 6);
  h.stack.input(f);
  assert.equal(h.out.length, 0);
  assert.equal(h.stack.counters.icmpErrorsNotAllowed, 1);
});

test("RFC 1122 3.2.2: the checks on the offending datagram's header", () => {
  const ip = UDP_TO_CLOSED_PORT.subarray(14, 34);
  const body = UDP_TO_CLOSED_PORT.subarray(34);
  assert.equal(icmpErrorAllowed(ip, body, false), true);
  const edit = (at: number, bytes: number[]) => {
    const h = ip.slice();
    h.set(bytes, at);
    return h;
  };
  assert.equal(icmpErrorAllowed(edit(6, [0x00, 0x10]), body, false), false, "a non-initial fragment");
  assert.equal(icmpErrorAllowed(edit(6, [0x20, 0x00]), body, false), true, "the first fragment is fine");
  assert.equal(icmpErrorAllowed(edit(12, [0, 0, 0, 0]), body, false), false, "source 0.0.0.0");
  assert.equal(icmpErrorAllowed(edit(12, [127, 0, 0, 1]), body, false), false, "loopback source");
  assert.equal(icmpErrorAllowed(edit(12, [224, 0, 0, 9]), body, false), false, "multicast source");
  assert.equal(icmpErrorAllowed(edit(12, [240, 0, 0, 1]), body, false), false, "class E source");
  assert.equal(icmpErrorAllowed(edit(12, [255, 255, 255, 255]), body, false), false, "broadcast source");
  assert.equal(icmpErrorAllowed(edit(16, [239, 1, 2, 3]), body, false), false, "multicast destination");
  assert.equal(icmpErrorAllowed(edit(16, [255, 255, 255, 255]), body, false), false, "broadcast destination");
  const icmp = edit(9, [1]);
  assert.equal(icmpErrorAllowed(icmp, Uint8Array.of(3, 3, 0, 0), false), false, "about an ICMP error");
  assert.equal(icmpErrorAllowed(icmp, Uint8Array.of(11, 1, 0, 0), false), false, "about time exceeded");
  assert.equal(icmpErrorAllowed(icmp, Uint8Array.of(8, 0, 0, 0), false), true, "about an echo request");
  assert.equal(icmpErrorAllowed(ip, body, true), false, "a link-layer broadcast");
});
