// Flow-group migrations between cores (IX's RSS flow-group migration): how
// often IXCP moves groups, how long a move takes, and the frames that arrive
// mid-move and are forwarded to the new owner or held until it is ready.
import { dashboard } from "./lib.ts";

export const migrations = dashboard({
  uid: "ix-migrations",
  title: "IX migrations",
  description: "Flow-group migrations: rate, duration quantiles, frames forwarded and held during migration.",
  annotations: [
    {
      name: "IXCP decisions",
      expr: "sum by (action) (changes(ix_ixcp_decisions_total[5s])) > 0",
      titleFormat: "IXCP {{action}}",
      iconColor: "orange",
    },
  ],
  panels: [
    {
      title: "Migrations per second",
      queries: [{ expr: "sum(rate(ix_ixcp_migrations_total[$__rate_interval]))", legend: "migrations/s" }],
    },
    {
      title: "Migration duration",
      description: "From IXCP's migrate command to the target's READY.",
      unit: "s",
      min: 0,
      queries: [
        {
          expr: "histogram_quantile(0.5, sum by (le) (rate(ix_ixcp_migration_duration_seconds_bucket[$__rate_interval])))",
          legend: "p50",
        },
        {
          expr: "histogram_quantile(0.99, sum by (le) (rate(ix_ixcp_migration_duration_seconds_bucket[$__rate_interval])))",
          legend: "p99",
        },
      ],
    },
    {
      title: "Frames forwarded during migration",
      description: "Frames that reached the old owner mid-migration and were forwarded to the new one.",
      unit: "pps",
      queries: [{ expr: 'sum(rate(ix_dp_migration_frames_total{kind="forwarded"}[$__rate_interval]))', legend: "forwarded" }],
    },
    {
      title: "Frames held during migration",
      description: "Frames the new owner queued until the flow group's state arrived.",
      unit: "pps",
      queries: [{ expr: 'sum(rate(ix_dp_migration_frames_total{kind="held"}[$__rate_interval]))', legend: "held" }],
    },
    {
      title: "Flow groups per core",
      stack: true,
      w: 24,
      queries: [{ expr: "ix_dp_flow_groups", legend: "core {{core}}" }],
    },
  ],
});
