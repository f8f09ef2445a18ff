// @ix/admin: the admin HTTP server every service runs (fastify): GET /metrics
// from a prom-client Registry of the service's own (several services can share
// one test process), GET /healthz, and the routes the service adds. Every
// server follows one rule (admin-auth.ts): GET and HEAD are open, any other
// method needs the admin bearer token (options.token) and is refused 401/403,
// counted and logged otherwise.
// Exports startAdminServer (options: AdminOptions; returns an AdminServer with
// its url and close()), createRegistry (a Registry with the `service`
// default label and, optionally, the process metrics), and adminTokenFromEnv
// (IX_ADMIN_TOKEN or IX_ADMIN_TOKEN_FILE).
export { createRegistry, startAdminServer, type AdminServer, type AdminOptions } from "./admin-server.ts";
export { adminTokenFromEnv, type RefusalReason } from "./admin-auth.ts";
