// IXCP's admin surface, twice: fastify routes on the admin server (lib/admin)
// and the same verbs over NATS request/reply on ix.ixcp.admin.<verb> with
// JSON bodies (what ixctl uses: the admin user may only talk to IXCP).
//   GET /status, GET /decisions, POST /policy {name|path}, POST /cores {n},
//   POST /migrate {flowGroups, to}
// Refused requests answer HTTP 400 (and { ok: false, error } on both sides).
import type { FastifyInstance } from "fastify";
import type { NatsConnection, Subscription } from "@nats-io/transport-node";
import { subjects as S, type AdminReply } from "@ix/bus";
import type { IxcpService } from "./service.ts";

export function adminRoutes(service: () => IxcpService | undefined): (app: FastifyInstance) => void {
  return (app) => {
    const run = async (
      reply: { code(n: number): unknown },
      f: (s: IxcpService) => AdminReply | Promise<AdminReply>,
    ): Promise<AdminReply> => {
      const s = service();
      if (!s) {
        reply.code(503);
        return { ok: false, error: "IXCP is starting" };
      }
      const r = await f(s);
      if (!r.ok) reply.code(400);
      return r;
    };
    app.get("/status", async (_req, reply) => run(reply, (s) => s.status()));
    app.get("/decisions", async (req, reply) =>
      run(reply, (s) => {
        // A query string is text: digits become a number, anything else goes through as is and is refused.
        const raw = (req.query as Record<string, unknown>).limit;
        const limit = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : raw;
        return s.decisions(limit === undefined ? {} : { limit });
      }),
    );
    app.post("/policy", async (req, reply) => run(reply, (s) => s.policy(req.body)));
    app.post("/cores", async (req, reply) => run(reply, (s) => s.cores(req.body)));
    app.post("/migrate", async (req, reply) => run(reply, (s) => s.migrate(req.body)));
  };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Answers ix.ixcp.admin.<verb>; a body that is not JSON is refused, never thrown. */
export function serveNatsAdmin(nc: NatsConnection, service: IxcpService): Subscription {
  return nc.subscribe(S.ixcpAdmin("*"), {
    callback: (_e, m) => {
      const verb = m.subject.slice(S.ixcpAdmin("").length);
      let body: unknown = {};
      const text = decoder.decode(m.data).trim();
      const respond = (r: AdminReply): void => {
        if (m.reply) m.respond(encoder.encode(JSON.stringify(r)));
      };
      if (text !== "") {
        try {
          body = JSON.parse(text);
        } catch (e) {
          return respond({ ok: false, error: `body is not JSON: ${(e as Error).message}` });
        }
      }
      service.handle(verb, body).then(respond, (e: Error) => respond({ ok: false, error: e.message }));
    },
  });
}
