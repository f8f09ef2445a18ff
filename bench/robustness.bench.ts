// Robustness figures through the real cluster (Linux clients through the TAP,
// attackers on the NATS L2 segment): malformed frames of every kind sent and
// survived (10^6 in the full run), legitimate echo throughput during SYN
// floods as a fraction of the undisturbed rate, peak dataplane memory during
// each attack, and the time to recover from each restart. Writes
// results/robustness.md. Needs root (the TAP); returns {} otherwise.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cpus } from "node:os";
import { startCluster, canUseTap, type Cluster } from "@ix/cluster";
import {
  allAlive,
  dataplaneRss,
  echoClient,
  holdClient,
  peakMemory,
  probeRecovery,
} from "../test/helpers/robustness.ts";
import { blindInjection, malformedAttack, openAttacker, synFlood } from "../test/helpers/wire-attacks.ts";
import { KIND_NAMES } from "../test/helpers/malformed-frames.ts";

const NS = "ixrbbench";
const MiB = 2 ** 20;
const ECHO_BYTES = 4 * MiB;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rssSum = async (c: Cluster): Promise<number> => (await dataplaneRss(c)).reduce((a, b) => a + b, 0);

export async function run(opts: { quick: boolean }): Promise<Record<string, number>> {
  if (!canUseTap()) {
    process.stderr.write("robustness: skipped (needs root for the TAP namespace)\n");
    return {};
  }
  const out: Record<string, number> = {};
  const md: string[] = [];
  const cluster = await startCluster({
    cores: 2,
    tap: true,
    namespace: NS,
    tapName: "ixrbbtap",
    policy: false,
  });
  const attacker = await openAttacker(cluster);
  try {
    const base = await echoClient(NS, 8, ECHO_BYTES);
    const baseRate = base.verified / base.seconds;
    out["baseline.echoMBps"] = baseRate / 1e6;
    out["baseline.dataplaneRssMiB"] = (await rssSum(cluster)) / MiB;

    // 1. Malformed frames, with legitimate echo traffic running alongside.
    const perKind = opts.quick ? 2000 : Math.ceil(1_000_000 / KIND_NAMES.length);
    const peak = peakMemory(cluster);
    const t0 = performance.now();
    const [kinds, during] = await Promise.all([
      malformedAttack(cluster, attacker, { perKind, burst: 250, gapMs: 3, settleMs: 50 }),
      echoClient(NS, 8, ECHO_BYTES, 120),
    ]);
    const seconds = (performance.now() - t0) / 1000;
    const sent = Object.values(kinds).reduce((a, k) => a + k.sent, 0);
    out["malformed.framesSent"] = sent;
    out["malformed.framesCounted"] = Object.values(kinds).reduce((a, k) => a + k.counted, 0);
    out["malformed.framesPerSecond"] = sent / seconds;
    out["malformed.processesAlive"] = allAlive(cluster) ? 1 : 0;
    out["malformed.echoVerified"] =
      during.failures.length === 0 && during.verified === during.expected ? 1 : 0;
    out["malformed.peakRssMiB"] = (await peak.stop()) / MiB;
    md.push(
      `## Malformed frames (${sent} sent in ${seconds.toFixed(1)} s, legitimate echo ${out["malformed.echoVerified"] ? "intact" : "FAILED"} alongside, every process ${out["malformed.processesAlive"] ? "alive" : "NOT alive"})`,
      "",
      "Counted: drops the cores and the NIC counted while the kind was sent: NIC ring overflow included, an ARP frame counted by both the NIC's ARP offload and the core, and drops of the legitimate echo traffic running alongside (out-of-window retransmissions) included, so counted can exceed sent. Kinds marked * can be valid TCP and may be answered rather than dropped.",
      "",
      "| kind | sent | counted |",
      "|---|---|---|",
      ...Object.entries(kinds).map(
        ([k, r]) => `| ${k}${/options|flags|mutated/.test(k) ? " *" : ""} | ${r.sent} | ${r.counted} |`,
      ),
      "",
    );

    // 2. SYN floods from spoofed sources.
    md.push(
      "## SYN flood (spoofed sources; echo of 4 MiB over 8 connections, median of alternating runs alone and during the flood)",
      "",
      "| SYN/s | SYNs sent | echo rate vs undisturbed | peak dataplane RSS MiB |",
      "|---|---|---|---|",
    );
    const rounds = opts.quick ? 1 : 3;
    for (const rate of opts.quick ? [3000] : [1000, 3000, 10000]) {
      // Undisturbed and flooded runs alternate; the medians are compared (the machine is shared and noisy).
      const alone: number[] = [];
      const flooded: number[] = [];
      let synSent = 0;
      let failed = false;
      const p = peakMemory(cluster);
      for (let r = 0; r < rounds; r++) {
        alone.push((await echoClient(NS, 8, ECHO_BYTES)).seconds);
        const flood = synFlood(attacker, rate, rate + r);
        await new Promise((res) => setTimeout(res, 300));
        const d = await echoClient(NS, 8, ECHO_BYTES, 120);
        synSent += await flood.stop();
        failed ||= d.failures.length > 0;
        flooded.push(d.seconds);
      }
      const fraction = failed ? 0 : median(alone) / median(flooded);
      const peakMiB = (await p.stop()) / MiB;
      out[`synflood.${rate}.fraction`] = fraction;
      out[`synflood.${rate}.peakRssMiB`] = peakMiB;
      md.push(`| ${rate} | ${synSent} | ${(fraction * 100).toFixed(0)}% | ${peakMiB.toFixed(1)} |`);
    }
    md.push("");

    // 3. Blind injection into live connections.
    const held = await holdClient(NS, 4);
    try {
      await held.command("echo 32768");
      const p = peakMemory(cluster);
      const n = blindInjection(attacker, held.ports, opts.quick ? 250 : 2500);
      await attacker.nc.flush();
      await new Promise((r) => setTimeout(r, 500));
      const after = await held.command<{ failures: unknown[] }>("echo 65536");
      out["blind.segmentsSent"] = n;
      out["blind.connectionsSurvived"] = after.failures.length === 0 ? 4 : 4 - after.failures.length;
      out["blind.peakRssMiB"] = (await p.stop()) / MiB;
      md.push(
        `## Blind injection (RFC 5961)`,
        "",
        `${n} RST, RST|ACK, SYN and data segments with guessed sequence numbers into 4 live connections: ${out["blind.connectionsSurvived"]} of 4 survived with every byte echoed afterwards; peak dataplane RSS ${out["blind.peakRssMiB"].toFixed(1)} MiB.`,
        "",
      );
    } finally {
      await held.close();
    }

    // 4. Restarts, timed from the kill to the first fresh connection echoed.
    const times: Record<string, number[]> = { nats: [], nic: [], app: [] };
    for (let i = 0; i < rounds; i++) {
      for (const part of ["nats", "nic", "app"] as const) {
        const t = performance.now();
        if (part === "nats") await cluster.nats.restart();
        else await cluster.restartService(part, "SIGKILL");
        const probe = await probeRecovery(NS);
        times[part].push(probe.ok ? (performance.now() - t) / 1000 : Infinity);
      }
    }
    md.push(
      "## Restarts (kill to first fresh connection echoed; goal < 5 s)",
      "",
      "| part | median s | max s | rounds |",
      "|---|---|---|---|",
    );
    for (const [part, ts] of Object.entries(times)) {
      out[`restart.${part}.medianS`] = median(ts);
      md.push(`| ${part} | ${median(ts).toFixed(2)} | ${Math.max(...ts).toFixed(2)} | ${ts.length} |`);
    }
    md.push("");
  } finally {
    await attacker.close();
    await cluster.stop();
  }
  const header = [
    "# Robustness",
    "",
    `Machine: ${cpus()[0]?.model ?? "?"}, ${cpus().length} cores; Node ${process.version}; ${new Date().toISOString()}${opts.quick ? " (quick)" : ""}. Everything (nats-server, NIC, 2 cores, app, clients, attacker) shares these cores, so rates are relative.`,
    "",
    `Undisturbed echo: ${out["baseline.echoMBps"].toFixed(2)} MB/s; dataplane RSS at rest ${out["baseline.dataplaneRssMiB"].toFixed(1)} MiB (both cores).`,
    "",
  ];
  const dir = join(import.meta.dirname, "..", "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "robustness.md"), [...header, ...md].join("\n"));
  return out;
}
