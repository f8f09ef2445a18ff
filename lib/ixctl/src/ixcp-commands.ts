// ixctl's IXCP subcommands: admin verbs on ix.ixcp.admin.<verb> (the contract
// is lib/bus/src/ixcp-admin.ts). ixctl never reprograms cores or the RETA
// itself (the admin user may not): it asks IXCP, which does it between two
// control periods. A refused verb is an Output with `refused` set: one line
// with IXCP's reason and exit 1 (under --json the reply is printed too).
import type { AdminReply, IxcpDecision, IxcpStatusReply } from "@ix/bus";
import { withBus } from "./bus.ts";
import type { Output } from "./output.ts";
import type { ClusterState } from "./state.ts";

function checked(verb: string, reply: AdminReply, text: () => string): Output {
  if (!reply.ok)
    return { json: reply, text: "", refused: `IXCP refused ${verb}: ${reply.error ?? "no reason given"}` };
  return { json: reply, text: text() };
}

/** `ixctl migrate FG[,FG...] --to CORE`. */
export function migrateCommand(
  state: ClusterState | undefined,
  flowGroups: number[],
  to: number,
): Promise<Output> {
  return withBus(state, async (bus) => {
    const r = await bus.ixcp("migrate", { flowGroups, to });
    return checked("migrate", r, () => `${r.moved ?? 0} flow groups moved to core ${to}`);
  });
}

/** `ixctl cores N`. */
export function coresCommand(state: ClusterState | undefined, n: number): Promise<Output> {
  return withBus(state, async (bus) => {
    const r = await bus.ixcp("cores", { n });
    return checked("cores", r, () => `active cores: ${r.activeCores.join(",")}`);
  });
}

/**
 * `ixctl policy NAME`: the argument goes to IXCP as it was typed; IXCP
 * decides what names it accepts (built-ins, and the policies it was
 * configured to load) and says why it refuses one.
 */
export function policyCommand(state: ClusterState | undefined, name: string): Promise<Output> {
  return withBus(state, async (bus) => {
    const r = await bus.ixcp("policy", { name });
    return checked("policy", r, () => `policy: ${r.policy}`);
  });
}

export const IXCP_VIEWS = ["status", "decisions"] as const;
export type IxcpView = (typeof IXCP_VIEWS)[number];

/** `ixctl ixcp [status|decisions]`: IXCP's view of the cores, or its last decisions. */
export function ixcpCommand(
  state: ClusterState | undefined,
  view: IxcpView,
  opts: { limit: number },
): Promise<Output> {
  return withBus(state, async (bus) => {
    if (view === "decisions") {
      const r = await bus.ixcp("decisions", { limit: opts.limit });
      return checked("decisions", r, () => r.decisions.map(formatDecision).join("\n"));
    }
    const r = await bus.ixcp("status");
    return checked("status", r, () => formatIxcpStatus(r));
  });
}

/** One decision: time, action, reason, then any other fields as JSON. */
export function formatDecision(d: IxcpDecision): string {
  const { at, action, reason, ...rest } = d;
  const extra = Object.keys(rest).length > 0 ? `  ${JSON.stringify(rest)}` : "";
  const when = Number.isFinite(at) ? new Date(at).toISOString() : String(at); // IXCP's clock is Date.now()
  return `${when}  ${action}  ${reason}${extra}`;
}

export function formatIxcpStatus(r: IxcpStatusReply): string {
  const lines = r.cores.map(
    (c) =>
      `core ${c.core}  ${c.alive ? (c.active ? "active" : "parked") : "DEAD"}  ${c.flowGroups} groups` +
      (c.background ? "  background job" : ""),
  );
  return [
    `policy ${r.policy}  power ${r.powerWatts} W  active cores ${r.activeCores.join(",")}`,
    ...lines,
  ].join("\n");
}
