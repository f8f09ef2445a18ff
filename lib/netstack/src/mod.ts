// @ix/netstack: a pure userspace TCP/IP stack in the shape of smoltcp (design
// and conventions: docs/netstack.md). Frames and the time go in, frames and
// events come out; no sockets, no NATS, no timers of its own.
//
// Exports, by layer:
// - wire: zero-copy views (XxxView.parse/reset) and in-place emitters
//   (emitXxx) for Ethernet, ARP, IPv4, ICMP, UDP and TCP, address and
//   checksum helpers, and WireError for malformed input;
// - rss: the Toeplitz hash (Microsoft's RSS specification) and flowGroupOf,
//   the NIC's classification that the cores and ixctl repeat;
// - device: a seeded Rng, a pcap writer and the fault injector that sits
//   between a stack and its wire in tests and the NIC;
// - the Stack with IX's native API (syscalls returning counts or -Errno,
//   events in stack.events), its options, events, errors and counters, and
//   HANDLE_FG_SCALE (the handle encoding the dataplane and libix share).
// The TCP building blocks (Tcb, sequence arithmetic, RTT, congestion,
// reassembly, send buffer, SYN cookies) and the utilities (timer wheel,
// buffer pool, byte reader/writer) are internal: the package's own tests
// import them by path.

export { WireError, wireErrorName, type WireErrorCode } from "./wire/errors.ts";
export {
  parseIpv4,
  formatIpv4,
  parseMac,
  formatMac,
  BROADCAST_MAC,
  macEquals,
  readU16,
  readU32,
  writeU16,
  writeU32,
} from "./wire/addr.ts";
export { onesSum, foldChecksum, pseudoHeaderSum } from "./wire/checksum.ts";
export { ETH_HEADER_LEN, EtherType, EthernetView, emitEthernet } from "./wire/ethernet.ts";
export { ARP_LEN, ArpOp, ArpView, emitArp, type ArpEmitFields } from "./wire/arp.ts";
export {
  IPV4_MIN_HEADER_LEN,
  IpProtocol,
  Ipv4View,
  emitIpv4Header,
  type Ipv4EmitFields,
} from "./wire/ipv4.ts";
export {
  IcmpType,
  IcmpUnreachCode,
  IcmpTimeExceededCode,
  ICMP_HEADER_LEN,
  ICMP_ERROR_MAX_DATAGRAM,
  IcmpView,
  emitIcmpEcho,
  emitIcmpError,
  isIcmpError,
  type IcmpQuote,
} from "./wire/icmp.ts";
export { UDP_HEADER_LEN, UdpView, emitUdp, type UdpEmitHeader } from "./wire/udp.ts";
export {
  TCP_MIN_HEADER_LEN,
  TcpFlag,
  TcpView,
  tcpOptionsLength,
  emitTcp,
  type TcpEmitOptions,
  type TcpEmitHeader,
} from "./wire/tcp.ts";

export { DEFAULT_RSS_KEY, MICROSOFT_RSS_KEY, Toeplitz, flowGroupOf } from "./rss/toeplitz.ts";

export { Rng } from "./device/rng.ts";
export { PCAP_GLOBAL_HEADER_LEN, PCAP_RECORD_HEADER_LEN, PcapWriter } from "./device/pcap.ts";
export {
  REORDER_HOLD_US,
  FaultInjector,
  type FaultConfig,
  type FaultCounters,
} from "./device/fault-injector.ts";

export {
  DEFAULT_REASSEMBLY_CONFIG,
  FRAGMENT_OVERHEAD,
  type ReassemblyConfig,
} from "./iface/ip-reassembly.ts";
export { DEFAULT_ICMP_RATE_LIMIT, icmpErrorAllowed, type IcmpRateLimit } from "./iface/icmp-errors.ts";
export { MTU, MAX_IP_PAYLOAD } from "./iface/egress.ts";
export { Stack } from "./iface/stack.ts";
export type { StackOptions } from "./iface/options.ts";
export { releaseEventData, UNOWNED_RX_BUFFERS, type RxBufferOwner } from "./util/rx-buffers.ts";
export { DEFAULT_TCP_CONFIG, type TcpConfig } from "./tcp/config.ts";
export { DEFAULT_ARP_CONFIG, type ArpConfig } from "./iface/arp-cache.ts";
export type {
  DeadReason,
  KnockEvent,
  ConnectedEvent,
  RecvEvent,
  SentEvent,
  DeadEvent,
  UdpRecvEvent,
  UdpSentEvent,
  StackEvent,
} from "./iface/events.ts";
export { Errno, errnoName, type ErrnoName } from "./iface/errors.ts";
export { totalDrops, type Counters, type CounterName } from "./counters.ts";
export { HANDLE_FG_SCALE } from "./handle.ts";
