#!/usr/bin/env node
// The app service: the user half of every elastic thread it is bound to
// (`--cores 0,1`), serving echo (TCP and UDP port 7) and memcached (TCP port
// 11211) through libix. One store is shared by all cores, so a key set
// through one core is read through any other.
import { parseArgs } from "node:util";
import { connectBus } from "@ix/bus";
import { startAdminServer, createRegistry } from "@ix/admin";
import { MemcachedStore } from "./memcached/store.ts";
import { ECHO_PORT, MEMCACHED_PORT, startIxApp } from "./ix-app.ts";

const { values } = parseArgs({
  options: {
    cores: { type: "string", default: process.env.IX_APP_CORES ?? "0" },
    // memcached's -m: the store's memory limit in MB, preallocated as its slab region
    "memory-mb": { type: "string", short: "m", default: process.env.IX_APP_MEMORY_MB ?? "64" },
    "admin-host": { type: "string", default: process.env.IX_ADMIN_HOST ?? "127.0.0.1" },
    "admin-port": { type: "string", default: process.env.IX_ADMIN_PORT ?? "0" },
    name: { type: "string", default: process.env.IX_APP_NAME ?? "app" },
  },
});
const cores = values.cores.split(",").map(Number);
if (cores.some((c) => !Number.isInteger(c) || c < 0))
  throw new Error(`--cores must list core ids, got ${values.cores}`);

const memoryMb = Number(values["memory-mb"]);
if (!(memoryMb > 0))
  throw new Error(`--memory-mb (-m) must be a positive number of MB, got ${values["memory-mb"]}`);

const registry = createRegistry("app");
const store = new MemcachedStore({ maxBytes: Math.floor(memoryMb * 1024 * 1024) });
const nc = await connectBus(values.name);
const libix = startIxApp({ nc, cores, name: values.name, store, registry });

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
