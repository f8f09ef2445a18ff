// The cluster as three hosts (issue 14, `npm start -- --hosts 3`): three
// network namespaces on a bridge (lib/cluster hosts.ts), each with its own
// nats-server of one NATS cluster and its share of the components
// (placeOnHosts): the NIC, the TAP, the app and IXCP on host 1, cores 0 and 2
// on host 2, core 1 on host 3. Real Linux clients in a namespace of their own
// behind the TAP. Every frame between the NIC and a core, every syscall and
// event between the app and a core crosses a route between hosts.
//   - a real Prometheus (this machine's) scrapes every host's components,
//     and IXCP's PromQL source reads the three cores through it;
//   - ping, 10 MB of TCP echo over 32 connections, memccapable;
//   - 40 flow-group migrations between core 0 (host 2) and core 1 (host 3)
//     while 50 connections stream, every byte verified;
//   - the permission matrix with the client on each host's server;
//   - host 3 lost (every process in its namespace SIGKILLed: core 1 and
//     nats-server 3): IXCP gives core 1's flow groups to the live cores,
//     host 2's connections never notice;
//   - stop() (and a failed start) leaves no namespace, link or process.
// Needs root; correctness only (times are diagnostics).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { ix } from "@ix/proto";
import {
  connectBus,
  credentialsFromEnv,
  ixcpRequest,
  routeCount,
  subjects as S,
  type UserEntry,
} from "@ix/bus";
import { startCluster, canUseTap, canUseHosts, HOST_IP, LINUX_IP, type Cluster } from "@ix/cluster";
import { flowInfo } from "@ix/ixctl";
import { checkMatrixAcross } from "../lib/bus/test/permission-matrix.ts";
import { clusterPids, survivors } from "../lib/cluster/test/helpers.ts";
import { metricSamples, sum } from "./helpers/metrics.ts";
import { assertMemccapable, linuxClients } from "./helpers/linux-clients.ts";
import { startEchoClient } from "./helpers/echo-client.ts";
import { migrateBackAndForth, migrationFrames } from "./helpers/migrations.ts";
import { prometheusConfig, startPrometheus } from "./helpers/prometheus.ts";
import { PrometheusSource } from "../services/ixcp/src/metrics-source.ts";

// Names of this test's own (hosts.ts prefix and subnet, the Linux side): apart from npm start's and other tests'.
const PREFIX = "ixth";
const SUBNET = "10.78.1";
const NS = "ixth-linux";
const skip =
  canUseHosts() && canUseTap() ? false : "needs root, socat and iproute2 (hosts are network namespaces)";
const linux = linuxClients(NS);
// The permission matrix's "app" is granted core 0 only, "app-core1" core 1 only (lib/bus/test/permission-matrix.ts).
const MATRIX_APPS: UserEntry[] = [
  { user: "app-core0", password: "p-app-core0-hosts", kind: "app", cores: [0] },
  { user: "app-core1", password: "p-app-core1-hosts", kind: "app", cores: [1] },
];
let cluster: Cluster | undefined;
let admin: NatsConnection;
let stateDir: string;

before(async () => {
  if (skip) return;
  stateDir = mkdtempSync(join(tmpdir(), "ix-hosts-"));
  cluster = await startCluster({
    cores: 3,
    hosts: { count: 3, prefix: PREFIX, subnet: SUBNET },
    tap: true,
    namespace: NS,
    tapName: "ixthtap0",
    policy: "static",
    extraUsers: MATRIX_APPS,
    stateDir,
  });
  // As the components connect: server 1 (host 1, never lost here) first, the others in order.
  admin = await connectBus("hosts-test-admin", credentialsFromEnv(cluster.env("admin")));
});

after(async () => {
  await admin?.close();
  await cluster?.stop();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

const c = (): Cluster => cluster!;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

async function reta(): Promise<ix.Reta> {
  return ix.Reta.decode((await admin.request(S.NIC_RETA_GET, new Uint8Array(0), { timeout: 10_000 })).data);
}

/** The network namespaces our own (ip netns list) and links in the root namespace that carry `prefix`. */
function leftovers(prefix: string): string[] {
  const netns = execFileSync("ip", ["netns", "list"], { encoding: "utf8" })
    .split("\n")
    .map((l) => l.split(" ")[0])
    .filter((n) => n.startsWith(prefix));
  const links = execFileSync("ip", ["-o", "link", "show"], { encoding: "utf8" })
    .split("\n")
    .map((l) => /^\d+: ([^:@]+)/.exec(l)?.[1] ?? "")
    .filter((n) => n.startsWith(prefix));
  return [...netns.map((n) => `netns ${n}`), ...links.map((l) => `link ${l}`)];
}

test(
  "each host runs its own server and its share of the components; cluster.json says where",
  { skip },
  async () => {
    const hosts = c().hosts!;
    assert.deepEqual(
      hosts.hosts.map((h) => [h.namespace, h.address]),
      [
        ["ixth1", "10.78.1.1"],
        ["ixth2", "10.78.1.2"],
        ["ixth3", "10.78.1.3"],
      ],
    );
    const servers = c().natsCluster!.servers;
    assert.deepEqual(
      await Promise.all(servers.map(routeCount)),
      [2, 2, 2],
      "a full mesh of routes (/routez)",
    );
    // Each process is in its host's namespace (ip netns pids).
    const on = hosts.hosts.map((_, i) => new Set(hosts.pids(i)));
    const where = (pid: number | undefined): number => on.findIndex((s) => pid !== undefined && s.has(pid));
    assert.deepEqual(
      servers.map((s) => where(s.pid)),
      [0, 1, 2],
      "nats-server i on host i",
    );
    assert.equal(where(c().nic.child.pid), 0, "the NIC on host 1");
    assert.equal(where(c().app!.child.pid), 0, "the app on host 1");
    assert.equal(where(c().ixcp!.child.pid), 0, "IXCP on host 1");
    assert.deepEqual(
      c().cores.map((p) => where(p.child.pid)),
      [1, 2, 1],
      "cores 0 and 2 on host 2, core 1 on host 3",
    );
    // Admin servers bind their host's address, so IXCP and Prometheus reach them from any host.
    assert.deepEqual(
      c().cores.map((p) => new URL(p.adminUrl).hostname),
      ["10.78.1.2", "10.78.1.3", "10.78.1.2"],
    );
    const state = JSON.parse(readFileSync(join(stateDir, "cluster.json"), "utf8")) as {
      natsServers: { url: string; pid: number; host: string }[];
      components: Record<string, { server: number; host: string; pid: number }>;
    };
    assert.deepEqual(
      state.natsServers.map((s) => [s.url, s.pid, s.host]),
      servers.map((s, i) => [`nats://10.78.1.${i + 1}:4222`, s.pid, `ixth${i + 1}`]),
    );
    assert.deepEqual(state.components, {
      nic: { server: 1, host: "ixth1", pid: c().nic.child.pid },
      core0: { server: 2, host: "ixth2", pid: c().cores[0].child.pid },
      core1: { server: 3, host: "ixth3", pid: c().cores[1].child.pid },
      core2: { server: 2, host: "ixth2", pid: c().cores[2].child.pid },
      app: { server: 1, host: "ixth1", pid: c().app!.child.pid },
      ixcp: { server: 1, host: "ixth1", pid: c().ixcp!.child.pid },
    });
    // IXCP (host 1) scrapes every core's metrics across the bridge (its /status shows each core's latest scrape).
    await waitFor(
      "IXCP to hold metrics scraped from each of the 3 cores, all alive and active",
      async () => {
        const st = await ixcpRequest(admin, "status");
        const cores = st.cores as { alive: boolean; active: boolean; metrics: unknown }[];
        return cores.length === 3 && cores.every((x) => x.alive && x.active && x.metrics !== null);
      },
      60_000,
    );
  },
);

test(
  "Prometheus scrapes every host's components; IXCP's PromQL source reads all three cores through it",
  { skip },
  async () => {
    const hosts = c().hosts!;
    const target = (p: { adminUrl: string }, server: number) => ({
      address: new URL(p.adminUrl).host,
      labels: { host: hosts.hosts[server].namespace },
    });
    const pl = c().placement;
    const prom = await startPrometheus(
      prometheusConfig([
        { job: "nic", targets: [target(c().nic, pl.nic)] },
        { job: "dataplane", targets: c().cores.map((p, i) => target(p, pl.cores[i])) },
        { job: "app", targets: [target(c().app!, pl.app)] },
        { job: "ixcp", targets: [target(c().ixcp!, pl.ixcp)] },
      ]),
    );
    try {
      await waitFor(
        "Prometheus to scrape all 6 targets on the 3 hosts",
        async () => {
          const ts = await prom.targets();
          return ts.length === 6 && ts.every((x) => x.health === "up");
        },
        60_000,
      );
      const up = await prom.query("up");
      assert.deepEqual(up.map((x) => `${x.metric.job}@${x.metric.host}=${x.value?.[1]}`).sort(), [
        "app@ixth1=1",
        "dataplane@ixth2=1",
        "dataplane@ixth2=1",
        "dataplane@ixth3=1",
        "ixcp@ixth1=1",
        "nic@ixth1=1",
      ]);
      const source = new PrometheusSource({ url: prom.url, timeoutMs: 5000 });
      let seen: number[] = [];
      await waitFor(
        "IXCP's Prometheus source to see cores 0, 1 and 2",
        async () => {
          seen = [...(await source.sample()).keys()].sort();
          return seen.length === 3;
        },
        60_000,
      );
      assert.deepEqual(seen, [0, 1, 2]);
    } finally {
      await prom.stop();
    }
  },
);

test("Linux pings the cluster's host through the TAP on host 1", { skip }, async () => {
  assert.equal(await linux.ping(3), 3, "pings answered");
});

test("TCP echo: 10 MB over 32 connections across the hosts, every byte verified", { skip }, async (t) => {
  const r = await linux.echoTransfer(32, 10 * 1024 * 1024, 240);
  assert.deepEqual(r.failures, []);
  assert.equal(r.verified, r.expected);
  const onCore = [0, 0, 0];
  const table = await reta();
  for (const port of r.ports)
    onCore[flowInfo(`${LINUX_IP}:${port}`, `${HOST_IP}:7`, table.queues, table.rssKey).queue]++;
  t.diagnostic(`verified ${r.verified} bytes; connections per core ${onCore.join("/")}`);
  assert.ok(onCore[0] + onCore[2] > 0 && onCore[1] > 0, `connections on both cores' hosts: ${onCore}`);
});

test("memccapable -a passes every ASCII test across the hosts", { skip }, async (t) => {
  await assertMemccapable(linux, t);
});

test(
  "40 migrations between core 0 (host 2) and core 1 (host 3) while 50 connections stream: every byte intact",
  {
    skip,
    // This test found the events of a moved connection overtaking its old
    // core's last ones (3 of 50 streams whole but reordered, 1 run of 15);
    // docs/architecture.md, "A moved connection's events, in order".
  },
  async (t) => {
    const before = await reta();
    const groups = before.queues.flatMap((q, g) => (q === 0 ? [g] : [])).slice(0, 16);
    assert.equal(groups.length, 16, "core 0 owns 16 groups to move");
    const client = startEchoClient(NS, { conns: 50, bytes: 30 * 1024 * 1024, timeoutS: 240, ready: true });
    await client.ready;
    await sleep(300); // streaming
    const { durationsMs, overlapped } = await migrateBackAndForth(admin, client, groups, 40);
    const { code, result } = await client.done;
    assert.deepEqual(result.failures, [], "no connection reset, cut short or corrupted");
    assert.equal(result.verified, result.expected);
    assert.equal(code, 0);
    assert.ok(overlapped >= 20, `only ${overlapped} of 40 migrations overlapped the transfer`);
    assert.deepEqual((await reta()).queues, before.queues, "40 moves (an even number) end where they began");
    const kind = await migrationFrames(c().cores.map((p) => p.adminUrl));
    assert.equal(kind("dropped_unowned"), 0, "no frame dropped for want of its flow group");
    const sorted = [...durationsMs].sort((a, b) => a - b);
    t.diagnostic(
      `40 migrations, ${overlapped} during the transfer; ixcp request (incl. RETA rewrite) p50 ${sorted[20].toFixed(1)} ms, max ${sorted[39].toFixed(1)} ms; frames carried ${kind("carried")}, forwarded ${kind("forwarded")}, held ${kind("held")}`,
    );
  },
);

test(
  "the permission matrix with the client on each host's server, the observer on the next",
  { skip },
  async () => {
    const servers = c().natsCluster!.servers;
    const opened: NatsConnection[] = [];
    const connectAs = async (kind: string, on = 0): Promise<NatsConnection> => {
      const name = kind === "app" ? "app-core0" : kind;
      const u = c().users.find((x) => x.user === name);
      if (!u) throw new Error(`no user ${name}`);
      const nc = await connect({ servers: servers[on].url, user: u.user, pass: u.password });
      opened.push(nc);
      return nc;
    };
    try {
      for (const on of [0, 1, 2]) await checkMatrixAcross(connectAs, on, (on + 1) % 3);
    } finally {
      for (const nc of opened) await nc.close().catch(() => undefined);
    }
  },
);

test(
  "host 3 lost (its processes killed): IXCP gives core 1's groups to the live cores, host 2's connections never notice",
  { skip, timeout: 400_000 },
  async (t) => {
    const hosts = c().hosts!;
    // Core 1's connections that had sent everything wait for an echo that died with it, until the timeout.
    const client = startEchoClient(NS, { conns: 40, bytes: 24 * 1024 * 1024, timeoutS: 90, ready: true });
    await client.ready;
    await sleep(300); // streaming on every core
    const before = await reta();
    assert.deepEqual([...new Set(before.queues)].sort(), [0, 1, 2], "every core owns groups before");
    const killedAt = Date.now();
    const killed = hosts.killProcesses(2);
    assert.ok(killed.includes(c().cores[1].child.pid!), `core 1 among the killed (${killed})`);
    assert.ok(
      killed.includes(c().natsCluster!.servers[2].pid!),
      `nats-server 3 among the killed (${killed})`,
    );
    let movedAt = 0;
    await waitFor(
      "the RETA to leave core 1",
      async () => {
        if ((await reta()).queues.includes(1)) return false;
        movedAt = Date.now();
        return true;
      },
      60_000,
    );
    const after = await reta();
    after.queues.forEach((q, g) => {
      assert.ok(q === 0 || q === 2, `group ${g} on core ${q}, not a live core`);
      if (before.queues[g] !== 1) assert.equal(q, before.queues[g], `group ${g} of a live core stayed`);
    });
    const gained = (core: number): number =>
      after.queues.filter((q, g) => q === core && before.queues[g] === 1).length;
    assert.ok(
      gained(0) > 0 && gained(2) > 0,
      `core 1's groups spread over both live cores (${gained(0)}, ${gained(2)})`,
    );

    const r = (await client.done).result;
    const coreOf = (port: number): number =>
      flowInfo(`${LINUX_IP}:${port}`, `${HOST_IP}:7`, before.queues, before.rssKey).queue;
    const failedPorts = new Set(r.failures.map((f) => r.ports[f.conn]));
    const onHost2 = r.ports.filter((p) => coreOf(p) !== 1);
    assert.ok(onHost2.length > 0, "some connections were on host 2's cores");
    for (const p of onHost2) assert.ok(!failedPorts.has(p), `connection from port ${p} on host 2 failed`);
    const fresh = await linux.echoTransfer(8, 1024 * 1024, 120);
    assert.deepEqual(fresh.failures, [], "new connections are served by the live cores");
    const dead = await metricSamples(c().ixcp!.adminUrl, "ix_ixcp_core_dead_total");
    assert.ok(sum(dead) >= 1, "IXCP counted core 1 dead");
    t.diagnostic(
      `RETA rewritten ${movedAt - killedAt} ms after the kill (bounded at 60 s, not asserted); ${onHost2.length} connections on host 2 intact; ${failedPorts.size} of ${r.ports.length - onHost2.length} on core 1 lost`,
    );
  },
);

test("stop() ends every process and removes every namespace and link it made", { skip }, async () => {
  const pids = clusterPids(c());
  await c().stop();
  cluster = undefined;
  assert.deepEqual(await survivors(pids), [], "no process outlives stop()");
  assert.deepEqual(leftovers(PREFIX), [], "namespaces and links left behind");
});

test("a failed start (IXCP refuses its policy) removes the hosts it made", { skip }, async () => {
  const prefix = "ixtf";
  await assert.rejects(
    startCluster({
      cores: 2,
      hosts: { count: 3, prefix, subnet: "10.78.9" },
      tap: true,
      namespace: `${prefix}-linux`,
      tapName: `${prefix}tap0`,
      policy: "no-such-policy",
    }),
    /ixcp exited/,
  );
  assert.deepEqual(leftovers(prefix), [], "namespaces and links left behind");
});
