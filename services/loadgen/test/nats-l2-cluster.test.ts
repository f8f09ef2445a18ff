// The nats-l2 transport against a real cluster (nats-server with per-role
// users, NIC, two dataplane cores, the app with echo on 7 and memcached on
// 11211): no TAP, no root. The client host attaches to the NATS L2 segment as
// a user of kind "host".
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { credentialsFromEnv } from "@ix/bus";
import { startCluster, HOST_IP, type Cluster } from "@ix/cluster";
import { maxRateUnderSlo } from "../src/modes.ts";
import { parseLoadOptions } from "../src/options.ts";
import { Rng } from "../src/rng.ts";
import { runLoad } from "../src/run.ts";
import type { RunResult } from "../src/results.ts";
import type { Conn } from "../src/transport.ts";
import { closeNatsL2, configureNatsL2, natsL2Host, NatsL2Transport } from "../src/nats-l2/mod.ts";

let cluster: Cluster;
let dir: string;
const transport = new NatsL2Transport();

before(async () => {
  cluster = await startCluster({ cores: 2 });
  configureNatsL2({
    hostIp: "10.77.0.201",
    hostName: "nats-l2-test",
    credentials: credentialsFromEnv(cluster.env("host")),
  });
  dir = mkdtempSync(join(tmpdir(), "nats-l2-"));
});
after(async () => {
  await closeNatsL2();
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Collects `n` bytes from conn (or fails after `ms`). */
function collect(conn: Conn, n: number, ms: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const out = new Uint8Array(n);
    let got = 0;
    const timer = setTimeout(() => reject(new Error(`only ${got} of ${n} bytes in ${ms} ms`)), ms);
    conn.onClose((err) => reject(new Error(`closed after ${got} bytes: ${err?.message ?? "eof"}`)));
    conn.onData((chunk) => {
      if (got + chunk.length > n) return reject(new Error(`more than ${n} bytes`));
      out.set(chunk, got); // chunks are only valid during the call
      got += chunk.length;
      if (got === n) {
        clearTimeout(timer);
        resolve(out);
      }
    });
  });
}

function randomBytes(n: number, seed: number): Uint8Array {
  const rng = new Rng(seed);
  return Uint8Array.from({ length: n }, () => Math.floor(rng.next() * 256));
}

test("1 MB of echo over 8 connections comes back byte for byte", { timeout: 60_000 }, async () => {
  const per = (1 << 20) / 8;
  const conns = await Promise.all(Array.from({ length: 8 }, () => transport.connect(HOST_IP, 7)));
  const payloads = conns.map((_, i) => randomBytes(per, i + 1));
  const echoed = conns.map((c) => collect(c, per, 45_000));
  conns.forEach((c, i) => {
    // Uneven pieces, all in one turn: one sendv per connection takes them.
    for (let off = 0; off < per; off += 1000 + i * 77) c.send(payloads[i].subarray(off, off + 1000 + i * 77));
  });
  const got = await Promise.all(echoed);
  for (let i = 0; i < 8; i++) assert.deepEqual(got[i], payloads[i], `connection ${i}`);
  for (const c of conns) c.close();
});

test("a send larger than the send buffer is queued and goes out in order", { timeout: 60_000 }, async () => {
  const size = 1 << 20; // 4x the stack's 256 KiB send buffer
  const conn = await transport.connect(HOST_IP, 7);
  const data = randomBytes(size, 99);
  const echoed = collect(conn, size, 45_000);
  conn.send(data);
  await new Promise((r) => setImmediate(r));
  assert.ok((conn as { queuedBytes?: number }).queuedBytes! > 0, "the stack took it all at once");
  assert.deepEqual(await echoed, data);
  conn.close();
});

test("memcached set then get round trip", { timeout: 60_000 }, async () => {
  const conn = await transport.connect(HOST_IP, 11211);
  const enc = new TextEncoder();
  const dec = new TextDecoder();
  const stored = collect(conn, "STORED\r\n".length, 30_000);
  conn.send(enc.encode("set nats-l2-key 5 0 11\r\nhello world\r\n"));
  assert.equal(dec.decode(await stored), "STORED\r\n");
  const value = "VALUE nats-l2-key 5 11\r\nhello world\r\nEND\r\n";
  const got = collect(conn, value.length, 30_000);
  conn.send(enc.encode("get nats-l2-key\r\n"));
  assert.equal(dec.decode(await got), value);
  conn.close();
});

test("an unreachable port is refused with a clear error", { timeout: 60_000 }, async () => {
  await assert.rejects(transport.connect(HOST_IP, 9), /cannot connect to 10\.77\.0\.2:9/);
  await assert.rejects(transport.connect("localhost", 7), /IPv4 address/);
});

// Correctness only (every echo answered and matched, no errors): the rate and
// latency the cluster reaches depend on this machine and belong to the bench.
test(
  "ixload drives echo over 16 connections through a NATS L2 host with no errors",
  { timeout: 90_000 },
  async () => {
    const opts = parseLoadOptions([
      ...["--server", `${HOST_IP}:7`, "--protocol", "echo", "--transport", "nats-l2", "--rate", "2000"],
      ...["--duration", "3", "--warmup", "0.5", "--connections", "16", "--ceiling", "off", "--quiet"],
    ]);
    const r = await runLoad(opts);
    assert.equal(r.errors, 0);
    assert.equal(r.steps.length, 1);
    assert.ok(r.requests > 0, "no echo answered");
    const l = r.latencyUs;
    assert.ok(0 < l.p50 && l.p50 <= l.p99 && l.max > 0, JSON.stringify(l));
  },
);

// On a 2-core machine the whole cluster (five Node processes and nats-server)
// shares the CPUs with the generator: how many steps the sweep reaches and at
// what latency depend on the machine's load, so this checks the file's
// structure and that its figures follow from its steps; the numbers that
// matter come from `npm run bench` and scripts/usr-sweep.sh.
test("a short USR sweep writes a result file with maxRateUnderSlo", { timeout: 120_000 }, async () => {
  const opts = parseLoadOptions([
    ...["--server", `${HOST_IP}:11211`, "--workload", "usr", "--transport", "nats-l2", "--mode", "sweep"],
    ...["--sweep-start", "500", "--sweep-factor", "2", "--sweep-max", "2000", "--duration", "1"],
    ...["--warmup", "0.3", "--connections", "8", "--keys", "1000", "--slo-us", "200000"],
    ...["--ceiling", "off", "--quiet"],
  ]);
  const file = join(dir, "usr-sweep.json");
  writeFileSync(file, JSON.stringify(await runLoad(opts)));
  const r = JSON.parse(readFileSync(file, "utf8")) as RunResult;
  assert.equal(r.mode, "sweep");
  assert.equal(r.config.transport, "nats-l2");
  const targets = r.steps.map((s) => s.targetRate);
  assert.ok(targets.length >= 1, "no step measured");
  assert.deepEqual(targets, [500, 1000, 2000].slice(0, targets.length));
  if (targets.length < 3) assert.match(String(r.stoppedBy), /^(saturated|slo)$/, `stopped after ${targets}`);
  assert.equal(r.errors, 0);
  for (const s of r.steps) assert.ok(s.requests > 0, `no response at ${s.targetRate}/s`);
  assert.equal(r.sloUs, 200_000);
  assert.equal(r.maxRateUnderSlo, maxRateUnderSlo(r.steps, 200_000));
});

test("one host carries 2000 concurrent connections", { timeout: 90_000 }, async () => {
  const host = await natsL2Host();
  const before = host.connectionCount;
  const conns: Conn[] = [];
  for (let i = 0; i < 2000; i += 200)
    conns.push(...(await Promise.all(Array.from({ length: 200 }, () => transport.connect(HOST_IP, 7)))));
  assert.equal(host.connectionCount - before, 2000);
  const msg = new TextEncoder().encode("ping");
  const echoed = conns.map((c) => collect(c, msg.length, 30_000));
  for (const c of conns) c.send(msg);
  for (const got of await Promise.all(echoed)) assert.deepEqual(got, msg);
  for (const c of conns) c.close();
});
