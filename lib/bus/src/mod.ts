// @ix/bus: everything the processes need to share one NATS bus.
// - subjects: the subject names (ix.nic.rx.<queue>, ...), one function each;
// - permissions: IX's three-way protection as per-component NATS permissions
//   (COMPONENT_KINDS, permissionsFor) and the user entries for a server;
// - credentials: per-run users and passwords (generateUsers), and how a
//   process receives them (credentialEnv -> credentialsFromEnv);
// - connectBus: the one way every service connects (reconnect forever);
// - startNatsServer/freePort: a real nats-server for npm start and tests;
// - the RSS settings the NIC and the cores must agree on (queue count, RETA
//   size, key: rss-config.ts) and the initial RETA (reta.ts);
// - RxFrame: the decoded shape of a frame the NIC delivers to a core.
// - IXCP's admin verbs on ix.ixcp.admin.<verb>: names, JSON body shapes and
//   the client request (ixcp-admin.ts), used by IXCP, ixctl, bench and tests;
// - the control replies' headers (Ix-Error, Ix-Msg-Type: headers.ts).
// The nats-server configuration text (serverConfig, authorizationBlock) and
// password generation are internal to startNatsServer and generateUsers.

export * as subjects from "./subjects.ts";
export {
  COMPONENT_KINDS,
  permissionsFor,
  type ComponentKind,
  type Permissions,
  type UserEntry,
} from "./permissions.ts";
export { generateUsers, credentialEnv, credentialsFromEnv, type BusCredentials } from "./credentials.ts";
export { connectBus } from "./connect.ts";
export { freePort, startNatsServer, type NatsServerHandle } from "./nats-server.ts";
export { DEFAULT_RETA_SIZE, initialReta, flowGroupsOfQueue, spreadReta } from "./reta.ts";
export type { RxFrame } from "./frame.ts";
export {
  RSS_OPTIONS,
  MAX_QUEUES,
  ConfigError,
  parseQueues,
  parseRetaSize,
  parseRssKey,
  loadRssConfig,
  type RssOptionName,
  type RssConfig,
} from "./rss-config.ts";
export {
  IXCP_ADMIN_VERBS,
  ixcpRequest,
  type IxcpAdminVerb,
  type AdminReply,
  type DecisionsRequest,
  type PolicyRequest,
  type CoresRequest,
  type MigrateRequest,
  type IxcpCoreView,
  type IxcpStatusReply,
  type IxcpDecision,
  type DecisionsReply,
  type PolicyReply,
  type ReconfigureReply,
  type CoresReply,
  type MigrateReply,
  type IxcpAdminRequests,
  type IxcpAdminReplies,
} from "./ixcp-admin.ts";
export { ERROR_HEADER, MSG_TYPE_HEADER } from "./headers.ts";
