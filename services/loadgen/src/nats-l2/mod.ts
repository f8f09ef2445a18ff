// The nats-l2 transport: importing this module registers it with ixload.
export { ClientHost, type ClientHostOptions, type ClientHostCounters } from "./client-host.ts";
export { NatsL2Conn } from "./conn.ts";
export {
  resolveIdentity,
  defaultHostIp,
  macForIp,
  describeIdentity,
  IdentityError,
  type HostIdentity,
  type IdentityFlags,
} from "./identity.ts";
export { NatsL2Transport, configureNatsL2, closeNatsL2, natsL2Host, type NatsL2Config } from "./transport.ts";
export { WireBurstWriter, forEachFrame } from "./wire-burst.ts";
