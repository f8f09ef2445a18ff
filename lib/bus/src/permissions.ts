// Three-way protection (IX principle 1) as NATS subject permissions. In IX,
// VT-x and page tables keep the control plane, the dataplane and the untrusted
// application apart; here each component kind connects with its own
// credentials and the NATS server refuses every subject outside its role.
import * as S from "./subjects.ts";

export const COMPONENT_KINDS = ["nic", "dataplane", "app", "ixcp", "host", "admin"] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

export interface Permissions {
  publish: string[];
  subscribe: string[];
  /** May answer requests (publish to the reply inbox it was given). */
  allowResponses: boolean;
}

const INBOX = "_INBOX.>";

/**
 * The subjects a component may use. `cores` binds an app to the elastic
 * threads it may talk to (IX: the app is bound to the cores it was granted).
 */
export function permissionsFor(kind: ComponentKind, id: string, cores: number[] = []): Permissions {
  switch (kind) {
    case "nic":
      return {
        publish: ["ix.nic.rx.*", S.L2_RX, S.status("nic", ">")],
        subscribe: ["ix.nic.tx.*", "ix.l2.tx.*", "ix.nic.ctl.>"],
        allowResponses: true,
      };
    case "dataplane":
      return {
        publish: ["ix.nic.tx.*", "ix.core.*.evt", "ix.core.*.migrate", S.status("dataplane", ">"), INBOX],
        subscribe: ["ix.nic.rx.*", "ix.core.*.sys", "ix.core.*.ctl", "ix.core.*.migrate", INBOX],
        allowResponses: true,
      };
    case "app":
      // Heartbeats of its cores tell libix when one died (its connections are dead).
      return {
        publish: [...cores.map(S.coreSys), S.status("app", ">")],
        subscribe: [...cores.map(S.coreEvt), ...cores.map((c) => S.status("dataplane", c))],
        allowResponses: false,
      };
    case "ixcp":
      return {
        publish: ["ix.core.*.ctl", "ix.nic.ctl.>", S.IXCP_DECISIONS, S.status("ixcp", ">"), INBOX],
        subscribe: ["ix.status.>", "ix.ixcp.admin.>", INBOX],
        allowResponses: true,
      };
    case "host":
      return { publish: [S.l2Tx(id), S.status("host", ">")], subscribe: [S.L2_RX], allowResponses: false };
    case "admin":
      // ixctl: reads everything through IXCP and the NIC, sets faults and
      // captures, but reprograms cores and the RETA only by asking IXCP.
      return {
        publish: ["ix.ixcp.admin.>", S.NIC_RETA_GET, S.NIC_FAULT, S.NIC_CAPTURE, S.NIC_STATUS, INBOX],
        subscribe: [INBOX, S.IXCP_DECISIONS, "ix.status.>"],
        allowResponses: false,
      };
  }
}

export interface UserEntry {
  user: string;
  password: string;
  kind: ComponentKind;
  id?: string;
  cores?: number[];
}

const quote = (s: string): string => JSON.stringify(s);
const list = (xs: string[]): string => `[${xs.map(quote).join(", ")}]`;

/** The authorization block of a nats-server configuration file. */
export function authorizationBlock(users: UserEntry[]): string {
  const lines = users.map((u) => {
    const p = permissionsFor(u.kind, u.id ?? u.user, u.cores ?? []);
    const responses = p.allowResponses ? ", allow_responses: true" : "";
    return (
      `    { user: ${quote(u.user)}, password: ${quote(u.password)}, permissions: {` +
      ` publish: { allow: ${list(p.publish)} }, subscribe: { allow: ${list(p.subscribe)} }${responses} } }`
    );
  });
  return `authorization {\n  users: [\n${lines.join(",\n")}\n  ]\n}\n`;
}

/**
 * The `cluster {}` block joining one nats-server to the others by routes
 * (NATS clustering: a full mesh, one hop between any two servers). Routes
 * authenticate as `user`: a server refuses a route without the password, so
 * nobody joins the mesh (and sees every subject) by dialling the route port.
 */
export interface RouteBlock {
  /** The cluster's name; every server of one mesh carries the same. */
  name: string;
  /** The route listener's port (host: the server's own listen host). */
  port: number;
  user: string;
  password: string;
  /** The other servers' route listeners, "host:port"; credentials are added here. */
  peers: string[];
}

/** The `cluster {}` text of a RouteBlock (routes carry the route user's credentials: nats-server 2.9 sends only what the URL holds). */
export function clusterBlock(host: string, r: RouteBlock): string {
  const cred = `${encodeURIComponent(r.user)}:${encodeURIComponent(r.password)}`;
  const routes = r.peers.map((p) => `nats-route://${cred}@${p}`);
  return (
    `cluster {\n  name: ${quote(r.name)}\n  listen: ${quote(`${host}:${r.port}`)}\n` +
    `  authorization { user: ${quote(r.user)}, password: ${quote(r.password)}, timeout: 2 }\n` +
    `  routes: ${list(routes)}\n}\n`
  );
}

/** A whole nats-server configuration: listen address, payload limit, users, and optionally its routes. */
export function serverConfig(opts: {
  host?: string;
  port: number;
  httpPort?: number;
  users: UserEntry[];
  /** server_name (shown in /varz and /routez); nats-server makes one up otherwise. */
  serverName?: string;
  cluster?: RouteBlock;
}): string {
  const host = opts.host ?? "127.0.0.1";
  const http = opts.httpPort ? `http: ${quote(`${host}:${opts.httpPort}`)}\n` : "";
  const name = opts.serverName ? `server_name: ${quote(opts.serverName)}\n` : "";
  const cluster = opts.cluster ? clusterBlock(host, opts.cluster) : "";
  // Migration messages carry a flow group's whole TCP state: allow 8 MB.
  return `${name}listen: ${quote(`${host}:${opts.port}`)}\n${http}max_payload: 8388608\n${authorizationBlock(opts.users)}${cluster}`;
}
