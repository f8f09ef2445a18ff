// The plain-Linux baseline: the same sessions behind a node:net server, i.e.
// what a user would run instead of IX. Replies produced by one 'data' event
// are sent together (one write, or a corked writev when large), and reading
// pauses while the socket's send buffer is full. Pieces written as they are
// (not coalesced into a copy) are referenced by the socket until its write
// callback runs; only then does the session hear (onSent) that their bytes,
// possibly views of memcached items, may be reused.
import { Buffer } from "node:buffer";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { EchoSession } from "./echo.ts";
import { MemcachedSession } from "./memcached/session.ts";
import type { ReplyOut, Session } from "./session.ts";
import type { ParserLimits } from "./memcached/parser.ts";
import { MemcachedStore } from "./memcached/store.ts";

export type AppProtocol = "memcached" | "echo";

export interface NetServerOptions {
  port: number;
  host?: string;
  protocol: AppProtocol;
  /** memcached only: the store to serve (default: a fresh 64 MiB store). */
  store?: MemcachedStore;
  limits?: ParserLimits;
}

export interface NetServer {
  port: number;
  /** The memcached store being served (undefined for echo). */
  store: MemcachedStore | undefined;
  /** Connections currently open. */
  connections(): number;
  close(): Promise<void>;
}

/** Below this many reply bytes per event, pieces are copied into one buffer (cheaper than writev). */
const COALESCE_BYTES = 16 * 1024;

export async function startNetServer(options: NetServerOptions): Promise<NetServer> {
  const store = options.protocol === "memcached" ? (options.store ?? new MemcachedStore()) : undefined;
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    const session: Session =
      store !== undefined ? new MemcachedSession(store, options.limits) : new EchoSession();
    serveConnection(socket, session);
    socket.on("close", () => {
      sockets.delete(socket);
      session.dispose?.();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    store,
    connections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

function serveConnection(socket: net.Socket, session: Session): void {
  const pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const out: ReplyOut = (reply) => {
    pending.push(reply);
    pendingBytes += reply.length;
  };
  // Byte counts of writes in flight; their callbacks run in write order.
  const inFlight: number[] = [];
  const written = (): void => {
    const bytes = inFlight.shift();
    if (bytes !== undefined) session.onSent?.(bytes);
  };
  const flush = (): void => {
    if (pending.length === 1) {
      inFlight.push(pendingBytes);
      socket.write(pending[0], written);
    } else if (pending.length > 1 && pendingBytes <= COALESCE_BYTES) {
      socket.write(Buffer.concat(pending, pendingBytes));
      session.onSent?.(pendingBytes); // copied: the pieces are free
    } else if (pending.length > 1) {
      inFlight.push(pendingBytes);
      socket.cork();
      for (let i = 0; i < pending.length - 1; i++) socket.write(pending[i]);
      socket.write(pending[pending.length - 1], written);
      socket.uncork();
    }
    pending.length = 0;
    pendingBytes = 0;
  };
  socket.on("data", (chunk: Buffer) => {
    const status = session.onData(chunk, out);
    flush();
    if (status === "close") {
      socket.end();
      return;
    }
    // explicit flow control: stop reading until the peer drains our replies
    if (socket.writableNeedDrain) socket.pause();
  });
  socket.on("drain", () => socket.resume());
  // resets and timeouts simply end the connection; 'close' cleans up
  socket.on("error", () => {});
}
