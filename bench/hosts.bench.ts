// The cost of a route hop (issue 14): the same cluster (2 cores, static
// IXCP, Linux clients through the TAP) with one nats-server on loopback
// ("oneServer", what `npm start -- --tap` runs) and as three hosts
// ("threeHosts", `--hosts 3`: network namespaces on a bridge, one server
// each, the NIC and the app on host 1, core 0 on host 2, core 1 on host 3),
// in the same run, the variants interleaved over rounds so the machine's
// other load falls on both alike. Per variant:
//   - ping through the TAP (one echo every 50 ms): RTT p50/p99. A ping
//     crosses NIC -> core -> NIC, so with three hosts it takes 2 route hops
//     (and 2 bridge crossings) more: routeHopUs = (p50 delta) / 2;
//   - echo max rate: ixload from Linux sockets in the namespace, 32
//     connections x depth 16, far above what the cluster can do (the
//     achieved rate is the ceiling);
//   - flow-group migrations (16 of core 0's groups to core 1 and back, idle,
//     32 connections held open through the TAP): the admin request time
//     (IXCP -> source core -> target core -> IXCP -> NIC's RETA), the
//     source core's pause (ix_dp_last_migration_us) and the bytes the two
//     cores published per migration (nats-server /connz in_bytes: the
//     migrate message with the groups' TCP state, plus command replies and
//     the once-a-second heartbeats).
// Root only (namespaces, TAP); skipped otherwise. Names of its own (prefix
// "ixbh", 10.78.2.0/24, namespace ixbh-linux).
import { spawn } from "node:child_process";
import { join } from "node:path";
import type { NatsConnection } from "@nats-io/transport-node";
import { ix } from "@ix/proto";
import { connectBus, credentialsFromEnv, ixcpRequest, subjects as S } from "@ix/bus";
import {
  canUseHosts,
  canUseTap,
  startCluster,
  REPO_ROOT,
  type Cluster,
  type HostsOptions,
} from "@ix/cluster";
import { flowInfo } from "@ix/ixctl";
import { ECHO_MAX_RATE_LOAD, ixload, metricSum, quantile, round, SERVER_IP } from "./support/harness.ts";
import { pingFromNamespace } from "./support/ping.ts";
import type { BenchOptions, Figures } from "./support/types.ts";

const NS = "ixbh-linux";
const LINUX_IP = "10.77.0.1";
const VARIANTS: { name: string; hosts?: HostsOptions }[] = [
  { name: "oneServer" },
  { name: "threeHosts", hosts: { count: 3, prefix: "ixbh", subnet: "10.78.2" } },
];

interface Sample {
  pingMs: number[];
  lost: number;
  echoRate: number;
  echoP50Us: number;
  echoP99Us: number;
  /** ixload's own verdict: it, not the cluster, may have been the limit. */
  generatorLimited: boolean;
  requestMs: number[];
  pauseUs: number[];
  bytesPerMigration: number;
  connectionsMoved: number;
}

export async function run(o: BenchOptions): Promise<Figures> {
  if (!canUseTap() || !canUseHosts()) return { skipped: "needs root, socat and iproute2 (namespaces, TAP)" };
  const rounds = o.quick ? 1 : 2;
  const samples = new Map<string, Sample[]>(VARIANTS.map((v) => [v.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const v of VARIANTS) {
      const s = await measure(v.hosts, o);
      samples.get(v.name)!.push(s);
      o.log(
        `route hop round ${r + 1} ${v.name}: ping p50 ${quantile(s.pingMs, 0.5)} ms, echo max ${Math.round(s.echoRate)} req/s, ` +
          `migration request p50 ${round(quantile(s.requestMs, 0.5))} ms, pause p50 ${quantile(s.pauseUs, 0.5)} us, ${Math.round(s.bytesPerMigration)} B/migration`,
      );
    }
  }
  const figures: Figures = {};
  for (const v of VARIANTS) figures[v.name] = summary(samples.get(v.name)!);
  const one = figures.oneServer as Figures;
  const three = figures.threeHosts as Figures;
  const delta = (k: string): number => round((three[k] as number) - (one[k] as number));
  return {
    ...figures,
    pingP50DeltaUs: delta("pingP50Us"),
    routeHopUs: round(((three.pingP50Us as number) - (one.pingP50Us as number)) / 2),
    echoRateRatio: round((three.echoMaxRate as number) / (one.echoMaxRate as number)),
    migrationRequestDeltaMs: delta("migrationRequestP50Ms"),
    migrationPauseDeltaUs: delta("migrationPauseP50Us"),
    rounds,
  };
}

function summary(ss: Sample[]): Figures {
  const ping = ss.flatMap((s) => s.pingMs);
  const req = ss.flatMap((s) => s.requestMs);
  const pause = ss.flatMap((s) => s.pauseUs);
  const us = (ms: number): number => Math.round(ms * 1000);
  const mid = (xs: number[]): number => quantile(xs, 0.5);
  return {
    pingP50Us: us(quantile(ping, 0.5)),
    pingP99Us: us(quantile(ping, 0.99)),
    pingLost: ss.reduce((a, s) => a + s.lost, 0),
    echoMaxRate: Math.round(mid(ss.map((s) => s.echoRate))),
    echoMaxRateRange: [
      Math.round(Math.min(...ss.map((s) => s.echoRate))),
      Math.round(Math.max(...ss.map((s) => s.echoRate))),
    ],
    echoP50Us: mid(ss.map((s) => s.echoP50Us)),
    echoP99Us: mid(ss.map((s) => s.echoP99Us)),
    echoGeneratorLimited: ss.some((s) => s.generatorLimited),
    migrations: req.length,
    migrationRequestP50Ms: round(quantile(req, 0.5)),
    migrationRequestP99Ms: round(quantile(req, 0.99)),
    migrationPauseP50Us: quantile(pause, 0.5),
    migrationBytesPerMigration: Math.round(mid(ss.map((s) => s.bytesPerMigration))),
    migrationConnectionsMoved: Math.round(mid(ss.map((s) => s.connectionsMoved))),
  };
}

/** One cluster of the variant, measured, stopped. */
async function measure(hosts: HostsOptions | undefined, o: BenchOptions): Promise<Sample> {
  const cluster = await startCluster({
    cores: 2,
    policy: "static",
    tap: true,
    namespace: NS,
    tapName: "ixbhtap0",
    natsMonitor: true,
    ...(hosts ? { hosts } : {}),
  });
  let admin: NatsConnection | undefined;
  try {
    // On server 1 (host 1, with IXCP and the NIC), as the components connect.
    admin = await connectBus("bench-hosts-admin", credentialsFromEnv(cluster.env("admin")));
    await pingFromNamespace(NS, SERVER_IP, 5, 0.2); // ARP and first-packet effects out of the way
    const ping = await pingFromNamespace(NS, SERVER_IP, o.quick ? 60 : 200, 0.05);
    const echo = (
      await ixload(
        [
          "--server",
          `${SERVER_IP}:7`,
          "--protocol",
          "echo",
          ...ECHO_MAX_RATE_LOAD,
          "--duration",
          o.quick ? "3" : "6",
          "--warmup",
          "0.5",
          "--ceiling",
          "off",
        ],
        { netns: NS, timeoutMs: 120_000 },
      )
    ).result;
    const m = await migrations(cluster, admin, o.quick ? 10 : 40);
    return {
      pingMs: ping.times,
      lost: ping.sent - ping.times.length,
      echoRate: echo.achievedRate,
      echoP50Us: echo.latencyUs.p50,
      echoP99Us: echo.latencyUs.p99,
      generatorLimited: echo.generatorLimited ?? false,
      ...m,
    };
  } finally {
    await admin?.close();
    await cluster.stop();
  }
}

/** The bytes the dataplane cores published so far (every server's /connz, by connection name). */
async function coreBytesPublished(cluster: Cluster): Promise<number> {
  const monitors = (cluster.natsCluster?.servers ?? [cluster.nats]).map((s) => s.monitorUrl!);
  let total = 0;
  for (const url of monitors) {
    const r = await fetch(`${url}/connz?limit=1024`, { signal: AbortSignal.timeout(5000) });
    const connz = (await r.json()) as { connections: { name?: string; in_bytes: number }[] };
    for (const c of connz.connections) if (c.name?.startsWith("dataplane-")) total += c.in_bytes;
  }
  return total;
}

/** `n` idle migrations of 16 of core 0's groups to core 1 and back, with 32 connections held open. */
async function migrations(
  cluster: Cluster,
  admin: NatsConnection,
  n: number,
): Promise<Pick<Sample, "requestMs" | "pauseUs" | "bytesPerMigration" | "connectionsMoved">> {
  const holder = spawn(
    "ip",
    [
      "netns",
      "exec",
      NS,
      "python3",
      join(REPO_ROOT, "test", "clients", "hold_client.py"),
      "--host",
      SERVER_IP,
      "--conns",
      "32",
    ],
    { stdio: ["pipe", "pipe", "ignore"] },
  );
  try {
    const ports = await new Promise<number[]>((resolve, reject) => {
      let out = "";
      const timer = setTimeout(
        () => reject(new Error("hold_client.py opened no connections in 60 s")),
        60_000,
      );
      holder.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        const line = out.split("\n").find((l) => l.includes('"ports"'));
        if (line) {
          clearTimeout(timer);
          resolve((JSON.parse(line) as { ports: number[] }).ports);
        }
      });
      holder.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`hold_client.py exited (${code}) before connecting`));
      });
    });
    const reta = ix.Reta.decode(
      (await admin.request(S.NIC_RETA_GET, new Uint8Array(0), { timeout: 10_000 })).data,
    );
    const groups = reta.queues.flatMap((q, g) => (q === 0 ? [g] : [])).slice(0, 16);
    const moved = new Set(groups);
    const connectionsMoved = ports.filter((p) =>
      moved.has(flowInfo(`${LINUX_IP}:${p}`, `${SERVER_IP}:7`, reta.queues, reta.rssKey).flowGroup),
    ).length;
    const requestMs: number[] = [];
    const pauseUs: number[] = [];
    const bytesBefore = await coreBytesPublished(cluster);
    for (let i = 0; i < n; i++) {
      const to = i % 2 === 0 ? 1 : 0;
      const t0 = performance.now();
      const r = await ixcpRequest(admin, "migrate", { flowGroups: groups, to });
      requestMs.push(performance.now() - t0);
      if (!r.ok) throw new Error(`migration ${i}: ${JSON.stringify(r)}`);
      pauseUs.push(await metricSum(cluster.cores[1 - to].adminUrl, "ix_dp_last_migration_us"));
    }
    const bytesPerMigration = ((await coreBytesPublished(cluster)) - bytesBefore) / n;
    return { requestMs, pauseUs, bytesPerMigration, connectionsMoved };
  } finally {
    holder.stdin.end("quit\n");
    const t = setTimeout(() => holder.kill("SIGKILL"), 5000);
    await new Promise((r) => (holder.exitCode === null ? holder.once("exit", r) : r(null)));
    clearTimeout(t);
  }
}
