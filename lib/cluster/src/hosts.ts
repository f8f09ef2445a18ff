// Hosts on one machine (issue 14, `npm start -- --hosts N`): each host is a
// network namespace of its own with one Ethernet link (eth0, a veth) on a
// shared bridge, like N machines on one switch. The bridge lives in a
// namespace of its own too, so the root namespace's firewall (Docker's
// FORWARD policy DROP with br_netfilter, for one) never sees the hosts'
// traffic; the root namespace joins the bridge with one more veth, so the
// launcher, the tests, ixctl and Prometheus reach every host's address.
//
//   root ns: <prefix>-br0 10.78.0.254/24 ──┐
//   <prefix>-br ns: bridge br0 ─ <prefix>1b ─ ... ─ <prefix>Nb
//   <prefix>1 ns: eth0 10.78.0.1/24     ...     <prefix>N ns: eth0 10.78.0.N/24
//
// Processes are put on a host with `ip netns exec <ns>`, which execs the
// command (same pid), so a child's pid is the process's own. Needs root
// (CAP_NET_ADMIN, CAP_SYS_ADMIN). Every name carries the prefix, so a
// test's hosts ("ixth") never collide with npm start's ("ixh"), with the
// Linux clients' namespace of --tap (`ix`) or with another test's.
import { execFileSync } from "node:child_process";

/** The most hosts (a NATS cluster's most servers, lib/bus MAX_NATS_SERVERS). */
export const MAX_HOSTS = 9;

export interface HostsOptions {
  /** How many hosts: 2..MAX_HOSTS. */
  count: number;
  /**
   * Every name starts with it (at most 6 characters: interface names are
   * at most 15): namespaces <prefix>1..<prefix>N and <prefix>-br, the root
   * namespace's link <prefix>-br0. Default "ixh".
   */
  prefix?: string;
  /** The /24 the hosts live on, as its first three octets; default "10.78.0". */
  subnet?: string;
}

export interface Host {
  /** 0-based; host 1 in the docs and on the command line is index 0. */
  index: number;
  /** The network namespace (ip netns) that is this host. */
  namespace: string;
  /** Its address on the bridge, e.g. 10.78.0.1. */
  address: string;
  /** The command prefix that runs a process on this host: ["ip", "netns", "exec", namespace]. */
  commandPrefix: string[];
}

export interface HostsHandle {
  opts: Required<HostsOptions>;
  hosts: Host[];
  /** The namespace holding the bridge. */
  bridgeNamespace: string;
  /** The root namespace's address on the bridge (.254). */
  rootAddress: string;
  /** Ids of the processes running on host `index` (`ip netns pids`). */
  pids(index: number): number[];
  /**
   * A host lost: sends `signal` (default SIGKILL) to every process on host
   * `index`; returns their ids. The namespace and its link stay.
   */
  killProcesses(index: number, signal?: NodeJS.Signals): number[];
  /** Kills what still runs on any host and removes every namespace and link made here. */
  teardown(): Promise<void>;
}

const run = (argv: string[]): string =>
  execFileSync(argv[0], argv.slice(1), { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

const quiet = (argv: string[]): void => {
  try {
    run(argv);
  } catch {
    // absent: nothing to remove
  }
};

/** Hosts need root (namespaces, veths, a bridge) and iproute2. */
export function canUseHosts(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    run(["ip", "-V"]);
    return true;
  } catch {
    return false;
  }
}

/** The names a set of hosts uses; removeHosts and setupHosts agree on them. */
function names(o: Required<HostsOptions>): {
  hosts: string[];
  bridge: string;
  rootLink: string;
  bridgePeer: string;
  hostEnds: (i: number) => { inHost: string; onBridge: string };
} {
  return {
    hosts: Array.from({ length: o.count }, (_, i) => `${o.prefix}${i + 1}`),
    bridge: `${o.prefix}-br`,
    rootLink: `${o.prefix}-br0`,
    bridgePeer: `${o.prefix}-up`,
    hostEnds: (i) => ({ inHost: `${o.prefix}${i + 1}e`, onBridge: `${o.prefix}${i + 1}b` }),
  };
}

function nsPids(ns: string): number[] {
  try {
    return run(["ip", "netns", "pids", ns])
      .split("\n")
      .filter((l) => /^\d+$/.test(l.trim()))
      .map(Number);
  } catch {
    return []; // no such namespace
  }
}

function killAll(pids: number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Removes every namespace and link of these options, killing what runs in
 * the namespaces first (a namespace is only freed once its last process is
 * gone). Used before a setup (the leftovers of a killed run) and by teardown.
 */
export function removeHosts(options: HostsOptions): void {
  const o = withDefaults(options);
  const n = names(o);
  for (const ns of [...n.hosts, n.bridge]) {
    killAll(nsPids(ns), "SIGKILL");
    quiet(["ip", "netns", "del", ns]);
  }
  // Deleting one end of a veth deletes both; these are the ends that may be left in the root namespace.
  quiet(["ip", "link", "del", n.rootLink]);
  for (let i = 0; i < o.count; i++) {
    const e = n.hostEnds(i);
    quiet(["ip", "link", "del", e.inHost]);
    quiet(["ip", "link", "del", e.onBridge]);
  }
}

function withDefaults(o: HostsOptions): Required<HostsOptions> {
  const prefix = o.prefix ?? "ixh";
  const subnet = o.subnet ?? "10.78.0";
  if (!Number.isInteger(o.count) || o.count < 2 || o.count > MAX_HOSTS)
    throw new RangeError(`--hosts must be 2..${MAX_HOSTS}, got ${o.count}`);
  if (!/^[a-z][a-z0-9]{0,5}$/.test(prefix))
    throw new RangeError(`a hosts prefix is 1-6 lowercase letters or digits, got ${JSON.stringify(prefix)}`);
  if (!/^\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(subnet))
    throw new RangeError(`a hosts subnet is three octets such as 10.78.0, got ${JSON.stringify(subnet)}`);
  return { count: o.count, prefix, subnet };
}

/**
 * Creates the hosts (see the top of this file) and resolves once every link
 * is up. On a failure, whatever was created is removed before the error is
 * rethrown. Leftovers of a killed run with the same names are removed first.
 */
export async function setupHosts(options: HostsOptions): Promise<HostsHandle> {
  const o = withDefaults(options);
  const n = names(o);
  removeHosts(o);
  const inNs = (ns: string, argv: string[]): string => run(["ip", "-n", ns, ...argv]);
  const hosts: Host[] = n.hosts.map((namespace, index) => ({
    index,
    namespace,
    address: `${o.subnet}.${index + 1}`,
    commandPrefix: ["ip", "netns", "exec", namespace],
  }));
  try {
    run(["ip", "netns", "add", n.bridge]);
    inNs(n.bridge, ["link", "set", "lo", "up"]);
    // STP off (a new bridge's default, said here): a port forwards as soon as it is up.
    inNs(n.bridge, ["link", "add", "br0", "type", "bridge", "stp_state", "0"]);
    inNs(n.bridge, ["link", "set", "br0", "up"]);
    for (const h of hosts) {
      const e = n.hostEnds(h.index);
      run(["ip", "netns", "add", h.namespace]);
      inNs(h.namespace, ["link", "set", "lo", "up"]);
      run(["ip", "link", "add", e.inHost, "type", "veth", "peer", "name", e.onBridge]);
      run(["ip", "link", "set", e.onBridge, "netns", n.bridge]);
      inNs(n.bridge, ["link", "set", e.onBridge, "master", "br0", "up"]);
      run(["ip", "link", "set", e.inHost, "netns", h.namespace]);
      inNs(h.namespace, ["link", "set", e.inHost, "name", "eth0"]);
      inNs(h.namespace, ["addr", "add", `${h.address}/24`, "dev", "eth0"]);
      inNs(h.namespace, ["link", "set", "eth0", "up"]);
    }
    run(["ip", "link", "add", n.rootLink, "type", "veth", "peer", "name", n.bridgePeer]);
    run(["ip", "link", "set", n.bridgePeer, "netns", n.bridge]);
    inNs(n.bridge, ["link", "set", n.bridgePeer, "master", "br0", "up"]);
    run(["ip", "addr", "add", `${o.subnet}.254/24`, "dev", n.rootLink]);
    run(["ip", "link", "set", n.rootLink, "up"]);
  } catch (e) {
    removeHosts(o);
    const err = e as Error & { stderr?: string };
    throw new Error(`hosts: ${(err.stderr ?? err.message).trim().split("\n")[0]}`);
  }
  return {
    opts: o,
    hosts,
    bridgeNamespace: n.bridge,
    rootAddress: `${o.subnet}.254`,
    pids: (i) => nsPids(hosts[i].namespace),
    killProcesses: (i, signal = "SIGKILL") => {
      const pids = nsPids(hosts[i].namespace);
      killAll(pids, signal);
      return pids;
    },
    teardown: async () => removeHosts(o),
  };
}
