// Small builders for Grafana dashboard JSON (schemaVersion 39), so the four
// dashboards share one layout, one datasource and one style. Every panel is
// backed by PromQL against the provisioned datasource (uid "prometheus",
// deploy/grafana/provisioning/datasources/prometheus.yml).

export const SCHEMA_VERSION = 39;
export const DATASOURCE = { type: "prometheus", uid: "prometheus" } as const;

export interface Target {
  refId: string;
  expr: string;
  legendFormat: string;
  range: boolean;
  datasource: typeof DATASOURCE;
}

export interface Panel {
  id: number;
  type: string;
  title: string;
  description?: string;
  datasource: typeof DATASOURCE;
  gridPos: { x: number; y: number; w: number; h: number };
  targets: Target[];
  fieldConfig: { defaults: Record<string, unknown>; overrides: unknown[] };
  options: Record<string, unknown>;
}

export interface Query {
  expr: string;
  legend?: string;
}

export interface PanelSpec {
  title: string;
  description?: string;
  queries: Query[];
  /** Grafana unit id: "reqps", "s", "µs", "percentunit", "watt", "pps", "short". */
  unit?: string;
  type?: "timeseries" | "stat" | "state-timeline";
  /** Width in grid columns (24 per row) and height in rows. */
  w?: number;
  h?: number;
  min?: number;
  max?: number;
  /** A red threshold line at this value (an SLO), drawn on time series. */
  sloLine?: number;
  stack?: boolean;
}

const refId = (i: number): string => String.fromCharCode(65 + i);

function fieldDefaults(spec: PanelSpec): Record<string, unknown> {
  const steps: { color: string; value: number | null }[] = [{ color: "green", value: null }];
  if (spec.sloLine !== undefined) steps.push({ color: "red", value: spec.sloLine });
  const defaults: Record<string, unknown> = {
    unit: spec.unit ?? "short",
    thresholds: { mode: "absolute", steps },
    color: { mode: "palette-classic" },
  };
  if (spec.min !== undefined) defaults.min = spec.min;
  if (spec.max !== undefined) defaults.max = spec.max;
  if ((spec.type ?? "timeseries") === "timeseries") {
    defaults.custom = {
      drawStyle: "line",
      lineWidth: 1,
      fillOpacity: spec.stack ? 30 : 0,
      showPoints: "never",
      spanNulls: false,
      stacking: { mode: spec.stack ? "normal" : "none", group: "A" },
      thresholdsStyle: { mode: spec.sloLine === undefined ? "off" : "line" },
    };
  }
  if (spec.type === "stat") defaults.color = { mode: "thresholds" };
  if (spec.type === "state-timeline") {
    defaults.color = { mode: "palette-classic" };
    defaults.custom = { fillOpacity: 80, lineWidth: 0 };
  }
  return defaults;
}

function panelOptions(type: string): Record<string, unknown> {
  if (type === "stat") {
    return {
      reduceOptions: { calcs: ["lastNotNull"], fields: "", values: false },
      colorMode: "value",
      graphMode: "area",
      justifyMode: "auto",
      textMode: "auto",
      orientation: "auto",
    };
  }
  if (type === "state-timeline") {
    return { mergeValues: true, showValue: "auto", rowHeight: 0.9, legend: { showLegend: false } };
  }
  return {
    legend: { displayMode: "list", placement: "bottom", showLegend: true },
    tooltip: { mode: "multi", sort: "desc" },
  };
}

/** Lays panels out left to right, wrapping at 24 columns; ids are 1, 2, 3, ... */
export function layout(specs: PanelSpec[]): Panel[] {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  return specs.map((spec, i) => {
    const w = spec.w ?? 12;
    const h = spec.h ?? 8;
    if (x + w > 24) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const type = spec.type ?? "timeseries";
    const panel: Panel = {
      id: i + 1,
      type,
      title: spec.title,
      ...(spec.description ? { description: spec.description } : {}),
      datasource: DATASOURCE,
      gridPos: { x, y, w, h },
      targets: spec.queries.map((q, j) => ({
        refId: refId(j),
        expr: q.expr,
        legendFormat: q.legend ?? "__auto",
        range: true,
        datasource: DATASOURCE,
      })),
      fieldConfig: { defaults: fieldDefaults(spec), overrides: [] },
      options: panelOptions(type),
    };
    x += w;
    rowHeight = Math.max(rowHeight, h);
    return panel;
  });
}

export interface DashboardSpec {
  uid: string;
  title: string;
  description: string;
  panels: PanelSpec[];
  /** Prometheus annotation queries (e.g. IXCP decisions). */
  annotations?: { name: string; expr: string; titleFormat: string; iconColor: string }[];
  /** Query variables: name -> PromQL label_values(...) query. */
  variables?: { name: string; label: string; query: string }[];
  refresh?: string;
}

const BUILT_IN_ANNOTATION = {
  builtIn: 1,
  datasource: { type: "grafana", uid: "-- Grafana --" },
  enable: true,
  hide: true,
  iconColor: "rgba(0, 211, 255, 1)",
  name: "Annotations & Alerts",
  type: "dashboard",
};

export function dashboard(spec: DashboardSpec): Record<string, unknown> {
  return {
    uid: spec.uid,
    title: spec.title,
    description: spec.description,
    tags: ["ix"],
    timezone: "browser",
    editable: false,
    graphTooltip: 1,
    schemaVersion: SCHEMA_VERSION,
    version: 1,
    refresh: spec.refresh ?? "5s",
    time: { from: "now-15m", to: "now" },
    timepicker: { refresh_intervals: ["1s", "5s", "10s", "30s", "1m"] },
    fiscalYearStartMonth: 0,
    liveNow: false,
    links: [
      {
        title: "IX dashboards",
        type: "dashboards",
        tags: ["ix"],
        asDropdown: true,
        includeVars: false,
        keepTime: true,
        icon: "external link",
        targetBlank: false,
        tooltip: "",
        url: "",
      },
    ],
    annotations: {
      list: [
        BUILT_IN_ANNOTATION,
        ...(spec.annotations ?? []).map((a) => ({
          datasource: DATASOURCE,
          enable: true,
          hide: false,
          iconColor: a.iconColor,
          name: a.name,
          expr: a.expr,
          step: "1s",
          titleFormat: a.titleFormat,
          textFormat: "",
          tagKeys: "",
          useValueForTime: false,
        })),
      ],
    },
    templating: {
      list: (spec.variables ?? []).map((v) => ({
        type: "query",
        name: v.name,
        label: v.label,
        datasource: DATASOURCE,
        query: { query: v.query, refId: "PrometheusVariableQueryEditor-VariableQuery" },
        definition: v.query,
        refresh: 2,
        includeAll: true,
        allValue: ".*",
        multi: true,
        current: { selected: true, text: ["All"], value: ["$__all"] },
        options: [],
        sort: 3,
        hide: 0,
        skipUrlSync: false,
      })),
    },
    panels: layout(spec.panels),
  };
}
