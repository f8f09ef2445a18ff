// The whole cluster as real processes on this machine: nats-server with
// per-component credentials and permissions, the NIC, one dataplane process
// per core, and the app. Used by `npm start`, the integration tests and the
// benchmarks, so all three run exactly the same thing.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  startNatsServer,
  startNatsCluster,
  generateUsers,
  credentialEnv,
  freePort,
  type NatsClusterHandle,
  type NatsServerHandle,
  type UserEntry,
} from "@ix/bus";
import { setupHosts, type HostsHandle, type HostsOptions } from "./hosts.ts";
import { placeComponents, placeOnHosts, type Placement } from "./placement.ts";
import { spawnService, type ServiceProcess, type SpawnOptions } from "./process.ts";
import { setupTap, type TapBridge, type TapHandle } from "./tap.ts";

export const REPO_ROOT = join(import.meta.dirname, "..", "..", "..");
const script = (service: string): string => join(REPO_ROOT, "services", service, "src", "main.ts");

export const HOST_IP = "10.77.0.2";
export const LINUX_IP = "10.77.0.1";
export const HOST_MAC = "02:00:00:00:00:02";

export interface ClusterOptions {
  cores?: number;
  batch?: number;
  /** Create the `ix` namespace with a TAP (root only). */
  tap?: boolean;
  namespace?: string;
  tapName?: string;
  /**
   * How frames cross between the TAP and the NIC (lib/cluster/src/tap.ts):
   * "socat" (default; a socat process and L2-over-UDP) or "direct" (the NIC
   * reads and writes the TAP's descriptor itself).
   */
  tapBridge?: TapBridge;
  echo?: boolean;
  /** Extra flags per service kind. */
  extraArgs?: Partial<Record<"nic" | "dataplane" | "app" | "ixcp", string[]>>;
  /** IXCP policy (static, energy, consolidation or a module path); false: no IXCP. */
  policy?: string | false;
  /** Where cluster.json (URLs and admin credentials for ixctl) is written. */
  stateDir?: string;
  app?: boolean;
  /** nats-server with its monitoring endpoint (cluster.nats.monitorUrl), for the bench's message counts. */
  natsMonitor?: boolean;
  /**
   * Run N nats-servers joined by routes (a NATS cluster, issue 14) and spread
   * the components over them (placement.ts); each server has its monitoring
   * endpoint. 1 or undefined: one server, as before.
   */
  natsCluster?: number;
  /**
   * Run the cluster as hosts (issue 14, hosts.ts; root only): N network
   * namespaces on a bridge, each with its own nats-server of one NATS
   * cluster (on its own address, ports 4222/6222/8222) and its share of the
   * components (placeOnHosts: NIC, TAP, app and IXCP on host 1, the cores
   * over the others). Every admin server binds its host's address, so IXCP
   * and Prometheus scrape across hosts. A number is the host count with the
   * default names (prefix "ixh", 10.78.0.0/24). Overrides natsCluster.
   */
  hosts?: number | HostsOptions;
  /** NATS users besides the generated ones (e.g. an app user granted one core, for the permission tests). */
  extraUsers?: UserEntry[];
  /**
   * Dedicated hardware threads (root): IXCP pins each active core to a CPU of
   * its own and raises its priority, moving the pinning with its grants and
   * revokes (services/ixcp/src/cpu-placement.ts); the launcher passes the
   * cores' pids. Needs IXCP (policy not false). Off by default: on a 2-CPU
   * machine it did not help (README, "Polling and dedicated CPUs").
   */
  pin?: boolean;
}

export interface Cluster {
  /** The nats-server (with a NATS cluster: server 1, natsCluster.servers[0]). */
  nats: NatsServerHandle;
  /** The NATS cluster's servers when started with natsCluster > 1. */
  natsCluster?: NatsClusterHandle;
  /** Which server (0-based) each component was given first; with hosts, also its host. */
  placement: Placement;
  /** The hosts (network namespaces) when started with `hosts`. */
  hosts?: HostsHandle;
  users: UserEntry[];
  nic: ServiceProcess;
  cores: ServiceProcess[];
  app?: ServiceProcess;
  ixcp?: ServiceProcess;
  tap?: TapHandle;
  wirePort: number;
  /**
   * The bearer token for IXCP's mutating HTTP verbs (POST /policy, /cores,
   * /migrate), generated per run like the NATS passwords; written to
   * `<stateDir>/admin-token` (mode 0600) when there is a stateDir.
   */
  adminToken: string;
  /**
   * The IX_NATS_* environment of a component kind's user. With a NATS
   * cluster IX_NATS_URL lists every server, `server` (0-based, default 0)
   * first: connectBus lands there and fails over to the others.
   */
  env(kind: string, server?: number): Record<string, string>;
  /**
   * Restart tests: ends the NIC or the app (SIGTERM, or `signal` such as
   * SIGKILL for a crash) and starts it again with the same arguments; the
   * cluster's handle is replaced and the new process is returned once ready.
   */
  restartService(name: "nic" | "app", signal?: NodeJS.Signals): Promise<ServiceProcess>;
  stop(): Promise<void>;
}

export async function startCluster(opts: ClusterOptions = {}): Promise<Cluster> {
  const cores = opts.cores ?? 2;
  const coreIds = Array.from({ length: cores }, (_, i) => i);
  const users = generateUsers(coreIds, opts.extraUsers);
  // 24 random bytes, like the NATS passwords (lib/bus credentials.ts): a bearer token, never reused across runs.
  const adminToken = randomBytes(24).toString("base64url");
  // setupHosts removes what it made when it fails; after it, a failure tears the hosts down.
  const hosts = opts.hosts === undefined ? undefined : await setupHosts(hostsOptions(opts.hosts));
  const servers = hosts?.hosts.length ?? opts.natsCluster ?? 1;
  let natsCluster: NatsClusterHandle | undefined;
  let nats: NatsServerHandle;
  try {
    natsCluster =
      servers > 1
        ? await startNatsCluster({
            users,
            size: servers,
            sites: hosts?.hosts.map((h) => ({ address: h.address, commandPrefix: h.commandPrefix })),
          })
        : undefined;
    nats = natsCluster?.servers[0] ?? (await startNatsServer({ users, monitor: opts.natsMonitor }));
  } catch (e) {
    await hosts?.teardown();
    throw e;
  }
  const placement = hosts ? placeOnHosts(servers, cores) : placeComponents(servers, cores);
  /**
   * How a component given server `server` is started: on that server's host
   * (its namespace; its admin server on the host's address, so IXCP and
   * Prometheus reach it from the other hosts), or here.
   */
  const siteOf = (server: number): { commandPrefix?: string[]; env: Record<string, string> } => {
    const h = hosts?.hosts[server];
    return h ? { commandPrefix: h.commandPrefix, env: { IX_ADMIN_HOST: h.address } } : { env: {} };
  };
  const started: ServiceProcess[] = [];
  const spawned = new Map<string, SpawnOptions>();
  const spawnKept = (o: SpawnOptions): Promise<ServiceProcess> => {
    spawned.set(o.name, o);
    return spawnService(o);
  };
  let tap: TapHandle | undefined;
  const env = (kind: string, server = 0): Record<string, string> => {
    const u = users.find((x) => x.user === kind);
    if (!u) throw new Error(`no user ${kind}`);
    const url = natsCluster ? natsCluster.urlFor(server) : nats.url;
    return credentialEnv({ url, user: u.user, password: u.password });
  };
  const stop = async (): Promise<void> => {
    for (const p of started.reverse()) await p.stop();
    await tap?.teardown();
    await (natsCluster ?? nats).stop();
    await hosts?.teardown();
  };
  try {
    const wirePort = await freePort();
    const socatPort = await freePort();
    const tapOptions = {
      namespace: opts.namespace ?? "ix",
      tapName: opts.tapName ?? "ixtap0",
      linuxIp: LINUX_IP,
      prefix: 24,
      nicPort: wirePort,
      socatPort,
      bridge: opts.tapBridge ?? "socat",
      nicNamespace: hosts?.hosts[placement.nic].namespace,
    };
    // The direct bridge: the tap exists before the NIC, which inherits its descriptor as fd 3.
    const direct = opts.tap === true && tapOptions.bridge === "direct";
    if (direct) tap = await setupTap(tapOptions);
    const nic = await spawnKept({
      name: "nic",
      echo: opts.echo,
      commandPrefix: siteOf(placement.nic).commandPrefix,
      env: { ...env("nic", placement.nic), ...siteOf(placement.nic).env },
      args: [
        script("nic"),
        "--queues",
        String(cores),
        "--wire-listen",
        `127.0.0.1:${wirePort}`,
        // Without a TAP nobody listens on the UDP side: a fixed peer would make
        // the NIC write every outbound frame to a closed port (measured: ~40%
        // of the NIC's busy time under nats-l2 load).
        ...(opts.tap && !direct ? ["--wire-peer", `127.0.0.1:${socatPort}`] : []),
        ...(direct ? ["--wire-tap-fd", "3"] : []),
        "--host-ip",
        HOST_IP,
        "--host-mac",
        HOST_MAC,
        ...(opts.extraArgs?.nic ?? []),
      ],
      ...(direct && tap?.fd !== undefined ? { fds: [tap.fd] } : {}),
    });
    started.push(nic);
    const coreSpawns = await Promise.allSettled(
      coreIds.map((core) =>
        spawnService({
          name: `core${core}`,
          echo: opts.echo,
          commandPrefix: siteOf(placement.cores[core]).commandPrefix,
          env: { ...env("dataplane", placement.cores[core]), ...siteOf(placement.cores[core]).env },
          args: [
            script("dataplane"),
            "--core",
            String(core),
            "--queues",
            String(cores),
            "--batch",
            String(opts.batch ?? 64),
            "--ip",
            HOST_IP,
            "--mac",
            HOST_MAC,
            ...(opts.extraArgs?.dataplane ?? []),
          ],
        }),
      ),
    );
    // Every core that did start is stopped with the rest when one of them failed.
    const coreProcs = coreSpawns.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    started.push(...coreProcs);
    const failed = coreSpawns.find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
    let app: ServiceProcess | undefined;
    if (opts.app !== false) {
      app = await spawnKept({
        name: "app",
        echo: opts.echo,
        commandPrefix: siteOf(placement.app).commandPrefix,
        env: { ...env("app", placement.app), ...siteOf(placement.app).env },
        args: [script("app"), "--cores", coreIds.join(","), ...(opts.extraArgs?.app ?? [])],
      });
      started.push(app);
    }
    let ixcp: ServiceProcess | undefined;
    if (opts.policy !== false) {
      ixcp = await spawnService({
        name: "ixcp",
        echo: opts.echo,
        commandPrefix: siteOf(placement.ixcp).commandPrefix,
        // Only IXCP has mutating HTTP verbs; the other admin servers get no token and refuse them all.
        env: { ...env("ixcp", placement.ixcp), ...siteOf(placement.ixcp).env, IX_ADMIN_TOKEN: adminToken },
        args: [
          script("ixcp"),
          "--cores",
          String(cores),
          "--policy",
          opts.policy ?? "static",
          "--scrape",
          coreProcs.map((p) => p.adminUrl).join(","),
          ...(opts.pin ? ["--pin-pids", coreProcs.map((p, i) => `${i}:${p.child.pid}`).join(",")] : []),
          ...(opts.extraArgs?.ixcp ?? []),
        ],
      });
      started.push(ixcp);
    }
    if (opts.tap && !direct) tap = await setupTap(tapOptions);
    const restartService = async (name: "nic" | "app", signal?: NodeJS.Signals): Promise<ServiceProcess> => {
      const old = name === "nic" ? cluster.nic : cluster.app;
      const spawnOpts = spawned.get(name);
      if (!old || !spawnOpts) throw new Error(`no ${name} in this cluster`);
      if (signal) {
        old.child.kill(signal);
        await old.exited;
      } else await old.stop();
      const fresh = await spawnService(spawnOpts);
      started[started.indexOf(old)] = fresh;
      if (name === "nic") cluster.nic = fresh;
      else cluster.app = fresh;
      return fresh;
    };
    const cluster: Cluster = {
      nats,
      natsCluster,
      placement,
      hosts,
      users,
      nic,
      cores: coreProcs,
      app,
      ixcp,
      tap,
      wirePort,
      adminToken,
      env,
      restartService,
      stop,
    };
    if (opts.stateDir) writeState(opts.stateDir, cluster);
    return cluster;
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * cluster.json: what ixctl needs to find and reach the cluster (mode 600: it
 * holds the admin password), and admin-token beside it, with the same mode:
 * `curl -H "authorization: Bearer $(cat .ix/admin-token)" -X POST ...`.
 */
function writeState(dir: string, c: Cluster): void {
  mkdirSync(dir, { recursive: true });
  const hostName = (server: number): string => c.hosts?.hosts[server].namespace ?? "127.0.0.1";
  const component = (server: number, p: ServiceProcess): { server: number; host: string; pid?: number } => ({
    server: server + 1,
    host: hostName(server),
    pid: p.child.pid,
  });
  const admin = c.users.find((u) => u.user === "admin")!;
  const tokenFile = join(dir, "admin-token");
  writeFileSync(tokenFile, `${c.adminToken}\n`, { mode: 0o600 });
  chmodSync(tokenFile, 0o600); // writeFileSync's mode applies only when it creates the file
  const state = {
    adminTokenFile: tokenFile,
    // Every server (comma-separated, server 1 first): ixctl fails over too.
    natsUrl: c.natsCluster ? c.natsCluster.urls.join(",") : c.nats.url,
    // Each nats-server (1-based "server" below refers to this list's order) and
    // its host: a network namespace with --hosts (server i on host i), else this machine's loopback.
    natsServers: (c.natsCluster?.servers ?? [c.nats]).map((s, i) => ({
      name: s.name,
      url: s.url,
      pid: s.pid,
      host: hostName(i),
      monitorUrl: s.monitorUrl,
    })),
    // Each component's server (1-based), host and pid: tools and tests stop one by these.
    components: {
      nic: component(c.placement.nic, c.nic),
      ...Object.fromEntries(c.cores.map((p, i) => [`core${i}`, component(c.placement.cores[i], p)])),
      ...(c.app ? { app: component(c.placement.app, c.app) } : {}),
      ...(c.ixcp ? { ixcp: component(c.placement.ixcp, c.ixcp) } : {}),
    },
    // The hosts' namespaces and addresses (--hosts), for `ip netns exec` and for scraping.
    hosts: c.hosts?.hosts.map((h) => ({ namespace: h.namespace, address: h.address })),
    admin: { user: admin.user, password: admin.password },
    nic: c.nic.adminUrl,
    cores: c.cores.map((p) => p.adminUrl),
    pids: {
      nats: c.nats.pid,
      nic: c.nic.child.pid,
      cores: c.cores.map((p) => p.child.pid),
      app: c.app?.child.pid,
      ixcp: c.ixcp?.child.pid,
      socat: c.tap?.socatPid,
    },
    app: c.app?.adminUrl,
    ixcp: c.ixcp?.adminUrl,
    namespace: c.tap?.opts.namespace,
  };
  writeFileSync(join(dir, "cluster.json"), JSON.stringify(state, null, 2), { mode: 0o600 });
  chmodSync(join(dir, "cluster.json"), 0o600);
}

/** A `hosts` option as HostsOptions (a number is the count with the default names). */
function hostsOptions(h: number | HostsOptions): HostsOptions {
  return typeof h === "number" ? { count: h } : h;
}
