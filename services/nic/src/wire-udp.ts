// The L2-over-UDP wire port: one Ethernet frame per datagram, as QEMU's dgram
// netdev. socat bridges it to a Linux TAP:
//   socat TUN,tun-type=tap,tun-name=NAME,iff-no-pi UDP-DATAGRAM:127.0.0.1:A,bind=127.0.0.1:B
// The NIC binds A and sends to B. Without a configured peer it answers the
// source of the last datagram it received.
import { createSocket, type Socket } from "node:dgram";
import type { UdpAddress } from "./config.ts";
import { WireSide, type Nic, type WirePort } from "./nic.ts";

export class UdpWire implements WirePort {
  readonly side = WireSide.Udp;
  /** Datagrams the OS refused to send (errors are counted, never thrown). */
  sendErrors = 0;
  private readonly nic: Nic;
  private readonly socket: Socket;
  private peer: UdpAddress | null;
  private readonly fixedPeer: boolean;

  private constructor(nic: Nic, socket: Socket, peer: UdpAddress | null) {
    this.nic = nic;
    this.socket = socket;
    this.peer = peer;
    this.fixedPeer = peer !== null;
  }

  static async open(nic: Nic, listen: UdpAddress, peer: UdpAddress | null): Promise<UdpWire> {
    const socket = createSocket({ type: "udp4", recvBufferSize: 4 << 20, sendBufferSize: 4 << 20 });
    await new Promise<void>((resolve, reject) => {
      socket.once("error", reject);
      socket.bind(listen.port, listen.host, () => {
        socket.off("error", reject);
        resolve();
      });
    });
    const w = new UdpWire(nic, socket, peer);
    socket.on("error", () => void w.sendErrors++);
    socket.on("message", (msg, rinfo) => {
      if (!w.fixedPeer) w.peer = { host: rinfo.address, port: rinfo.port };
      nic.wireInput(msg, WireSide.Udp);
    });
    return w;
  }

  get address(): UdpAddress {
    const a = this.socket.address();
    return { host: a.address, port: a.port };
  }

  send(frames: readonly Uint8Array[]): number {
    const p = this.peer;
    if (!p) return 0;
    for (const f of frames) {
      this.socket.send(f, p.port, p.host, (err) => {
        if (err) this.sendErrors++;
      });
    }
    return frames.length;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
