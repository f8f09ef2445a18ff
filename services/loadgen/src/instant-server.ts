// A loopback server that answers at once: memcached ("get" -> END, "set" ->
// STORED, anything else -> ERROR) or echo. It stands in for a perfect server
// when measuring ixload's own ceiling, and serves tests.

import net from "node:net";
import type { ProtocolName } from "./protocol.ts";

export interface InstantServer {
  readonly port: number;
  close(): Promise<void>;
}

const END = Buffer.from("END\r\n");
const STORED = Buffer.from("STORED\r\n");
const ERROR = Buffer.from("ERROR\r\n");
const MAX_LINE = 2048;

export function startInstantServer(
  protocol: ProtocolName,
  port = 0,
  host = "127.0.0.1",
): Promise<InstantServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    if (protocol === "echo") socket.on("data", (chunk) => socket.write(chunk));
    else serveMemcached(socket);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address() as net.AddressInfo;
      resolve({
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Replies per command line; SET data blocks are skipped by their announced size. */
function serveMemcached(socket: net.Socket): void {
  let pending = "";
  let skip = 0;
  socket.on("data", (chunk: Buffer) => {
    const replies: Buffer[] = [];
    let pos = 0;
    while (pos < chunk.length) {
      if (skip > 0) {
        const n = Math.min(skip, chunk.length - pos);
        skip -= n;
        pos += n;
        continue;
      }
      const nl = chunk.indexOf(10, pos);
      if (nl < 0) {
        pending += chunk.toString("latin1", pos);
        if (pending.length > MAX_LINE) socket.destroy(); // not memcached
        break;
      }
      const line = pending + chunk.toString("latin1", pos, nl);
      pending = "";
      pos = nl + 1;
      if (line.startsWith("get ")) replies.push(END);
      else if (line.startsWith("set ")) {
        skip = Number(line.trimEnd().split(" ")[4]) + 2;
        if (!Number.isFinite(skip)) skip = 0;
        replies.push(STORED);
      } else replies.push(ERROR);
    }
    if (replies.length === 1) socket.write(replies[0]);
    else if (replies.length > 1) socket.write(Buffer.concat(replies));
  });
}
