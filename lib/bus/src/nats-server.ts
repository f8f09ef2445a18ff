// Starts a real nats-server (Debian's /usr/sbin/nats-server or one on PATH)
// with a generated configuration: used by `npm start` and by every test that
// needs a bus. Nothing here stands in for NATS.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serverConfig, type RouteBlock, type UserEntry } from "./permissions.ts";

export interface NatsServerHandle {
  url: string;
  port: number;
  /**
   * The monitoring endpoint (http://HOST:PORT: /varz, /connz, /subsz)
   * when started with `monitor: true`; undefined otherwise.
   */
  monitorUrl?: string;
  /** The server process's id (undefined before start); changes on restart. */
  readonly pid: number | undefined;
  /** server_name, when one was given (a cluster's servers have one each). */
  name?: string;
  /** The route listener's port when the server is one of a cluster. */
  routePort?: number;
  /** Ends the server for good and removes its configuration. */
  stop(): Promise<void>;
  /** Stops (if running) and starts the same server again, same ports and configuration (restart tests). */
  restart(): Promise<void>;
  /**
   * Ends the process with `signal` (default SIGKILL: a crash, no goodbye to
   * clients or routes) and resolves once it is gone; restart() brings it back.
   */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(host: string, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = createConnection({ port, host }, () => {
        s.destroy();
        resolve(true);
      });
      s.once("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nats-server did not listen on ${host}:${port} within ${timeoutMs} ms`);
}

export async function startNatsServer(opts: {
  users: UserEntry[];
  port?: number;
  binary?: string;
  /** Serve nats-server's monitoring endpoint on a free loopback port (benchmarks read /varz). */
  monitor?: boolean;
  /** The monitoring port (implies monitor); a free one otherwise. */
  monitorPort?: number;
  /** server_name. */
  name?: string;
  /** Join a cluster by routes (lib/bus nats-cluster.ts builds these for each server). */
  cluster?: RouteBlock;
  /**
   * The address the client, route and monitoring listeners bind to, and the
   * one in the URLs (default 127.0.0.1). It must be reachable from this
   * process: readiness is a TCP connect to it.
   */
  host?: string;
  /**
   * Run the server through this command, e.g. ["ip", "netns", "exec", "ixh1"]
   * for a host that is a network namespace (lib/cluster hosts.ts); the
   * command must exec the server (same pid), as `ip netns exec` does.
   */
  commandPrefix?: string[];
}): Promise<NatsServerHandle> {
  const host = opts.host ?? "127.0.0.1";
  const port = opts.port ?? (await freePort());
  const httpPort = opts.monitorPort ?? (opts.monitor ? await freePort() : undefined);
  const dir = mkdtempSync(join(tmpdir(), "ix-nats-"));
  const conf = join(dir, "nats.conf");
  writeFileSync(
    conf,
    serverConfig({ host, port, httpPort, users: opts.users, serverName: opts.name, cluster: opts.cluster }),
    { mode: 0o600 },
  );
  const binary = opts.binary ?? process.env.IX_NATS_SERVER ?? "nats-server";
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    const argv = [...(opts.commandPrefix ?? []), binary, "-c", conf];
    child = spawn(argv[0], argv.slice(1), { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    const exited = new Promise<never>((_, reject) =>
      child!.once("exit", (code) => reject(new Error(`nats-server exited (${code}): ${stderr}`))),
    );
    exited.catch(() => undefined);
    await Promise.race([waitForPort(host, port, 5000), exited]);
  };
  const stop = async (signal: NodeJS.Signals = "SIGTERM"): Promise<void> => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once("exit", () => resolve());
      c.kill(signal);
    });
  };
  await start();
  return {
    url: `nats://${host}:${port}`,
    port,
    monitorUrl: httpPort ? `http://${host}:${httpPort}` : undefined,
    get pid() {
      return child?.pid;
    },
    name: opts.name,
    routePort: opts.cluster?.port,
    stop: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
    restart: async () => {
      await stop();
      await start();
    },
    kill: (signal = "SIGKILL") => stop(signal),
  };
}
