// The latency-floor instrument (bench/support/ping.ts) on iputils ping's own
// output (the target on its figures: bench-targets.test.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { parsePingTimes } from "../bench/support/ping.ts";

const PING_OUTPUT = `PING 10.77.0.2 (10.77.0.2) 56(84) bytes of data.
64 bytes from 10.77.0.2: icmp_seq=1 ttl=64 time=2.41 ms
64 bytes from 10.77.0.2: icmp_seq=2 ttl=64 time=0.913 ms
64 bytes from 10.77.0.2: icmp_seq=4 ttl=64 time=13.0 ms

--- 10.77.0.2 ping statistics ---
4 packets transmitted, 3 received, 25% packet loss, time 153ms
rtt min/avg/max/mdev = 0.913/5.441/13.000/5.400 ms
`;

test("parsePingTimes: every reply's RTT in order, the summary line ignored", () => {
  assert.deepEqual(parsePingTimes(PING_OUTPUT), [2.41, 0.913, 13.0]);
  assert.deepEqual(parsePingTimes("ping: connect: Network is unreachable\n"), []);
});
