// Public surface of @ix/dataplane: the cycle and its parts, for tests and
// tools that drive a core without the bus (the service itself is main.ts).
export {
  ElasticThread,
  newCycleStats,
  type CycleStack,
  type RxSource,
  type TxSink,
  type SyscallSource,
  type ControlPoint,
  type RxFilter,
  type EventSink,
  type ElasticThreadParts,
  type CycleStats,
} from "./elastic-thread.ts";
export { BatchLimit, MAX_BATCH_SIZE } from "./batch-limit.ts";
export { QueueMetrics, WINDOW_US, EMA_ALPHAS } from "./queue-metrics.ts";
export { RxQueue } from "./rx-queue.ts";
export { TxBatch } from "./tx-batch.ts";
export * from "./syscalls.ts";
export * from "./events.ts";
