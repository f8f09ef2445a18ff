// Per-core view of the dataplane: the queue signals IXCP decides on (queue
// EMA by alpha, queuing delay, idle fraction), IX's adaptive batching and the
// per-core mbuf pool.
import { dashboard } from "./lib.ts";

const sel = '{core=~"$core"}';

export const cores = dashboard({
  uid: "ix-cores",
  title: "IX cores",
  description:
    "Per dataplane core: queue EMA by alpha, queuing delay, batch size, idle fraction and cycle rate.",
  variables: [{ name: "core", label: "core", query: "label_values(ix_dp_active, core)" }],
  panels: [
    {
      title: "Queue size EMA",
      description: "Moving average of frames processed plus waiting per cycle, one line per core and alpha.",
      queries: [{ expr: `ix_dp_queue_ema${sel}`, legend: "core {{core}} α={{alpha}}" }],
    },
    {
      title: "Queuing delay",
      description: "Age of the oldest waiting frame over the last 10 ms window.",
      unit: "µs",
      min: 0,
      queries: [{ expr: `ix_dp_queuing_delay_us${sel}`, legend: "core {{core}}" }],
    },
    {
      title: "Batch size",
      description: "Mean frames per run-to-completion cycle (adaptive batching), against the bound B.",
      min: 0,
      queries: [
        { expr: `ix_dp_batch_size${sel}`, legend: "core {{core}}" },
        { expr: `max(ix_dp_batch_limit${sel})`, legend: "B" },
      ],
    },
    {
      title: "Idle fraction",
      description: "Fraction of the last 10 ms window each core spent idle.",
      unit: "percentunit",
      min: 0,
      max: 1,
      queries: [{ expr: `ix_dp_idle_fraction${sel}`, legend: "core {{core}}" }],
    },
    {
      title: "Busy cycles per second",
      queries: [{ expr: `ix_dp_cycles_per_second${sel}`, legend: "core {{core}}" }],
    },
    {
      title: "Active and flow groups",
      description:
        "1 when the core is an active elastic thread; the flow groups it owns (right after a migration they move).",
      queries: [
        { expr: `ix_dp_active${sel}`, legend: "active core {{core}}" },
        { expr: `ix_dp_flow_groups${sel}`, legend: "flow groups core {{core}}" },
      ],
    },
    {
      title: "RX backlog",
      description: "Frames waiting in each core's RX ring.",
      queries: [{ expr: `ix_dp_rx_backlog${sel}`, legend: "core {{core}}" }],
    },
    {
      title: "Mbufs",
      description:
        "Each core's packet buffers (IX's per-core mbuf pool, 2 KiB each, for RX and TX): in use now, the high-water mark, and the budget (--mbufs). Use at the budget means frames are being dropped.",
      min: 0,
      queries: [
        { expr: `ix_dp_mbufs_in_use${sel}`, legend: "in use core {{core}}" },
        { expr: `ix_dp_mbufs_high_water${sel}`, legend: "high water core {{core}}" },
        { expr: `ix_dp_mbufs_capacity${sel}`, legend: "budget core {{core}}" },
      ],
    },
    {
      title: "Mbuf allocation failures by reason",
      description:
        "Frames dropped because no mbuf was free (rx/tx_exhausted: the pool never grows) or the frame was larger than an mbuf (rx/tx_oversize); zero included.",
      unit: "pps",
      queries: [
        {
          expr: `sum by (core, reason) (rate(ix_dp_mbuf_alloc_failures_total${sel}[$__rate_interval]))`,
          legend: "core {{core}} {{reason}}",
        },
      ],
    },
    {
      title: "Drops by reason",
      description: "Every reason a core counts, zero included (a flat line says the path is watched and clean).",
      unit: "pps",
      queries: [
        {
          expr: `sum by (core, reason) (rate(ix_dp_drops_total${sel}[$__rate_interval]))`,
          legend: "core {{core}} {{reason}}",
        },
      ],
    },
  ],
});
