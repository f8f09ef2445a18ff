// @ix/app: application protocol logic as transport-independent sessions
// (bytes in, reply views out) plus a node:net baseline server using them.
// The processes are src/main.ts (the app on IX: libix, one session per
// connection, ix-app.ts) and src/net-main.ts (the same sessions on node:net,
// the Linux baseline). Exports: the memcached ASCII protocol (parser, store
// with memcached's item accounting and stats, commands, per-connection
// session), the echo session, the Session interface every transport drives,
// and startNetServer.
export { MemcachedStore, StoreStats, ClassStats, REALTIME_MAXDELTA } from "./memcached/store.ts";
export type { StoreOptions } from "./memcached/store.ts";
export { MemcachedSession } from "./memcached/session.ts";

export { MemcachedParser, MemcachedRequest, Op, MAX_KEY_LENGTH } from "./memcached/parser.ts";
export type { OpCode, ParserLimits } from "./memcached/parser.ts";
export { executeRequest } from "./memcached/commands.ts";
export type { ReplySink } from "./memcached/commands.ts";
export { ItemDraft, itemTotalSize, DEFAULT_ITEM_SIZE_MAX, NIL_REF } from "./memcached/item.ts";
export type { ItemRef } from "./memcached/item.ts";
export type { Session, ReplyOut, SessionStatus } from "./session.ts";
export { EchoSession, echoDatagram } from "./echo.ts";
export { startNetServer } from "./net-server.ts";
export type { AppProtocol, NetServer, NetServerOptions } from "./net-server.ts";
