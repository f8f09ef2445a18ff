// The emulated multi-queue NIC: per-queue RX/TX rates, where frames are
// dropped, and the RSS redirection table (RETA) as IXCP reprograms it.
import { dashboard } from "./lib.ts";

export const nic = dashboard({
  uid: "ix-nic",
  title: "IX NIC",
  description:
    "Per-queue RX/TX frame rates, drops (rx_missed and by reason), ring occupancy and the RETA over time.",
  panels: [
    {
      title: "RX frames per queue",
      unit: "pps",
      queries: [
        { expr: "sum by (queue) (rate(ix_nic_rx_frames_total[$__rate_interval]))", legend: "rx q{{queue}}" },
      ],
    },
    {
      title: "TX frames per queue",
      unit: "pps",
      queries: [
        { expr: "sum by (queue) (rate(ix_nic_tx_frames_total[$__rate_interval]))", legend: "tx q{{queue}}" },
      ],
    },
    {
      title: "RX missed per queue",
      description: "Frames dropped because the queue's ring had no free descriptor (the 82599's RXMPC).",
      unit: "pps",
      queries: [
        {
          expr: "sum by (queue) (rate(ix_nic_rx_missed_total[$__rate_interval]))",
          legend: "missed q{{queue}}",
        },
      ],
    },
    {
      title: "Drops by reason",
      unit: "pps",
      queries: [
        { expr: "sum by (reason) (rate(ix_nic_drops_total[$__rate_interval]))", legend: "{{reason}}" },
      ],
    },
    {
      title: "Free RX descriptors per queue",
      queries: [{ expr: "ix_nic_ring_free", legend: "q{{queue}}" }],
    },
    {
      title: "Wire frames",
      description: "Frames on the wire ports (NATS L2 segment, UDP/TAP) by direction.",
      unit: "pps",
      queries: [
        {
          expr: "sum by (direction, side) (rate(ix_nic_wire_frames_total[$__rate_interval]))",
          legend: "{{side}} {{direction}}",
        },
      ],
    },
    {
      title: "Flow groups per queue (RETA)",
      description:
        "How many RETA entries point at each queue: IXCP moves flow groups when it adds or removes cores.",
      stack: true,
      queries: [{ expr: 'count_values("queue", ix_nic_reta_queue)', legend: "q{{queue}}" }],
    },
    {
      title: "Injected faults",
      unit: "pps",
      queries: [
        {
          expr: "sum by (direction, kind) (rate(ix_nic_fault_events_total[$__rate_interval]))",
          legend: "{{direction}} {{kind}}",
        },
      ],
    },
    {
      title: "RETA over time",
      description: "The queue each flow group is steered to, one row per flow group.",
      type: "state-timeline",
      w: 24,
      h: 16,
      queries: [{ expr: "ix_nic_reta_queue", legend: "fg {{flow_group}}" }],
    },
  ],
});
