// Interop with the real Linux TCP/IP stack: a TAP device (made by socat and
// bridged to UDP on loopback) is moved into a network namespace this test
// creates; Linux in the namespace talks to a Stack running here on real time.
// Skipped when not root or when socat/ip are missing. Everything is torn down.

import assert from "node:assert/strict";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import dgram from "node:dgram";
import { after, before, test } from "node:test";
import { Stack } from "../src/iface/stack.ts";

const NS = `ixns${process.pid % 100000}`;
const TAP = `ixtap${process.pid % 100000}`;
const LINUX_IP = "10.77.0.1";
const STACK_IP = 0x0a4d0002; // 10.77.0.2
const MAC = new Uint8Array([2, 0x1e, 0, 0, 0, 2]);

function can(): boolean {
  try {
    if (process.getuid?.() !== 0) return false;
    execFileSync("which", ["socat", "ip", "python3"]);
    return true;
  } catch {
    return false;
  }
}
const enabled = can();

let socat: ChildProcess | undefined;
let sock: dgram.Socket;
let stack: Stack;
let timer: NodeJS.Timeout | undefined;
const handlers: ((s: Stack) => void)[] = [];

const nowUs = () => Math.floor(performance.now() * 1000);
const sh = (...args: string[]) => execFileSync(args[0], args.slice(1), { stdio: "pipe" });

/** Runs the stack's timers at their deadline and the handlers after every entry. */
function pump(): void {
  for (const h of handlers) h(stack);
  if (timer) clearTimeout(timer);
  const d = stack.nextDeadline();
  if (d !== Infinity) {
    timer = setTimeout(
      () => {
        stack.poll();
        pump();
      },
      Math.max(0, (d - nowUs()) / 1000),
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = dgram.createSocket("udp4");
    s.bind(0, "127.0.0.1", () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
}

before(async () => {
  if (!enabled) return;
  sock = dgram.createSocket("udp4");
  await new Promise<void>((r) => sock.bind(0, "127.0.0.1", () => r()));
  const a = sock.address().port;
  const b = await freePort();
  socat = spawn(
    "socat",
    [`TUN,tun-type=tap,tun-name=${TAP},iff-no-pi`, `UDP-DATAGRAM:127.0.0.1:${a},bind=127.0.0.1:${b}`],
    {
      stdio: "ignore",
    },
  );
  for (let i = 0; i < 50; i++) {
    try {
      sh("ip", "link", "show", TAP);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  sh("ip", "netns", "add", NS);
  sh("ip", "link", "set", TAP, "netns", NS);
  sh("ip", "netns", "exec", NS, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1");
  sh("ip", "netns", "exec", NS, "ip", "link", "set", "lo", "up");
  sh("ip", "netns", "exec", NS, "ip", "addr", "add", `${LINUX_IP}/24`, "dev", TAP);
  sh("ip", "netns", "exec", NS, "ip", "link", "set", TAP, "up");
  stack = new Stack({
    mac: MAC,
    ip: STACK_IP,
    clock: nowUs,
    transmit: (f) => sock.send(Buffer.from(f), b, "127.0.0.1"),
  });
  sock.on("message", (m) => {
    stack.input(new Uint8Array(m.buffer, m.byteOffset, m.length));
    pump();
  });
});

after(() => {
  if (!enabled) return;
  if (timer) clearTimeout(timer);
  try {
    sh("ip", "netns", "del", NS);
  } catch {
    /* already gone */
  }
  socat?.kill();
  sock.close();
});

/** Runs python3 in the namespace (bounded by a timeout); resolves with its stdout. */
function pyInNs(code: string, onReady?: () => void, timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn("ip", [
      "netns",
      "exec",
      NS,
      "timeout",
      String(timeoutMs / 1000),
      "python3",
      "-u",
      "-c",
      code,
    ]);
    let out = "";
    let err = "";
    p.stdout.on("data", (d) => {
      out += d;
      if (onReady && out.includes("READY")) {
        onReady();
        onReady = undefined;
      }
    });
    p.stderr.on("data", (d) => (err += d));
    p.on("close", (c) => (c === 0 ? resolve(out) : reject(new Error(`python exit ${c}: ${err}`))));
  });
}

test(
  "Linux connects to the stack: 1 MB echoed back intact",
  { skip: !enabled, timeout: 30_000 },
  async () => {
    assert.equal(stack.listen(7000), 0);
    // IX-style echo with explicit flow control: received views wait until
    // sendv takes them, and only then are they released with recvDone.
    const queued = new Map<number, Uint8Array[]>();
    const flush = (s: Stack, h: number) => {
      const q = queued.get(h) ?? [];
      while (q.length > 0) {
        const n = s.sendv(h, [q[0]]);
        if (n <= 0) break;
        s.recvDone(h, n);
        if (n < q[0].length) {
          q[0] = q[0].subarray(n);
          break;
        }
        q.shift();
      }
    };
    const echo = (s: Stack) => {
      const events = s.events.splice(0);
      for (const e of events) {
        if (e.type === "knock") s.accept(e.handle, 1);
        else if (e.type === "recv") {
          if (!queued.has(e.handle)) queued.set(e.handle, []);
          queued.get(e.handle)!.push(e.data);
          flush(s, e.handle);
        } else if (e.type === "sent") flush(s, e.handle);
        else if (e.type === "dead") s.close(e.handle);
      }
    };
    handlers.push(echo);
    const out = await pyInNs(`
import socket, threading
data = bytes((i * 7 + i // 1000) & 255 for i in range(1_000_000))
s = socket.create_connection(("10.77.0.2", 7000), timeout=10)
# Send from a thread while reading here: an echo peer cannot buffer 1 MB.
threading.Thread(target=s.sendall, args=(data,), daemon=True).start()
got = bytearray()
while len(got) < len(data):
    chunk = s.recv(65536)
    if not chunk: break
    got += chunk
s.close()
print("OK" if bytes(got) == data else "BAD %d" % len(got))
`);
    handlers.length = 0;
    assert.equal(out.trim(), "OK");
    assert.equal(stack.counters.dropTcpChecksum, 0);
  },
);

test(
  "the stack connects to a Linux server and receives 1 MB",
  { skip: !enabled, timeout: 30_000 },
  async () => {
    let ready!: () => void;
    const listening = new Promise<void>((r) => (ready = r));
    const server = pyInNs(
      `
import socket
data = bytes((i * 3) & 255 for i in range(1_000_000))
l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(("10.77.0.1", 9000)); l.listen(1); l.settimeout(10)
print("READY")
c, _ = l.accept()
c.sendall(data)
c.shutdown(socket.SHUT_WR)
rest = c.recv(10)
c.close()
print("SERVER", rest.decode())
`,
      () => ready(),
    );
    await listening; // the server listens before we connect
    let received = 0;
    let ok = true;
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    let connected = false;
    handlers.push((s) => {
      for (const e of s.events.splice(0)) {
        if (e.type === "connected") connected = e.ok;
        else if (e.type === "recv") {
          for (let k = 0; k < e.data.length; k++) if (e.data[k] !== ((received + k) * 3) % 256) ok = false;
          received += e.data.length;
          s.recvDone(e.handle, e.data.length);
        } else if (e.type === "dead") {
          s.sendv(e.handle, [new TextEncoder().encode("bye")]);
          s.close(e.handle);
          done();
        }
      }
    });
    const h = stack.connect(0x0a4d0001, 9000, 42);
    assert.ok(h > 0);
    pump();
    await finished;
    const out = await server;
    handlers.length = 0;
    assert.ok(connected);
    assert.equal(received, 1_000_000);
    assert.ok(ok, "bytes intact");
    assert.equal(out.trim(), "READY\nSERVER bye");
  },
);
