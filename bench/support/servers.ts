// Kernel-socket baselines as child processes: Debian's memcached and the
// app's own sessions on node:net (services/app/src/net-main.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { join } from "node:path";
import { freePort } from "@ix/bus";
import { REPO_ROOT } from "@ix/cluster";

export interface BaselineServer {
  port: number;
  pid: number;
  stop(): Promise<void>;
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}) before listening`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, "127.0.0.1");
      s.once("connect", () => (s.destroy(), resolve(true)));
      s.once("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port} after 10 s`);
}

async function start(cmd: string, args: (port: number) => string[]): Promise<BaselineServer> {
  const port = await freePort();
  const child = spawn(cmd, args(port), { stdio: ["ignore", "ignore", "inherit"] });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  await waitForPort(port, child);
  return {
    port,
    pid: child.pid ?? 0,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Debian's memcached on loopback; threads: one per core of this machine's 2 (memcached's default is 4). */
export const startMemcached = (threads = 2): Promise<BaselineServer> =>
  start("memcached", (p) => [
    "-l",
    "127.0.0.1",
    "-p",
    String(p),
    "-U",
    "0",
    "-u",
    "root",
    "-t",
    String(threads),
    "-m",
    "64",
  ]);

/** The same session code the cluster's app runs, on node:net. */
export const startNodeNet = (protocol: "memcached" | "echo"): Promise<BaselineServer> =>
  start(process.execPath, (p) => [
    join(REPO_ROOT, "services", "app", "src", "net-main.ts"),
    "--protocol",
    protocol,
    "--port",
    String(p),
  ]);
