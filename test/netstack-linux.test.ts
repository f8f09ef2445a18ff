// Interop with the Linux kernel: one lib/netstack Stack, driven by a small
// harness, on a TAP device in a network namespace this test creates. Linux
// pings it and is pinged; Linux clients and servers exchange 10 MB with it,
// intact, with the stack as server and as client, while the harness drops 1%
// of the frames each way. Needs root: skipped otherwise.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { promisify } from "node:util";
import { setupTap, canUseTap, REPO_ROOT, type TapHandle } from "@ix/cluster";
import { freePort } from "@ix/bus";
import {
  parseIpv4,
  parseMac,
  emitEthernet,
  emitIpv4Header,
  emitIcmpEcho,
  EtherType,
  IpProtocol,
  IcmpType,
  readU16,
} from "@ix/netstack";
import { StackHost } from "./helpers/stack-host.ts";

const run = promisify(execFile);
const NS = "ixnstest";
const LINUX = "10.78.0.1";
const STACK = "10.78.0.2";
const skip = canUseTap() ? false : "needs root, socat and iproute2 (TAP in a network namespace)";
let tap: TapHandle;
let host: StackHost;
let linuxMac: Uint8Array | undefined;

/** Deterministic test data: the same bytes for every run. */
function stream(seed: string, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let off = 0, block = 0; off < n; block++) {
    const d = createHash("sha256").update(`${seed}:${block}`).digest();
    out.set(d.subarray(0, Math.min(32, n - off)), off);
    off += 32;
  }
  return out;
}

before(async () => {
  if (skip) return;
  const nicPort = await freePort();
  const socatPort = await freePort();
  host = new StackHost({ mac: parseMac("02:00:00:00:00:22"), ip: parseIpv4(STACK) }, nicPort, socatPort, {
    loss: Number(process.env.IX_TEST_LOSS ?? 0.01),
  });
  tap = await setupTap({
    namespace: NS,
    tapName: "ixnstap0",
    linuxIp: LINUX,
    prefix: 24,
    nicPort,
    socatPort,
  });
});

after(async () => {
  if (host) {
    const c = host.stack.counters;
    const nz = Object.entries(c).filter(
      ([k, v]) => (v !== 0 && k.startsWith("tcp")) || (k.startsWith("drop") && v !== 0),
    );
    console.log(
      `# counters ${JSON.stringify(Object.fromEntries(nz))} faults in ${JSON.stringify(host.faultsIn.counters)} out ${JSON.stringify(host.faultsOut.counters)}`,
    );
  }
  host?.close();
  await tap?.teardown();
});

test("Linux pings the stack, and the stack pings Linux", { skip }, async () => {
  // Learn Linux's MAC from its frames, and watch for echo replies to our requests.
  const replies = new Set<number>();
  host.onFrame = (f) => {
    linuxMac ??= f.slice(6, 12);
    if (
      f.length >= 42 &&
      readU16(f, 12) === EtherType.IPv4 &&
      f[23] === IpProtocol.ICMP &&
      f[34] === IcmpType.EchoReply
    ) {
      replies.add(readU16(f, 40));
    }
  };
  const out = (await run("ip", ["netns", "exec", NS, "ping", "-c", "5", "-i", "0.2", "-W", "2", STACK]))
    .stdout;
  const received = Number(/(\d+) received/.exec(out)?.[1] ?? 0);
  assert.ok(received >= 3, out); // 1% harness loss may eat one
  assert.ok(linuxMac, "saw a frame from Linux");
  for (let seq = 1; seq <= 5; seq++) {
    const frame = new Uint8Array(14 + 20 + 8 + 32);
    let n = emitEthernet(frame, 0, linuxMac, parseMac("02:00:00:00:00:22"), EtherType.IPv4);
    n += emitIpv4Header(frame, n, {
      srcIp: parseIpv4(STACK),
      dstIp: parseIpv4(LINUX),
      protocol: IpProtocol.ICMP,
      payloadLength: 40,
    });
    emitIcmpEcho(frame, n, IcmpType.EchoRequest, 0x1234, seq, new Uint8Array(32).fill(seq));
    host.sendRaw(frame);
  }
  await new Promise((r) => setTimeout(r, 500));
  host.onFrame = undefined;
  assert.ok(replies.size >= 3, `Linux answered ${replies.size} of 5 echo requests`);
});

/** Minimal echo app on the native API, with IX's explicit flow control: recv_done only for bytes sendv accepted. */
function serveEcho(h: StackHost, port: number): void {
  const s = h.stack;
  const pending = new Map<number, { handle: number; queue: Uint8Array[]; finished: boolean }>();
  const flush = (c: { handle: number; queue: Uint8Array[]; finished: boolean }): void => {
    while (c.queue.length > 0) {
      const head = c.queue[0];
      const n = s.sendv(c.handle, [head]);
      if (n <= 0) return;
      s.recvDone(c.handle, n);
      if (n < head.length) {
        c.queue[0] = head.subarray(n);
        return;
      }
      c.queue.shift();
    }
    if (c.finished) s.close(c.handle);
  };
  assert.equal(s.listen(port), 0);
  h.onEvents = () => {
    const events = s.events.splice(0);
    for (const e of events) {
      if (e.type === "knock") {
        pending.set(e.handle, { handle: e.handle, queue: [], finished: false });
        s.accept(e.handle, e.handle);
      } else if (e.type === "recv") {
        const c = pending.get(e.cookie)!;
        c.queue.push(e.data);
        flush(c);
      } else if (e.type === "sent") {
        const c = pending.get(e.cookie);
        if (c) flush(c);
      } else if (e.type === "dead") {
        const c = pending.get(e.cookie);
        if (!c) continue;
        if (e.reason === "fin") {
          c.finished = true;
          flush(c);
        } else s.close(e.handle);
      }
    }
  };
}

test("stack as server: Linux clients echo 10 MB through it, intact, with 1% loss", { skip }, async () => {
  serveEcho(host, 7);
  const out = await run(
    "ip",
    [
      "netns",
      "exec",
      NS,
      "python3",
      join(REPO_ROOT, "test", "clients", "echo_client.py"),
      "--host",
      STACK,
      "--conns",
      "4",
      "--bytes",
      String(Number(process.env.IX_TEST_MB ?? 10) * 1024 * 1024),
      "--timeout",
      "150",
    ],
    { timeout: 160_000, maxBuffer: 1 << 20 },
  );
  const r = JSON.parse(out.stdout) as { verified: number; expected: number; failures: unknown[] };
  assert.deepEqual(r.failures, []);
  assert.equal(r.verified, 10 * 1024 * 1024);
  assert.ok(host.faultsIn.counters.lost + host.faultsOut.counters.lost > 0, "the harness dropped frames");
});

test(
  "stack as client: it sends 10 MB to a Linux server and reads it back intact, with 1% loss",
  { skip },
  async () => {
    const server = spawn(
      "ip",
      [
        "netns",
        "exec",
        NS,
        "python3",
        join(REPO_ROOT, "test", "clients", "stream_server.py"),
        "--port",
        "9000",
        "--conns",
        "1",
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise<void>((resolve) => server.stdout!.once("data", () => resolve()));
    const data = stream("client", 10 * 1024 * 1024);
    const s = host.stack;
    let sent = 0;
    let received = 0;
    let mismatch = -1;
    let handle = -1;
    const done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timeout: sent ${sent}, received ${received}`)),
        150_000,
      );
      const push = (): void => {
        while (sent < data.length) {
          const n = s.sendv(handle, [data.subarray(sent, Math.min(data.length, sent + 65536))]);
          if (n <= 0) return;
          sent += n;
        }
      };
      host.onEvents = () => {
        for (const e of s.events.splice(0)) {
          if (e.type === "connected") {
            assert.ok(e.ok, "connected");
            handle = e.handle;
            push();
          } else if (e.type === "sent") push();
          else if (e.type === "recv") {
            for (let i = 0; i < e.data.length && mismatch < 0; i++)
              if (e.data[i] !== data[received + i]) mismatch = received + i;
            received += e.data.length;
            s.recvDone(e.handle, e.data.length);
            if (received >= data.length) {
              s.close(e.handle);
              clearTimeout(timer);
              resolve();
            }
          } else if (e.type === "dead" && e.reason !== "fin")
            reject(new Error(`connection died: ${e.reason}`));
        }
      };
    });
    const h = s.connect(parseIpv4(LINUX), 9000, 42);
    assert.ok(h > 0, `connect returned ${h}`);
    host.pump();
    await done;
    server.kill();
    assert.equal(mismatch, -1, `first corrupt byte at ${mismatch}`);
    assert.equal(received, data.length);
  },
);
