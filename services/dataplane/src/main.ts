#!/usr/bin/env node
// A dataplane core process: `node services/dataplane/src/main.ts --core 0 --queues 2`.
import { ix } from "@ix/proto";
import { connectBus, subjects as S } from "@ix/bus";
import { startAdminServer, createRegistry } from "@ix/admin";
import { loadConfig } from "./config.ts";
import { CoreBus } from "./core-bus.ts";
import { clockUs } from "./clock.ts";
import { coreMetricSources, registerMetrics } from "./metrics.ts";

const cfg = ((): ReturnType<typeof loadConfig> => {
  try {
    return loadConfig();
  } catch (e) {
    // A bad flag or variable: one line, no stack trace (the NIC does the same).
    console.error(`dataplane: ${(e as Error).message}`);
    process.exit(2);
  }
})();
const nc = await connectBus(`dataplane-${cfg.core}`);
const bus = new CoreBus(cfg, nc);
const core = bus.core;
const registry = createRegistry("dataplane");
registry.setDefaultLabels({ service: "dataplane", core: String(cfg.core) });
registerMetrics(registry, coreMetricSources(core, bus.malformed, clockUs));
const admin = await startAdminServer({
  service: "dataplane",
  registry,
  host: cfg.adminHost,
  port: cfg.adminPort,
  health: () => (nc.isClosed() ? "NATS connection closed" : null),
  routes: (app) => app.get("/status", async () => core.control.status()),
});
bus.start();
const heartbeat = setInterval(() => {
  const hb = ix.Heartbeat.encode({
    kind: "dataplane",
    id: String(cfg.core),
    timeUs: clockUs(),
    adminUrl: admin.url,
  }).finish();
  nc.publish(S.status("dataplane", cfg.core), hb);
}, 1000);
console.log(
  `dataplane core ${cfg.core}/${cfg.cores}: B=${cfg.batchSize}, poll ${cfg.pollUs} us, ${cfg.mbufs} mbufs, admin ${admin.url}`,
);

const shutdown = async (): Promise<void> => {
  clearInterval(heartbeat);
  bus.stop();
  await admin.close();
  await nc.drain().catch(() => undefined);
  process.exit(0);
};
process.once("SIGTERM", () => void shutdown());
process.once("SIGINT", () => void shutdown());
