// deploy/docker-compose.cluster.yml laid over docker-compose.yml, brought up
// for real with testcontainers (issue 14): three nats-servers in a full mesh
// of routes and the services spread over them. Every started service reaches
// "healthy"; each server reports its two routes (/routez, from inside its
// container: the monitoring port listens on loopback only); each service is
// connected to the server the file places it on (/connz); Prometheus scrapes
// the four cores; and the load generator's memcached requests, which cross
// the routes (loadgen and the NIC and app on server 1, the cores on 2 and 3),
// are answered without errors.
//
// Skipped, with the reason, when no Docker engine answers or testcontainers is
// not installed (as test/deploy-compose.test.ts; images likewise).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { freePort } from "@ix/bus";
import { promQuery, type InstantSeries } from "./helpers/prometheus.ts";
import {
  COMPOSE_SERVICES,
  composeEnvironment,
  composeImages,
  composeUp,
  loadTestcontainers,
  succeeds,
  type StartedEnvironment,
} from "./helpers/compose.ts";

const SERVICES = [...COMPOSE_SERVICES, "nats-2", "nats-3"];
/** Where docker-compose.cluster.yml places each client (lib/cluster placement.ts, the same spread). */
const PLACED: Record<string, string[]> = {
  nats: ["app", "nic-0"],
  "nats-2": ["dataplane-0", "dataplane-2"],
  "nats-3": ["dataplane-1", "dataplane-3", "ixcp"],
};

const tc = await loadTestcontainers();
const skip = typeof tc === "string" ? tc : false;

let env: StartedEnvironment | undefined;
let promUrl = "";
let container: (service: string) => string = (s) => s;

before(
  async () => {
    if (typeof tc === "string") return;
    const port = await freePort();
    promUrl = `http://127.0.0.1:${port}`;
    const project = `ixcluster${process.pid}`;
    const v2 = succeeds("docker", ["compose", "version"]);
    const where = { project, files: ["docker-compose.yml", "docker-compose.cluster.yml"], v2 };
    const compose = composeEnvironment(
      tc,
      where,
      { ...composeImages(), PROMETHEUS_PORT: String(port) },
      180_000,
    );
    container = (s) => (v2 ? `${s}-1` : `${project}_${s}_1`);
    env = await composeUp(compose, SERVICES, where);
  },
  { timeout: 900_000 },
);

after(async () => {
  await env?.down({ timeout: 10_000, removeVolumes: true });
});

/** A monitoring endpoint of one nats-server, read inside its container (it listens on loopback there). */
async function monitor<T>(server: string, path: string): Promise<T> {
  const r = await env!
    .getContainer(container(server))
    .exec(["wget", "-q", "-O", "-", `http://127.0.0.1:8222${path}`]);
  assert.equal(r.exitCode, 0, `${server} ${path}: ${r.output}`);
  return JSON.parse(r.output) as T;
}

const query = (expr: string): Promise<InstantSeries[]> => promQuery(promUrl, expr);

/** Polls until `check` passes (returns undefined) or `ms` ends; fails with its last complaint. */
async function eventually(what: string, check: () => Promise<string | undefined>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  let last: string | undefined = "never checked";
  while (Date.now() < deadline) {
    last = await check().catch((e: Error) => e.message);
    if (last === undefined) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  assert.fail(`${what} after ${ms} ms: ${last}`);
}

test("every service of the cluster file reaches healthy (testcontainers waited on each)", { skip }, () => {
  assert.ok(env, "environment started");
});

test("the three servers form a full mesh: two routes each (/routez)", { skip, timeout: 90_000 }, async () => {
  await eventually(
    "every server with 2 routes",
    async () => {
      const counts = await Promise.all(
        ["nats", "nats-2", "nats-3"].map(
          async (s) => (await monitor<{ num_routes: number }>(s, "/routez")).num_routes,
        ),
      );
      return counts.every((n) => n === 2) ? undefined : `routes ${counts}`;
    },
    60_000,
  );
});

test(
  "each service is connected to the server the file places it on (/connz)",
  { skip, timeout: 60_000 },
  async () => {
    for (const [server, want] of Object.entries(PLACED)) {
      const names = (
        await monitor<{ connections: { name?: string }[] }>(server, "/connz?limit=1024")
      ).connections.map((c) => c.name ?? "");
      for (const n of want) assert.ok(names.includes(n), `${n} on ${server} (it has ${names})`);
    }
  },
);

test(
  "Prometheus sees the four cores, and memcached requests across the routes are answered",
  { skip, timeout: 180_000 },
  async () => {
    await eventually(
      "four cores scraped",
      async () => {
        const r = await query("count(ix_dp_active)");
        return r.length > 0 && Number(r[0].value[1]) === 4 ? undefined : JSON.stringify(r);
      },
      60_000,
    );
    await eventually(
      "the load generator's requests answered",
      async () => {
        const r = await query("sum(ixload_requests_total)");
        return r.length > 0 && Number(r[0].value[1]) > 100 ? undefined : `requests ${JSON.stringify(r)}`;
      },
      120_000,
    );
    const errors = await query("sum(ixload_errors_total)");
    assert.ok(
      errors.length === 0 || Number(errors[0].value[1]) === 0,
      `ixload errors: ${JSON.stringify(errors)}`,
    );
  },
);
