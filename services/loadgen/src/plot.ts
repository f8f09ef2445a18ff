// Turns result JSONs into SVG: latency (p50, p99) against achieved throughput
// for sweeps (one colour per result, for comparisons), load and latency over
// time for patterns, one-way latency against size for ping-pong.

import type { RunResult } from "./results.ts";
import { svgDocument, type ChartSpec, type Series } from "./svg.ts";

export interface LabelledResult {
  label: string;
  result: RunResult;
}

export interface PlotOptions {
  /**
   * The p99 SLO (us) to draw on latency-against-throughput charts. Default:
   * each distinct `sloUs` the results were run with. `null` draws none.
   */
  sloUs?: number | null;
}

export async function plotResults(inputs: LabelledResult[], opts: PlotOptions = {}): Promise<string> {
  if (inputs.length === 0) throw new Error("nothing to plot");
  const charts: ChartSpec[] = [];
  const sweeps = inputs.filter((i) => i.result.mode === "sweep" || i.result.mode === "fixed");
  if (sweeps.length > 0) charts.push(latencyVsThroughput(sweeps, opts));
  for (const p of inputs.filter((i) => i.result.mode === "pattern")) charts.push(...patternCharts(p));
  const pings = inputs.filter((i) => i.result.mode === "pingpong");
  if (pings.length > 0) charts.push(pingPongChart(pings));
  return svgDocument(charts);
}

/** The SLO lines to draw: one per distinct, finite, positive value. */
function sloLines(inputs: LabelledResult[], opts: PlotOptions): number[] {
  const wanted = opts.sloUs === undefined ? inputs.map((i) => i.result.sloUs) : [opts.sloUs];
  return [...new Set(wanted)].filter(
    (v): v is number => typeof v === "number" && Number.isFinite(v) && v > 0,
  );
}

function latencyVsThroughput(inputs: LabelledResult[], opts: PlotOptions): ChartSpec {
  const series: Series[] = [];
  inputs.forEach(({ label, result }, i) => {
    const steps = [...result.steps].sort((a, b) => a.achievedRate - b.achievedRate);
    series.push({
      name: `${label} p99`,
      color: i,
      points: steps.map((s) => [s.achievedRate, s.latencyUs.p99]),
    });
    series.push({
      name: `${label} p50`,
      color: i,
      dashed: true,
      points: steps.map((s) => [s.achievedRate, s.latencyUs.p50]),
    });
  });
  const maxX = Math.max(...inputs.flatMap(({ result }) => result.steps.map((s) => s.achievedRate)));
  for (const slo of sloLines(inputs, opts)) {
    series.push({
      name: `SLO p99 ${slo} us`,
      color: 7,
      dashed: true,
      points: [
        [0, slo],
        [maxX, slo],
      ],
    });
  }
  return {
    title: "Latency against achieved throughput",
    xLabel: "achieved requests/s",
    yLabel: "latency (us, log)",
    yLog: true,
    series,
  };
}

function patternCharts({ label, result }: LabelledResult): ChartSpec[] {
  const mid = (s: { startS: number; durationS: number }): number => s.startS + s.durationS / 2;
  return [
    {
      title: `${label}: load over time`,
      xLabel: "time (s)",
      yLabel: "requests/s",
      series: [
        { name: "target", dashed: true, points: result.steps.map((s) => [mid(s), s.targetRate]) },
        { name: "achieved", points: result.steps.map((s) => [mid(s), s.achievedRate]) },
      ],
    },
    {
      title: `${label}: latency over time`,
      xLabel: "time (s)",
      yLabel: "latency (us, log)",
      yLog: true,
      series: [
        { name: "p50", points: result.steps.map((s) => [mid(s), s.latencyUs.p50]) },
        { name: "p99", points: result.steps.map((s) => [mid(s), s.latencyUs.p99]) },
      ],
    },
  ];
}

function pingPongChart(inputs: LabelledResult[]): ChartSpec {
  return {
    title: "Ping-pong one-way latency (RTT/2)",
    xLabel: "message size (bytes)",
    yLabel: "one-way latency p50 (us, log)",
    yLog: true,
    series: inputs.map(({ label, result }, i) => ({
      name: label,
      color: i,
      points: (result.pingpong ?? []).map((p) => [p.messageSize, p.oneWayUs.p50]),
    })),
  };
}
