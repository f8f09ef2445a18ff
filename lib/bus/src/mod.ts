export * as subjects from "./subjects.ts";
export * from "./permissions.ts";
export * from "./credentials.ts";
export * from "./connect.ts";
export * from "./nats-server.ts";
export * from "./reta.ts";
export type { RxFrame } from "./frame.ts";
export {
  RSS_OPTIONS,
  MAX_QUEUES,
  ConfigError,
  parseQueues,
  parseRetaSize,
  parseRssKey,
  loadRssConfig,
} from "./rss-config.ts";
export type { RssOptionName, RssConfig } from "./rss-config.ts";
