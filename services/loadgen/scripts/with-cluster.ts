// Runs one command against a fresh local cluster (startCluster: nats-server,
// NIC, dataplanes, app) with the NATS credentials of a client host in its
// environment (IX_NATS_URL/USER/PASSWORD), then stops the cluster. With --tap
// (root) the cluster also gets a TAP in namespace --namespace (default
// ixsweep), passed to the command as NS; it is deleted afterwards.
//   node services/loadgen/scripts/with-cluster.ts [--cores N] [--tap [--namespace NS]] -- CMD [ARGS...]
// Exit code: the command's.
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { startCluster } from "@ix/cluster";

const { values, positionals } = parseArgs({
  options: {
    cores: { type: "string", default: "2" },
    tap: { type: "boolean", default: false },
    namespace: { type: "string", default: "ixsweep" },
  },
  allowPositionals: true,
});
const [cmd, ...args] = positionals;
if (!cmd) {
  process.stderr.write("usage: with-cluster.ts [--cores N] [--tap [--namespace NS]] -- CMD [ARGS...]\n");
  process.exit(2);
}
const ns = values.namespace;
const cluster = await startCluster({
  cores: Number(values.cores),
  tap: values.tap,
  namespace: ns,
  tapName: `tap-${ns}`.slice(0, 15),
});
const nsEnv: Record<string, string> = values.tap ? { NS: ns } : {};
let code = 1;
try {
  code = await new Promise<number>((resolve) => {
    const child = spawn(cmd, args, {
      stdio: "inherit",
      env: { ...process.env, ...cluster.env("host"), ...nsEnv },
    });
    child.on("exit", (c, signal) => resolve(c ?? (signal ? 128 : 1)));
    child.on("error", (err) => {
      process.stderr.write(`with-cluster: ${err.message}\n`);
      resolve(127);
    });
  });
} finally {
  await cluster.stop();
}
process.exitCode = code;
