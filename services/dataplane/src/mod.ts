// @ix/dataplane: one IX dataplane core as a process (src/main.ts, started by
// lib/cluster and deploy/): the run-to-completion cycle with adaptive batching
// (elastic-thread.ts) over lib/netstack, fed by the NIC's queue and the app's
// batched syscalls over NATS, controlled by IXCP. Its contract with the other
// processes is proto/ix.proto on the subjects of @ix/bus, plus its Prometheus
// /metrics (metrics.ts); no other package imports its code.
//
// What it exports: MAX_BATCH_SIZE, IX's bound on B (npm start checks --batch
// against it before starting any core), and DEFAULT_POLL_US, the measured
// default of --poll-us (the bench's latency floor reports the variant a user
// gets by default). The cycle's parts (ElasticThread, BatchLimit,
// QueueMetrics, RxQueue, TxBatch, executeBatch, encodeEvent, ...) are internal
// to the process; this package's tests import them by path. A name belongs
// here once another package needs it.
export { MAX_BATCH_SIZE } from "./batch-limit.ts";
export { DEFAULT_POLL_US } from "./config.ts";
