// @ix/nic: the multi-queue NIC emulator (README.md). The process is
// src/main.ts; this module is the part a harness can embed or drive:
// - Nic: the datapath without NATS or sockets (faults, MAC filter, ARP
//   offload, RSS, RX rings, batching), built from NicOptions, fed through a
//   WirePort; its counters and DROP_REASONS;
// - loadConfig/USAGE: flags and environment into a NicConfig;
// - NicControl and the reply builders of the control subjects
//   (ix.nic.ctl.*: RETA get/set, faults, captures, status), parseRetaSet.
// The classifier, rings, ARP offload, capture sessions, wire sides and the
// dataplane port are internal (the package's tests import them by path).
export {
  WIRE_SIDES,
  WireSide,
  DROP_REASONS,
  MAX_FRAME_LEN,
  Nic,
  type WirePort,
  type DropReason,
  type NicOptions,
} from "./nic.ts";
export { USAGE, parseUdpAddress, loadConfig, type UdpAddress, type NicConfig } from "./config.ts";
export { NicControl, nicStatus, retaMessage, faultState } from "./control.ts";
export { parseRetaSet, type RetaSet } from "./reta-message.ts";
