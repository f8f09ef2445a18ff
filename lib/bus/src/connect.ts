// One way to connect to the bus for every service: credentials from the
// environment, reconnect forever (a restarted nats-server must not kill the
// cluster; issue: restarts), and errors reported instead of thrown.
import { connect, type NatsConnection } from "nats";
import { credentialsFromEnv, type BusCredentials } from "./credentials.ts";

export async function connectBus(
  name: string,
  creds: BusCredentials = credentialsFromEnv(),
): Promise<NatsConnection> {
  const nc = await connect({
    servers: creds.url,
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
      if (s.type === "error" || s.type === "disconnect" || s.type === "reconnect") {
        console.error(`[${name}] nats ${s.type}: ${String(s.data)}`);
      }
    }
  })();
  return nc;
}
