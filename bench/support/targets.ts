// The targets, checked against the figures: each says its value, the
// goal, whether it is met and, when missed, by how much.
import type { Figures } from "./types.ts";

export interface TargetResult {
  goal: string;
  value: number | null;
  met: boolean;
  /** How far off, in the target's own terms ("3.1x short", "+0.8 ms"). */
  gap: string;
  /** Where the time goes and what would close it (results/profile.md has the evidence). */
  note?: string;
}

/** Why each target is missed on the reference machine (2 shared cores), and the lever. */
const NOTES: Record<string, string> = {
  batching:
    "the cluster's cost per request does drop (cpuEfficiencyGain), but frames per cycle stop at ~8 (what one NIC flush delivers) and the client host + nats-server, which B does not touch, take about half the 2 cores; close it with cores to spare for the client (or another host) and fewer NATS messages per cycle",
  transport:
    "each request pays 6 NATS hops plus a userspace TCP stack on both ends and the app; socket writes alone are ~25% of every stage; close it by taking NATS off the per-frame path (shared-memory rings) and measuring on more cores",
  memcachedUsr:
    "the cluster's round trip at zero load (~1.2-2.8 ms, latency.size64) is at or above a 2 ms p99 SLO: 6 process hops on a shared 2-core machine; see rateAt10xSlo and peakRate; close it by removing NATS hops from the request path",
  migration:
    "ix_dp_last_migration_us is START->READY on the source: a NATS round trip between two core processes plus both cycles, scheduled on a loaded 2-core machine; the flow's pause (START->install on the target) is shorter but not yet reported",
  controlplane:
    "with 2 cores the most a policy can save is 50%; interval p99s are over 2 ms even under static (latency floor), so the SLO share says nothing about the policy: compare sloViolatingShareAt10xSlo and intervalP99MedianUs against static",
  connections:
    "one client host has ~16k ephemeral ports; 100k connections need 7 agents, i.e. 7 more Node processes with their own stacks on 2 cores; the cluster side costs ~8 kB RSS per connection (rssBytesPerConnectionSlope)",
};

function at(r: Record<string, Figures>, path: string): number | null {
  let cur: unknown = r;
  for (const k of path.split(".")) {
    if (cur === null || typeof cur !== "object") return null;
    cur = (cur as Record<string, unknown>)[k];
  }
  return typeof cur === "number" && Number.isFinite(cur) ? cur : null;
}

const atLeast = (goal: string, v: number | null, min: number, unit = "x"): TargetResult => ({
  goal,
  value: v,
  met: v !== null && v >= min,
  gap:
    v === null
      ? "not measured"
      : v >= min
        ? ""
        : v <= 0
          ? `0 of ${min}${unit}: never met`
          : `${(min / v).toFixed(2)}x short (${fmt(v)}${unit} of ${min}${unit})`,
});

const fmt = (x: number): string => String(Number(x.toPrecision(3)));

export function evaluateTargets(r: Record<string, Figures>): Record<string, TargetResult> {
  const out: Record<string, TargetResult> = {};
  out.batching = atLeast("batching.gain >= 4 (max echo rate B=64 / B=1)", at(r, "batching.gain"), 4);
  out.transport = atLeast(
    "transport.fractionOfLimit >= 0.5 (pipeline frames/s over raw NATS relay frames/s)",
    at(r, "transport.fractionOfLimit"),
    0.5,
  );
  out.memcachedUsr = atLeast(
    "memcached.usr.ixNatsL2VsMemcached >= 0.5 (rate at the SLO, cluster over Debian memcached)",
    at(r, "memcached.usr.ixNatsL2VsMemcached"),
    0.5,
  );
  const pause = at(r, "migration.pauseUs.p99");
  out.migration = {
    goal: "migration.pauseUs.p99 <= 2000",
    value: pause,
    met: pause !== null && pause <= 2000,
    gap:
      pause === null
        ? "not measured"
        : pause <= 2000
          ? ""
          : `${fmt(pause / 2000)}x over (+${fmt((pause - 2000) / 1000)} ms)`,
  };
  const saved = at(r, "controlplane.energy.coreSecondsSaved");
  const viol = at(r, "controlplane.energy.sloViolatingShare");
  out.controlplane = {
    goal: "controlplane.energy: coreSecondsSaved >= 0.4 with sloViolatingShare <= 0.01",
    value: saved,
    met: saved !== null && viol !== null && saved >= 0.4 && viol <= 0.01,
    gap:
      saved === null || viol === null
        ? "not measured"
        : [
            saved < 0.4 ? `saved ${fmt(saved * 100)}% of 40%` : "",
            viol > 0.01 ? `${fmt(viol * 100)}% of intervals over the SLO (goal 1%)` : "",
          ]
            .filter(Boolean)
            .join("; "),
  };
  const maxConns = at(r, "connections.maxConnections");
  const keep = at(r, "connections.throughputAtMaxVs100");
  out.connections = {
    goal: "connections: 100,000 with >= 80% of the 100-connection throughput",
    value: maxConns,
    met: maxConns !== null && keep !== null && maxConns >= 100_000 && keep >= 0.8,
    gap:
      maxConns === null || keep === null
        ? "not measured"
        : [
            maxConns < 100_000 ? `reached ${maxConns} connections (${fmt(100_000 / maxConns)}x short)` : "",
            keep < 0.8 ? `kept ${fmt(keep * 100)}% of the throughput (goal 80%)` : "",
          ]
            .filter(Boolean)
            .join("; "),
  };
  for (const [k, t] of Object.entries(out)) if (!t.met && NOTES[k]) t.note = NOTES[k];
  return out;
}

export function targetsMarkdown(t: Record<string, TargetResult>): string {
  return [
    `| target | value | met | gap | where the time goes / what would close it |`,
    `|---|---|---|---|---|`,
    ...Object.values(t).map(
      (x) =>
        `| ${x.goal} | ${x.value === null ? "-" : fmt(x.value)} | ${x.met ? "yes" : "**no**"} | ${x.gap} | ${x.note ?? ""} |`,
    ),
  ].join("\n");
}
