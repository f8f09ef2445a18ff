// Runs an instant server on its own thread (same process), so measuring the
// generator's ceiling does not also charge the server's work to its event loop.

import { parentPort, workerData } from "node:worker_threads";
import { startInstantServer } from "./instant-server.ts";
import type { ProtocolName } from "./protocol.ts";

const { protocol } = workerData as { protocol: ProtocolName };
const server = await startInstantServer(protocol);
parentPort?.postMessage({ port: server.port });
parentPort?.on("message", async (msg: unknown) => {
  if (msg === "close") {
    await server.close();
    process.exit(0);
  }
});
