// The default transport: the host kernel's TCP via node:net, with Nagle off
// (requests are small and latency-critical) and sends of one event-loop turn
// corked into a single writev.

import net from "node:net";
import { registerTransport, type Conn, type Transport } from "./transport.ts";

export class KernelTransport implements Transport {
  readonly name = "kernel";

  connect(host: string, port: number): Promise<Conn> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port, noDelay: true });
      const onError = (err: Error): void => {
        socket.destroy();
        reject(new Error(`cannot connect to ${host}:${port}: ${err.message}`));
      };
      socket.once("error", onError);
      socket.once("connect", () => {
        socket.off("error", onError);
        resolve(new KernelConn(socket));
      });
    });
  }
}

class KernelConn implements Conn {
  private readonly socket: net.Socket;
  private corked = false;
  private closeCb: ((err?: Error) => void) | null = null;
  private closed = false;
  private failure: Error | undefined;
  private readonly uncork = (): void => {
    this.corked = false;
    this.socket.uncork();
  };

  constructor(socket: net.Socket) {
    this.socket = socket;
    socket.on("error", (err) => {
      this.failure = err;
    });
    socket.on("close", () => {
      this.closed = true;
      this.closeCb?.(this.failure);
    });
  }

  send(bytes: Uint8Array): void {
    if (this.closed || this.socket.destroyed) return;
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(this.uncork);
    }
    this.socket.write(bytes);
  }

  onData(cb: (chunk: Uint8Array) => void): void {
    this.socket.on("data", cb);
  }

  onClose(cb: (err?: Error) => void): void {
    this.closeCb = cb;
    if (this.closed) cb(this.failure);
  }

  close(): void {
    this.socket.destroy();
  }
}

registerTransport("kernel", () => new KernelTransport());
