// A client host that opens and holds many idle TCP connections, for the
// connection-scalability scenario (bench/connections.bench.ts). One process
// per source address: it binds every socket to --bind explicitly, so the
// ephemeral ports it draws are that address's own (Linux gives each local
// address the whole ip_local_port_range), and several holders on several
// addresses reach 100,000 connections to one server ip:port.
//
// Runs inside the test's network namespace (kernel sockets through the TAP).
// Commands on stdin, one per line; one JSON line on stdout per answer:
//   open N   -> opens connections until N are held (at most --window connects
//               outstanding, so the server's SYN backlog is not flooded);
//               {"type":"opened","held":..,"failed":..,"firstError":..}
//               with {"type":"progress","held":..} lines every 5,000
//   check    -> sends one byte on every held connection and waits for its echo:
//               {"type":"checked","held":..,"echoed":..,"lost":..}
//   close    -> closes every held connection gracefully (FIN, at most 512
//               at a time, each waiting for the server's FIN) while this
//               process stays alive, so the kernel retransmits what is lost
//               and no socket becomes an orphan (Linux resets orphans beyond
//               tcp_max_orphans, and a lost reset leaves the server's
//               connection open for good):
//               {"type":"closed","closed":..,"timedOut":..}
//   quit     -> destroys whatever is left and exits 0.
// A connection the server closes or resets is counted in "lost".
//
// The default window (8 connects outstanding per holder, 64 for 8 holders)
// stays under the cluster's SYN backlog (128 per core): beyond it the stack
// answers with SYN cookies, and a cookie ACK that meets a full accept backlog
// is dropped, leaving a client that believes it is connected (Linux does not
// resend a handshake's last ACK) and a server that knows nothing of it.
//
// Usage: node conn-holder.ts --server IP:PORT --bind IP [--window 8]
import net from "node:net";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    server: { type: "string" },
    bind: { type: "string" },
    window: { type: "string", default: "8" },
  },
});
const fail = (msg: string): never => {
  process.stderr.write(`conn-holder: ${msg}\n`);
  process.exit(2);
};
const [host, portText] = (values.server ?? fail("--server IP:PORT is required")).split(":");
const port = Number(portText);
if (!host || !Number.isInteger(port) || port < 1 || port > 65535) fail(`bad --server ${values.server}`);
const bind = values.bind ?? fail("--bind IP is required");
const window = Number(values.window);
if (!Number.isInteger(window) || window < 1) fail(`bad --window ${values.window}`);

const PROBE = Buffer.from("x");
/** Probes outstanding at once in a check (data segments: no SYN backlog involved). */
const CHECK_WINDOW = 512;
const held: net.Socket[] = [];
let lost = 0;
let failed = 0;
let firstError = "";
const say = (o: object): void => void process.stdout.write(JSON.stringify(o) + "\n");

/** Opens one connection: true when it is held, false when the connect failed. */
function openOne(): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port, localAddress: bind, noDelay: true });
    s.once("connect", () => {
      s.off("error", onConnectError);
      // Lost after the handshake: counted, and the socket is dropped from the set.
      s.on("error", () => {});
      s.once("close", () => {
        if (!closing) lost++;
      });
      held.push(s);
      resolve(true);
    });
    const onConnectError = (e: Error): void => {
      failed++;
      firstError ||= e.message;
      s.destroy();
      resolve(false);
    };
    s.once("error", onConnectError);
  });
}

async function openTo(target: number): Promise<void> {
  let nextReport = Math.ceil((held.length + 1) / 5000) * 5000;
  let claimed = held.length;
  // `window` workers, each one connect at a time, so at most `window` SYNs are
  // outstanding. They stop early when too many fail (the server refuses, or
  // this address is out of ports): the parent reads "failed".
  const worker = async (): Promise<void> => {
    while (claimed < target && failed < 100) {
      claimed++;
      if (!(await openOne())) claimed--; // try again, up to 100 failures in all
      if (held.length >= nextReport) {
        say({ type: "progress", held: held.length });
        nextReport += 5000;
      }
    }
  };
  await Promise.all(Array.from({ length: window }, worker));
  say({ type: "opened", held: held.length, failed, firstError });
}

/** One byte on every held connection, the echo awaited (bounded: 300 s). */
async function check(): Promise<void> {
  let echoed = 0;
  const deadline = Date.now() + 300_000;
  for (let i = 0; i < held.length && Date.now() < deadline; i += CHECK_WINDOW) {
    const slice = held.slice(i, i + CHECK_WINDOW);
    await Promise.all(
      slice.map(
        (s) =>
          new Promise<void>((resolve) => {
            if (s.destroyed) return resolve();
            const t = setTimeout(done, Math.max(1, deadline - Date.now()));
            function done(): void {
              clearTimeout(t);
              s.off("data", onData);
              resolve();
            }
            function onData(d: Buffer): void {
              if (d.length === 1 && d[0] === PROBE[0]) echoed++;
              done();
            }
            s.on("data", onData);
            s.write(PROBE);
          }),
      ),
    );
  }
  say({ type: "checked", held: held.length, echoed, lost });
}

/** Graceful close of every held connection (bounded: 300 s). */
async function closeAll(): Promise<void> {
  closing = true;
  let closed = 0;
  let timedOut = 0;
  const deadline = Date.now() + 300_000;
  for (let i = 0; i < held.length; i += CHECK_WINDOW) {
    await Promise.all(
      held.slice(i, i + CHECK_WINDOW).map(
        (s) =>
          new Promise<void>((resolve) => {
            if (s.destroyed) {
              closed++;
              return resolve();
            }
            const t = setTimeout(
              () => {
                timedOut++;
                s.destroy();
                resolve();
              },
              Math.max(1, deadline - Date.now()),
            );
            s.once("close", () => {
              clearTimeout(t);
              closed++;
              resolve();
            });
            s.resume(); // read the server's FIN (and any late echo) so "close" comes
            s.end();
          }),
      ),
    );
  }
  held.length = 0;
  say({ type: "closed", closed, timedOut });
}

let closing = false;
const rl = createInterface({ input: process.stdin });
let queue = Promise.resolve();
rl.on("line", (line) => {
  const [cmd, arg] = line.trim().split(/\s+/);
  queue = queue.then(async () => {
    if (cmd === "open" && Number.isInteger(Number(arg))) await openTo(Number(arg));
    else if (cmd === "check") await check();
    else if (cmd === "close") await closeAll();
    else if (cmd === "quit") {
      closing = true;
      for (const s of held) s.destroy();
      process.exit(0);
    } else say({ type: "error", error: `unknown command: ${line}` });
  });
});
// The parent went away: close everything rather than hold the ports.
rl.on("close", () => {
  closing = true;
  for (const s of held) s.destroy();
  process.exit(0);
});
