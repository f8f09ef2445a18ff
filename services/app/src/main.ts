#!/usr/bin/env node
// The app service: the user half of every elastic thread it is bound to
// (`--cores 0,1`), serving echo (TCP and UDP port 7) and memcached (TCP port
// 11211) through libix. One store is shared by all cores, so a key set
// through one core is read through any other.
import { parseArgs } from "node:util";
import { Counter, Gauge } from "prom-client";
import { connectBus } from "@ix/bus";
import { startAdminServer, createRegistry } from "@ix/admin";
import { Libix, type ConnHandler } from "@ix/libix";
import { MemcachedStore } from "./memcached/store.ts";
import { MemcachedSession } from "./memcached/session.ts";
import { EchoSession } from "./echo.ts";

const { values } = parseArgs({
  options: {
    cores: { type: "string", default: process.env.IX_APP_CORES ?? "0" },
    "memory-mb": { type: "string", default: process.env.IX_APP_MEMORY_MB ?? "64" },
    "admin-host": { type: "string", default: process.env.IX_ADMIN_HOST ?? "127.0.0.1" },
    "admin-port": { type: "string", default: process.env.IX_ADMIN_PORT ?? "0" },
    name: { type: "string", default: process.env.IX_APP_NAME ?? "app" },
  },
});
const cores = values.cores.split(",").map(Number);
if (cores.some((c) => !Number.isInteger(c) || c < 0))
  throw new Error(`--cores must list core ids, got ${values.cores}`);

export const ECHO_PORT = 7;
export const MEMCACHED_PORT = 11211;

const registry = createRegistry("app");
const connections = new Gauge({
  name: "ix_app_connections",
  help: "Open connections by protocol",
  labelNames: ["protocol"],
  registers: [registry],
});
const accepted = new Counter({
  name: "ix_app_accepted_total",
  help: "Connections accepted by protocol",
  labelNames: ["protocol"],
  registers: [registry],
});

const store = new MemcachedStore({ maxBytes: Number(values["memory-mb"]) * 1024 * 1024 });

interface Session {
  onData(chunk: Uint8Array, out: (b: Uint8Array) => void): "open" | "close";
  dispose?(): void;
}

/** Adapts a byte-stream session (echo, memcached) to a libix connection handler. */
function sessionHandler(protocol: string, session: Session): ConnHandler {
  connections.inc({ protocol });
  accepted.inc({ protocol });
  let open = true;
  const done = (): void => {
    if (open) {
      connections.dec({ protocol });
      session.dispose?.();
    }
    open = false;
  };
  return {
    onData(conn, data) {
      if (session.onData(data, (reply) => conn.send(reply)) === "close") conn.close();
    },
    onPeerClosed(conn) {
      conn.close();
      done();
    },
    onDead: done,
  };
}

const nc = await connectBus(values.name);
const libix = new Libix({
  nc,
  cores,
  app: values.name,
  onKnock(info) {
    if (info.localPort === ECHO_PORT) return sessionHandler("echo", new EchoSession());
    if (info.localPort === MEMCACHED_PORT) return sessionHandler("memcached", new MemcachedSession(store));
    return null;
  },
  onUdp(dgram, reply) {
    if (dgram.localPort === ECHO_PORT) reply(dgram.data);
  },
});
libix.listen(ECHO_PORT);
libix.listen(MEMCACHED_PORT);
libix.udpListen(ECHO_PORT);

const admin = await startAdminServer({
  service: "app",
  registry,
  host: values["admin-host"],
  port: Number(values["admin-port"]),
  health: () => (nc.isClosed() ? "NATS connection closed" : null),
});
console.log(
  `app ${values.name} on cores ${cores.join(",")}: echo :${ECHO_PORT}, memcached :${MEMCACHED_PORT}, admin ${admin.url}`,
);

const shutdown = async (): Promise<void> => {
  libix.close();
  await admin.close();
  await nc.drain().catch(() => undefined);
  process.exit(0);
};
process.once("SIGTERM", () => void shutdown());
process.once("SIGINT", () => void shutdown());
