// A minimal TCP client for tests: send bytes, collect the reply until it has
// it looks complete (then a short quiet period to catch extra bytes) or EOF.
import { Buffer } from "node:buffer";
import net from "node:net";

export interface Reply {
  data: Buffer;
  closed: boolean;
}

/** `complete` says when the reply looks whole; extra bytes within 30 ms are still collected. */
export async function roundTrip(
  port: number,
  request: Uint8Array | string,
  complete: (data: Buffer) => boolean,
  timeoutMs = 5000,
): Promise<Reply> {
  const socket = net.connect({ port, host: "127.0.0.1" });
  socket.on("error", () => {});
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("error", reject);
  });
  const chunks: Buffer[] = [];
  let length = 0;
  let closed = false;
  return new Promise<Reply>((resolve) => {
    let quiet: NodeJS.Timeout | undefined;
    const finish = (): void => {
      clearTimeout(deadline);
      clearTimeout(quiet);
      socket.destroy();
      resolve({ data: Buffer.concat(chunks, length), closed });
    };
    const deadline = setTimeout(finish, timeoutMs);
    const check = (): void => {
      if (quiet === undefined && complete(Buffer.concat(chunks, length))) {
        clearTimeout(quiet);
        quiet = setTimeout(finish, 30);
      }
    };
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      check();
    });
    socket.on("end", () => {
      closed = true;
      finish();
    });
    socket.write(typeof request === "string" ? Buffer.from(request, "latin1") : request);
  });
}

/** A loopback port that was free a moment ago (for servers that cannot report their own). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect({ port, host: "127.0.0.1" });
      s.once("connect", () => {
        s.destroy();
        resolve(true);
      });
      s.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`port ${port} not listening after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
