// Public surface of @ix/netstack: wire views and emitters, RSS, device tools,
// utilities, the TCP building blocks and the Stack with IX's native API.

export * from "./wire/errors.ts";
export * from "./wire/addr.ts";
export * from "./wire/checksum.ts";
export * from "./wire/ethernet.ts";
export * from "./wire/arp.ts";
export * from "./wire/ipv4.ts";
export * from "./wire/icmp.ts";
export * from "./wire/udp.ts";
export * from "./wire/tcp.ts";
export * from "./rss/toeplitz.ts";
export * from "./device/rng.ts";
export * from "./device/pcap.ts";
export * from "./device/fault-injector.ts";
export * from "./util/timer-wheel.ts";
export * from "./util/buffer-pool.ts";
export * from "./util/bytes.ts";

export * from "./tcp/seq.ts";
export * from "./tcp/rtt.ts";
export * from "./tcp/congestion.ts";
export * from "./tcp/reassembly.ts";
export * from "./tcp/send-buffer.ts";
export * from "./tcp/syn-cookie.ts";
export * from "./tcp/config.ts";
export { Tcb, TcpState, TCP_STATE_NAMES, type TcpStateCode } from "./tcp/tcb.ts";

export * from "./counters.ts";
export * from "./iface/errors.ts";
export type * from "./iface/events.ts";
export { DEFAULT_ARP_CONFIG, type ArpConfig } from "./iface/arp-cache.ts";
export type { StackOptions } from "./iface/options.ts";
export { HANDLE_FG_SCALE } from "./handle.ts";
export { Stack } from "./iface/stack.ts";
