// @ix/admin: the admin HTTP server every service runs (fastify): GET /metrics
// from a prom-client Registry of the service's own (several services can share
// one test process), GET /healthz, and the routes the service adds.
// Exports startAdminServer (options: AdminOptions; returns an AdminServer with
// its url and close()) and createRegistry (a Registry with the `service`
// default label and, optionally, the process metrics).
export { createRegistry, startAdminServer, type AdminServer, type AdminOptions } from "./admin-server.ts";
