// Prometheus metrics of the NIC. The datapath keeps plain number counters (no
// label lookups per frame); these collectors copy them at scrape time.
import { Counter, Gauge, type Registry } from "prom-client";
import { CONTROL_OPS, type NicControl } from "./control.ts";
import { DROP_REASONS, WIRE_SIDES, type Nic } from "./nic.ts";

const FAULT_KINDS = ["lost", "duplicated", "reordered", "corrupted"] as const;

export interface MetricSources {
  nic: Nic;
  control?: NicControl;
  /** Datagrams the UDP wire failed to send. */
  udpSendErrors?: () => number;
  /** Frames the TAP wire failed to write (wire-tap.ts). */
  tapSendErrors?: () => number;
}

/** A counter whose value is read from the datapath at scrape time. */
function mirrored(
  registry: Registry,
  name: string,
  help: string,
  labelNames: string[],
  read: (set: (labels: Record<string, string>, v: number) => void) => void,
): void {
  new Counter({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      read((labels, v) => this.inc(labels, v));
    },
  });
}

function gauge(
  registry: Registry,
  name: string,
  help: string,
  labelNames: string[],
  read: (set: (labels: Record<string, string>, v: number) => void) => void,
): void {
  new Gauge({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      read((labels, v) => this.set(labels, v));
    },
  });
}

export function registerNicMetrics(registry: Registry, src: MetricSources): void {
  const { nic } = src;
  const perQueue = (f: (q: number) => number) => (set: (l: Record<string, string>, v: number) => void) => {
    for (let q = 0; q < nic.queues; q++) set({ queue: String(q) }, f(q));
  };
  mirrored(
    registry,
    "ix_nic_rx_frames_total",
    "Frames delivered to an RX queue",
    ["queue"],
    perQueue((q) => nic.rings[q].delivered),
  );
  mirrored(
    registry,
    "ix_nic_rx_bytes_total",
    "Bytes delivered to an RX queue",
    ["queue"],
    perQueue((q) => nic.rxBytes[q]),
  );
  mirrored(
    registry,
    "ix_nic_tx_frames_total",
    "Frames transmitted from a TX queue",
    ["queue"],
    perQueue((q) => nic.txFrames[q]),
  );
  mirrored(
    registry,
    "ix_nic_tx_bytes_total",
    "Bytes transmitted from a TX queue",
    ["queue"],
    perQueue((q) => nic.txBytes[q]),
  );
  mirrored(
    registry,
    "ix_nic_rx_missed_total",
    "Frames dropped because the RX ring had no free descriptor",
    ["queue"],
    perQueue((q) => nic.rings[q].missed),
  );
  mirrored(
    registry,
    "ix_nic_excess_credits_total",
    "Descriptors credited beyond those in use (ignored)",
    ["queue"],
    perQueue((q) => nic.rings[q].excessCredits),
  );
  mirrored(
    registry,
    "ix_nic_rx_bursts_total",
    "RX bursts (messages) sent to the core; frames per burst = ix_nic_rx_frames_total / this",
    ["queue"],
    perQueue((q) => nic.rxBursts[q]),
  );
  mirrored(
    registry,
    "ix_nic_rx_credit_rearms_total",
    "Times a queue waited the credit timeout for its core's credits and was re-armed (lost TxBurst, restarted core)",
    ["queue"],
    perQueue((q) => nic.clocks[q].rearms),
  );
  gauge(
    registry,
    "ix_nic_rx_waiting",
    "Frames waiting in the RX ring for the core's credits (self-clocking)",
    ["queue"],
    perQueue((q) => nic.waiting(q)),
  );
  gauge(
    registry,
    "ix_nic_ring_free",
    "Free RX descriptors",
    ["queue"],
    perQueue((q) => nic.rings[q].free),
  );
  mirrored(registry, "ix_nic_drops_total", "Frames or messages dropped, by reason", ["reason"], (set) => {
    for (const r of DROP_REASONS) set({ reason: r }, nic.drops[r]);
    if (src.udpSendErrors) set({ reason: "udp_send_error" }, src.udpSendErrors());
    if (src.tapSendErrors) set({ reason: "tap_write_error" }, src.tapSendErrors());
  });
  mirrored(
    registry,
    "ix_nic_wire_frames_total",
    "Frames on the wire ports (in: received; out: sent), by side",
    ["direction", "side"],
    (set) => {
      WIRE_SIDES.forEach((side, i) => {
        set({ direction: "in", side }, nic.wireIn[i]);
        set({ direction: "out", side }, nic.wireOut[i]);
      });
    },
  );
  mirrored(
    registry,
    "ix_nic_fault_events_total",
    "Injected wire faults, by direction and kind",
    ["direction", "kind"],
    (set) => {
      for (const [direction, inj] of [
        ["in", nic.faultIn],
        ["out", nic.faultOut],
      ] as const) {
        for (const kind of FAULT_KINDS) set({ direction, kind }, inj.counters[kind]);
      }
    },
  );
  gauge(registry, "ix_nic_reta_queue", "Queue serving each flow group (the RETA)", ["flow_group"], (set) => {
    const reta = nic.classifier.reta;
    for (let fg = 0; fg < reta.length; fg++) set({ flow_group: String(fg) }, reta[fg]);
  });
  mirrored(
    registry,
    "ix_nic_arp_replies_total",
    "ARP requests answered by the NIC (ARP offload)",
    [],
    (set) => set({}, nic.arp.replies),
  );
  const control = src.control;
  if (control) {
    mirrored(
      registry,
      "ix_nic_control_errors_total",
      "Control requests refused (malformed or invalid), by operation",
      ["op"],
      (set) => {
        for (const op of CONTROL_OPS) set({ op }, control.errors[op]);
      },
    );
  }
}
