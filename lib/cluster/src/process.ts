// A service child process with prefixed output, readiness detection and a
// clean stop. A service is ready when it prints its admin URL
// ("... admin http://host:port"); that URL is what Prometheus and IXCP scrape.
import { spawn, type ChildProcess } from "node:child_process";

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  adminUrl: string;
  stop(): Promise<void>;
  exited: Promise<number | null>;
}

export interface SpawnOptions {
  name: string;
  args: string[];
  env: Record<string, string>;
  /** Echo the child's output with a [name] prefix (npm start), or keep quiet (tests). */
  echo?: boolean;
  /**
   * How long the service may take to print its admin URL, ms (default 60000:
   * a Node service on a machine at load average 40 took 8 s; a crash is
   * reported at once, not at this bound).
   */
  readyTimeoutMs?: number;
  /** Descriptors the child inherits as fd 3, 4, ... (e.g. a TAP device for the NIC's --wire-tap-fd 3). */
  fds?: number[];
  /**
   * Run node through this command, e.g. ["ip", "netns", "exec", "ixh2"] to
   * start the service on a host (hosts.ts). The command must exec node, as
   * `ip netns exec` does, so that the child's pid is the service's.
   */
  commandPrefix?: string[];
}

const READY_TIMEOUT_MS = 60_000;

const ADMIN_LINE = /admin"?:? ?"?(http:\/\/[^\s,"]+)/;

export function spawnService(opts: SpawnOptions): Promise<ServiceProcess> {
  // IX_NODE_ARGS: extra node flags for every service (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  // to profile the cluster under a benchmark); split on spaces.
  const nodeArgs = (process.env.IX_NODE_ARGS ?? "").split(" ").filter((a) => a !== "");
  const argv = [...(opts.commandPrefix ?? []), process.execPath, ...nodeArgs, ...opts.args];
  const child = spawn(argv[0], argv.slice(1), {
    env: { ...process.env, ...opts.env },
    stdio: ["ignore", "pipe", "pipe", ...(opts.fds ?? [])],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let tail = "";
  return new Promise((resolve, reject) => {
    let ready = false;
    const timer = setTimeout(() => {
      child.kill("SIGKILL"); // a service that never came up must not outlive the cluster that gave up on it
      reject(
        new Error(`${opts.name} not ready after ${opts.readyTimeoutMs ?? READY_TIMEOUT_MS} ms:\n${tail}`),
      );
    }, opts.readyTimeoutMs ?? READY_TIMEOUT_MS);
    const onLine = (line: string): void => {
      tail = (tail + line + "\n").slice(-4000);
      if (opts.echo) process.stdout.write(`[${opts.name}] ${line}\n`);
      const m = ADMIN_LINE.exec(line);
      if (!ready && m) {
        ready = true;
        clearTimeout(timer);
        resolve({
          name: opts.name,
          child,
          adminUrl: m[1],
          exited,
          stop: async () => {
            if (child.exitCode !== null || child.signalCode !== null) return;
            child.kill("SIGTERM");
            const t = setTimeout(() => child.kill("SIGKILL"), 3000);
            await exited;
            clearTimeout(t);
          },
        });
      }
    };
    for (const stream of [child.stdout, child.stderr]) {
      let buf = "";
      stream?.on("data", (d: Buffer) => {
        buf += d.toString();
        let i: number;
        while ((i = buf.indexOf("\n")) >= 0) {
          onLine(buf.slice(0, i));
          buf = buf.slice(i + 1);
        }
      });
    }
    void exited.then((code) => {
      if (!ready) {
        clearTimeout(timer);
        reject(new Error(`${opts.name} exited (${code}) before it was ready:\n${tail}`));
      }
    });
  });
}
