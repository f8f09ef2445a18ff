// Every NATS subject of the cluster, in one place. docs/architecture.md shows
// who publishes and who subscribes; lib/bus/src/permissions.ts turns the same
// names into the NATS server's authorization rules.

/** The L2 segment where userspace client hosts attach: host -> NIC wire port. */
export const l2Tx = (host: string): string => `ix.l2.tx.${host}`;
/** NIC wire port -> every host on the segment (hosts filter by destination MAC). */
export const L2_RX = "ix.l2.rx";

/** NIC -> dataplane core: RxBurst of queue q. */
export const nicRx = (queue: number): string => `ix.nic.rx.${queue}`;
/** Dataplane core -> NIC: TxBurst on queue q (frames to send and RX credits, one message per cycle). */
export const nicTx = (queue: number): string => `ix.nic.tx.${queue}`;
/** Control of the NIC (request/reply). reta.set is reserved to IXCP. */
export const NIC_RETA_GET = "ix.nic.ctl.reta.get";
export const NIC_RETA_SET = "ix.nic.ctl.reta.set";
export const NIC_FAULT = "ix.nic.ctl.fault";
export const NIC_CAPTURE = "ix.nic.ctl.capture";
export const NIC_STATUS = "ix.nic.ctl.status";

/** App -> its elastic thread on core c: SyscallBatch. */
export const coreSys = (core: number): string => `ix.core.${core}.sys`;
/** Elastic thread on core c -> app: EventBatch. */
export const coreEvt = (core: number): string => `ix.core.${core}.evt`;
/** IXCP -> core c: CoreCommand (request/reply). */
export const coreCtl = (core: number): string => `ix.core.${core}.ctl`;
/** Core -> core c: Migration (flow-group state, forwarded frames, READY). */
export const coreMigrate = (core: number): string => `ix.core.${core}.migrate`;

/** ixctl and other admin tools -> IXCP (request/reply, JSON bodies). */
export const ixcpAdmin = (verb: string): string => `ix.ixcp.admin.${verb}`;
/** IXCP -> anyone watching: one JSON line per decision. */
export const IXCP_DECISIONS = "ix.ixcp.decisions";

/** Heartbeat of component `id` of kind `kind`, every second. */
export const status = (kind: string, id: string | number): string => `ix.status.${kind}.${id}`;
