// The TAP wire port: the NIC reads and writes a Linux TAP device's file
// descriptor itself, one Ethernet frame per read(2) and per write(2)
// (IFF_TAP | IFF_NO_PI: no packet-info header), instead of going through the
// socat <-> L2-over-UDP bridge (wire-udp.ts), a whole process and a UDP hop
// on the frame path. Whoever starts the NIC opens the device (root: open
// /dev/net/tun, TUNSETIFF; lib/cluster's tun-device.ts) and passes the
// descriptor (`--wire-tap-fd`); it keeps the device alive across NIC
// restarts, as socat did.
//
// Reads happen on a thread of their own (tap-reader.ts says why): it posts
// each frame (one copy, into a buffer of the frame's size, as node:dgram
// allocates one per datagram) and the event loop hands it to the NIC in
// order. Writes are write(2)s from the event loop: a TAP write queues the
// frame into the kernel's stack and never waits.
import { writeSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { WireSide, type Nic, type WirePort } from "./nic.ts";

export class TapWire implements WirePort {
  readonly side = WireSide.Tap;
  /** Frames the kernel refused to take (write errors), counted, never thrown. */
  sendErrors = 0;
  /** Why the reader stopped (a read or poll error: the device went away); undefined while it runs. */
  readError: string | undefined;
  private readonly fd: number;
  private readonly reader: Worker;
  private closed = false;

  /** Starts reading `fd` (a TAP device opened IFF_TAP | IFF_NO_PI) into `nic`. */
  constructor(nic: Pick<Nic, "wireInput">, fd: number) {
    this.fd = fd;
    this.reader = new Worker(new URL("./tap-reader.ts", import.meta.url), { workerData: { fd } });
    this.reader.unref();
    this.reader.on("message", (m: Uint8Array | { error: string }) => {
      if (this.closed) return;
      if (m instanceof Uint8Array) nic.wireInput(m, WireSide.Tap);
      else {
        this.readError = m.error;
        console.error(`nic: TAP ${m.error}; the TAP wire stops receiving`);
      }
    });
    this.reader.on("error", (e) => {
      this.readError = e.message;
      console.error(`nic: TAP reader failed: ${e.message}`);
    });
  }

  send(frames: readonly Uint8Array[]): number {
    if (this.closed) return 0;
    let sent = 0;
    for (const f of frames) {
      try {
        writeSync(this.fd, f);
        sent++;
      } catch {
        this.sendErrors++;
      }
    }
    return sent;
  }

  /**
   * Stops reading (the reader thread ends within its poll timeout) and
   * writing; the descriptor belongs to whoever passed it and stays open.
   */
  async close(): Promise<void> {
    this.closed = true;
    await this.reader.terminate();
  }
}
