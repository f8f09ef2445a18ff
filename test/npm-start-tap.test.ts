// The README's first set-up command, as a new user runs it: `npm start` in a
// fresh `git clone` whose PATH finds a Node older than 24 first (Debian 12's
// Node 20). scripts/start.sh must install Node 24 into the clone's .tools/
// and node_modules (npm ci, from npm's cache when it holds the packages),
// bring the cluster up, and on Ctrl-C (SIGINT to the whole process group, as
// a terminal sends it) stop every process it started. As root with socat and
// iproute2 it runs `npm start -- --tap` and pings the cluster from namespace
// `ix` (run by hand under the tap lock: flock /tmp/ix-tap.lock ...).
//
// The clone is of the committed HEAD of this checkout: uncommitted changes are
// not in it. node_modules is installed by start.sh itself (npm ci), exactly
// what a user's first `npm start` does, rather than copied from this checkout:
// about 30 s with a warm npm cache, which .ci/run's own npm ci provides.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { connect } from "@nats-io/transport-node";
import { canUseTap, REPO_ROOT, HOST_IP } from "@ix/cluster";

/** A Node older than 24: IX_OLD_NODE, else the system one (Debian 12: v20 at /usr/bin/node). */
function findOldNode(): string | undefined {
  for (const candidate of [process.env.IX_OLD_NODE, "/usr/bin/node", "/usr/local/bin/node"]) {
    if (!candidate || !existsSync(candidate)) continue;
    const version = execFileSync(candidate, ["--version"], { encoding: "utf8" }).trim();
    if (Number(/^v(\d+)/.exec(version)?.[1] ?? 99) < 24) return candidate;
  }
  return undefined;
}

const oldNode = findOldNode();
const hasTools = ["git", "npm", "nats-server"].every((bin) =>
  (process.env.PATH ?? "").split(delimiter).some((d) => existsSync(join(d, bin))),
);
const skip = !oldNode
  ? "no Node older than 24 on this machine (set IX_OLD_NODE=/path/to/node20)"
  : !hasTools
    ? "needs git, npm and nats-server"
    : false;
const withTap = canUseTap();

const dir = mkdtempSync(join(tmpdir(), "ix-npm-start-"));
const clone = join(dir, "ix-cluster");
let npmStart: ChildProcess | undefined;

after(() => {
  // Whatever the test left running (it failed before Ctrl-C): the whole group.
  if (npmStart?.pid && npmStart.exitCode === null && npmStart.signalCode === null) {
    try {
      process.kill(-npmStart.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

/** Every process below `root` (pid -> command line), from /proc. */
function descendants(root: number): Map<number, string> {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // exited while we looked
    }
  }
  const out = new Map<number, string>();
  const walk = (pid: number): void => {
    for (const c of children.get(pid) ?? []) {
      out.set(c, cmdline(c));
      walk(c);
    }
  };
  walk(root);
  return out;
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim();
  } catch {
    return "";
  }
}

/** Alive, and not a zombie waiting for its parent. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/** Polls `check` every 250 ms for up to `ms`; fails naming what never happened. */
async function waitFor<T>(what: string, ms: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = ` (last error: ${(e as Error).message})`;
    }
    if (npmStart && npmStart.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `${what} never happened within ${ms / 1000} s${last}; npm start output:\n${output.slice(-3000)}`,
  );
}

let output = "";

test(
  `fresh clone, Node older than 24 first on PATH: \`npm start${withTap ? " -- --tap" : ""}\` answers, Ctrl-C stops every process`,
  { skip, timeout: 600_000 },
  async (t) => {
    execFileSync("git", ["clone", "--quiet", REPO_ROOT, clone], { stdio: "pipe" });
    // PATH: the old Node first, and no directory that holds this test's Node 24.
    const oldDir = dirname(oldNode!);
    const here = dirname(process.execPath);
    const rest = (process.env.PATH ?? "")
      .split(delimiter)
      .filter((d) => d !== "" && d !== here && !d.includes(".tools") && !d.includes("node_modules"));
    const PATH = [oldDir, ...rest.filter((d) => d !== oldDir)].join(delimiter);
    // A user's shell: none of the npm_* variables of the `npm test` running us.
    const env: Record<string, string> = { PATH };
    for (const [k, v] of Object.entries(process.env))
      if (v !== undefined && k !== "PATH" && !k.startsWith("npm_") && k !== "NODE_OPTIONS") env[k] = v;
    const first = execFileSync("bash", ["-c", "node --version"], { env, encoding: "utf8" }).trim();
    assert.ok(Number(/^v(\d+)/.exec(first)?.[1]) < 24, `the first node on the test's PATH is ${first}`);

    npmStart = spawn("npm", ["start", ...(withTap ? ["--", "--tap"] : [])], {
      cwd: clone,
      env,
      detached: true, // its own process group, as a terminal's foreground job
      stdio: ["ignore", "pipe", "pipe"],
    });
    npmStart.stdout!.on("data", (d: Buffer) => (output += d.toString()));
    npmStart.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((r) => npmStart!.once("exit", (code) => r(code)));

    // Up: cluster.json written (after every service reported ready), the
    // NIC's and each core's /metrics answer, and NATS answers a PING.
    const state = await waitFor("the cluster writing .ix/cluster.json", 480_000, async () => {
      const file = join(clone, ".ix", "cluster.json");
      return existsSync(file)
        ? (JSON.parse(readFileSync(file, "utf8")) as {
            natsUrl: string;
            admin: { user: string; password: string };
            nic: string;
            cores: string[];
          })
        : undefined;
    });
    // cluster.json is written just before the banner, which reaches us through a pipe: wait for it.
    await waitFor("npm start printing its 'IX cluster running' banner", 30_000, async () =>
      /IX cluster running/.test(output) ? true : undefined,
    );
    assert.ok(
      existsSync(join(clone, ".tools", "node_modules", ".bin", "node")),
      "Node 24 installed in .tools/",
    );
    for (const url of [state.nic, ...state.cores]) {
      const text = await waitFor(`${url}/metrics answering`, 30_000, async () => {
        const res = await fetch(`${url}/metrics`);
        return res.ok ? res.text() : undefined;
      });
      assert.match(text, /^ix_/m, `${url}/metrics has no ix_ metric`);
    }
    const nc = await connect({ servers: state.natsUrl, user: state.admin.user, pass: state.admin.password });
    await nc.flush(); // a PING answered by the cluster's nats-server
    await nc.close();
    if (withTap) {
      const ping = execFileSync("ip", ["netns", "exec", "ix", "ping", "-c", "3", "-W", "10", HOST_IP], {
        encoding: "utf8",
        timeout: 60_000,
      });
      assert.match(ping, /3 received/, ping);
    }

    // Ctrl-C: SIGINT to the process group; every process started goes away.
    const started = descendants(npmStart.pid!);
    assert.ok(
      [...started.values()].some((c) => c.includes("nats-server")),
      `no nats-server among ${[...started.values()].join(" | ")}`,
    );
    process.kill(-npmStart.pid!, "SIGINT");
    const stopped = await Promise.race([
      exited.then(() => true),
      new Promise<false>((r) => setTimeout(() => r(false), 60_000)),
    ]);
    assert.ok(stopped, `npm start did not exit within 60 s of SIGINT; output:\n${output.slice(-3000)}`);
    const left = await waitFor("every process of the cluster ending", 30_000, async () => {
      const alivePids = [...started.keys()].filter(alive);
      return alivePids.length === 0 ? [] : undefined;
    }).catch(() => [...started.entries()].filter(([pid]) => alive(pid)));
    assert.deepEqual(left, [], `still running after Ctrl-C: ${JSON.stringify(left)}`);
    if (withTap) {
      const namespaces = execFileSync("ip", ["netns", "list"], { encoding: "utf8" });
      assert.doesNotMatch(namespaces, /^ix\b/m, "namespace ix deleted");
    }
    t.diagnostic(
      `stopped ${started.size} processes: ${[...started.values()].map((c) => c.split(" ")[0]).join(", ")}`,
    );
  },
);
