// ixctl's two kinds of failure and their exit codes, as most CLIs (git, ip,
// ethtool) use them:
//   2  the command line is wrong: unknown subcommand or option, bad value
//   1  the cluster said no: NATS unreachable, credentials or permission
//      refused, no answer in time, a request refused by the NIC or IXCP
// Either way ixctl prints one line on stderr, never a stack trace. A bad
// command line is found by commander (program.ts, args.ts); this file holds
// the cluster's side.

/** The cluster could not be reached or refused (exit 1). */
export class ClusterError extends Error {
  override name = "ClusterError";
}

export const EXIT_CLUSTER = 1;
export const EXIT_USAGE = 2;

/**
 * One line for an error of nats.js (a NatsError carries `code`: the server's
 * -ERR or the client's own, e.g. "CONNECTION_REFUSED", "TIMEOUT", "503").
 * `what` says what ixctl was doing ("connect to nats://127.0.0.1:4222",
 * "request ix.nic.ctl.status"); `who` is what should have answered ("the NIC").
 */
export function natsFailure(what: string, e: unknown, who = "the component that answers it"): ClusterError {
  const code = String((e as { code?: unknown }).code ?? "");
  const message = e instanceof Error ? e.message : String(e);
  let why: string;
  if (code === "CONNECTION_REFUSED" || /ECONNREFUSED/.test(message))
    why = "connection refused (is the cluster running? `npm start`)";
  else if (code === "AUTHORIZATION_VIOLATION" || /authorization violation/i.test(message))
    why = "the server refused the credentials (IX_NATS_USER/IX_NATS_PASSWORD or .ix/cluster.json)";
  else if (code === "PERMISSIONS_VIOLATION" || /permissions violation/i.test(message))
    why = `permission refused: ${message}`;
  else if (code === "503") why = `no responders (is ${who} running?)`;
  else if (code === "TIMEOUT" || code === "CONNECTION_TIMEOUT") why = "no answer in time";
  else why = message;
  return new ClusterError(`${what}: ${why}`, { cause: e });
}
