// `npm start [-- --cores N --batch B --tap --pin --poll-us US --nats-cluster N]`: the whole cluster on this machine.
// Ctrl-C or SIGTERM stops every process and removes the namespace.
import { join } from "node:path";
import { startCluster, canUseTap, REPO_ROOT, HOST_IP, LINUX_IP, type Cluster } from "@ix/cluster";
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
if (opts.tap && !canUseTap()) {
  console.error("npm start: --tap needs root (CAP_NET_ADMIN), socat and iproute2");
  process.exit(2);
}
let cluster: Cluster;
try {
  cluster = await startCluster({
    cores,
    batch: opts.batch,
    tap: opts.tap,
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
  nic          ${cluster.nic.adminUrl}/metrics   wire: udp 127.0.0.1:${cluster.wirePort}
${cluster.cores.map((c, i) => `  core ${i}       ${c.adminUrl}/metrics`).join("\n")}
  app          ${cluster.app?.adminUrl}/metrics   echo tcp+udp :7, memcached :11211 on ${HOST_IP}
  ixcp         ${cluster.ixcp?.adminUrl}/status   policy ${opts.policy} (npx ixctl policy NAME to switch)
               HTTP changes need the token in .ix/admin-token (Authorization: Bearer ...)
${
  cluster.tap
    ? `  namespace    ix: Linux at ${LINUX_IP}, try: ip netns exec ix ping ${HOST_IP}
               ip netns exec ix nc ${HOST_IP} 7   |   npx ixctl status`
    : "  (add --tap as root for a Linux namespace `ix` wired to the cluster)"
}
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
    .map((s, i) => `  nats ${i + 1}       ${s.url} routes ${s.monitorUrl}/routez   (${on(i)})`)
    .concat(["               one NATS cluster (full mesh of routes); credentials in .ix/cluster.json"])
    .join("\n");
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
