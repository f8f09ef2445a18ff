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

/** A whole nats-server configuration: listen address, payload limit, users. */
export function serverConfig(opts: {
  host?: string;
  port: number;
  httpPort?: number;
  users: UserEntry[];
}): string {
  const http = opts.httpPort ? `http: ${quote(`${opts.host ?? "127.0.0.1"}:${opts.httpPort}`)}\n` : "";
  // Migration messages carry a flow group's whole TCP state: allow 8 MB.
  return `listen: ${quote(`${opts.host ?? "127.0.0.1"}:${opts.port}`)}\n${http}max_payload: 8388608\n${authorizationBlock(opts.users)}`;
}
