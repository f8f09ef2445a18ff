export * from "./cluster.ts";
export * from "./process.ts";
export * from "./tap.ts";
