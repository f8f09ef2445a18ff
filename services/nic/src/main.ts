#!/usr/bin/env node
// The NIC emulator process: wires the datapath (nic.ts) to NATS, the UDP wire
// port and the admin server, publishes a heartbeat every second and closes
// cleanly on SIGTERM/SIGINT. Prints one JSON line `{"event":"ready",...}` on
// stdout once every subscription is in place.
import { ix } from "@ix/proto";
import { connectBus, subjects as S } from "@ix/bus";
import { createRegistry, startAdminServer } from "@ix/admin";
import { USAGE, loadConfig, type NicConfig } from "./config.ts";
import { NicControl, nicStatus } from "./control.ts";
import { DataplanePort } from "./dataplane-port.ts";
import { registerNicMetrics } from "./metrics.ts";
import { formatIpv4, formatMac } from "./netstack.ts";
import { Nic } from "./nic.ts";
import { NatsWire } from "./wire-nats.ts";
import { UdpWire } from "./wire-udp.ts";
import { TapWire } from "./wire-tap.ts";

function readConfig(): NicConfig {
  if (process.argv.includes("--help")) {
    console.log(USAGE);
    process.exit(0);
  }
  try {
    return loadConfig(process.argv.slice(2), process.env);
  } catch (e) {
    console.error(`nic: ${(e as Error).message}`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const cfg = readConfig();
  const nic = new Nic({ ...cfg, creditTimeoutUs: cfg.creditTimeoutMs * 1000 });
  const control = new NicControl(nic);
  const dataplane = new DataplanePort(nic);
  const natsWire = new NatsWire(nic);
  nic.attachWire(natsWire);
  const udp = cfg.wireListen ? await UdpWire.open(nic, cfg.wireListen, cfg.wirePeer) : null;
  if (udp) nic.attachWire(udp);
  const tap = cfg.wireTapFd === null ? null : new TapWire(nic, cfg.wireTapFd);
  if (tap) nic.attachWire(tap);

  const registry = createRegistry("nic");
  registerNicMetrics(registry, {
    nic,
    control,
    udpSendErrors: () => udp?.sendErrors ?? 0,
    tapSendErrors: () => tap?.sendErrors ?? 0,
  });
  const nc = await connectBus(`nic-${cfg.id}`);
  const admin = await startAdminServer({
    service: "nic",
    host: cfg.adminHost,
    port: cfg.adminPort,
    registry,
    health: () => (nc.isClosed() ? "NATS connection closed" : null),
    routes: (app) =>
      app.get("/status", async () => ix.NicStatus.toObject(ix.NicStatus.fromObject(nicStatus(nic)))),
  });
  console.error(`nic: admin server at ${admin.url}`);

  control.onRetaChange = () => console.error(`nic: RETA now [${Array.from(nic.classifier.reta).join(",")}]`);
  dataplane.start(nc);
  natsWire.start(nc);
  control.start(nc);
  await nc.flush();

  const heartbeatSubject = S.status("nic", cfg.id);
  const heartbeat = setInterval(() => {
    const hb = { kind: "nic", id: cfg.id, timeUs: Date.now() * 1000, adminUrl: admin.url };
    nc.publish(heartbeatSubject, ix.Heartbeat.encode(hb).finish());
  }, 1000);

  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    console.error(`nic: ${signal}, closing`);
    clearInterval(heartbeat);
    nic.close(); // running captures reply now
    control.stop();
    dataplane.stop();
    natsWire.stop();
    await nc.drain().catch(() => undefined);
    await udp?.close();
    await tap?.close();
    await admin.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));

  console.log(
    JSON.stringify({
      event: "ready",
      admin: admin.url,
      udp: udp?.address ?? null,
      queues: cfg.queues,
      retaSize: cfg.retaSize,
      ringSize: cfg.ringSize,
      hostIp: formatIpv4(cfg.hostIp),
      hostMac: formatMac(cfg.hostMac),
    }),
  );
}

main().catch((e: unknown) => {
  console.error(`nic: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
