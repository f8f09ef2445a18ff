// ix.nic.ctl.reta.set accepts either an ix.RetaUpdate (move some flow groups
// to one queue) or a full ix.Reta (the whole table). Both put a packed uint32
// list in field 1, so the body alone is ambiguous; this decides:
//   1. a header `Ix-Msg-Type: Reta` or `RetaUpdate` wins;
//   2. field 2 as a varint is RetaUpdate.queue, as bytes it is Reta.rss_key;
//   3. no field 2 (a RetaUpdate to queue 0, or a Reta without key): a list of
//      exactly RETA-size entries, all valid queues, is a full table (an update
//      naming RETA-size groups would have to repeat groups); anything else is
//      an update to queue 0.
import protobuf from "protobufjs/minimal.js";
import { ix } from "@ix/proto";

export type RetaSet =
  | { kind: "update"; flowGroups: number[]; queue: number }
  | { kind: "full"; queues: number[]; rssKey: Uint8Array }
  | { kind: "error"; error: string };

const WIRE_VARINT = 0;
const WIRE_BYTES = 2;

/** Wire type of the last field-2 occurrence, -1 when absent; throws on a malformed body. */
function field2WireType(body: Uint8Array): number {
  const r = protobuf.Reader.create(body);
  let wt = -1;
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag >>> 3 === 0) throw new Error("field number 0");
    if (tag >>> 3 === 2) wt = tag & 7;
    r.skipType(tag & 7);
  }
  return wt;
}

export function parseRetaSet(
  body: Uint8Array,
  msgType: string | undefined,
  retaSize: number,
  queues: number,
): RetaSet {
  try {
    let type = msgType;
    if (type !== undefined && type !== "Reta" && type !== "RetaUpdate") {
      return { kind: "error", error: `Ix-Msg-Type must be Reta or RetaUpdate, got ${JSON.stringify(type)}` };
    }
    if (type === undefined) {
      const wt = field2WireType(body);
      if (wt === WIRE_VARINT) type = "RetaUpdate";
      else if (wt === WIRE_BYTES) type = "Reta";
      else if (wt !== -1) return { kind: "error", error: `field 2 has unexpected wire type ${wt}` };
      else {
        const list = ix.Reta.decode(body).queues;
        const full = list.length === retaSize && list.every((q) => q < queues);
        type = full ? "Reta" : "RetaUpdate";
      }
    }
    if (type === "Reta") {
      const m = ix.Reta.decode(body);
      return { kind: "full", queues: m.queues, rssKey: m.rssKey };
    }
    const u = ix.RetaUpdate.decode(body);
    if (u.flowGroups.length === 0) return { kind: "error", error: "RetaUpdate names no flow group" };
    return { kind: "update", flowGroups: u.flowGroups, queue: u.queue };
  } catch (e) {
    return { kind: "error", error: `undecodable RETA message: ${(e as Error).message}` };
  }
}
