// The one rule every admin server follows (issue 16, IX's protection between
// the control plane and the untrusted application): reading is open, changing
// needs the administrator's credential.
//   GET / HEAD (/metrics, /healthz, /status, /decisions, ...)  open: Prometheus
//     and dashboards scrape them; they change nothing.
//   any other method (POST /policy, /cores, /migrate, ...)     only with
//     `Authorization: Bearer <token>`, the token the cluster generated at start
//     (lib/cluster writes it mode 0600 beside the NATS credentials). A server
//     started without a token refuses every mutating request: over HTTP the
//     verbs are then off, and the administrator uses NATS (ixctl, user `admin`,
//     checked by nats-server's permissions).
// A refusal answers 401 (no credential; RFC 9110 section 11.6.1, with
// WWW-Authenticate: Bearer, RFC 6750 section 3) or 403 (a wrong one, or HTTP
// changes disabled), changes nothing, counts ix_admin_requests_refused_total
// {reason} and logs one line on stderr. The check runs in fastify's onRequest
// hook, before the body is parsed or any route runs.
import { readFileSync } from "node:fs";
import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Counter, type Registry } from "prom-client";

/** Methods that read only (RFC 9110 section 9.2.1 "safe" methods we serve). */
const SAFE_METHODS = new Set(["GET", "HEAD"]);

export type RefusalReason = "missing_token" | "bad_token" | "http_changes_disabled";

export interface AdminAuthOptions {
  service: string;
  registry: Registry;
  /** The administrator's bearer token; undefined: every mutating request is refused (403). */
  token?: string;
  /** Where refusals are logged (one line each); stderr by default. */
  log?: (line: string) => void;
}

/**
 * The token a service was started with: IX_ADMIN_TOKEN, or the first line of
 * the file named by IX_ADMIN_TOKEN_FILE (for secrets mounted as files).
 * Returns undefined when neither is set; throws when the file cannot be read
 * or the token is shorter than 16 characters (a guessable token is no token).
 */
export function adminTokenFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  let token = env.IX_ADMIN_TOKEN;
  if ((token === undefined || token === "") && env.IX_ADMIN_TOKEN_FILE)
    token = readFileSync(env.IX_ADMIN_TOKEN_FILE, "utf8").split("\n")[0].trim();
  if (token === undefined || token === "") return undefined;
  if (token.length < 16) throw new Error("IX_ADMIN_TOKEN must be at least 16 characters");
  return token;
}

// Compared as SHA-256 digests: equal lengths for timingSafeEqual, no length leak.
const digest = (s: string): Buffer => createHash("sha256").update(s).digest();

/** Installs the rule on `app` (before routes are added) and returns the refusal counter. */
export function installAdminAuth(app: FastifyInstance, opts: AdminAuthOptions): Counter<"reason"> {
  const refused = new Counter({
    name: "ix_admin_requests_refused_total",
    help: "Admin HTTP requests refused: a mutating method without the admin token (missing_token), with a wrong one (bad_token), or on a server without one (http_changes_disabled)",
    labelNames: ["reason"] as const,
    registers: [opts.registry],
  });
  for (const reason of ["missing_token", "bad_token", "http_changes_disabled"]) refused.inc({ reason }, 0);
  const expected = opts.token === undefined ? undefined : digest(opts.token);
  const log = opts.log ?? ((line: string) => console.error(line));

  const refuse = (req: FastifyRequest, reply: FastifyReply, code: 401 | 403, reason: RefusalReason) => {
    refused.inc({ reason });
    const url = JSON.stringify(req.url.slice(0, 120));
    log(`${opts.service}: admin refused ${req.method} ${url} from ${req.ip}: ${reason}`);
    if (code === 401) reply.header("www-authenticate", 'Bearer realm="ix-admin"');
    const error =
      reason === "http_changes_disabled"
        ? "this admin server accepts no changes over HTTP (use ixctl over NATS as the admin user)"
        : reason === "missing_token"
          ? "changes need the admin token: Authorization: Bearer <token>"
          : "wrong admin token";
    return reply.code(code).send({ ok: false, error, reason });
  };

  app.addHook("onRequest", async (req, reply) => {
    if (SAFE_METHODS.has(req.method)) return;
    if (expected === undefined) return refuse(req, reply, 403, "http_changes_disabled");
    const header = req.headers.authorization;
    const m = typeof header === "string" ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!m) return refuse(req, reply, 401, "missing_token");
    if (!timingSafeEqual(digest(m[1]), expected)) return refuse(req, reply, 403, "bad_token");
  });
  return refused;
}
