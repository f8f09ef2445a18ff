#!/usr/bin/env node
// Connection churn for the soak (test/helpers/soak.ts): `--concurrency`
// workers each open a short TCP connection, make one verified exchange and
// close it, again and again until `--duration` seconds or `--max-connections`
// connections. Either through Linux's TCP (`--transport kernel`, run inside
// the TAP namespace) or a userspace client host on the cluster's NATS L2
// segment (`--transport nats-l2`, no root; IX_NATS_* from the environment).
//
//   echo:      64 bytes naming the connection, the same 64 bytes back, then
//              the client closes first (its side takes TIME-WAIT).
//   memcached: `set` + `get` of a key of this process pipelined, the exact
//              replies checked, then `quit`: the server closes first (the
//              cluster takes TIME-WAIT), as memcached's users end sessions.
//   --stats:   one connection asks memcached `stats` and prints its STAT
//              lines as JSON ({"stats": {...}}); curr_connections counts it.
//
// stdout: one JSON line per `--progress-s` ({"progress": Totals}) and a last
// {"result": Totals}. An error (refused, reset, wrong bytes, no answer within
// `--timeout-s`) is counted with the first few messages kept, and the worker
// goes on: the soak reports errors, it does not stop at the first. SIGTERM
// stops opening connections and lets the open ones finish. Exit 2 with one
// line on bad arguments.
import { parseArgs } from "node:util";
import { closeNatsL2, configureNatsL2, getTransport, type Conn, type Transport } from "@ix/loadgen";

const USAGE = `usage: churn-client.ts --server IP --protocol echo|memcached [--transport kernel|nats-l2]
  [--concurrency N] [--duration S] [--max-connections N] [--timeout-s S] [--progress-s S]
  [--host-ip 10.77.0.X]   (nats-l2: this client host's address; default from the pid)
churn-client.ts --server IP --stats [--transport kernel|nats-l2]`;

const ECHO_PORT = 7;
const MEMCACHED_PORT = 11211;
/** Keys this process cycles through (its pid in the name keeps processes apart). */
const KEYS_PER_PROCESS = 1000;
const MAX_ERROR_SAMPLES = 5;

/** What a churn client reports (progress lines and the result). */
export interface ChurnTotals {
  /** Connections opened, exchanged on and closed cleanly. */
  connections: number;
  /** Requests answered correctly (echo: 1 per connection; memcached: set + get). */
  operations: number;
  errors: number;
  /** The first few error messages. */
  errorSamples: string[];
  seconds: number;
}

function fail(message: string): never {
  process.stderr.write(`churn-client: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parse(): {
  server: string;
  protocol: "echo" | "memcached";
  transport: string;
  concurrency: number;
  durationS: number;
  maxConnections: number;
  timeoutS: number;
  progressS: number;
  hostIp?: string;
  stats: boolean;
} {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        server: { type: "string" },
        protocol: { type: "string", default: "echo" },
        transport: { type: "string", default: "kernel" },
        concurrency: { type: "string", default: "4" },
        duration: { type: "string", default: "60" },
        "max-connections": { type: "string", default: "1000000" },
        "timeout-s": { type: "string", default: "15" },
        "progress-s": { type: "string", default: "5" },
        "host-ip": { type: "string" },
        stats: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  if (values.help) {
    process.stdout.write(USAGE + "\n");
    process.exit(0);
  }
  if (!values.server) fail("--server is required");
  if (values.protocol !== "echo" && values.protocol !== "memcached")
    fail(`--protocol must be echo or memcached, got "${values.protocol}"`);
  if (values.transport !== "kernel" && values.transport !== "nats-l2")
    fail(`--transport must be kernel or nats-l2, got "${values.transport}"`);
  const positive = (name: string, v: string, integer: boolean): number => {
    const n = Number(v);
    if (!(n > 0) || (integer && !Number.isInteger(n)))
      fail(`--${name} must be a positive number, got "${v}"`);
    return n;
  };
  return {
    server: values.server,
    protocol: values.protocol,
    transport: values.transport,
    concurrency: positive("concurrency", values.concurrency, true),
    durationS: positive("duration", values.duration, false),
    maxConnections: positive("max-connections", values["max-connections"], true),
    timeoutS: positive("timeout-s", values["timeout-s"], false),
    progressS: positive("progress-s", values["progress-s"], false),
    hostIp: values["host-ip"],
    stats: values.stats,
  };
}

/**
 * One connection's exchange: sends `request`, collects replies until
 * `complete(received)` says the expected bytes are all there, then (when
 * `clientCloses`) closes, or waits for the server's close. Resolves with an
 * error message or null.
 */
function exchange(
  conn: Conn,
  request: Uint8Array,
  expected: Uint8Array,
  o: { clientCloses: boolean; then?: Uint8Array; timeoutMs: number },
): Promise<string | null> {
  return new Promise((resolve) => {
    const got = Buffer.alloc(expected.length);
    let n = 0;
    let done = false;
    const finish = (err: string | null): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err !== null) conn.close();
      resolve(err);
    };
    const timer = setTimeout(
      () =>
        finish(
          `no ${n < expected.length ? "reply" : "close"} within ${o.timeoutMs} ms (${n} of ${expected.length} bytes)`,
        ),
      o.timeoutMs,
    );
    conn.onData((chunk) => {
      if (n + chunk.length > expected.length) {
        finish(`${n + chunk.length - expected.length} bytes more than expected`);
        return;
      }
      got.set(chunk, n);
      n += chunk.length;
      if (n < expected.length) return;
      if (!got.equals(expected)) {
        finish(`wrong reply: ${JSON.stringify(got.toString("latin1").slice(0, 80))}`);
        return;
      }
      if (o.then) conn.send(o.then);
      if (o.clientCloses) {
        conn.close();
        finish(null);
      }
    });
    conn.onClose((err) => {
      if (err) finish(`closed: ${err.message}`);
      else if (n < expected.length) finish(`closed by the server after ${n} of ${expected.length} bytes`);
      else finish(null);
    });
    conn.send(request);
  });
}

/** The first `limit` bytes of `s` repeated: deterministic content per connection. */
const fill = (s: string, limit: number): string => s.repeat(Math.ceil(limit / s.length)).slice(0, limit);

async function churn(o: ReturnType<typeof parse>, transport: Transport): Promise<ChurnTotals> {
  const t0 = performance.now();
  const deadline = t0 + o.durationS * 1000;
  const totals: ChurnTotals = { connections: 0, operations: 0, errors: 0, errorSamples: [], seconds: 0 };
  let started = 0;
  let stopping = false;
  const stop = (): void => {
    stopping = true;
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  const error = (message: string): void => {
    totals.errors++;
    if (totals.errorSamples.length < MAX_ERROR_SAMPLES) totals.errorSamples.push(message);
  };
  const report = (key: "progress" | "result"): void => {
    totals.seconds = Math.round((performance.now() - t0) / 100) / 10;
    process.stdout.write(JSON.stringify({ [key]: totals }) + "\n");
  };
  const progress = setInterval(() => report("progress"), o.progressS * 1000);

  const one = async (i: number): Promise<void> => {
    const port = o.protocol === "echo" ? ECHO_PORT : MEMCACHED_PORT;
    const timeoutMs = o.timeoutS * 1000;
    let conn: Conn;
    // Linux retries a SYN for about two minutes: a handshake that never completes is an error after timeoutMs.
    const connecting = transport.connect(o.server, port);
    let timer: NodeJS.Timeout | undefined;
    try {
      conn = await Promise.race([
        connecting,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no connection within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } catch (e) {
      connecting.then((c) => c.close()).catch(() => undefined);
      error(`${o.protocol} #${i}: ${(e as Error).message}`);
      return;
    } finally {
      clearTimeout(timer);
    }
    if (o.protocol === "echo") {
      const msg = Buffer.from(fill(`soak ${process.pid} ${i} `, 64), "latin1");
      const err = await exchange(conn, msg, msg, { clientCloses: true, timeoutMs });
      if (err) return error(`echo #${i}: ${err}`);
      totals.connections++;
      totals.operations++;
      return;
    }
    const key = `soak:${process.pid}:${i % KEYS_PER_PROCESS}`;
    const value = fill(`${i}.`, 32 + (i % 200));
    const request = Buffer.from(`set ${key} 0 0 ${value.length}\r\n${value}\r\nget ${key}\r\n`, "latin1");
    const expected = Buffer.from(`STORED\r\nVALUE ${key} 0 ${value.length}\r\n${value}\r\nEND\r\n`, "latin1");
    const err = await exchange(conn, request, expected, {
      clientCloses: false,
      then: Buffer.from("quit\r\n"),
      timeoutMs,
    });
    if (err) return error(`memcached #${i}: ${err}`);
    totals.connections++;
    totals.operations += 2;
  };

  const worker = async (): Promise<void> => {
    while (!stopping && started < o.maxConnections && performance.now() < deadline) {
      const errorsBefore = totals.errors;
      await one(started++);
      // After an error, a short pause: a refusing server must not turn the worker into a busy loop.
      if (totals.errors > errorsBefore) await new Promise((r) => setTimeout(r, 100));
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  clearInterval(progress);
  report("result");
  return totals;
}

/** `stats` over one connection: the STAT lines as numbers where they are numbers. */
async function stats(o: ReturnType<typeof parse>, transport: Transport): Promise<void> {
  const conn = await transport.connect(o.server, MEMCACHED_PORT);
  const text = await new Promise<string>((resolve, reject) => {
    let got = "";
    const timer = setTimeout(
      () => reject(new Error(`no END to "stats" within ${o.timeoutS} s`)),
      o.timeoutS * 1000,
    );
    conn.onData((chunk) => {
      got += Buffer.from(chunk).toString("latin1");
      if (got.endsWith("END\r\n")) {
        clearTimeout(timer);
        resolve(got);
      }
    });
    conn.onClose((err) => {
      clearTimeout(timer);
      reject(new Error(`closed before END${err ? `: ${err.message}` : ""}`));
    });
    conn.send(Buffer.from("stats\r\n"));
  });
  conn.close();
  const out: Record<string, number | string> = {};
  for (const m of text.matchAll(/^STAT (\S+) (\S+)\r$/gm))
    out[m[1]] = /^\d+$/.test(m[2]) ? Number(m[2]) : m[2];
  process.stdout.write(JSON.stringify({ stats: out }) + "\n");
}

const o = parse();
if (o.transport === "nats-l2") {
  try {
    configureNatsL2({ hostIp: o.hostIp });
  } catch (e) {
    fail((e as Error).message);
  }
}
try {
  const transport = getTransport(o.transport);
  if (o.stats) await stats(o, transport);
  else await churn(o, transport);
} catch (e) {
  process.stderr.write(`churn-client: ${(e as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await closeNatsL2();
}
// A nats-l2 host's NATS handles or a kernel socket in TIME-WAIT must not keep the process alive.
process.exit();
