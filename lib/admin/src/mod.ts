export * from "./admin-server.ts";
