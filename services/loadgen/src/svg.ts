// Line charts as SVG, drawn by Vega-Lite (https://vega.github.io/vega-lite/):
// our ChartSpec (title, axis labels, series with a legend, linear or log y)
// compiles to a Vega-Lite spec; Vega renders it headless to an SVG string in
// Node (renderer "none": no DOM and no canvas; text widths are estimated,
// which only affects legend and axis-title placement). ixload's and the
// bench's plots all come through here.

import * as vega from "vega";
import type { TopLevelSpec } from "vega-lite";
import { compile } from "vega-lite";

export interface Series {
  name: string;
  points: ReadonlyArray<readonly [x: number, y: number]>;
  dashed?: boolean;
  /** Index into the palette; defaults to the series' position. */
  color?: number;
}

export interface ChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  /** Log y axis with a tick per decade (points with y <= 0 are dropped). */
  yLog?: boolean;
  /** Whole chart, legend included (px); default 760 x 380. */
  width?: number;
  height?: number;
}

const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
/** Room around the plot area for the title, axes and legend (px). */
const MARGIN = { horizontal: 230, vertical: 84 };
const DASH = [6, 4];
const SOLID = [1, 0];
/** "~s" labels 0 with the step's prefix ("0k"); a bare 0 reads better. */
const ZERO_AS_0 = "datum.value === 0 ? '0' : datum.label";

/** One row of the chart's data: point `i` of series `series`. */
interface Row {
  series: string;
  i: number;
  x: number;
  y: number;
}

/**
 * The Vega-Lite spec of one chart: one line (with its points) per series,
 * colour and dash per series, one legend for both.
 */
export function chartSpec(spec: ChartSpec): TopLevelSpec {
  const rows: Row[] = [];
  for (const s of spec.series)
    s.points.forEach(([x, y], i) => {
      if (Number.isFinite(x) && Number.isFinite(y) && (!spec.yLog || y > 0))
        rows.push({ series: s.name, i, x, y });
    });
  const names = spec.series.map((s) => s.name);
  const yAxis = spec.yLog
    ? { title: spec.yLabel, values: decades(rows.map((r) => r.y)), format: "~s" }
    : { title: spec.yLabel, format: "~s", labelExpr: ZERO_AS_0, tickCount: 6 };
  return {
    title: spec.title,
    width: (spec.width ?? 760) - MARGIN.horizontal,
    height: (spec.height ?? 380) - MARGIN.vertical,
    data: { values: rows },
    mark: { type: "line", strokeWidth: 2, point: { filled: true, size: 25 } },
    encoding: {
      x: {
        field: "x",
        type: "quantitative",
        title: spec.xLabel,
        axis: { format: "~s", labelExpr: ZERO_AS_0, labelFlush: false, tickCount: 8 },
      },
      y: {
        field: "y",
        type: "quantitative",
        scale: spec.yLog ? { type: "log", nice: true } : { zero: true, nice: true },
        axis: yAxis,
      },
      order: { field: "i", type: "quantitative" },
      color: {
        field: "series",
        type: "nominal",
        title: null,
        scale: { domain: names, range: spec.series.map((s, i) => PALETTE[(s.color ?? i) % PALETTE.length]) },
      },
      strokeDash: {
        field: "series",
        type: "nominal",
        title: null,
        scale: { domain: names, range: spec.series.map((s) => (s.dashed ? DASH : SOLID)) },
      },
    },
  };
}

/** Charts stacked vertically in one SVG document, each with its own scales and legend. */
export async function svgDocument(charts: ChartSpec[]): Promise<string> {
  const top = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    background: "white",
    config: { font: "sans-serif", legend: { symbolStrokeWidth: 2, symbolType: "stroke", labelLimit: 0 } },
    vconcat: charts.map(chartSpec),
    resolve: {
      scale: { color: "independent", strokeDash: "independent" },
      legend: { color: "independent", strokeDash: "independent" },
    },
  } as TopLevelSpec;
  const view = new vega.View(vega.parse(compile(top).spec), { renderer: "none" });
  try {
    return `<?xml version="1.0" encoding="UTF-8"?>\n${await view.toSVG()}\n`;
  } finally {
    view.finalize();
  }
}

/** Powers of ten covering the positive values (at least two): the log axis' ticks. */
function decades(values: number[]): number[] {
  const positive = values.filter((v) => v > 0);
  const lo = positive.length ? Math.floor(Math.log10(Math.min(...positive))) : 0;
  const hi = Math.max(lo + 1, positive.length ? Math.ceil(Math.log10(Math.max(...positive))) : 1);
  const out: number[] = [];
  for (let e = lo; e <= hi; e++) out.push(10 ** e);
  return out;
}
