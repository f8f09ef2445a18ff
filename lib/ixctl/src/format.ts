// Human-readable tables for ixctl (the project's own layout; ethtool.ts has
// ethtool's). --json prints the underlying objects instead.
import type { ix } from "@ix/proto";

/** The RETA by queue: "queue 0: 64 flow groups (0,2,4,...)", the first 12 of each. */
export function formatReta(queues: readonly number[]): string {
  const byQueue = new Map<number, number[]>();
  queues.forEach((q, fg) => byQueue.set(q, [...(byQueue.get(q) ?? []), fg]));
  return [...byQueue.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(
      ([q, fgs]) =>
        `queue ${q}: ${fgs.length} flow groups (${fgs.slice(0, 12).join(",")}${fgs.length > 12 ? ",..." : ""})`,
    )
    .join("\n");
}

/** NIC queues and rings, then one line per core (its HTTP /status), then the RETA by queue. */
export function formatStatus(
  nic: ix.NicStatus,
  reta: readonly number[],
  cores: Record<string, unknown>[],
): string {
  const lines = [`NIC: wire in ${nic.wireIn}, wire out ${nic.wireOut}, RETA size ${nic.retaSize}`];
  lines.push("queue  ring free/size   rx frames   rx missed   tx frames");
  for (const q of nic.queues) {
    lines.push(
      `${String(q.queue).padStart(5)}  ${`${q.ringFree}/${q.ringSize}`.padStart(14)}  ${String(q.rxFrames).padStart(10)}  ${String(q.rxMissed).padStart(10)}  ${String(q.txFrames).padStart(10)}`,
    );
  }
  lines.push("core  active  flow groups  conns  batch  frames in/out  idle");
  for (const c of cores) {
    if ("error" in c) {
      lines.push(`${String(c.url)}: ${String(c.error)}`);
      continue;
    }
    const fgs = (c.flowGroups as number[] | undefined)?.length ?? 0;
    lines.push(
      `${String(c.core ?? 0).padStart(4)}  ${String(c.active).padStart(6)}  ${String(fgs).padStart(11)}  ${String(c.connections ?? 0).padStart(5)}  ${String(c.batchSize).padStart(5)}  ${`${c.framesIn ?? 0}/${c.framesOut ?? 0}`.padStart(13)}  ${Number(c.idleFraction ?? 0).toFixed(2)}`,
    );
  }
  lines.push(formatReta(reta));
  return lines.join("\n");
}

/** The NIC's fault injectors, one line per direction in `ixctl faults --in` syntax. */
export function formatFaults(st: ix.IFaultState): string {
  const line = (dir: string, f: ix.IFaultSettings | null | undefined): string =>
    `${dir.padEnd(3)}  loss=${f?.loss ?? 0},duplicate=${f?.duplicate ?? 0},reorder=${f?.reorder ?? 0},` +
    `corrupt=${f?.corrupt ?? 0},delay_us=${f?.delayUs ?? 0},jitter_us=${f?.jitterUs ?? 0}`;
  return [line("in", st.in), line("out", st.out)].join("\n");
}
