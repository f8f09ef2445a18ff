export * from "./elastic-thread.ts";
export * from "./queue-metrics.ts";
export * from "./rx-queue.ts";
export * from "./syscalls.ts";
export * from "./events.ts";
