// One hop process of the transport-limit bench: forwards every message from
// each input subject to its output subject unchanged (no decode, no copy in
// our code). Usage: node nats-relay.ts NATS_URL in1>out1 [in2>out2 ...]
// The client is NATS_CLIENT (default "@nats-io/transport-node"; see nats-client.ts).
// Prints "ready" once subscribed.
import { loadNatsClient, type NatsClientName } from "./nats-client.ts";

const [url, ...routes] = process.argv.slice(2);
const clientName = (process.env.NATS_CLIENT ?? "@nats-io/transport-node") as NatsClientName;
const client = await loadNatsClient(clientName);
if (client === null) {
  console.error(`nats-relay: NATS client ${clientName} is not installed`);
  process.exit(2);
}
const nc = await client.connect({ servers: url });
for (const r of routes) {
  const [from, to] = r.split(">");
  nc.subscribe(from, { callback: (_err, m) => nc.publish(to, m.data) });
}
await nc.flush();
console.log("ready");
process.once("SIGTERM", () => void nc.close().then(() => process.exit(0)));
