// Interop with the Linux kernel (the one Linux interop suite of lib/netstack):
// one Stack, driven by a small harness, on a TAP device in a network namespace
// this test creates. Linux pings it and is pinged; Linux clients and servers
// exchange 10 MB with it, intact, with the stack as server and as client, while
// the harness drops 1% of the frames each way; a Linux server half-closes and
// the stack answers from CLOSE_WAIT. Needs root: skipped otherwise.
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
/** Bytes per bulk transfer (IX_TEST_MB shrinks it when debugging). */
const BULK = Number(process.env.IX_TEST_MB ?? 10) * 1024 * 1024;
/** Each bulk transfer must finish well inside this (it takes about 10 s at 1% loss). */
const BULK_LIMIT_S = 60;

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
    // Recovery at a glance (retransmits, timeouts, dup ACKs, out-of-order drops) for the log reader.
    const nonZero = Object.entries(host.stack.counters).filter(
      ([k, v]) => v !== 0 && (k.startsWith("tcp") || k.startsWith("drop")),
    );
    console.log(
      `# stack counters ${JSON.stringify(Object.fromEntries(nonZero))}; ` +
        `harness lost ${host.faultsIn.counters.lost} in, ${host.faultsOut.counters.lost} out`,
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
      String(BULK),
      "--timeout",
      String(BULK_LIMIT_S),
    ],
    { timeout: (BULK_LIMIT_S + 10) * 1000, maxBuffer: 1 << 20 },
  );
  const r = JSON.parse(out.stdout) as {
    verified: number;
    expected: number;
    failures: unknown[];
    seconds: number;
  };
  console.log(`# stack as server: ${BULK} bytes echoed over 4 connections in ${r.seconds.toFixed(1)} s`);
  assert.deepEqual(r.failures, []);
  assert.equal(r.verified, BULK);
  assert.equal(host.stack.counters.dropTcpChecksum, 0, "every Linux segment passed the checksum");
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
    const data = stream("client", BULK);
    const t0 = performance.now();
    const s = host.stack;
    let sent = 0;
    let received = 0;
    let mismatch = -1;
    let handle = -1;
    const done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timeout: sent ${sent}, received ${received}`)),
        BULK_LIMIT_S * 1000,
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
    console.log(
      `# stack as client: ${BULK} bytes sent and read back in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    server.kill();
    assert.equal(mismatch, -1, `first corrupt byte at ${mismatch}`);
    assert.equal(received, data.length);
  },
);

test(
  "stack as client: a Linux server sends 1 MB and half-closes; the stack answers from CLOSE_WAIT",
  { skip },
  async () => {
    // The server writes, shuts down its sending side, then waits for our reply:
    // the stack must see the FIN after all data, still send in CLOSE_WAIT, and close.
    const code = `
import socket
data = bytes((i * 3) & 255 for i in range(1_000_000))
l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(("${LINUX}", 9001)); l.listen(1); l.settimeout(20)
print("READY", flush=True)
c, _ = l.accept(); c.settimeout(20)
c.sendall(data)
c.shutdown(socket.SHUT_WR)
rest = b""
while True:
    d = c.recv(10)
    if not d: break
    rest += d
c.close()
print("SERVER", rest.decode(), flush=True)
`;
    const server = spawn("ip", ["netns", "exec", NS, "timeout", "30", "python3", "-u", "-c", code], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    const exited = new Promise<number | null>((resolve) => server.on("close", resolve));
    await new Promise<void>((resolve) =>
      server.stdout!.on("data", (d: Buffer) => {
        out += d.toString();
        if (out.includes("READY")) resolve();
      }),
    );
    const s = host.stack;
    let received = 0;
    let intact = true;
    let connected = false;
    const finished = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timeout: received ${received}`)), 30_000);
      host.onEvents = () => {
        for (const e of s.events.splice(0)) {
          if (e.type === "connected") connected = e.ok;
          else if (e.type === "recv") {
            for (let k = 0; k < e.data.length; k++)
              if (e.data[k] !== ((received + k) * 3) % 256) intact = false;
            received += e.data.length;
            s.recvDone(e.handle, e.data.length);
          } else if (e.type === "dead") {
            assert.equal(e.reason, "fin");
            assert.equal(s.sendv(e.handle, [new TextEncoder().encode("bye")]), 3, "sendv in CLOSE_WAIT");
            s.close(e.handle);
            clearTimeout(timer);
            resolve();
          }
        }
      };
    });
    assert.ok(s.connect(parseIpv4(LINUX), 9001, 43) > 0);
    host.pump();
    await finished;
    assert.equal(await exited, 0, out);
    assert.ok(connected);
    assert.equal(received, 1_000_000);
    assert.ok(intact, "bytes intact");
    assert.match(out, /SERVER bye/);
  },
);
