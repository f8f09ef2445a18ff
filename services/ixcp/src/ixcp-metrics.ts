// IXCP's own Prometheus metrics (prom-client, on the admin server's registry).
import { Counter, Gauge, Histogram, type Registry } from "prom-client";

export interface IxcpMetrics {
  activeCores: Gauge;
  powerWatts: Gauge;
  decisions: Counter<"action" | "reason">;
  migrations: Counter<"outcome">;
  migrationDuration: Histogram<"outcome">;
  policyInfo: Gauge<"policy">;
  coreDead: Counter<"core">;
  sourceErrors: Gauge<"source" | "kind">;
  periods: Counter;
  lateDecisions: Counter;
  decideSeconds: Histogram<"where">;
  sloSeconds: Gauge;
}

export function createIxcpMetrics(registry: Registry): IxcpMetrics {
  const registers = [registry];
  return {
    activeCores: new Gauge({ name: "ix_ixcp_active_cores", help: "Cores that own flow groups", registers }),
    powerWatts: new Gauge({
      name: "ix_ixcp_power_watts",
      help: "Estimated package power from IXCP's power model (services/ixcp/src/policies/power.ts)",
      registers,
    }),
    decisions: new Counter({
      name: "ix_ixcp_decisions_total",
      help: "Control decisions, by action and reason code",
      labelNames: ["action", "reason"],
      registers,
    }),
    migrations: new Counter({
      name: "ix_ixcp_migrations_total",
      help: "Flow group migrations (one CMD_MIGRATE batch each), by outcome",
      labelNames: ["outcome"],
      registers,
    }),
    migrationDuration: new Histogram({
      name: "ix_ixcp_migration_duration_seconds",
      help: "CMD_MIGRATE request to the source core's reply",
      labelNames: ["outcome"],
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2],
      registers,
    }),
    policyInfo: new Gauge({
      name: "ix_ixcp_policy_info",
      help: "1 for the running policy",
      labelNames: ["policy"],
      registers,
    }),
    lateDecisions: new Counter({
      name: "ix_ixcp_policy_late_total",
      help: "Control periods held because a user policy's decide() was past its deadline (call still in flight)",
      registers,
    }),
    coreDead: new Counter({
      name: "ix_ixcp_core_dead_total",
      help: "Cores declared dead (no metrics or heartbeat for --dead-ms)",
      labelNames: ["core"],
      registers,
    }),
    sourceErrors: new Gauge({
      name: "ix_ixcp_metrics_source_errors",
      help: "Problems reading core metrics (unreachable targets, malformed lines, failed queries)",
      labelNames: ["source", "kind"],
      registers,
    }),
    periods: new Counter({
      name: "ix_ixcp_periods_total",
      help: "Control periods run (one per tick, whatever the policy answered)",
      registers,
    }),
    decideSeconds: new Histogram({
      name: "ix_ixcp_policy_decide_seconds",
      help: "One policy decide() as IXCP waits for it: in-process (builtin) or one IPC round trip to the policy's sandbox process (sandbox)",
      labelNames: ["where"],
      buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1],
      registers,
    }),
    sloSeconds: new Gauge({
      name: "ix_ixcp_slo_seconds",
      help: "The p99 latency SLO the cluster runs under (IX_SLO_US / --slo-us; @ix/bus slo.ts)",
      registers,
    }),
  };
}
