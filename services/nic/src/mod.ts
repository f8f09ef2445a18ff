export * from "./nic.ts";
export * from "./config.ts";
export * from "./rss-classifier.ts";
export * from "./rx-ring.ts";
export * from "./arp-offload.ts";
export * from "./capture.ts";
export { NicControl, ERROR_HEADER, MSG_TYPE_HEADER, nicStatus, retaMessage, faultState } from "./control.ts";
export { parseRetaSet, type RetaSet } from "./reta-message.ts";
