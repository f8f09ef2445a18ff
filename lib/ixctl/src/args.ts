// Value parsers for ixctl's arguments and options. Each turns text into the
// value the command sends, or throws commander's InvalidArgumentError with a
// message saying what was expected; commander adds which argument or option
// it was and ixctl exits 2 (errors.ts). Nothing here talks to the cluster.
import { InvalidArgumentError } from "commander";
import type { ix } from "@ix/proto";
import { parseEndpoint } from "./flow.ts";

/** "5" -> 5; an integer in [min, max]. */
export function intIn(min: number, max: number): (text: string) => number {
  return (text) => {
    const n = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`Expected an integer in [${min}, ${max}].`);
    return n;
  };
}

/** A RETA size: a power of two (the flow group is the hash's low bits, lib/netstack flowGroupOf). */
export function parseRetaSize(text: string): number {
  const n = intIn(1, 1 << 16)(text);
  if ((n & (n - 1)) !== 0) throw new InvalidArgumentError("Expected a power of two.");
  return n;
}

/** Most flow groups one `migrate` names (the largest RETA the NIC accepts is 512). */
export const MAX_FLOW_GROUPS = 4096;

/** "0-3,7" -> [0, 1, 2, 3, 7]: flow groups (RETA indices), ranges inclusive. */
export function parseFlowGroups(text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(",").map((s) => s.trim())) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m)
      throw new InvalidArgumentError(
        `Bad flow group ${JSON.stringify(part)} (FG or FG-FG, comma separated).`,
      );
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (hi < lo || hi - lo >= MAX_FLOW_GROUPS)
      throw new InvalidArgumentError(`Bad flow group range ${part}.`);
    for (let g = lo; g <= hi; g++) out.push(g);
  }
  return out;
}

/** The NIC's fault knobs, as typed on the command line (snake_case) -> FaultSettings field. */
const FAULT_KEYS: Record<string, keyof ix.IFaultSettings> = {
  loss: "loss",
  duplicate: "duplicate",
  reorder: "reorder",
  corrupt: "corrupt",
  delay_us: "delayUs",
  jitter_us: "jitterUs",
};
const PROBABILITIES = new Set(["loss", "duplicate", "reorder", "corrupt"]);

/** "loss=0.01,delay_us=200" -> { loss: 0.01, delayUs: 200 } (the direction is added by the caller). */
export function parseFaults(text: string): ix.IFaultSettings {
  const settings: Record<string, number> = {};
  for (const kv of text.split(",")) {
    const eq = kv.indexOf("=");
    const key = eq < 0 ? kv : kv.slice(0, eq);
    const field = FAULT_KEYS[key.trim()];
    const value = eq < 0 ? NaN : Number(kv.slice(eq + 1));
    if (!field)
      throw new InvalidArgumentError(
        `Unknown fault setting ${JSON.stringify(key)} (${Object.keys(FAULT_KEYS).join(", ")}).`,
      );
    if (eq < 0 || kv.slice(eq + 1).trim() === "" || !Number.isFinite(value) || value < 0)
      throw new InvalidArgumentError(`The value of ${key} must be a number >= 0.`);
    if (PROBABILITIES.has(key) && value > 1)
      throw new InvalidArgumentError(`${key} is a probability: a number in [0, 1].`);
    settings[field] = value;
  }
  return settings as ix.IFaultSettings;
}

/** What the NIC can capture: the wire, or one queue's RX or TX side. */
export function parseCaptureTarget(text: string): string {
  if (!/^(wire|rx:\d+|tx:\d+)$/.test(text))
    throw new InvalidArgumentError("Expected wire, rx:QUEUE or tx:QUEUE.");
  return text;
}

/** "10.77.0.1:40000" (IPv4:PORT); returns the text once it parses. */
export function parseEndpointArg(text: string): string {
  try {
    parseEndpoint(text);
  } catch {
    throw new InvalidArgumentError("Expected IPv4:PORT (four octets 0-255, a port 0-65535).");
  }
  return text;
}
