// The options of `npm start` (scripts/start.ts), parsed and checked before
// anything starts, so that a typo ends in one line naming it (and exit 2), not
// in a stack trace or a half-started cluster. The cores check the batch bound
// themselves too; this is the same rule, read from the dataplane, said early.
import { parseArgs } from "node:util";
import { MAX_BATCH_SIZE } from "@ix/dataplane";
import { MAX_NATS_SERVERS } from "@ix/bus";
import { MAX_HOSTS } from "@ix/cluster";

/** What `npm start` accepts beyond its defaults. */
export interface StartOptions {
  /** Dataplane processes, one per core: 1..MAX_CORES. */
  cores: number;
  /** IX's batch bound B: 1..MAX_BATCH_SIZE frames per cycle. */
  batch: number;
  tap: boolean;
  quiet: boolean;
  /** IXCP's starting policy (a built-in or a module in the policy folders; IXCP checks the name). */
  policy: string;
  policyDir?: string;
  /** Dedicated CPUs for active cores (root; IXCP moves them with grants and revokes). */
  pin: boolean;
  /** The cores' poll window in microseconds (dataplane --poll-us); undefined: theirs. */
  pollUs?: number;
  /** nats-servers joined by routes, the components spread over them (1: one server). */
  natsCluster: number;
  /** Hosts as network namespaces (root), one nats-server each; 0: none. Implies the TAP. */
  hosts: number;
  help: boolean;
}

/** The most dataplane processes npm start runs (one per core of a large machine). */
export const MAX_CORES = 64;

export const START_USAGE = `usage: npm start [-- OPTIONS]
  --cores N         dataplane processes (default 2, 1..${MAX_CORES})
  --batch B         IX's batch bound (default 64, 1..${MAX_BATCH_SIZE})
  --policy NAME     IXCP's policy: static, energy (default), consolidation, or a module in the policy folders
  --policy-dir DIR  a folder of your own policies (besides services/ixcp/examples)
  --tap             as root: namespace \`ix\` with Linux at 10.77.0.1 wired to the cluster
  --quiet           do not echo the services' output
  --pin             as root: each active core on a CPU of its own (IXCP moves it)
  --poll-us US      the cores' poll window after work (default 0: sleep at once)
  --nats-cluster N  N nats-servers on loopback joined by routes (1..${MAX_NATS_SERVERS}, default 1); the NIC
                    and the app on server 1, the cores alternating over the others, IXCP on the last
  --hosts N         as root: N hosts (2..${MAX_HOSTS}), each a network namespace ixh1..ixhN on a bridge
                    (10.78.0.1..N) with its own nats-server of one NATS cluster; NIC, TAP, app and IXCP
                    on host 1, the cores over the others; Linux clients in namespace ixh-linux
  -h, --help        this text
example: sudo npm start -- --tap --cores 2 --policy delay-band`;

/** A bad command line: `message` is one line naming the option. */
export class StartUsageError extends Error {}

function integer(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (text.trim() === "" || !Number.isInteger(n) || n < min || n > max)
    throw new StartUsageError(
      `--${name} must be an integer in [${min}, ${max}], got ${JSON.stringify(text)}`,
    );
  return n;
}

/** Parses `npm start`'s arguments. Throws StartUsageError (one line) on an unknown option or a bad value. */
export function parseStartOptions(argv: string[]): StartOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        cores: { type: "string", default: "2" },
        batch: { type: "string", default: "64" },
        tap: { type: "boolean", default: false },
        quiet: { type: "boolean", default: false },
        policy: { type: "string", default: "energy" },
        "policy-dir": { type: "string" },
        pin: { type: "boolean", default: false },
        "poll-us": { type: "string" },
        "nats-cluster": { type: "string" },
        hosts: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (e) {
    // node:util's messages can carry a hint on further lines ("use --batch=-XYZ"): keep it, on one line.
    throw new StartUsageError((e as Error).message.replace(/\s*\n\s*/g, " "));
  }
  if (values.policy.trim() === "") throw new StartUsageError("--policy needs a name");
  if (values["policy-dir"] !== undefined && values["policy-dir"].trim() === "")
    throw new StartUsageError("--policy-dir needs a folder");
  if (values.hosts !== undefined && values["nats-cluster"] !== undefined)
    throw new StartUsageError("--hosts N runs N nats-servers already (one per host): drop --nats-cluster");
  return {
    cores: integer("cores", values.cores, 1, MAX_CORES),
    batch: integer("batch", values.batch, 1, MAX_BATCH_SIZE),
    tap: values.tap,
    quiet: values.quiet,
    policy: values.policy,
    policyDir: values["policy-dir"],
    pin: values.pin,
    pollUs:
      values["poll-us"] === undefined ? undefined : integer("poll-us", values["poll-us"], 0, 10_000_000),
    natsCluster: integer("nats-cluster", values["nats-cluster"] ?? "1", 1, MAX_NATS_SERVERS),
    hosts: values.hosts === undefined ? 0 : integer("hosts", values.hosts, 2, MAX_HOSTS),
    help: values.help,
  };
}

/**
 * One line for a cluster that did not come up. lib/cluster rejects with
 * "<service> exited (code) before it was ready:\n<its last output>"; the
 * services print their own error as one "<service>: why" line before any
 * usage text, so that line (else the first line of output) follows the
 * first. Any other error: its first line.
 */
export function startFailureLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const [first, ...rest] = message.split("\n");
  const output = rest.map((l) => l.trim()).filter((l) => l !== "");
  if (output.length === 0) return first;
  const why = output.find((l) => /^[a-z][\w-]*: /.test(l) && !l.startsWith("usage: ")) ?? output[0];
  return `${first.replace(/:$/, "")}: ${why}`;
}
