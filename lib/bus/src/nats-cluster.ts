// N real nats-servers joined by routes into one NATS cluster (a full mesh:
// every server has a configured route to every other, so any two are one hop
// apart), each with the same per-component users and permissions, so a
// forbidden publish is refused by whichever server the client is on. Routes
// authenticate as a per-run route user. Used by `npm start -- --nats-cluster N`
// and the cluster tests; nothing here stands in for NATS.
import { freePort, startNatsServer, type NatsServerHandle } from "./nats-server.ts";
import { newPassword } from "./credentials.ts";
import type { UserEntry } from "./permissions.ts";

/** The cluster name every server of the mesh carries (nats-server `cluster { name }`). */
export const NATS_CLUSTER_NAME = "ix";
/** The user routes authenticate as (not a component: it has no client permissions). */
export const ROUTE_USER = "route";
/** The most servers one cluster runs (a full mesh grows as N^2 routes). */
export const MAX_NATS_SERVERS = 9;
/**
 * nats-server's well-known ports, used when each server has an address of its
 * own (a host: a network namespace or a machine): clients 4222, routes 6222,
 * monitoring 8222.
 */
export const NATS_PORTS = { client: 4222, route: 6222, monitor: 8222 } as const;

/**
 * Where one server of the cluster runs when it is not on loopback: its own
 * address (every listener binds there, on NATS_PORTS) and the command that
 * puts the process there (e.g. ["ip", "netns", "exec", "ixh2"]).
 */
export interface NatsSite {
  address: string;
  commandPrefix: string[];
}

export interface NatsClusterHandle {
  /** Server 1 is servers[0]; each serves its monitoring endpoint (/routez). */
  servers: NatsServerHandle[];
  /** Every server's client URL, server 1 first. */
  urls: string[];
  /**
   * The IX_NATS_URL of a client that prefers server `index` (0-based): that
   * server's URL first, then the others in order, comma-separated. connectBus
   * keeps this order (noRandomize), so the client lands on its server and
   * fails over to the next one.
   */
  urlFor(index: number): string;
  /**
   * Waits until every running server has a route to every other running
   * server (monitoring /routez), e.g. after a restart; rejects naming the
   * servers still short of routes after `timeoutMs`.
   */
  waitForMesh(timeoutMs?: number): Promise<void>;
  /** Stops every server. */
  stop(): Promise<void>;
}

interface Routez {
  server_name?: string;
  num_routes: number;
  routes: { remote_id: string }[];
}

/** How many routes server `s` reports (monitoring /routez); -1 when it does not answer. */
export async function routeCount(s: NatsServerHandle): Promise<number> {
  if (!s.monitorUrl) throw new Error(`nats-server ${s.name ?? s.url} has no monitoring endpoint`);
  try {
    const r = await fetch(`${s.monitorUrl}/routez`, { signal: AbortSignal.timeout(2000) });
    return ((await r.json()) as Routez).num_routes;
  } catch {
    return -1;
  }
}

/**
 * Starts `size` nats-servers (on loopback, or one per site), fully meshed by
 * authenticated routes, and resolves once every server has its size-1 routes. On a failure
 * the servers already started are stopped. Server i is named ix-nats-<i+1>.
 */
export async function startNatsCluster(opts: {
  users: UserEntry[];
  size: number;
  binary?: string;
  /** Ready bound for the mesh, ms (default 15000). */
  meshTimeoutMs?: number;
  /**
   * One site per server (size of them): server i binds sites[i].address on
   * the well-known NATS_PORTS and runs through sites[i].commandPrefix.
   * Without sites every server is on loopback, on free ports.
   */
  sites?: NatsSite[];
}): Promise<NatsClusterHandle> {
  const { size, sites } = opts;
  if (!Number.isInteger(size) || size < 1 || size > MAX_NATS_SERVERS)
    throw new RangeError(`a NATS cluster has 1..${MAX_NATS_SERVERS} servers, got ${size}`);
  if (sites && sites.length !== size) throw new RangeError(`${sites.length} sites for ${size} servers`);
  const ports = sites
    ? [
        ...Array<number>(size).fill(NATS_PORTS.client),
        ...Array<number>(size).fill(NATS_PORTS.route),
        ...Array<number>(size).fill(NATS_PORTS.monitor),
      ]
    : await distinctFreePorts(3 * size);
  const client = ports.slice(0, size);
  const route = ports.slice(size, 2 * size);
  const monitor = ports.slice(2 * size);
  const address = (i: number): string => sites?.[i].address ?? "127.0.0.1";
  const routePassword = newPassword();
  const servers: NatsServerHandle[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(servers.map((s) => s.stop()));
  };
  try {
    const started = await Promise.allSettled(
      client.map((port, i) =>
        startNatsServer({
          users: opts.users,
          binary: opts.binary,
          port,
          monitorPort: monitor[i],
          name: `ix-nats-${i + 1}`,
          host: address(i),
          commandPrefix: sites?.[i].commandPrefix,
          cluster: {
            name: NATS_CLUSTER_NAME,
            port: route[i],
            user: ROUTE_USER,
            password: routePassword,
            peers: route.flatMap((p, j) => (j === i ? [] : [`${address(j)}:${p}`])),
          },
        }),
      ),
    );
    for (const r of started) if (r.status === "fulfilled") servers.push(r.value);
    const failed = started.find((r) => r.status === "rejected");
    if (failed) throw (failed as PromiseRejectedResult).reason;
  } catch (e) {
    await stop();
    throw e;
  }
  // A killed server is not expected in the mesh until it is restarted.
  const down = new Set<NatsServerHandle>();
  const tracked = servers.map((s) => {
    const kill = s.kill;
    const restart = s.restart;
    s.kill = async (signal) => {
      down.add(s);
      await kill(signal);
    };
    s.restart = async () => {
      await restart();
      down.delete(s);
    };
    return s;
  });
  const urls = tracked.map((s) => s.url);
  const waitForMesh = async (timeoutMs = 15_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const up = tracked.filter((s) => !down.has(s));
      const counts = await Promise.all(up.map(routeCount));
      const short = up.filter((_, i) => counts[i] < up.length - 1);
      if (short.length === 0) return;
      if (Date.now() > deadline)
        throw new Error(
          `NATS cluster: ${short.map((s) => `${s.name} has ${counts[up.indexOf(s)]} of ${up.length - 1} routes`).join(", ")} after ${timeoutMs} ms`,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  try {
    await waitForMesh(opts.meshTimeoutMs);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    servers: tracked,
    urls,
    urlFor: (index) => [urls[index], ...urls.filter((_, j) => j !== index)].join(","),
    waitForMesh,
    stop,
  };
}

/** `n` free loopback ports, all different (freePort alone may hand the same one out twice). */
async function distinctFreePorts(n: number): Promise<number[]> {
  const out = new Set<number>();
  for (let tries = 0; out.size < n && tries < 10 * n; tries++) out.add(await freePort());
  if (out.size < n) throw new Error(`could not find ${n} free loopback ports`);
  return [...out];
}
