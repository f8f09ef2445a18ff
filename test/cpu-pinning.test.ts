// Dedicated hardware threads on a live cluster (root): with `pin`, IXCP pins
// the active core to the dedicated CPU (every CPU but 0) at nice -5, and its
// revoke (the energy policy parks the idle second core) and grant (an admin
// `cores 2`) move the placement. Read from /proc, never from timing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { ixcpRequest } from "@ix/bus";
import { startCluster, type Cluster } from "@ix/cluster";

const hasTool = (t: string): boolean => {
  try {
    execFileSync("sh", ["-c", `command -v ${t}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};
const skip =
  process.getuid?.() !== 0
    ? "needs root (taskset/renice of other processes)"
    : availableParallelism() < 2
      ? "needs at least 2 CPUs (CPU 0 is never dedicated)"
      : !hasTool("taskset") || !hasTool("renice")
        ? "needs taskset and renice (util-linux)"
        : false;
let cluster: Cluster;
let admin: NatsConnection;

before(async () => {
  if (skip) return;
  cluster = await startCluster({ cores: 2, policy: "energy", pin: true });
  const env = cluster.env("admin");
  admin = await connect({ servers: env.IX_NATS_URL, user: env.IX_NATS_USER, pass: env.IX_NATS_PASSWORD });
});

after(async () => {
  await admin?.close();
  await cluster?.stop();
});

/** CPUs the process may run on (its main thread) and its nice value, from /proc. */
function placement(pid: number): { cpus: string; nice: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const cpus = /Cpus_allowed_list:\s*(\S+)/.exec(status)?.[1] ?? "?";
  // Field 19 of /proc/PID/stat; the command name (field 2) may hold spaces, so count after ")".
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const nice = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
  return { cpus, nice };
}

async function waitFor(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test(
  "IXCP pins the active core to a dedicated CPU and moves the placement with its revoke and grant",
  { skip },
  async () => {
    const pid = (c: number): number => cluster.cores[c].child.pid!;
    const all = `0-${availableParallelism() - 1}`;
    // At start both cores are active: core 0 gets CPU 1 (the first dedicated one), both run at nice -5.
    await waitFor(
      "core 0 pinned to CPU 1 at nice -5",
      () => {
        const p = placement(pid(0));
        return p.cpus === "1" && p.nice === -5;
      },
      15_000,
    );
    // Idle: the energy policy parks core 1 (the highest-numbered); IXCP's revoke gives it every CPU and nice 0.
    await waitFor(
      "core 1 parked and unpinned at nice 0",
      () => {
        const p = placement(pid(1));
        return p.nice === 0 && (p.cpus === all || (availableParallelism() === 2 && p.cpus === "0,1"));
      },
      30_000,
    );
    assert.deepEqual(placement(pid(0)), { cpus: "1", nice: -5 }, "the active core keeps its CPU");
    // A grant: core 1 is active again at nice -5 (CPU 1 is core 0's; with more CPUs core 1 gets the next).
    const r = await ixcpRequest(admin, "cores", { n: 2 });
    assert.ok(r, "cores 2 answered");
    await waitFor("core 1 granted (nice -5)", () => placement(pid(1)).nice === -5, 10_000);
    if (availableParallelism() > 2) assert.equal(placement(pid(1)).cpus, "2", "the next dedicated CPU");
  },
);
