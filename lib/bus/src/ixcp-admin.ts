// The contract of IXCP's admin verbs: request/reply on ix.ixcp.admin.<verb>
// (subjects.ts) with JSON bodies, and the same verbs on IXCP's HTTP admin
// server. IXCP (services/ixcp) answers them; ixctl, the bench and the tests
// ask. Both sides import the verb names and the body shapes from here, so a
// change to one side is a compiler error on the other.
//
// Every reply carries `ok`; a refused request is { ok: false, error } and
// changed nothing. The bodies are JSON rather than protobuf because the same
// verbs are served over HTTP to curl and to Grafana links.
import type { NatsConnection } from "@nats-io/transport-node";
import { ixcpAdmin } from "./subjects.ts";

/** The verbs IXCP answers; anything else is refused with { ok: false }. */
export const IXCP_ADMIN_VERBS = ["status", "decisions", "policy", "cores", "migrate"] as const;
export type IxcpAdminVerb = (typeof IXCP_ADMIN_VERBS)[number];

/** Any reply. The verb-specific shapes below name the fields a client may read. */
export interface AdminReply {
  ok: boolean;
  /** Why the request was refused (ok false). */
  error?: string;
  [k: string]: unknown;
}

// ---- request bodies ----

/** `decisions`: the last `limit` decisions (default 100, at least 1). */
export interface DecisionsRequest {
  limit?: number;
}
/** `policy`: a built-in name (static, energy, consolidation) or what IXCP accepts besides. */
export interface PolicyRequest {
  name: string;
}
/** `cores`: run `n` active cores (1..total, alive ones only). */
export interface CoresRequest {
  n: number;
}
/** `migrate`: move these flow groups (RETA indices) to core `to`. */
export interface MigrateRequest {
  flowGroups: number[];
  to: number;
}

// ---- reply bodies ----

/** One core in IXCP's view (`status`). */
export interface IxcpCoreView {
  core: number;
  /** false: IXCP declared it dead (heartbeat lost and admin port refused). */
  alive: boolean;
  /** Owns flow groups (not parked). */
  active: boolean;
  /** Parked and running the consolidation policy's background job. */
  background: boolean;
  /** How many flow groups the RETA gives it. */
  flowGroups: number;
  metrics: unknown;
}

export interface IxcpStatusReply extends AdminReply {
  policy: string;
  activeCores: number[];
  /** Modelled package power (services/ixcp/src/policies/power.ts), watts. */
  powerWatts: number;
  cores: IxcpCoreView[];
  /** IXCP's copy of the RETA: entry i is the core serving flow group i. */
  reta: number[];
  lastDecisions: IxcpDecision[];
}

/** One decision: a step, a dead core, a migration, a policy change or a refusal. */
export interface IxcpDecision {
  /** IXCP's clock, ms. */
  at: number;
  action: string;
  /** "code: details"; the code labels ix_ixcp_decisions_total. */
  reason: string;
  from?: number;
  to?: number;
  policy?: string;
  [extra: string]: unknown;
}

export interface DecisionsReply extends AdminReply {
  /** Oldest first. */
  decisions: IxcpDecision[];
}

export interface PolicyReply extends AdminReply {
  /** The policy now running. */
  policy: string;
}

/** What a RETA rewrite did: flow groups moved and failed, cores woken and parked. */
export interface ReconfigureReply extends AdminReply {
  moved?: number;
  failed?: number;
  activated?: number[];
  parked?: number[];
}

export interface CoresReply extends ReconfigureReply {
  activeCores: number[];
}

export type MigrateReply = ReconfigureReply;

/** Request body per verb (what `ixcpRequest` accepts). */
export interface IxcpAdminRequests {
  status: Record<string, never>;
  decisions: DecisionsRequest;
  policy: PolicyRequest;
  cores: CoresRequest;
  migrate: MigrateRequest;
}

/** Reply body per verb, valid when `ok` is true. */
export interface IxcpAdminReplies {
  status: IxcpStatusReply;
  decisions: DecisionsReply;
  policy: PolicyReply;
  cores: CoresReply;
  migrate: MigrateReply;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * One admin request to IXCP over NATS as a user allowed to publish
 * ix.ixcp.admin.> (the "admin" kind). Resolves with IXCP's reply, refused or
 * not; rejects with one-line errors when nobody answers within `timeoutMs`
 * (IXCP not running, or the user may not publish there) or the reply is not
 * JSON.
 */
export async function ixcpRequest<V extends IxcpAdminVerb>(
  nc: NatsConnection,
  verb: V,
  body?: IxcpAdminRequests[V],
  timeoutMs = 10_000,
): Promise<IxcpAdminReplies[V]> {
  const subject = ixcpAdmin(verb);
  let data: Uint8Array;
  try {
    data = (await nc.request(subject, encoder.encode(JSON.stringify(body ?? {})), { timeout: timeoutMs }))
      .data;
  } catch (e) {
    throw new Error(`IXCP did not answer ${subject} (is it running?): ${(e as Error).message}`, { cause: e });
  }
  let reply: unknown;
  try {
    reply = JSON.parse(decoder.decode(data));
  } catch {
    throw new Error(`IXCP answered ${verb} with something that is not JSON`);
  }
  if (typeof reply !== "object" || reply === null || typeof (reply as AdminReply).ok !== "boolean")
    throw new Error(`IXCP answered ${verb} without an "ok" field`);
  return reply as IxcpAdminReplies[V];
}
