// One way to connect to the bus for every service: credentials from the
// environment, reconnect forever (a restarted nats-server must not kill the
// cluster; issue: restarts), and errors reported instead of thrown. With a
// NATS cluster IX_NATS_URL lists every server, the component's own first: it
// connects there (no shuffling, so components stay spread as placed) and
// fails over to the next server when that one dies (issue 14).
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { credentialsFromEnv, natsServers, type BusCredentials } from "./credentials.ts";

export async function connectBus(
  name: string,
  creds: BusCredentials = credentialsFromEnv(),
): Promise<NatsConnection> {
  const nc = await connect({
    servers: natsServers(creds.url),
    noRandomize: true,
    name,
    user: creds.user || undefined,
    pass: creds.password || undefined,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 200,
    waitOnFirstConnect: true,
    pingInterval: 5000,
  });
  void (async () => {
    for await (const s of nc.status()) {
      // v3's status is a union: an error carries `error` (a PermissionViolationError
      // for a refused publish/subscribe), a disconnect/reconnect the `server`.
      if (s.type === "error") console.error(`[${name}] nats error: ${s.error.message}`);
      else if (s.type === "disconnect" || s.type === "reconnect")
        console.error(`[${name}] nats ${s.type}: ${s.server}`);
    }
  })();
  return nc;
}
