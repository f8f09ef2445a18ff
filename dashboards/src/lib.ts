// The four dashboards' shared layout, datasource and style, built with
// Grafana's typed builders (@grafana/grafana-foundation-sdk): our specs below
// say what a panel shows (title, PromQL, unit, SLO line); the SDK writes the
// dashboard JSON Grafana's schema expects. Every panel is backed by PromQL
// against the provisioned datasource (uid "prometheus",
// deploy/grafana/provisioning/datasources/prometheus.yml).
import * as common from "@grafana/grafana-foundation-sdk/common";
import * as dash from "@grafana/grafana-foundation-sdk/dashboard";
import * as prometheus from "@grafana/grafana-foundation-sdk/prometheus";
import * as stat from "@grafana/grafana-foundation-sdk/stat";
import * as statetimeline from "@grafana/grafana-foundation-sdk/statetimeline";
import * as timeseries from "@grafana/grafana-foundation-sdk/timeseries";

export const SCHEMA_VERSION = 39;
export const DATASOURCE = { type: "prometheus", uid: "prometheus" } as const;

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

type PanelBuilder = timeseries.PanelBuilder | stat.PanelBuilder | statetimeline.PanelBuilder;

/** The panel of `spec`'s type with its type-specific style. */
function typedPanel(spec: PanelSpec): PanelBuilder {
  if (spec.type === "stat") {
    return new stat.PanelBuilder()
      .colorScheme(new dash.FieldColorBuilder().mode(dash.FieldColorModeId.Thresholds))
      .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(["lastNotNull"]).fields("").values(false))
      .colorMode(common.BigValueColorMode.Value)
      .graphMode(common.BigValueGraphMode.Area)
      .justifyMode(common.BigValueJustifyMode.Auto)
      .textMode(common.BigValueTextMode.Auto)
      .orientation(common.VizOrientation.Auto);
  }
  if (spec.type === "state-timeline") {
    return new statetimeline.PanelBuilder()
      .colorScheme(new dash.FieldColorBuilder().mode(dash.FieldColorModeId.PaletteClassic))
      .fillOpacity(80)
      .lineWidth(0)
      .mergeValues(true)
      .showValue(common.VisibilityMode.Auto)
      .rowHeight(0.9)
      .legend(new common.VizLegendOptionsBuilder().showLegend(false));
  }
  return new timeseries.PanelBuilder()
    .colorScheme(new dash.FieldColorBuilder().mode(dash.FieldColorModeId.PaletteClassic))
    .drawStyle(common.GraphDrawStyle.Line)
    .lineWidth(1)
    .fillOpacity(spec.stack ? 30 : 0)
    .showPoints(common.VisibilityMode.Never)
    .spanNulls(false)
    .stacking(
      new common.StackingConfigBuilder().mode(spec.stack ? common.StackingMode.Normal : common.StackingMode.None).group("A"),
    )
    .thresholdsStyle(
      new common.GraphThresholdsStyleConfigBuilder().mode(
        spec.sloLine === undefined ? common.GraphThresholdsStyleMode.Off : common.GraphThresholdsStyleMode.Line,
      ),
    )
    .legend(
      new common.VizLegendOptionsBuilder()
        .displayMode(common.LegendDisplayMode.List)
        .placement(common.LegendPlacement.Bottom)
        .showLegend(true),
    )
    .tooltip(new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.Descending));
}

/** One panel at `gridPos` with id `id`: queries, unit, limits and the SLO threshold. */
function panel(spec: PanelSpec, id: number, gridPos: dash.GridPos): PanelBuilder {
  const steps: dash.Threshold[] = [{ color: "green", value: null }];
  if (spec.sloLine !== undefined) steps.push({ color: "red", value: spec.sloLine });
  const p = typedPanel(spec)
    .id(id)
    .title(spec.title)
    .datasource(DATASOURCE)
    .gridPos(gridPos)
    .unit(spec.unit ?? "short")
    .thresholds(new dash.ThresholdsConfigBuilder().mode(dash.ThresholdsMode.Absolute).steps(steps))
    .targets(
      spec.queries.map((q, j) =>
        new prometheus.DataqueryBuilder()
          .refId(refId(j))
          .expr(q.expr)
          .legendFormat(q.legend ?? "__auto")
          .range()
          .datasource(DATASOURCE),
      ),
    );
  if (spec.description) p.description(spec.description);
  if (spec.min !== undefined) p.min(spec.min);
  if (spec.max !== undefined) p.max(spec.max);
  return p;
}

/** Lays panels out left to right, wrapping at 24 columns; ids are 1, 2, 3, ... */
export function layout(specs: PanelSpec[]): PanelBuilder[] {
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
    const built = panel(spec, i + 1, { x, y, w, h });
    x += w;
    rowHeight = Math.max(rowHeight, h);
    return built;
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

/** Grafana's own annotation (alerts and manual annotations), present in every dashboard. */
const builtInAnnotation = (): dash.AnnotationQueryBuilder =>
  new dash.AnnotationQueryBuilder()
    .builtIn(1)
    .datasource({ type: "grafana", uid: "-- Grafana --" })
    .enable(true)
    .hide(true)
    .iconColor("rgba(0, 211, 255, 1)")
    .name("Annotations & Alerts")
    .type("dashboard");

export function dashboard(spec: DashboardSpec): dash.Dashboard {
  const d = new dash.DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags(["ix"])
    .timezone("browser")
    .readonly()
    .tooltip(dash.DashboardCursorSync.Crosshair)
    .version(1)
    .refresh(spec.refresh ?? "5s")
    .time({ from: "now-15m", to: "now" })
    .timepicker(new dash.TimePickerBuilder().refreshIntervals(["1s", "5s", "10s", "30s", "1m"]))
    .fiscalYearStartMonth(0)
    .liveNow(false)
    .link(
      new dash.DashboardLinkBuilder("IX dashboards")
        .type(dash.DashboardLinkType.Dashboards)
        .tags(["ix"])
        .asDropdown(true)
        .includeVars(false)
        .keepTime(true)
        .icon("external link")
        .targetBlank(false)
        .tooltip("")
        .url(""),
    )
    .annotation(builtInAnnotation());
  for (const a of spec.annotations ?? []) {
    d.annotation(
      new dash.AnnotationQueryBuilder()
        .datasource(DATASOURCE)
        .enable(true)
        .hide(false)
        .iconColor(a.iconColor)
        .name(a.name)
        .expr(a.expr)
        .step("1s")
        .titleFormat(a.titleFormat)
        .textFormat("")
        .tagKeys("")
        .useValueForTime(false),
    );
  }
  d.variables(
    (spec.variables ?? []).map((v) =>
      new dash.QueryVariableBuilder(v.name)
        .label(v.label)
        .datasource(DATASOURCE)
        .query({ query: v.query, refId: "PrometheusVariableQueryEditor-VariableQuery" })
        .definition(v.query)
        .refresh(dash.VariableRefresh.OnTimeRangeChanged)
        .includeAll(true)
        .allValue(".*")
        .multi(true)
        .current({ selected: true, text: ["All"], value: ["$__all"] })
        .options([])
        .sort(dash.VariableSort.NumericalAsc)
        .hide(dash.VariableHide.DontHide),
    ),
  );
  for (const p of layout(spec.panels)) d.withPanel(p);
  const built = d.build();
  // The SDK's defaults place links and annotation toggles "inControlsMenu"
  // (a Grafana 12 menu); left out, they stay where they always were, inline.
  for (const l of built.links ?? []) delete l.placement;
  for (const a of built.annotations?.list ?? []) delete a.placement;
  // The SDK writes Grafana 12's schema version (42); deploy/.env runs Grafana
  // 11.4, which knows schemas up to 40, and the panels here are 39's.
  return { ...built, schemaVersion: SCHEMA_VERSION };
}
