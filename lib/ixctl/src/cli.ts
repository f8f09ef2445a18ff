#!/usr/bin/env node
// ixctl: look at and steer a running cluster.
//   ixctl status [--json]                      cores, queues, flow groups per core, counters
//   ixctl reta [--json]                        the NIC's redirection table
//   ixctl faults [--in k=v,...] [--out k=v,...] show or set wire fault injection
//   ixctl capture TARGET --frames N --out F    pcap of the wire ("wire") or a queue ("rx:0", "tx:1")
//   ixctl flow SRC_IP:PORT DST_IP:PORT [--json] RSS hash, flow group and queue of a packet
//   ixctl migrate FG[,FG...] --to CORE         move flow groups (through IXCP)
//   ixctl cores N                              ask IXCP for N active cores
//   ixctl policy NAME|PATH                     switch IXCP's policy (static, energy, consolidation, a module)
//   ixctl ixcp [status|decisions]              IXCP's view and its decisions log
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { connect, type NatsConnection } from "nats";
import { ix } from "@ix/proto";
import { subjects as S, initialReta } from "@ix/bus";
import { flowInfo } from "./flow.ts";
import { findState, type ClusterState } from "./state.ts";
import { formatStatus, formatReta } from "./format.ts";
import { runIxctlCommand, IXCTL_IXCP_COMMANDS } from "@ix/ixcp";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    json: { type: "boolean", default: false },
    in: { type: "string" },
    out: { type: "string" },
    frames: { type: "string", default: "100" },
    "duration-ms": { type: "string", default: "5000" },
    cores: { type: "string", default: "2" },
    "reta-size": { type: "string", default: "128" },
    to: { type: "string" },
  },
});
const [command, ...rest] = positionals;

async function bus(state: ClusterState | undefined): Promise<NatsConnection> {
  if (!state)
    throw new Error(
      "no cluster found: run `npm start` first (it writes .ix/cluster.json) or set IX_NATS_URL",
    );
  return connect({
    servers: state.natsUrl,
    user: state.admin.user,
    pass: state.admin.password,
    timeout: 3000,
  });
}

async function request<T>(
  nc: NatsConnection,
  subject: string,
  body: Uint8Array,
  decode: (b: Uint8Array) => T,
): Promise<T> {
  const m = await nc.request(subject, body, { timeout: 3000 });
  return decode(m.data);
}

function parseFaults(direction: string, text: string): ix.IFaultSettings {
  const f: Record<string, unknown> = { direction };
  for (const kv of text.split(",")) {
    const [k, v] = kv.split("=");
    const key = k.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase());
    if (
      !["loss", "duplicate", "reorder", "corrupt", "delayUs", "jitterUs"].includes(key) ||
      !Number.isFinite(Number(v))
    ) {
      throw new Error(
        `bad fault setting ${JSON.stringify(kv)} (loss, duplicate, reorder, corrupt, delay_us, jitter_us)`,
      );
    }
    f[key] = Number(v);
  }
  return f as ix.IFaultSettings;
}

const print = (json: unknown, text: string): void =>
  console.log(values.json ? JSON.stringify(json, null, 2) : text);

async function main(): Promise<void> {
  const state = findState();
  if ((IXCTL_IXCP_COMMANDS as readonly string[]).includes(command)) {
    const nc = await bus(state);
    const out = await runIxctlCommand(nc, command, rest, { to: values.to });
    await nc.close();
    print(out.reply, out.text);
    if (!out.reply.ok) process.exitCode = 1;
    return;
  }
  switch (command) {
    case "flow": {
      if (rest.length !== 2) throw new Error("usage: ixctl flow SRC_IP:PORT DST_IP:PORT [--json]");
      let reta = initialReta(Number(values["reta-size"]), Number(values.cores));
      let key: Uint8Array | undefined;
      if (state) {
        const nc = await bus(state).catch(() => undefined);
        if (nc) {
          const r = await request(nc, S.NIC_RETA_GET, new Uint8Array(0), (b) => ix.Reta.decode(b)).catch(
            () => undefined,
          );
          if (r && r.queues.length > 0) {
            reta = r.queues;
            if (r.rssKey.length > 0) key = r.rssKey;
          }
          await nc.close();
        }
      }
      const info = flowInfo(rest[0], rest[1], reta, key);
      return print(
        info,
        `hash 0x${info.hash.toString(16).padStart(8, "0")}  flow group ${info.flowGroup}  queue ${info.queue}`,
      );
    }
    case "status": {
      const nc = await bus(state);
      const nic = await request(nc, S.NIC_STATUS, new Uint8Array(0), (b) => ix.NicStatus.decode(b));
      const reta = await request(nc, S.NIC_RETA_GET, new Uint8Array(0), (b) => ix.Reta.decode(b));
      const cores = await Promise.all(
        (state?.cores ?? []).map(
          async (url) =>
            (await fetch(`${url}/status`)
              .then((r) => r.json())
              .catch(() => ({ url, error: "unreachable" }))) as Record<string, unknown>,
        ),
      );
      await nc.close();
      return print(
        { nic: ix.NicStatus.toObject(nic), reta: reta.queues, cores },
        formatStatus(nic, reta.queues, cores),
      );
    }
    case "reta": {
      const nc = await bus(state);
      const reta = await request(nc, S.NIC_RETA_GET, new Uint8Array(0), (b) => ix.Reta.decode(b));
      await nc.close();
      return print({ queues: reta.queues }, formatReta(reta.queues));
    }
    case "faults": {
      const nc = await bus(state);
      let st: ix.IFaultState | null | undefined;
      for (const [dir, text] of [
        ["in", values.in],
        ["out", values.out],
      ] as const) {
        if (!text) continue;
        st = await request(nc, S.NIC_FAULT, ix.FaultSettings.encode(parseFaults(dir, text)).finish(), (b) =>
          ix.FaultState.decode(b),
        );
      }
      if (!st)
        st =
          (await request(nc, S.NIC_STATUS, new Uint8Array(0), (b) => ix.NicStatus.decode(b))).faults ??
          undefined;
      await nc.close();
      const obj = st ? ix.FaultState.toObject(ix.FaultState.fromObject(st)) : {};
      return print(obj, JSON.stringify(obj));
    }
    case "capture": {
      if (rest.length !== 1 || !values.out)
        throw new Error("usage: ixctl capture wire|rx:N|tx:N --frames N --out FILE.pcap");
      const nc = await bus(state);
      const req = ix.CaptureRequest.encode({
        target: rest[0],
        frames: Number(values.frames),
        durationMs: Number(values["duration-ms"]),
      }).finish();
      const m = await nc.request(S.NIC_CAPTURE, req, { timeout: Number(values["duration-ms"]) + 3000 });
      const r = ix.CaptureReply.decode(m.data);
      await nc.close();
      if (!r.ok) throw new Error(r.error);
      writeFileSync(values.out, r.pcap);
      return print({ frames: r.frames, file: values.out }, `${r.frames} frames written to ${values.out}`);
    }
    default:
      console.log("usage: ixctl status|reta|faults|capture|flow ... (see lib/ixctl/src/cli.ts)");
      process.exitCode = command ? 2 : 0;
  }
}

main().catch((e: Error) => {
  console.error(`ixctl: ${e.message}`);
  process.exit(1);
});
