// A very small SVG line-chart writer (no dependency): axes with "nice" ticks,
// linear or log y, several series with a legend. Enough for ixload's plots.

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
  yLog?: boolean;
  width?: number;
  height?: number;
}

const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
const MARGIN = { left: 70, right: 160, top: 36, bottom: 48 };

/** One chart as an SVG group placed at (x, y). */
export function lineChart(spec: ChartSpec, x = 0, y = 0): string {
  const width = spec.width ?? 760;
  const height = spec.height ?? 380;
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const all = spec.series.flatMap((s) => s.points).filter(([px, py]) => isFinite(px) && isFinite(py));
  const xs = niceRange(
    all.map((p) => p[0]),
    false,
  );
  const ys = niceRange(
    all.map((p) => p[1]),
    spec.yLog ?? false,
  );
  const sx = (v: number): number => MARGIN.left + ((v - xs.min) / (xs.max - xs.min)) * plotW;
  const sy = (v: number): number => {
    const t = spec.yLog
      ? (log10(v) - log10(ys.min)) / (log10(ys.max) - log10(ys.min))
      : (v - ys.min) / (ys.max - ys.min);
    return MARGIN.top + plotH - t * plotH;
  };
  const out: string[] = [`<g transform="translate(${x},${y})" font-family="sans-serif" font-size="11">`];
  out.push(`<text x="${width / 2}" y="20" text-anchor="middle" font-size="14">${esc(spec.title)}</text>`);
  out.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#444"/>`,
  );
  for (const t of xs.ticks) {
    const px = fix(sx(t));
    out.push(`<line x1="${px}" y1="${MARGIN.top}" x2="${px}" y2="${MARGIN.top + plotH}" stroke="#ddd"/>`);
    out.push(`<text x="${px}" y="${MARGIN.top + plotH + 14}" text-anchor="middle">${fmt(t)}</text>`);
  }
  for (const t of ys.ticks) {
    const py = fix(sy(t));
    out.push(`<line x1="${MARGIN.left}" y1="${py}" x2="${MARGIN.left + plotW}" y2="${py}" stroke="#ddd"/>`);
    out.push(`<text x="${MARGIN.left - 6}" y="${py + 4}" text-anchor="end">${fmt(t)}</text>`);
  }
  out.push(
    `<text x="${MARGIN.left + plotW / 2}" y="${height - 10}" text-anchor="middle">${esc(spec.xLabel)}</text>`,
  );
  out.push(
    `<text transform="translate(16,${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">${esc(spec.yLabel)}</text>`,
  );
  spec.series.forEach((s, i) => {
    const color = PALETTE[(s.color ?? i) % PALETTE.length];
    const pts = s.points.filter(([px, py]) => isFinite(px) && isFinite(py) && (!spec.yLog || py > 0));
    const path = pts.map(([px, py]) => `${fix(sx(px))},${fix(sy(py))}`).join(" ");
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : "";
    if (pts.length > 0) {
      out.push(`<polyline fill="none" stroke="${color}" stroke-width="2"${dash} points="${path}"/>`);
      for (const [px, py] of pts)
        out.push(`<circle cx="${fix(sx(px))}" cy="${fix(sy(py))}" r="2.5" fill="${color}"/>`);
    }
    const ly = MARGIN.top + 10 + i * 16;
    const lx = MARGIN.left + plotW + 12;
    out.push(
      `<line x1="${lx}" y1="${ly}" x2="${lx + 20}" y2="${ly}" stroke="${color}" stroke-width="2"${dash}/>`,
    );
    out.push(`<text x="${lx + 26}" y="${ly + 4}">${esc(s.name)}</text>`);
  });
  out.push("</g>");
  return out.join("\n");
}

/** Charts stacked vertically in one document. */
export function svgDocument(charts: ChartSpec[]): string {
  const width = Math.max(...charts.map((c) => c.width ?? 760));
  let y = 0;
  const groups = charts.map((c) => {
    const g = lineChart(c, 0, y);
    y += c.height ?? 380;
    return g;
  });
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...groups,
    `</svg>`,
    "",
  ].join("\n");
}

interface Range {
  min: number;
  max: number;
  ticks: number[];
}

function niceRange(values: number[], log: boolean): Range {
  if (log) {
    const positive = values.filter((v) => v > 0);
    const lo = positive.length ? Math.floor(log10(Math.min(...positive))) : 0;
    const hi = Math.max(lo + 1, positive.length ? Math.ceil(log10(Math.max(...positive))) : 1);
    const ticks: number[] = [];
    for (let e = lo; e <= hi; e++) ticks.push(10 ** e);
    return { min: 10 ** lo, max: 10 ** hi, ticks };
  }
  let min = values.length ? Math.min(0, ...values) : 0;
  let max = values.length ? Math.max(...values) : 1;
  if (max <= min) max = min + 1;
  const step = niceStep((max - min) / 6);
  min = Math.floor(min / step) * step;
  max = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let t = min, n = 0; t <= max + step / 2 && n < 50; t += step, n++)
    ticks.push(Number(t.toPrecision(12)));
  return { min, max, ticks };
}

function niceStep(raw: number): number {
  const p = 10 ** Math.floor(log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

function log10(v: number): number {
  return Math.log10(v);
}

function fix(v: number): number {
  return Math.round(v * 10) / 10;
}

function fmt(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${+(v / 1e6).toPrecision(3)}M`;
  if (a >= 1e3) return `${+(v / 1e3).toPrecision(3)}k`;
  return `${+v.toPrecision(3)}`;
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
