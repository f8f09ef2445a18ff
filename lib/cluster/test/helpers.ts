// Shared by the lifecycle tests: which of a cluster's processes are alive.
import { readdirSync, readFileSync } from "node:fs";
import type { Cluster } from "../src/cluster.ts";

/** True while a process with this id exists (signal 0 checks without signalling). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Every process the cluster started, by name. */
export function clusterPids(c: Cluster): Map<string, number> {
  const pids = new Map<string, number>();
  const add = (name: string, pid: number | undefined): void => {
    if (pid === undefined) throw new Error(`${name} has no pid`);
    pids.set(name, pid);
  };
  if (c.natsCluster) c.natsCluster.servers.forEach((s, i) => add(`nats-server-${i + 1}`, s.pid));
  else add("nats-server", c.nats.pid);
  add("nic", c.nic.child.pid);
  for (const p of c.cores) add(p.name, p.child.pid);
  if (c.app) add("app", c.app.child.pid);
  if (c.ixcp) add("ixcp", c.ixcp.child.pid);
  if (c.tap) add("socat", c.tap.socatPid);
  return pids;
}

/** Waits (bounded) until none of `pids` is alive; returns the names still alive at the deadline. */
export async function survivors(pids: Map<string, number>, timeoutMs = 5000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = [...pids].filter(([, pid]) => alive(pid)).map(([name, pid]) => `${name} (${pid})`);
    if (left.length === 0 || Date.now() > deadline) return left;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Ids of this process's living children (Linux /proc; zombies excluded). */
export function childPids(): Set<number> {
  const out = new Set<number>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${d}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    // "pid (comm) state ppid ...": comm may contain spaces, so split after the last ')'.
    const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(ppid) === process.pid && state !== "Z") out.add(Number(d));
  }
  return out;
}
