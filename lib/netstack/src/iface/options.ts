// Construction options of a Stack and their defaults.

import { DEFAULT_TCP_CONFIG, type TcpConfig } from "../tcp/config.ts";
import type { RxBufferOwner } from "../util/rx-buffers.ts";
import { DEFAULT_ARP_CONFIG, type ArpConfig } from "./arp-cache.ts";
import { DEFAULT_ICMP_RATE_LIMIT, type IcmpRateLimit } from "./icmp-errors.ts";
import { DEFAULT_REASSEMBLY_CONFIG, type ReassemblyConfig } from "./ip-reassembly.ts";

export interface StackOptions {
  mac: Uint8Array;
  /** Our IPv4 address as an unsigned 32-bit number. */
  ip: number;
  /** Current time in microseconds (read once per entry point). */
  clock: () => number;
  /**
   * Receives every outgoing Ethernet frame. The frame is BORROWED: it is only
   * valid during the call (the stack reuses the buffer afterwards), so a caller
   * that keeps it (queue, fault injector) must copy it. transmit must not call
   * back into the stack.
   */
  transmit: (frame: Uint8Array) => void;
  rssKey?: Uint8Array;
  /** RETA size: number of flow groups, a power of two in 8..512 (default 128). */
  retaSize?: number;
  /** Flow groups owned at start (default: all). */
  ownedFlowGroups?: Iterable<number>;
  /**
   * Who owns the memory of received frames (a dataplane's mbuf pool): the
   * stack retains each view of a received frame it keeps past input() (recv
   * and udpRecv event data, data before accept, out-of-order segments) and
   * releases it when it drops it; whoever drains `events` releases the data
   * of the recv and udpRecv events it took (releaseEventData). Default: none
   * (views are garbage-collected memory). See util/rx-buffers.ts.
   */
  rxBuffers?: RxBufferOwner;
  /** Buffers for frames held while ARP resolves (default 256 x 2048 bytes). */
  bufferPool?: { count: number; size: number };
  /** Passive connections in SYN_RECEIVED before SYN cookies are used (default 128). */
  synBacklog?: number;
  /** Established connections waiting for accept() before new SYNs are dropped (default 1024). */
  acceptBacklog?: number;
  /** Connections in all flow groups before new ones are refused (default 65536). */
  maxConnections?: number;
  /** MSS we advertise (default 1460). */
  mss?: number;
  /** Other TCP tunables. */
  tcp?: Partial<TcpConfig>;
  arp?: Partial<ArpConfig>;
  /** Key for ISNs and SYN cookies (RFC 6528); pass a random value in production. Default 0x1badcafe. */
  secret?: number;
  /** Ephemeral port range for connect() (default 49152..65535). */
  ephemeralPorts?: [number, number];
  /**
   * Debug/test only: when input() is given the NIC's flow group, hash the
   * segment again and drop it (counted as dropTcpFlowGroupMismatch) if the two
   * disagree. Off in production: the NIC's RSS result is the one source of
   * truth and recomputing it per segment is the cost this avoids.
   */
  verifyFlowGroup?: boolean;
  /** IPv4 reassembly limits (default 30 s, 4 MiB, 256 datagrams; see ip-reassembly.ts). */
  ipReassembly?: Partial<ReassemblyConfig>;
  /** Token bucket of the ICMP errors the stack sends (default 1 per 1000 ms, burst 6; see icmp-errors.ts). */
  icmpRateLimit?: Partial<IcmpRateLimit>;
}

export interface ResolvedOptions {
  retaSize: number;
  synBacklog: number;
  acceptBacklog: number;
  maxConnections: number;
  tcp: TcpConfig;
  arp: ArpConfig;
  secret: number;
  ephemeralLo: number;
  ephemeralHi: number;
  poolCount: number;
  poolSize: number;
  verifyFlowGroup: boolean;
  ipReassembly: ReassemblyConfig;
  icmpRateLimit: IcmpRateLimit;
}

/** Validates options (throws RangeError: construction is configuration time). */
export function resolveOptions(o: StackOptions): ResolvedOptions {
  const retaSize = o.retaSize ?? 128;
  if (!Number.isInteger(retaSize) || retaSize < 8 || retaSize > 512 || (retaSize & (retaSize - 1)) !== 0) {
    throw new RangeError("retaSize must be a power of two in 8..512");
  }
  if (!(o.mac instanceof Uint8Array) || o.mac.length !== 6) throw new RangeError("mac must be 6 bytes");
  if (!Number.isInteger(o.ip) || o.ip <= 0 || o.ip > 0xffffffff) throw new RangeError("ip must be a u32");
  const tcp: TcpConfig = { ...DEFAULT_TCP_CONFIG, ...o.tcp };
  if (o.mss !== undefined) tcp.mss = o.mss;
  if (!Number.isInteger(tcp.mss) || tcp.mss < 64 || tcp.mss > 1460)
    throw new RangeError("mss must be in 64..1460");
  const [lo, hi] = o.ephemeralPorts ?? [49152, 65535];
  if (!(lo >= 1 && hi <= 65535 && lo <= hi)) throw new RangeError("bad ephemeral port range");
  return {
    retaSize,
    synBacklog: o.synBacklog ?? 128,
    acceptBacklog: o.acceptBacklog ?? 1024,
    maxConnections: o.maxConnections ?? 65536,
    tcp,
    arp: { ...DEFAULT_ARP_CONFIG, ...o.arp },
    secret: o.secret ?? 0x1badcafe,
    ephemeralLo: lo,
    ephemeralHi: hi,
    poolCount: o.bufferPool?.count ?? 256,
    poolSize: o.bufferPool?.size ?? 2048,
    verifyFlowGroup: o.verifyFlowGroup ?? false,
    ipReassembly: { ...DEFAULT_REASSEMBLY_CONFIG, ...o.ipReassembly },
    icmpRateLimit: { ...DEFAULT_ICMP_RATE_LIMIT, ...o.icmpRateLimit },
  };
}
