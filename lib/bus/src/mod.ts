// @ix/bus: everything the processes need to share one NATS bus.
//
// What it exports (each name below is imported by another package; the rest
// of src/ is internal, and this package's tests import it by path):
// - subjects: the subject catalogue (ix.nic.rx.<queue>, ix.core.<c>.sys, ...),
//   one constant or function per subject, all public by nature; a namespace so
//   call sites read `subjects.nicRx(q)`;
// - permissions: IX's three-way protection as per-component NATS permissions
//   (COMPONENT_KINDS, permissionsFor) and the user entries for a server;
// - credentials: per-run users and passwords (generateUsers), and how a
//   process receives them (credentialEnv -> credentialsFromEnv);
// - connectBus: the one way every service connects (reconnect forever);
// - startNatsServer/freePort: a real nats-server for npm start and tests;
//   startNatsCluster: N of them joined by authenticated routes (a full mesh,
//   issue 14), routeCount (monitoring /routez), the route user and cluster
//   name that deploy/nats/generate.ts writes too;
// - natsServers: the server list in an IX_NATS_URL (comma-separated);
// - the RSS settings the NIC and the cores must agree on (rss-config.ts:
//   RSS_OPTIONS, the parsers, loadRssConfig and the ConfigError it throws) and
//   the initial RETA (reta.ts);
// - RxFrame: the decoded shape of a frame the NIC delivers to a core;
// - IXCP's admin verbs on ix.ixcp.admin.<verb>: names, the request and reply
//   maps (IxcpAdminRequests/IxcpAdminReplies; one verb's shape is
//   IxcpAdminReplies["status"]) and the client request (ixcp-admin.ts), used
//   by IXCP, ixctl, bench and tests;
// - the control replies' headers (Ix-Error, Ix-Msg-Type: headers.ts);
// - the latency SLO every component shares (slo.ts: DEFAULT_SLO_US, IX_SLO_US).
// Internal: the nats-server configuration text (serverConfig,
// authorizationBlock, clusterBlock), password generation, MAX_QUEUES/parseQueues (inside
// loadRssConfig) and the per-verb request/reply interfaces.

export * as subjects from "./subjects.ts";
export {
  COMPONENT_KINDS,
  permissionsFor,
  type ComponentKind,
  type Permissions,
  type UserEntry,
} from "./permissions.ts";
export {
  generateUsers,
  credentialEnv,
  credentialsFromEnv,
  natsServers,
  type BusCredentials,
} from "./credentials.ts";
export { connectBus } from "./connect.ts";
export { freePort, startNatsServer, type NatsServerHandle } from "./nats-server.ts";
export {
  startNatsCluster,
  routeCount,
  NATS_CLUSTER_NAME,
  ROUTE_USER,
  MAX_NATS_SERVERS,
  NATS_PORTS,
  type NatsClusterHandle,
  type NatsSite,
} from "./nats-cluster.ts";
export { DEFAULT_RETA_SIZE, initialReta, flowGroupsOfQueue, spreadReta } from "./reta.ts";
export type { RxFrame } from "./frame.ts";
export { ProtoReader, ProtoWriter, WireType } from "./proto-wire.ts";
export {
  RxBurstWriter,
  TxBurstWriter,
  decodeRxBurst,
  decodeTxBurst,
  type TxBurstView,
  type RxBurstHeader,
} from "./burst-codec.ts";
export {
  RSS_OPTIONS,
  ConfigError,
  parseRetaSize,
  parseRssKey,
  loadRssConfig,
  type RssConfig,
} from "./rss-config.ts";
export {
  IXCP_ADMIN_VERBS,
  ixcpRequest,
  type IxcpAdminVerb,
  type AdminReply,
  type IxcpStatusReply,
  type IxcpDecision,
  type IxcpAdminRequests,
  type IxcpAdminReplies,
} from "./ixcp-admin.ts";
export { ERROR_HEADER, MSG_TYPE_HEADER } from "./headers.ts";
export { DEFAULT_SLO_US, SLO_ENV, sloUs } from "./slo.ts";
export { owesReturn } from "./run-io.ts";
