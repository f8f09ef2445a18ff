// Every Grafana panel shows data on a live cluster: Debian's Prometheus scrapes
// a real cluster (NIC, 2 dataplane cores, app, IXCP under the consolidation
// policy with one core parked running the background job) and a real ixload
// driving memcached USR load over the NATS L2 segment (no root). After IXCP
// migrates flow groups, every panel target and annotation query of every
// dashboards/*.json is evaluated and must return at least one series with a
// value: a panel that can never show anything fails here, not in front of a user.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { startCluster, REPO_ROOT, HOST_IP, type Cluster } from "@ix/cluster";
import { freePort, ixcpRequest } from "@ix/bus";
import { DASHBOARDS } from "../dashboards/build.ts";
import {
  startPrometheus,
  prometheusConfig,
  type PrometheusHandle,
  type PromSeries,
} from "./helpers/prometheus.ts";

interface Dash {
  panels: { title: string; targets?: { refId: string; expr: string }[] }[];
  annotations: { list: { name: string; expr?: string }[] };
  templating: { list: { name: string; query: { query: string } }[] };
}

/** One query to check: where it comes from (for the failure list) and how Grafana runs it. */
interface Check {
  where: string;
  expr: string;
  kind: "panel" | "annotation" | "variable";
}

// What Grafana would send for its macros with a 1 s scrape interval and the
// dashboards' default 15 min range; template variables take their "All" value.
const MACROS: [string, string][] = [
  ["$__rate_interval", "15s"],
  ["$__interval", "1s"],
  ["$__range", "60s"],
];

function concrete(expr: string, variables: string[]): string {
  let out = expr;
  for (const [macro, value] of MACROS) out = out.replaceAll(macro, value);
  for (const v of variables)
    out = out.replaceAll(`\${${v}}`, ".*").replaceAll(new RegExp(`\\$${v}\\b`, "g"), ".*");
  return out;
}

function checks(): Check[] {
  const out: Check[] = [];
  for (const file of Object.keys(DASHBOARDS)) {
    const d = JSON.parse(readFileSync(join(REPO_ROOT, "dashboards", file), "utf8")) as Dash;
    const vars = d.templating.list.map((v) => v.name);
    for (const p of d.panels) {
      for (const t of p.targets ?? []) {
        out.push({
          where: `${file} panel "${p.title}" ${t.refId}`,
          expr: concrete(t.expr, vars),
          kind: "panel",
        });
      }
    }
    for (const a of d.annotations.list) {
      if (a.expr)
        out.push({
          where: `${file} annotation "${a.name}"`,
          expr: concrete(a.expr, vars),
          kind: "annotation",
        });
    }
    for (const v of d.templating.list) {
      // label_values(metric, label): Grafana lists the label's values on the metric's series.
      const m = /^label_values\((.+),\s*(\w+)\)$/.exec(v.query.query);
      assert.ok(m, `${file} variable ${v.name}: unsupported query ${v.query.query}`);
      out.push({
        where: `${file} variable $${v.name}`,
        expr: `count by (${m[2]}) (${m[1]})`,
        kind: "variable",
      });
    }
  }
  return out;
}

const hostPort = (url: string): string => new URL(url).host;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

let cluster: Cluster | undefined;
let ixload: ChildProcess | undefined;
let prom: PrometheusHandle | undefined;
let admin: NatsConnection | undefined;
let ixloadOut = "";
let startedAtS = 0;

before(async () => {
  startedAtS = Date.now() / 1000;
  // One active core: the consolidation policy runs the background job on the parked one.
  cluster = await startCluster({
    cores: 2,
    policy: "consolidation",
    // A generous liveness window: this test is about dashboards, not dead cores.
    extraArgs: { ixcp: ["--initial-cores", "1", "--dead-ms", "3000"] },
  });
  const loadPort = await freePort();
  // Modest open-loop USR load, longer than the test: it is stopped in after().
  // prettier-ignore
  ixload = spawn(process.execPath, [
    join(REPO_ROOT, "services", "loadgen", "src", "cli.ts"),
    "--transport", "nats-l2", "--server", `${HOST_IP}:11211`, "--workload", "usr",
    "--rate", "1000", "--duration", "60", "--keys", "1000", "--connections", "4",
    "--ceiling", "off", "--quiet", "--metrics-port", String(loadPort),
  ], { env: { ...process.env, ...cluster.env("host") }, stdio: ["ignore", "pipe", "pipe"] });
  const keep = (d: Buffer): void => void (ixloadOut = (ixloadOut + d.toString()).slice(-4000));
  ixload.stdout?.on("data", keep);
  ixload.stderr?.on("data", keep);

  // The deployment's job and component labels (deploy/prometheus/prometheus.yml);
  // the dashboards select cores by the `core` label the dataplanes export themselves.
  const job = (name: string, urls: string[]) => ({
    job: name,
    targets: urls.map((u) => ({ address: hostPort(u), labels: { component: name } })),
  });
  prom = await startPrometheus(
    prometheusConfig([
      job("nic", [cluster.nic.adminUrl]),
      job(
        "dataplane",
        cluster.cores.map((c) => c.adminUrl),
      ),
      job("app", [cluster.app!.adminUrl]),
      job("ixcp", [cluster.ixcp!.adminUrl]),
      job("loadgen", [`http://127.0.0.1:${loadPort}`]),
    ]),
  );
  const env = cluster.env("admin");
  admin = await connect({ servers: env.IX_NATS_URL, user: env.IX_NATS_USER, pass: env.IX_NATS_PASSWORD });
});

after(async () => {
  if (ixload && ixload.exitCode === null && ixload.signalCode === null) {
    const exited = new Promise((r) => ixload!.once("exit", r));
    ixload.kill("SIGTERM");
    const t = setTimeout(() => ixload!.kill("SIGKILL"), 3000);
    await exited;
    clearTimeout(t);
  }
  await prom?.stop();
  await admin?.close();
  await cluster?.stop();
});

/** At least one series with a value that is a number (NaN is what Grafana draws as nothing). */
const hasData = (series: PromSeries[]): boolean =>
  series.some((s) =>
    s.value ? !Number.isNaN(Number(s.value[1])) : (s.values ?? []).some(([, v]) => !Number.isNaN(Number(v))),
  );

test("every dashboard panel, annotation and variable query returns data on a live cluster", async (t) => {
  const p = prom!;
  // Every service is scraped (ixload serves /metrics once its connections are up).
  const upDeadline = Date.now() + 15_000;
  let targets = await p.targets();
  while ((targets.length < 6 || targets.some((x) => x.health !== "up")) && Date.now() < upDeadline) {
    await sleep(500);
    targets = await p.targets();
  }
  const down = targets.filter((x) => x.health !== "up");
  assert.deepEqual(
    down.map((x) => `${x.job} ${x.scrapeUrl}: ${x.health} ${x.lastError}`),
    [],
    `targets not up (ixload output: ${ixloadOut})`,
  );
  assert.equal(targets.length, 6, "nic, 2 cores, app, ixcp, loadgen");

  // The consolidation set-up the overview shows: the parked core runs the
  // background job (its ops/s gauge covers the last second, so poll).
  let bg = 0;
  const bgDeadline = Date.now() + 10_000;
  while (Date.now() < bgDeadline) {
    bg = Number((await p.query("sum(ix_bg_ops_per_second)"))[0]?.value?.[1] ?? 0);
    if (bg > 0) break;
    await sleep(500);
  }
  assert.ok(bg > 0, "no parked core ran the background job");

  // Flow groups to the parked core and back: migrations (counted and timed by
  // IXCP, frames forwarded and held by the cores) and IXCP decisions for the
  // annotations. On a loaded machine a core can miss IXCP's liveness window
  // and a move is refused: retry, a bounded number of times.
  const groups = Array.from({ length: 16 }, (_, i) => 2 * i);
  const refused: string[] = [];
  let migrated = 0;
  for (let i = 0; i < 12 && migrated < 6; i++) {
    const r = await ixcpRequest(admin!, "migrate", { flowGroups: groups, to: migrated % 2 === 0 ? 1 : 0 });
    if (r.ok) migrated++;
    else refused.push(JSON.stringify(r));
    await sleep(300);
  }
  assert.ok(migrated > 0, `no migration succeeded: ${refused.join("; ")}`);

  // Early queries can be empty (a rate needs two scrapes of a new series):
  // re-ask the empty ones until they answer or the deadline passes.
  const pending = checks();
  const total = pending.length;
  assert.ok(total > 30, `only ${total} queries found in the dashboards`);
  const deadline = Date.now() + 20_000;
  for (;;) {
    for (let i = pending.length - 1; i >= 0; i--) {
      const c = pending[i];
      // Grafana runs annotations as range queries over the dashboard's range (step 1 s).
      const series =
        c.kind === "annotation" ? await p.queryRange(c.expr, startedAtS, 1) : await p.query(c.expr);
      if (hasData(series)) pending.splice(i, 1);
    }
    if (pending.length === 0 || Date.now() > deadline) break;
    await sleep(1000);
  }
  assert.deepEqual(
    pending.map((c) => `${c.where}: ${c.expr}`),
    [],
    `${pending.length} of ${total} dashboard queries returned no data`,
  );
  t.diagnostic(`${total} queries returned data`);

  const active = (await p.query("sum(ix_dp_active)"))[0]?.value?.[1];
  t.diagnostic(
    `${migrated} migrations (${refused.length} refused), background ops/s ${bg.toFixed(0)} while parked, active cores now ${active}`,
  );
});
