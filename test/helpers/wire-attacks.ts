// Attacks from the wire through the real cluster (NIC -> cores), sent by a
// host on the NATS L2 segment: malformed frames of every layer, a SYN flood
// from spoofed sources, and blind RST/SYN/data injection into live Linux
// connections. Every loop is bounded in count and time.
import { HOST_IP, HOST_MAC, LINUX_IP, type Cluster } from "@ix/cluster";
import { Rng, TcpFlag, parseIpv4, parseMac } from "@ix/netstack";
import { L2Host, tcpFrame } from "./l2-host.ts";
import { KIND_NAMES, malformedFrames, type Endpoints } from "./malformed-frames.ts";
import { dropsByReason, total } from "./robustness.ts";

export const ATTACKER_IP = parseIpv4("10.77.0.66");
export const ATTACKER_MAC = parseMac("02:00:00:00:66:01");
const hostMac = parseMac(HOST_MAC);
const hostIp = parseIpv4(HOST_IP);

export const openAttacker = (c: Cluster, name = "attacker"): Promise<L2Host> =>
  L2Host.open(c.env("host"), name, ATTACKER_IP, ATTACKER_MAC);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface KindResult {
  sent: number;
  /** Drops the cores and the NIC counted while this kind was sent. */
  counted: number;
}

/**
 * Sends `perKind` frames of every malformed kind, one kind after the other, in
 * bursts of `burst` paced `gapMs` apart; returns what was sent and counted per kind.
 */
export async function malformedAttack(
  c: Cluster,
  host: L2Host,
  o: { perKind: number; burst: number; gapMs: number; seed?: number; settleMs?: number },
): Promise<Record<string, KindResult>> {
  const e: Endpoints = { dstMac: hostMac, srcMac: host.mac, dstIp: hostIp, srcIp: host.ip };
  const out: Record<string, KindResult> = {};
  for (const [i, kind] of KIND_NAMES.entries()) {
    const before = total(await dropsByReason(c));
    let sent = 0;
    while (sent < o.perKind) {
      const n = Math.min(o.burst, o.perKind - sent);
      host.send(malformedFrames(kind, n, e, (o.seed ?? 1) * 1000 + i * 100_000 + sent));
      sent += n;
      await sleep(o.gapMs);
    }
    await host.nc.flush();
    await sleep(o.settleMs ?? 100);
    // The cores may still be working through the burst (a loaded machine):
    // read until every frame is counted, or the count has not moved for 3 s
    // (kinds that may be answered are never all counted), at most 30 s.
    let counted = total(await dropsByReason(c)) - before;
    for (let quietSince = Date.now(), end = Date.now() + 30_000; counted < sent && Date.now() < end;) {
      await sleep(100);
      const now = total(await dropsByReason(c)) - before;
      if (now !== counted) quietSince = Date.now();
      else if (Date.now() - quietSince >= 3000) break;
      counted = now;
    }
    out[kind] = { sent, counted };
  }
  return out;
}

/** SYNs to the echo port from random spoofed sources in 10.77.0.100-249, `rate` per second, until stopped. */
export function synFlood(host: L2Host, rate: number, seed = 5): { stop(): Promise<number> } {
  const rng = new Rng(seed);
  const perTick = Math.max(1, Math.round(rate / 100));
  let sent = 0;
  const timer = setInterval(() => {
    const frames: Uint8Array[] = [];
    for (let i = 0; i < perTick; i++) {
      frames.push(
        tcpFrame({
          dstMac: hostMac,
          srcMac: host.mac,
          srcIp: parseIpv4(`10.77.0.${100 + rng.int(150)}`),
          dstIp: hostIp,
          srcPort: 1024 + rng.int(64000),
          dstPort: 7,
          seq: rng.nextU32(),
          ack: 0,
          flags: TcpFlag.SYN,
          wnd: 65535,
          options: { mss: 1460 },
        }),
      );
    }
    host.send(frames);
    sent += frames.length;
  }, 10);
  return {
    stop: async () => {
      clearInterval(timer);
      await host.nc.flush();
      return sent;
    },
  };
}

/**
 * Blind injection into live Linux connections (RFC 5961's attacker: knows the
 * 4-tuple, guesses the sequence numbers): per port, `n` RSTs, `n` SYNs and `n`
 * data segments with random seq/ack, spoofed from Linux's address.
 */
export function blindInjection(host: L2Host, ports: number[], n: number, seed = 9): number {
  const rng = new Rng(seed);
  const linuxIp = parseIpv4(LINUX_IP);
  const junk = new Uint8Array(100).fill(0x21);
  let sent = 0;
  for (const port of ports) {
    const frames: Uint8Array[] = [];
    for (let i = 0; i < n; i++) {
      for (const [flags, data] of [
        [TcpFlag.RST, undefined],
        [TcpFlag.RST | TcpFlag.ACK, undefined],
        [TcpFlag.SYN, undefined],
        [TcpFlag.ACK | TcpFlag.PSH, junk],
      ] as const) {
        frames.push(
          tcpFrame({
            dstMac: hostMac,
            srcMac: host.mac,
            srcIp: linuxIp,
            dstIp: hostIp,
            srcPort: port,
            dstPort: 7,
            seq: rng.nextU32(),
            ack: rng.nextU32(),
            flags,
            wnd: 65535,
            data,
          }),
        );
      }
    }
    for (let i = 0; i < frames.length; i += 200) host.send(frames.slice(i, i + 200));
    sent += frames.length;
  }
  return sent;
}
