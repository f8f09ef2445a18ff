// `npm start [-- --cores N --batch B --tap]`: the whole cluster on this machine.
// Ctrl-C or SIGTERM stops every process and removes the namespace.
import { parseArgs } from "node:util";
import { join } from "node:path";
import { startCluster, canUseTap, REPO_ROOT, HOST_IP, LINUX_IP } from "@ix/cluster";

const { values } = parseArgs({
  options: {
    cores: { type: "string", default: "2" },
    batch: { type: "string", default: "64" },
    tap: { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
    policy: { type: "string", default: "energy" },
    "policy-dir": { type: "string" },
  },
});
const cores = Number(values.cores);
if (!Number.isInteger(cores) || cores < 1 || cores > 64) throw new Error("--cores must be 1..64");
if (values.tap && !canUseTap()) {
  console.error("--tap needs root (CAP_NET_ADMIN), socat and iproute2");
  process.exit(2);
}
const cluster = await startCluster({
  cores,
  batch: Number(values.batch),
  tap: values.tap,
  echo: !values.quiet,
  policy: values.policy,
  extraArgs: values["policy-dir"] ? { ixcp: ["--policy-dir", values["policy-dir"]] } : undefined,
  stateDir: join(REPO_ROOT, ".ix"),
});
console.log(`
IX cluster running: ${cores} dataplane core(s), B=${values.batch}
  nats         ${cluster.nats.url} (authorization on; credentials in .ix/cluster.json)
  nic          ${cluster.nic.adminUrl}/metrics   wire: udp 127.0.0.1:${cluster.wirePort}
${cluster.cores.map((c, i) => `  core ${i}       ${c.adminUrl}/metrics`).join("\n")}
  app          ${cluster.app?.adminUrl}/metrics   echo tcp+udp :7, memcached :11211 on ${HOST_IP}
  ixcp         ${cluster.ixcp?.adminUrl}/status   policy ${values.policy} (npx ixctl policy NAME to switch)
               HTTP changes need the token in .ix/admin-token (Authorization: Bearer ...)
${
  cluster.tap
    ? `  namespace    ix: Linux at ${LINUX_IP}, try: ip netns exec ix ping ${HOST_IP}
               ip netns exec ix nc ${HOST_IP} 7   |   npx ixctl status`
    : "  (add --tap as root for a Linux namespace `ix` wired to the cluster)"
}
Ctrl-C stops everything.`);

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
