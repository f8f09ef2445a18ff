// Test servers on loopback: Debian's memcached on an ephemeral port, and a
// deliberately slow echo server. Everything is killed/closed by the caller.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

export interface Memcached {
  port: number;
  stop(): Promise<void>;
}

/** memcached -l 127.0.0.1 -p PORT -U 0, ready once it accepts a connection (at most 5 s). */
export async function startMemcached(): Promise<Memcached> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    "memcached",
    ["-l", "127.0.0.1", "-p", String(port), "-U", "0", "-u", "root"],
    {
      stdio: "ignore",
    },
  );
  const deadline = Date.now() + 5000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, "127.0.0.1", () => {
        s.destroy();
        resolve(true);
      });
      s.on("error", () => resolve(false));
    });
    if (ok) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill();
      throw new Error("memcached did not start");
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill();
      }),
  };
}

/** An echo server that answers every chunk `delayMs` late (no throughput limit, only latency). */
export async function startSlowEchoServer(
  delayMs: number,
): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    socket.on("data", (chunk) => {
      setTimeout(() => {
        if (!socket.destroyed) socket.write(chunk);
      }, delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
