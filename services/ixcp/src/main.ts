#!/usr/bin/env node
// IXCP, the control plane: `node services/ixcp/src/main.ts --cores 2 --policy energy`.
// Prints "ixcp: ... admin http://..." on stdout when ready (lib/cluster waits
// for that line), then one JSON line per decision.
import { setTimeout as sleep } from "node:timers/promises";
import { ix } from "@ix/proto";
import { connectBus, initialReta, subjects as S } from "@ix/bus";
import { adminTokenFromEnv, createRegistry, startAdminServer } from "@ix/admin";
import { loadConfig, USAGE, type IxcpConfig } from "./config.ts";
import { HeartbeatTracker } from "./heartbeats.ts";
import { PrometheusSource, ScrapeSource, type MetricsSource } from "./metrics-source.ts";
import { NatsActuator, type Actuator } from "./actuator.ts";
import { CpuPlacement, PlacingActuator } from "./cpu-placement.ts";
import { availableParallelism } from "node:os";
import { createIxcpMetrics } from "./ixcp-metrics.ts";
import { DecisionLog } from "./decision-log.ts";
import { ControlLoop } from "./control-loop.ts";
import { staticPolicy } from "./policies/builtins.ts";
import { loadPolicy, type LoadOptions } from "./policies/loader.ts";
import { realPolicyDirs } from "./policies/policy-files.ts";
import { IxcpService } from "./service.ts";
import { adminRoutes, serveNatsAdmin } from "./admin-api.ts";

let cfg: IxcpConfig;
let adminToken: string | undefined;
let loadOptions: LoadOptions;
try {
  cfg = loadConfig();
  // The HTTP admin verbs need this token (lib/admin admin-auth.ts); without one they are off.
  adminToken = adminTokenFromEnv();
  loadOptions = {
    dirs: realPolicyDirs(cfg.policyDirs),
    deadlineMs: cfg.policyDeadlineMs,
    loadTimeoutMs: cfg.policyLoadMs,
    hangMs: cfg.policyHangMs,
  };
} catch (e) {
  console.error(`ixcp: ${(e as Error).message}\n${USAGE}`);
  process.exit(2);
}

const nc = await connectBus("ixcp");
const registry = createRegistry("ixcp");
const metrics = createIxcpMetrics(registry);
metrics.sloSeconds.set(cfg.sloUs / 1e6);
const heartbeats = new HeartbeatTracker();
heartbeats.start(nc);

const timeoutMs = Math.max(50, Math.floor(cfg.periodMs * 0.8));
const source: MetricsSource = cfg.prometheus
  ? new PrometheusSource({ url: cfg.prometheus, timeoutMs })
  : new ScrapeSource({ targets: () => [...cfg.scrape, ...heartbeats.adminUrls()], timeoutMs });
const natsActuator = new NatsActuator(nc, {
  onMigration: (s, ok) => metrics.migrationDuration.observe({ outcome: ok ? "ok" : "failed" }, s),
});
// Dedicated hardware threads: grants and revokes move the cores' CPU placement.
const placement = cfg.pinPids
  ? new CpuPlacement({
      pids: cfg.pinPids,
      dedicated: cfg.pinCpus,
      all: Array.from({ length: availableParallelism() }, (_, i) => i),
    })
  : undefined;
const actuator: Actuator = placement ? new PlacingActuator(natsActuator, placement) : natsActuator;

/** The NIC's RETA (it may start after us: retried for a few seconds), else the cluster's initial one. */
async function startingReta(): Promise<number[]> {
  for (let i = 0; i < 10; i++) {
    const reta = await actuator.getReta().catch(() => undefined);
    if (reta && reta.length > 0) return reta;
    await sleep(300);
  }
  console.error("ixcp: the NIC did not answer reta.get; assuming the initial RETA");
  return initialReta(cfg.retaSize, cfg.cores);
}

const log = new DecisionLog({ nc, metrics });
const loop = new ControlLoop({
  source,
  actuator,
  policy: staticPolicy(),
  log,
  totalCores: cfg.cores,
  reta: await startingReta(),
  deadMs: cfg.deadMs,
  migrationBatch: cfg.migrationBatch,
  heartbeat: (c) => heartbeats.lastSeen(c),
  metrics,
});
const ctx = { totalCores: cfg.cores, periodMs: cfg.periodMs, rules: cfg.rules };
try {
  loop.installPolicy(
    await loadPolicy(cfg.policy, ctx, loop.policyInput(), loadOptions),
    `start: --policy ${cfg.policy}`,
  );
} catch (e) {
  console.error(`ixcp: ${(e as Error).message}`);
  await nc.close();
  process.exit(2);
}
const service = new IxcpService(loop, log, ctx, loadOptions);
const admin = await startAdminServer({
  service: "ixcp",
  registry,
  host: cfg.adminHost,
  port: cfg.adminPort,
  token: adminToken,
  health: () => (nc.isClosed() ? "NATS connection closed" : null),
  routes: adminRoutes(() => service),
});
const adminSub = serveNatsAdmin(nc, service);
if (cfg.initialCores !== undefined && cfg.initialCores !== loop.reconf.activeCores().length) {
  await loop.exclusive(() => loop.resize(cfg.initialCores!, `start: --initial-cores ${cfg.initialCores}`));
}
await loop.exclusive(() => loop.syncBackground());
if (placement) {
  const active = new Set(loop.reconf.activeCores());
  for (let c = 0; c < cfg.cores; c++) {
    if (active.has(c)) placement.grant(c);
    else placement.revoke(c);
  }
  console.log(
    `ixcp: dedicated CPUs ${cfg.pinCpus.join(",") || "none"}: ` +
      ([...placement.cpuOf].map(([core, cpu]) => `core ${core} on CPU ${cpu}`).join(", ") ||
        "no core pinned"),
  );
}

const heartbeat = setInterval(() => {
  const hb = ix.Heartbeat.encode({ kind: "ixcp", id: "0", timeUs: Date.now() * 1000, adminUrl: admin.url });
  nc.publish(S.status("ixcp", 0), hb.finish());
}, 1000);
console.log(
  `ixcp: policy ${loop.policy.name}, ${loop.reconf.activeCores().length}/${cfg.cores} cores active, ` +
    `metrics from ${source.kind}, period ${cfg.periodMs} ms, admin ${admin.url}`,
);

let stopping = false;
const running = (async () => {
  while (!stopping) {
    const started = performance.now();
    await loop.tick().catch((e: Error) => console.error(`ixcp: control period failed: ${e.message}`));
    await sleep(Math.max(0, cfg.periodMs - (performance.now() - started)));
  }
})();

const shutdown = async (): Promise<void> => {
  stopping = true;
  clearInterval(heartbeat);
  await running;
  adminSub.unsubscribe();
  loop.policy.close?.("IXCP stopping");
  heartbeats.stop();
  await admin.close();
  await nc.drain().catch(() => undefined);
  process.exit(0);
};
process.once("SIGTERM", () => void shutdown());
process.once("SIGINT", () => void shutdown());
