// nats-server's own message counters, from its monitoring endpoint
// (https://docs.nats.io/running-a-nats-service/nats_admin/monitoring):
// /varz in_msgs (messages clients published to the server) and out_msgs
// (messages the server delivered to subscribers), and /connz per connection
// (name, user, in/out msgs) with each subscription's delivered count
// (subs=detail). A bench reads them before and after a run and divides by the
// requests completed: the NATS messages a request costs, and who sends them.
import type { Figures } from "./types.ts";

interface VarzJson {
  in_msgs: number;
  out_msgs: number;
}

interface ConnzJson {
  connections: {
    cid: number;
    name?: string;
    authorized_user?: string;
    in_msgs: number;
    out_msgs: number;
    subscriptions_list_detail?: { subject: string; msgs: number }[];
  }[];
}

export interface NatsCounters {
  inMsgs: number;
  outMsgs: number;
  /** By client (connection name, else user, else cid): messages it published / was delivered. */
  clients: Map<string, { published: number; delivered: number }>;
  /** By subscription subject: messages delivered to it. */
  subjects: Map<string, number>;
}

async function get<T>(url: string): Promise<T> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/**
 * A snapshot of the server's counters. Closed connections (an ixload that has
 * exited) stay in /connz?state=all with their final counts, so a client that
 * came and went during the run is still counted. Throws when the endpoint does
 * not answer (the cluster must be started with natsMonitor).
 */
export async function natsCounters(monitorUrl: string): Promise<NatsCounters> {
  const varz = await get<VarzJson>(`${monitorUrl}/varz`);
  const connz = await get<ConnzJson>(`${monitorUrl}/connz?state=all&subs=detail&auth=true&limit=100000`);
  const clients = new Map<string, { published: number; delivered: number }>();
  const subjects = new Map<string, number>();
  for (const c of connz.connections) {
    const key = c.name || c.authorized_user || `cid${c.cid}`;
    const k = clients.get(key) ?? { published: 0, delivered: 0 };
    k.published += c.in_msgs;
    k.delivered += c.out_msgs;
    clients.set(key, k);
    for (const s of c.subscriptions_list_detail ?? [])
      subjects.set(s.subject, (subjects.get(s.subject) ?? 0) + s.msgs);
  }
  return { inMsgs: varz.in_msgs, outMsgs: varz.out_msgs, clients, subjects };
}

/**
 * Messages per request between two snapshots, after taking off `idle`
 * messages (what the cluster publishes anyway: heartbeats, over the same
 * time): published (in_msgs) and delivered (out_msgs) per request, and the
 * clients and subscription subjects that account for them, largest first
 * (per request; the top `top` of each).
 */
export function messagesPerRequest(
  before: NatsCounters,
  after: NatsCounters,
  requests: number,
  idle: { published: number; delivered: number } = { published: 0, delivered: 0 },
  top = 6,
): Figures {
  const per = (n: number): number => Number((n / Math.max(1, requests)).toPrecision(3));
  const publishedBy: Figures = {};
  const deliveredBy: Figures = {};
  const clientRows = [...after.clients].map(([k, a]) => {
    const b = before.clients.get(k) ?? { published: 0, delivered: 0 };
    return { k, published: a.published - b.published, delivered: a.delivered - b.delivered };
  });
  for (const r of clientRows.sort((x, y) => y.published - x.published).slice(0, top))
    if (r.published > 0) publishedBy[r.k] = per(r.published);
  const subjectRows = [...after.subjects].map(([s, n]) => ({ s, n: n - (before.subjects.get(s) ?? 0) }));
  for (const r of subjectRows.sort((x, y) => y.n - x.n).slice(0, top))
    if (r.n > 0) deliveredBy[r.s] = per(r.n);
  return {
    requests,
    published: per(Math.max(0, after.inMsgs - before.inMsgs - idle.published)),
    delivered: per(Math.max(0, after.outMsgs - before.outMsgs - idle.delivered)),
    publishedByClient: publishedBy,
    deliveredBySubject: deliveredBy,
  };
}
