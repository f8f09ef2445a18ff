// `npm start [-- --cores N --batch B --tap --pin --poll-us US --nats-cluster N --hosts N]`: the whole
// cluster on this machine (with --hosts, on N hosts that are network namespaces).
// Ctrl-C or SIGTERM stops every process and removes the namespaces, links and bridge.
import { join } from "node:path";
import {
  startCluster,
  canUseTap,
  canUseHosts,
  REPO_ROOT,
  HOST_IP,
  LINUX_IP,
  type Cluster,
} from "@ix/cluster";
import {
  parseStartOptions,
  startFailureLine,
  StartUsageError,
  START_USAGE,
  type StartOptions,
} from "./start-options.ts";

let opts: StartOptions;
try {
  opts = parseStartOptions(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof StartUsageError)) throw e;
  console.error(`npm start: ${e.message} (npm start -- --help)`);
  process.exit(2);
}
if (opts.help) {
  console.log(START_USAGE);
  process.exit(0);
}
const { cores } = opts;
if (opts.pin && process.getuid?.() !== 0) {
  console.error("npm start: --pin needs root (taskset/renice of other processes)");
  process.exit(2);
}
if (opts.hosts > 0 && !(canUseHosts() && canUseTap())) {
  console.error(
    `npm start: --hosts needs root (network namespaces, a bridge, a TAP), socat and iproute2; without root, --nats-cluster ${opts.hosts} runs ${opts.hosts} servers on loopback with the same spreading`,
  );
  process.exit(2);
}
// The hosts' names (hosts.ts) and the Linux clients' namespace beside them, apart from --tap's `ix`.
const HOSTS_PREFIX = "ixh";
const linuxNamespace = opts.hosts > 0 ? `${HOSTS_PREFIX}-linux` : "ix";
const tap = opts.tap || opts.hosts > 0;
if (opts.tap && !canUseTap()) {
  console.error("npm start: --tap needs root (CAP_NET_ADMIN), socat and iproute2");
  process.exit(2);
}
let cluster: Cluster;
try {
  cluster = await startCluster({
    cores,
    batch: opts.batch,
    tap,
    namespace: linuxNamespace,
    tapName: opts.hosts > 0 ? `${HOSTS_PREFIX}tap0` : "ixtap0",
    ...(opts.hosts > 0 ? { hosts: { count: opts.hosts, prefix: HOSTS_PREFIX } } : {}),
    echo: !opts.quiet,
    policy: opts.policy,
    pin: opts.pin,
    natsCluster: opts.natsCluster,
    extraArgs: {
      ...(opts.policyDir ? { ixcp: ["--policy-dir", opts.policyDir] } : {}),
      ...(opts.pollUs === undefined ? {} : { dataplane: ["--poll-us", String(opts.pollUs)] }),
    },
    stateDir: join(REPO_ROOT, ".ix"),
  });
} catch (e) {
  // startCluster has stopped whatever it started; say why in one line.
  console.error(`npm start: ${startFailureLine(e)}`);
  process.exit(1);
}
console.log(`
IX cluster running: ${cores} dataplane core(s), B=${opts.batch}
${natsLines(cluster)}
  nic          ${cluster.nic.adminUrl}/metrics   wire: udp 127.0.0.1:${cluster.wirePort}${cluster.hosts ? ` (on host 1, ${cluster.hosts.hosts[0].namespace})` : ""}
${cluster.cores.map((c, i) => `  core ${i}       ${c.adminUrl}/metrics`).join("\n")}
  app          ${cluster.app?.adminUrl}/metrics   echo tcp+udp :7, memcached :11211 on ${HOST_IP}
  ixcp         ${cluster.ixcp?.adminUrl}/status   policy ${opts.policy} (npx ixctl policy NAME to switch)
               HTTP changes need the token in .ix/admin-token (Authorization: Bearer ...)
${
  cluster.tap
    ? `  namespace    ${linuxNamespace}: Linux at ${LINUX_IP}, try: ip netns exec ${linuxNamespace} ping ${HOST_IP}
               ip netns exec ${linuxNamespace} nc ${HOST_IP} 7   |   npx ixctl status`
    : "  (add --tap as root for a Linux namespace `ix` wired to the cluster)"
}${hostsLines(cluster)}
Ctrl-C stops everything.`);

/** The banner's nats line(s): one server, or each server of a NATS cluster with what it carries. */
function natsLines(c: Cluster): string {
  if (!c.natsCluster)
    return `  nats         ${c.nats.url} (authorization on; credentials in .ix/cluster.json)`;
  const on = (i: number): string =>
    [
      c.placement.nic === i ? "nic" : "",
      ...c.placement.cores.map((s, core) => (s === i ? `core ${core}` : "")),
      c.app && c.placement.app === i ? "app" : "",
      c.ixcp && c.placement.ixcp === i ? "ixcp" : "",
    ]
      .filter(Boolean)
      .join(", ");
  return c.natsCluster.servers
    .map(
      (s, i) =>
        `  nats ${i + 1}       ${s.url} routes ${s.monitorUrl}/routez   (${on(i)}${c.hosts ? `; host ${c.hosts.hosts[i].namespace}` : ""})`,
    )
    .concat(["               one NATS cluster (full mesh of routes); credentials in .ix/cluster.json"])
    .join("\n");
}

/** With --hosts: where the hosts are and how to reach one. */
function hostsLines(c: Cluster): string {
  if (!c.hosts) return "";
  const h = c.hosts;
  return `
  hosts        ${h.hosts.map((x) => `${x.namespace} ${x.address}`).join(", ")} on a bridge (namespace ${h.bridgeNamespace});
               this machine at ${h.rootAddress}; try: ip netns exec ${h.hosts[1].namespace} ping ${h.hosts[0].address}`;
}

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  console.log("stopping...");
  await cluster.stop();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
