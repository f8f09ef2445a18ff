// Overview (the Grafana home dashboard): the load IX is offered and achieves,
// tail latency against the SLO (@ix/bus slo.ts, the same setting the bench and
// IXCP use), how many cores IXCP keeps active, the
// power that costs and what the background job gets from the freed cores.
import { sloUs } from "@ix/bus";
import { dashboard } from "./lib.ts";

const SLO_US = sloUs();

export const overview = dashboard({
  uid: "ix-overview",
  title: "IX overview",
  description:
    "Load, p99 latency against the SLO, active cores, power and background throughput; IXCP decisions as annotations.",
  annotations: [
    {
      name: "IXCP decisions",
      // One annotation per scrape step in which IXCP took a decision.
      expr: "sum by (action) (changes(ix_ixcp_decisions_total[5s])) > 0",
      titleFormat: "IXCP {{action}}",
      iconColor: "orange",
    },
  ],
  panels: [
    {
      title: "Offered load",
      type: "stat",
      unit: "reqps",
      w: 6,
      h: 4,
      queries: [{ expr: "sum(ixload_offered_rate)", legend: "offered" }],
    },
    {
      title: "Achieved load",
      type: "stat",
      unit: "reqps",
      w: 6,
      h: 4,
      queries: [{ expr: "sum(ixload_achieved_rate)", legend: "achieved" }],
    },
    {
      title: "Active cores",
      type: "stat",
      unit: "short",
      w: 6,
      h: 4,
      queries: [{ expr: "sum(ix_dp_active)", legend: "active cores" }],
    },
    {
      title: "Power (emulated)",
      type: "stat",
      unit: "watt",
      w: 6,
      h: 4,
      queries: [{ expr: "sum(ix_ixcp_power_watts)", legend: "power" }],
    },
    {
      title: "Offered vs achieved load",
      description: "ixload's target rate and the responses per second it got back.",
      unit: "reqps",
      queries: [
        { expr: "sum(ixload_offered_rate)", legend: "offered" },
        { expr: "sum(ixload_achieved_rate)", legend: "achieved" },
      ],
    },
    {
      title: `p99 latency (SLO ${SLO_US / 1000} ms)`,
      description: `99th percentile from scheduled send to response; the red line is the ${SLO_US / 1000} ms SLO (IX_SLO_US when the dashboards were built) and the SLO series is the one IXCP reports (ix_ixcp_slo_seconds).`,
      unit: "s",
      sloLine: SLO_US / 1e6,
      min: 0,
      queries: [
        { expr: 'max(ixload_latency_percentile_seconds{percentile="99"})', legend: "p99 (window)" },
        {
          expr: "histogram_quantile(0.99, sum by (le) (rate(ixload_latency_seconds_bucket[$__rate_interval])))",
          legend: "p99 (histogram)",
        },
        { expr: "max(ix_ixcp_slo_seconds)", legend: "SLO (IXCP)" },
      ],
    },
    {
      title: "Active cores",
      description: "Elastic threads IXCP keeps active (ix_dp_active summed over cores).",
      unit: "short",
      min: 0,
      queries: [{ expr: "sum(ix_dp_active)", legend: "active cores" }],
    },
    {
      title: "Power (emulated)",
      description: "IXCP's power model for the current core count and DVFS setting.",
      unit: "watt",
      min: 0,
      queries: [{ expr: "sum(ix_ixcp_power_watts)", legend: "power" }],
    },
    {
      title: "Background throughput",
      description: "Operations per second of the background batch job running on the cores IXCP freed.",
      unit: "ops",
      min: 0,
      queries: [{ expr: "sum(ix_bg_ops_per_second)", legend: "background" }],
    },
    {
      title: "Dataplane frames",
      description: "Frames through all dataplane cores, in and out.",
      unit: "pps",
      queries: [
        { expr: "sum by (direction) (rate(ix_dp_frames_total[$__rate_interval]))", legend: "{{direction}}" },
      ],
    },
  ],
});
