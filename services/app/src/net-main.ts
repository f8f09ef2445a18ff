#!/usr/bin/env node
// Runs the node:net baseline server standalone:
//   node services/app/src/net-main.ts --protocol memcached --port 11311 [--host 127.0.0.1] [--memory-mb|-m 64]
import { parseArgs } from "node:util";
import { MemcachedStore } from "./memcached/store.ts";
import { startNetServer } from "./net-server.ts";
import type { AppProtocol } from "./net-server.ts";

const { values } = parseArgs({
  options: {
    protocol: { type: "string", default: "memcached" },
    port: { type: "string" },
    host: { type: "string", default: "127.0.0.1" },
    // memcached's -m: the store's memory limit in MB, preallocated as its slab region
    "memory-mb": { type: "string", short: "m", default: "64" },
    help: { type: "boolean", default: false },
  },
});

const usage = "usage: net-main.ts --protocol memcached|echo [--port N] [--host ADDR] [--memory-mb|-m MB]";
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const protocol = values.protocol;
if (protocol !== "memcached" && protocol !== "echo") {
  console.error(`unknown protocol ${protocol}\n${usage}`);
  process.exit(2);
}
const port = Number(values.port ?? (protocol === "memcached" ? 11211 : 7));
const memoryMb = Number(values["memory-mb"]);
if (!Number.isInteger(port) || port < 0 || port > 65535 || !(memoryMb > 0)) {
  console.error(`bad --port or --memory-mb\n${usage}`);
  process.exit(2);
}

const server = await startNetServer({
  port,
  host: values.host,
  protocol: protocol as AppProtocol,
  store: protocol === "memcached" ? new MemcachedStore({ maxBytes: memoryMb * 1024 * 1024 }) : undefined,
});
console.log(`${protocol} listening on ${values.host}:${server.port}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
