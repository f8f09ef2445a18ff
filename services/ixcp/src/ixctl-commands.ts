// ixctl's IXCP commands (lib/ixctl wires them into its CLI). They talk to
// IXCP over NATS request/reply on ix.ixcp.admin.<verb> with JSON bodies, as
// the "admin" user, which may reprogram cores and the RETA only through IXCP.
//   ixctl migrate FG[,FG...] --to CORE   move flow groups (ranges: 0-15,32)
//   ixctl cores N                        run N active cores
//   ixctl policy NAME|PATH               switch policy (a path is made absolute here)
//   ixctl ixcp [status|decisions]        IXCP's view
import { isAbsolute, resolve } from "node:path";
import type { NatsConnection } from "nats";
import { subjects as S } from "@ix/bus";
import type { AdminReply } from "./service.ts";
import { isPolicyPath } from "./policies/loader.ts";

export const IXCTL_IXCP_COMMANDS = ["migrate", "cores", "policy", "ixcp"] as const;

export const IXCTL_IXCP_USAGE = `  ixctl migrate FG[,FG...] --to CORE         move flow groups (e.g. 0-15,40) to a core
  ixctl cores N                              run N active cores
  ixctl policy NAME|PATH                     static, energy, consolidation or a policy module
  ixctl ixcp [status|decisions] [--json]     IXCP's cores, policy and decisions`;

export interface CommandOutput {
  reply: AdminReply;
  text: string;
}

/** One request to IXCP; a missing IXCP or a non-JSON reply becomes a clear error. */
export async function ixcpRequest(
  nc: NatsConnection,
  verb: string,
  body: unknown = {},
  timeoutMs = 10_000,
): Promise<AdminReply> {
  let data: Uint8Array;
  try {
    data = (
      await nc.request(S.ixcpAdmin(verb), new TextEncoder().encode(JSON.stringify(body)), {
        timeout: timeoutMs,
      })
    ).data;
  } catch (e) {
    throw new Error(`IXCP did not answer ${S.ixcpAdmin(verb)} (is it running?): ${(e as Error).message}`);
  }
  try {
    return JSON.parse(new TextDecoder().decode(data)) as AdminReply;
  } catch {
    throw new Error(`IXCP answered ${verb} with something that is not JSON`);
  }
}

/** "0-3,7" -> [0, 1, 2, 3, 7]; throws on anything else. */
export function parseFlowGroups(text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(",").map((s) => s.trim())) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw new Error(`bad flow group ${JSON.stringify(part)} (FG, FG-FG, comma separated)`);
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (hi < lo || hi - lo > 4096) throw new Error(`bad flow group range ${part}`);
    for (let g = lo; g <= hi; g++) out.push(g);
  }
  return out;
}

const summary = (r: AdminReply, ok: string): string => (r.ok ? ok : `refused: ${r.error}`);

export async function migrateCommand(
  nc: NatsConnection,
  groups: string,
  to: string | undefined,
): Promise<CommandOutput> {
  if (to === undefined || !/^\d+$/.test(to)) throw new Error("usage: ixctl migrate FG[,FG...] --to CORE");
  const flowGroups = parseFlowGroups(groups);
  const reply = await ixcpRequest(nc, "migrate", { flowGroups, to: Number(to) });
  return { reply, text: summary(reply, `${String(reply.moved)} flow groups moved to core ${to}`) };
}

export async function coresCommand(nc: NatsConnection, n: string | undefined): Promise<CommandOutput> {
  if (n === undefined || !/^\d+$/.test(n)) throw new Error("usage: ixctl cores N");
  const reply = await ixcpRequest(nc, "cores", { n: Number(n) });
  const active = reply.ok ? (reply.activeCores as number[]).join(",") : "";
  return { reply, text: summary(reply, `active cores: ${active}`) };
}

export async function policyCommand(
  nc: NatsConnection,
  spec: string | undefined,
  cwd = process.cwd(),
): Promise<CommandOutput> {
  if (!spec) throw new Error("usage: ixctl policy static|energy|consolidation|PATH");
  // IXCP runs elsewhere: a relative path means relative to where ixctl runs.
  const body = isPolicyPath(spec) ? { path: isAbsolute(spec) ? spec : resolve(cwd, spec) } : { name: spec };
  const reply = await ixcpRequest(nc, "policy", body);
  return { reply, text: summary(reply, `policy: ${String(reply.policy)}`) };
}

export async function ixcpStatusCommand(nc: NatsConnection, what = "status"): Promise<CommandOutput> {
  if (what !== "status" && what !== "decisions") throw new Error("usage: ixctl ixcp [status|decisions]");
  const reply = await ixcpRequest(nc, what, { limit: 20 });
  if (!reply.ok) return { reply, text: `refused: ${reply.error}` };
  if (what === "decisions")
    return { reply, text: (reply.decisions as unknown[]).map((d) => JSON.stringify(d)).join("\n") };
  const cores = reply.cores as {
    core: number;
    alive: boolean;
    active: boolean;
    flowGroups: number;
    background: boolean;
  }[];
  const lines = cores.map(
    (c) =>
      `core ${c.core}  ${c.alive ? (c.active ? "active" : "parked") : "DEAD"}  ${c.flowGroups} groups` +
      (c.background ? "  background job" : ""),
  );
  return {
    reply,
    text: [`policy ${String(reply.policy)}  power ${String(reply.powerWatts)} W`, ...lines].join("\n"),
  };
}

/** Dispatch for lib/ixctl: `command` is one of IXCTL_IXCP_COMMANDS, `args` its positionals. */
export function runIxctlCommand(
  nc: NatsConnection,
  command: string,
  args: string[],
  opts: { to?: string } = {},
): Promise<CommandOutput> {
  switch (command) {
    case "migrate":
      return migrateCommand(nc, args[0] ?? "", opts.to);
    case "cores":
      return coresCommand(nc, args[0]);
    case "policy":
      return policyCommand(nc, args[0]);
    case "ixcp":
      return ixcpStatusCommand(nc, args[0] ?? "status");
    default:
      return Promise.reject(new Error(`not an IXCP command: ${command}`));
  }
}
