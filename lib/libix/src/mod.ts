export * from "./conn.ts";
export * from "./user-thread.ts";
export * from "./syscall-batch.ts";
export * from "./ixev.ts";
export * from "./core-liveness.ts";
