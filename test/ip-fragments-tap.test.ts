// IP fragments and ICMP errors through the real cluster (nats-server, NIC,
// two dataplane cores, the app) with Linux as the peer through a TAP: ping
// with 4000 and 8000 bytes of data (requests and replies fragmented both
// ways), 8 KB UDP echo, and ICMP port unreachable for UDP to a closed port,
// quoting the datagram. The NIC steers every fragment of a datagram on its
// two addresses, so one core reassembles it and answers. Needs root.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { startCluster, canUseTap, REPO_ROOT, HOST_IP, LINUX_IP, type Cluster } from "@ix/cluster";
import { metricSamples } from "./helpers/metrics.ts";

const run = promisify(execFile);
const NS = "ixfragtest";
const skip = canUseTap() ? false : "needs root, socat and iproute2 (TAP in a network namespace)";
let cluster: Cluster;

const inNs = async (argv: string[], timeoutMs = 60_000): Promise<string> =>
  (await run("ip", ["netns", "exec", NS, ...argv], { timeout: timeoutMs, maxBuffer: 16 << 20 })).stdout;
const client = (name: string): string => join(REPO_ROOT, "test", "clients", name);

/** ix_dp_ip_events_total and ix_dp_drops_total summed over the cores, by event/reason. */
async function coreCounters(metric: string, label: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const p of cluster.cores) {
    for (const [labels, v] of await metricSamples(p.adminUrl, metric)) {
      const k = new RegExp(`${label}="([^"]+)"`).exec(labels)?.[1] ?? "?";
      out[k] = (out[k] ?? 0) + v;
    }
  }
  return out;
}

before(async () => {
  if (skip) return;
  cluster = await startCluster({ cores: 2, tap: true, namespace: NS, tapName: "ixfragtap0", policy: false });
});

after(async () => {
  await cluster?.stop();
});

for (const size of [4000, 8000]) {
  test(
    `ping -s ${size}: every request answered with all ${size + 8} bytes, data intact`,
    { skip },
    async () => {
      const out = await inNs(["ping", "-n", "-c", "3", "-i", "0.3", "-W", "3", "-s", String(size), HOST_IP]);
      assert.match(out, /3 packets transmitted, 3 received/, out);
      const replies = out.split("\n").filter((l) => l.startsWith(`${size + 8} bytes from ${HOST_IP}`));
      assert.equal(replies.length, 3, `three full-size replies:\n${out}`);
      assert.doesNotMatch(out, /truncated|wrong data|corrupted/i, out);
    },
  );
}

test(
  "UDP echo of 8192-byte datagrams: every reply is the whole datagram, byte for byte",
  { skip },
  async () => {
    const r = JSON.parse(await inNs(["python3", client("udp_big_echo.py"), HOST_IP, "7", "8192", "5"])) as {
      sent: number;
      echoed: number;
      lengths: number[];
    };
    assert.deepEqual(r.lengths, [8192, 8192, 8192, 8192, 8192]);
    assert.equal(r.echoed, 5);
    const ev = await coreCounters("ix_dp_ip_events_total", "event");
    assert.ok((ev.ip_reassembled ?? 0) >= 5, `datagrams reassembled: ${JSON.stringify(ev)}`);
    assert.ok((ev.ip_fragmented_out ?? 0) >= 5, `datagrams fragmented on output: ${JSON.stringify(ev)}`);
  },
);

test(
  "UDP to a closed port: ICMP port unreachable quoting the datagram; Linux reports ECONNREFUSED",
  { skip },
  async () => {
    const r = JSON.parse(await inNs(["python3", client("udp_closed_port.py"), HOST_IP, "9"])) as {
      sport: number;
      socket_error: string | null;
      icmp: null | {
        type: number;
        code: number;
        checksum_ok: boolean;
        quoted_src: string;
        quoted_dst: string;
        quoted_proto: number;
        quoted_ports: number[];
        quoted_payload: string;
      };
    };
    assert.ok(r.icmp !== null, "an ICMP destination unreachable arrived");
    assert.equal(r.icmp.type, 3);
    assert.equal(r.icmp.code, 3, "port unreachable");
    assert.ok(r.icmp.checksum_ok, "valid ICMP checksum");
    assert.equal(r.icmp.quoted_src, LINUX_IP);
    assert.equal(r.icmp.quoted_dst, HOST_IP);
    assert.equal(r.icmp.quoted_proto, 17);
    assert.deepEqual(r.icmp.quoted_ports, [r.sport, 9]);
    assert.equal(r.icmp.quoted_payload, "is anybody listening on this port?", "the whole datagram is quoted");
    assert.equal(r.socket_error, "ECONNREFUSED", "Linux matched the quote to the socket");
    const ev = await coreCounters("ix_dp_ip_events_total", "event");
    assert.ok((ev.icmp_dest_unreach_sent ?? 0) >= 1, JSON.stringify(ev));
    const drops = await coreCounters("ix_dp_drops_total", "reason");
    assert.ok((drops.udp_no_listener ?? 0) >= 1, JSON.stringify(drops));
  },
);
