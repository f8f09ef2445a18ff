// ixctl's NIC subcommands: what they ask on ix.nic.ctl.* and what they print.
// Each returns an Output (the JSON of --json and the text otherwise); the
// arguments arrive parsed and checked (args.ts), failures are ClusterErrors
// (bus.ts). program.ts wires them to the command line.
import { writeFileSync } from "node:fs";
import { ix } from "@ix/proto";
import { initialReta, subjects as S } from "@ix/bus";
import { Bus, REQUEST_TIMEOUT_MS, withBus } from "./bus.ts";
import { ClusterError } from "./errors.ts";
import { formatEthtoolRss } from "./ethtool.ts";
import { flowInfo } from "./flow.ts";
import { formatFaults, formatReta, formatStatus } from "./format.ts";
import type { Output } from "./output.ts";
import type { ClusterState } from "./state.ts";

/** ethtool prints the interface name; the emulated NIC has none, so "nic". */
export const NIC_DEVICE_NAME = "nic";

const EMPTY = new Uint8Array(0);
const nicStatus = (bus: Bus): Promise<ix.NicStatus> =>
  bus.request(S.NIC_STATUS, EMPTY, (b) => ix.NicStatus.decode(b));
const nicReta = (bus: Bus): Promise<ix.Reta> => bus.request(S.NIC_RETA_GET, EMPTY, (b) => ix.Reta.decode(b));

/** A core's HTTP /status (services/dataplane), or why it could not be read. */
async function coreStatus(url: string): Promise<Record<string, unknown>> {
  try {
    const r = await fetch(`${url}/status`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    if (!r.ok) return { url, error: `HTTP ${r.status}` };
    return (await r.json()) as Record<string, unknown>;
  } catch {
    return { url, error: "unreachable" };
  }
}

/** `ixctl status`: the NIC's queues and rings, the cores, the RETA by queue. */
export function statusCommand(state: ClusterState | undefined): Promise<Output> {
  return withBus(state, async (bus) => {
    const nic = await nicStatus(bus);
    const reta = await nicReta(bus);
    const cores = await Promise.all((state?.cores ?? []).map(coreStatus));
    return {
      json: { nic: ix.NicStatus.toObject(nic), reta: reta.queues, cores },
      text: formatStatus(nic, reta.queues, cores),
    };
  });
}

/** `ixctl reta [--ethtool]`: the NIC's redirection table, by queue or as `ethtool -x` prints it. */
export function retaCommand(state: ClusterState | undefined, opts: { ethtool?: boolean }): Promise<Output> {
  return withBus(state, async (bus) => {
    const reta = await nicReta(bus);
    const json = { queues: reta.queues, rssKey: Buffer.from(reta.rssKey).toString("hex") };
    if (!opts.ethtool) return { json, text: formatReta(reta.queues) };
    const rings = (await nicStatus(bus)).queues.length;
    const text = formatEthtoolRss({
      device: NIC_DEVICE_NAME,
      rings,
      table: reta.queues,
      key: reta.rssKey,
      hashFunction: "toeplitz",
    });
    return { json, text: text.slice(0, -1) }; // the printer adds the last newline
  });
}

/** `ixctl faults [--in S] [--out S]`: sets the given directions, then shows both. */
export function faultsCommand(
  state: ClusterState | undefined,
  opts: { in?: ix.IFaultSettings; out?: ix.IFaultSettings },
): Promise<Output> {
  return withBus(state, async (bus) => {
    const ask = (settings: ix.IFaultSettings): Promise<ix.FaultState> =>
      bus.request(S.NIC_FAULT, ix.FaultSettings.encode(settings).finish(), (b) => ix.FaultState.decode(b));
    if (opts.in) await ask({ ...opts.in, direction: "in" });
    if (opts.out) await ask({ ...opts.out, direction: "out" });
    const st = await ask({ direction: "" }); // an empty direction is a query
    const json = ix.FaultState.toObject(st, { defaults: true });
    return { json, text: formatFaults(st) };
  });
}

/** `ixctl capture TARGET --frames N --out FILE`: a pcap of the wire or one queue. */
export function captureCommand(
  state: ClusterState | undefined,
  target: string,
  opts: { frames: number; durationMs: number; out: string },
): Promise<Output> {
  return withBus(state, async (bus) => {
    const req = ix.CaptureRequest.encode({
      target,
      frames: opts.frames,
      durationMs: opts.durationMs,
    }).finish();
    // The NIC answers when N frames were seen or the duration ran out.
    const r = await bus.request(S.NIC_CAPTURE, req, (b) => ix.CaptureReply.decode(b), opts.durationMs + 3000);
    if (!r.ok) throw new ClusterError(`capture refused: ${r.error}`);
    try {
      writeFileSync(opts.out, r.pcap);
    } catch (e) {
      throw new ClusterError(`cannot write ${opts.out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    return { json: { frames: r.frames, file: opts.out }, text: `${r.frames} frames written to ${opts.out}` };
  });
}

/**
 * `ixctl flow SRC DST`: RSS hash, flow group and queue. Uses the running
 * NIC's RETA and key when a cluster answers, else the defaults (`--cores`
 * queues round-robin over `--reta-size` groups, Microsoft's key).
 */
export async function flowCommand(
  state: ClusterState | undefined,
  src: string,
  dst: string,
  opts: { cores: number; retaSize: number },
): Promise<Output> {
  let reta = initialReta(opts.retaSize, opts.cores);
  let key: Uint8Array | undefined;
  let source = `defaults: ${opts.retaSize} flow groups over ${opts.cores} queues`;
  if (state) {
    const live = await withBus(state, nicReta).catch(() => undefined);
    if (live && live.queues.length > 0) {
      reta = live.queues;
      if (live.rssKey.length > 0) key = live.rssKey;
      source = "the running NIC's RETA";
    }
  }
  const info = flowInfo(src, dst, reta, key);
  return {
    json: info,
    text: `hash 0x${info.hash.toString(16).padStart(8, "0")}  flow group ${info.flowGroup}  queue ${info.queue}  (${source})`,
  };
}
