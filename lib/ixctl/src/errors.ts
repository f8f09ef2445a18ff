// ixctl's two kinds of failure and their exit codes, as most CLIs (git, ip,
// ethtool) use them:
//   2  the command line is wrong: unknown subcommand or option, bad value
//   1  the cluster said no: NATS unreachable, credentials or permission
//      refused, no answer in time, a request refused by the NIC or IXCP
// Either way ixctl prints one line on stderr, never a stack trace. A bad
// command line is found by commander (program.ts, args.ts); this file holds
// the cluster's side.
import { errors } from "@nats-io/transport-node";

/** The cluster could not be reached or refused (exit 1). */
export class ClusterError extends Error {
  override name = "ClusterError";
}

export const EXIT_CLUSTER = 1;
export const EXIT_USAGE = 2;

/**
 * One line for an error of nats.js (v3, @nats-io/transport-node: errors are
 * classes). A failed request rejects with a TimeoutError, or a RequestError
 * whose `cause` says why (NoRespondersError: the server's 503 status;
 * PermissionViolationError: the server's -ERR); a failed connect with a
 * ConnectionError ("connection refused"), an AuthorizationError or a
 * TimeoutError. `what` says what ixctl was doing ("connect to
 * nats://127.0.0.1:4222", "request ix.nic.ctl.status"); `who` is what should
 * have answered ("the NIC").
 */
export function natsFailure(what: string, e: unknown, who = "the component that answers it"): ClusterError {
  const err = e instanceof errors.RequestError && e.cause instanceof Error ? e.cause : e;
  const message = err instanceof Error ? err.message : String(err);
  let why: string;
  if ((err instanceof errors.ConnectionError && /refused/i.test(message)) || /ECONNREFUSED/.test(message))
    why = "connection refused (is the cluster running? `npm start`)";
  else if (err instanceof errors.AuthorizationError)
    why = "the server refused the credentials (IX_NATS_USER/IX_NATS_PASSWORD or .ix/cluster.json)";
  else if (err instanceof errors.PermissionViolationError) why = `permission refused: ${message}`;
  else if (err instanceof errors.NoRespondersError) why = `no responders (is ${who} running?)`;
  else if (err instanceof errors.TimeoutError) why = "no answer in time";
  else why = message;
  return new ClusterError(`${what}: ${why}`, { cause: e });
}
