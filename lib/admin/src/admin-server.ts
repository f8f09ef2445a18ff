// Every service exposes the same admin surface on fastify: Prometheus metrics
// (prom-client registry of its own, so tests can run several services in one
// process), a health check, and whatever routes the service adds. Every
// server follows admin-auth.ts: GET and HEAD are open, any other method needs
// the admin token (and without one is refused).
import Fastify, { type FastifyInstance } from "fastify";
import { Registry, collectDefaultMetrics } from "prom-client";
import { installAdminAuth } from "./admin-auth.ts";

export interface AdminServer {
  app: FastifyInstance;
  registry: Registry;
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface AdminOptions {
  /** Service name, added as the `service` label on default process metrics. */
  service: string;
  host?: string;
  port?: number;
  registry?: Registry;
  /** Returns null when healthy, or why not. */
  health?: () => string | null;
  /** Adds service routes before the server listens. */
  routes?: (app: FastifyInstance) => void;
  defaultMetrics?: boolean;
  /**
   * The administrator's bearer token for mutating requests (POST, ...); see
   * admin-auth.ts. Undefined: this server refuses every mutating request.
   */
  token?: string;
  /** Where refused requests are logged; stderr by default. */
  log?: (line: string) => void;
}

export function createRegistry(service: string, defaultMetrics = true): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (defaultMetrics) collectDefaultMetrics({ register: registry, prefix: "ix_" });
  return registry;
}

export async function startAdminServer(opts: AdminOptions): Promise<AdminServer> {
  const registry = opts.registry ?? createRegistry(opts.service, opts.defaultMetrics ?? true);
  const app = Fastify({ logger: false });
  // Every admin reply has the project's shape, { ok: false, error } with a
  // one-line error, including what fastify refuses before a route runs
  // (malformed JSON: 400, a body over bodyLimit: 413, a wrong content type: 415).
  app.setErrorHandler((err: { statusCode?: number; message?: string }, _req, reply) => {
    const status =
      typeof err.statusCode === "number" && err.statusCode >= 400 && err.statusCode < 600
        ? err.statusCode
        : 500;
    const error = String(err.message ?? "error")
      .split("\n")[0]
      .slice(0, 300);
    void reply.code(status).send({ ok: false, error: status === 500 ? `internal error: ${error}` : error });
  });
  installAdminAuth(app, { service: opts.service, registry, token: opts.token, log: opts.log });
  app.get("/metrics", async (_req, reply) => {
    reply.header("content-type", registry.contentType);
    return registry.metrics();
  });
  app.get("/healthz", async (_req, reply) => {
    const problem = opts.health?.() ?? null;
    reply.code(problem ? 503 : 200);
    return problem ? { status: "unhealthy", reason: problem } : { status: "ok", service: opts.service };
  });
  opts.routes?.(app);
  const host = opts.host ?? "127.0.0.1";
  await app.listen({ host, port: opts.port ?? 0 });
  const addr = app.server.address();
  const port = typeof addr === "object" && addr ? addr.port : (opts.port ?? 0);
  const shownHost = host === "0.0.0.0" ? "127.0.0.1" : host;
  return { app, registry, port, url: `http://${shownHost}:${port}`, close: () => app.close() };
}
