// How ixctl talks to the cluster: one NATS connection as the "admin" user
// (lib/bus permissions: it may read the NIC, set faults, capture, and ask
// IXCP; it may not reprogram cores or the RETA itself), request/reply with
// bounded timeouts, and every failure turned into one ClusterError line.
import { connect, type NatsConnection } from "@nats-io/transport-node";
import {
  ERROR_HEADER,
  ixcpRequest,
  natsServers,
  subjects as S,
  type IxcpAdminReplies,
  type IxcpAdminRequests,
  type IxcpAdminVerb,
} from "@ix/bus";
import { ClusterError, natsFailure } from "./errors.ts";
import type { ClusterState } from "./state.ts";

/** How long ixctl waits for the NIC or IXCP to answer a request, ms. */
export const REQUEST_TIMEOUT_MS = 3000;
/** IXCP's verbs may move flow groups between cores (each a CMD_MIGRATE round trip). */
export const IXCP_TIMEOUT_MS = 10_000;
/** `policy` loads a user module first: IXCP's --policy-load-ms (default 15 s) and a trial call. */
export const IXCP_POLICY_TIMEOUT_MS = 60_000;

export class Bus {
  readonly nc: NatsConnection;

  private constructor(nc: NatsConnection) {
    this.nc = nc;
  }

  /** Connects once, without reconnecting: a CLI should fail fast and say why. */
  static async open(state: ClusterState | undefined): Promise<Bus> {
    if (!state)
      throw new ClusterError(
        "no cluster found: run `npm start` first (it writes .ix/cluster.json) or set IX_NATS_URL",
      );
    try {
      const nc = await connect({
        // One URL, or every server of a NATS cluster (comma-separated): the first that answers.
        servers: natsServers(state.natsUrl),
        user: state.admin.user || undefined,
        pass: state.admin.password || undefined,
        name: "ixctl",
        timeout: REQUEST_TIMEOUT_MS,
        reconnect: false,
      });
      return new Bus(nc);
    } catch (e) {
      throw natsFailure(`cannot connect to NATS at ${state.natsUrl}`, e);
    }
  }

  /**
   * One request to the NIC (ix.nic.ctl.*). A reply carrying the Ix-Error
   * header is the NIC refusing (services/nic/src/control.ts): a ClusterError
   * with its reason.
   */
  async request<T>(
    subject: string,
    body: Uint8Array,
    decode: (b: Uint8Array) => T,
    timeoutMs = REQUEST_TIMEOUT_MS,
  ): Promise<T> {
    let m;
    try {
      m = await this.nc.request(subject, body, { timeout: timeoutMs });
    } catch (e) {
      throw natsFailure(`request ${subject}`, e, "the NIC");
    }
    const refused = m.headers?.get(ERROR_HEADER);
    if (refused) throw new ClusterError(`${subject} refused: ${refused}`);
    try {
      return decode(m.data);
    } catch (e) {
      throw new ClusterError(`${subject}: undecodable reply: ${(e as Error).message}`);
    }
  }

  /** One admin verb to IXCP; a refused verb resolves (ok false): the caller reports it. */
  async ixcp<V extends IxcpAdminVerb>(verb: V, body?: IxcpAdminRequests[V]): Promise<IxcpAdminReplies[V]> {
    try {
      return await ixcpRequest(
        this.nc,
        verb,
        body,
        verb === "policy" ? IXCP_POLICY_TIMEOUT_MS : IXCP_TIMEOUT_MS,
      );
    } catch (e) {
      const cause = (e as Error).cause;
      if (cause) throw natsFailure(`request ${S.ixcpAdmin(verb)}`, cause, "IXCP");
      throw new ClusterError((e as Error).message);
    }
  }

  async close(): Promise<void> {
    await this.nc.close().catch(() => undefined);
  }
}

/** Runs `f` with an open connection and always closes it. */
export async function withBus<T>(state: ClusterState | undefined, f: (bus: Bus) => Promise<T>): Promise<T> {
  const bus = await Bus.open(state);
  try {
    return await f(bus);
  } finally {
    await bus.close();
  }
}
