// The TAP wire port: the NIC reads and writes a Linux TAP device's file
// descriptor itself, one Ethernet frame per read(2) and per write(2)
// (IFF_TAP | IFF_NO_PI: no packet-info header), instead of going through the
// socat <-> L2-over-UDP bridge (wire-udp.ts). That bridge is a whole process
// on the frame path: one more wake-up and two more copies per frame each way
// (measured in results/profile.md). Whoever starts the NIC opens the device
// (root: open /dev/net/tun, TUNSETIFF; lib/cluster's tun-device.ts) and
// passes the descriptor (`--wire-tap-fd`); it keeps the device alive across
// NIC restarts, as socat did.
//
// Node has no way to wait for readiness on a character device (libuv treats
// it as a file), so reads are blocking read(2)s on libuv's thread pool, one at
// a time (a second concurrent read could complete first and reorder frames);
// the next read is issued before the frame is handed on. Frames are read into
// a shared slab and handed on as views (the RX ring keeps them until the core
// credits them), so there is no allocation per frame, as with node:dgram's
// own pooled buffers. Writes are write(2)s from the event loop: a TAP write
// queues the frame into the kernel's stack and never waits.
import { read, writeSync } from "node:fs";
import { MAX_FRAME_LEN, WireSide, type Nic, type WirePort } from "./nic.ts";

/** Bytes per receive slab: frames are views of it, so a slab lives while any of its frames does. */
const SLAB_BYTES = 1 << 20;

export class TapWire implements WirePort {
  readonly side = WireSide.Tap;
  /** Frames the kernel refused to take (write errors), counted, never thrown. */
  sendErrors = 0;
  /** Reads that failed; the last error stops the reader (the device is gone). */
  readErrors = 0;
  private readonly nic: Pick<Nic, "wireInput">;
  private readonly fd: number;
  private slab = Buffer.allocUnsafe(SLAB_BYTES);
  private offset = 0;
  private closed = false;

  /** Starts reading `fd` (a TAP device opened IFF_TAP | IFF_NO_PI) into `nic`. */
  constructor(nic: Pick<Nic, "wireInput">, fd: number) {
    this.nic = nic;
    this.fd = fd;
    this.readNext();
  }

  private readNext(): void {
    if (this.closed) return;
    if (SLAB_BYTES - this.offset < MAX_FRAME_LEN) {
      this.slab = Buffer.allocUnsafe(SLAB_BYTES);
      this.offset = 0;
    }
    const slab = this.slab;
    const at = this.offset;
    read(this.fd, slab, at, MAX_FRAME_LEN, null, (err, n) => this.onRead(err, slab, at, n));
  }

  private onRead(err: NodeJS.ErrnoException | null, slab: Buffer, at: number, n: number): void {
    if (this.closed) return;
    if (err) {
      this.readErrors++;
      // EINTR/EAGAIN: try again; anything else (EBADF, EIO: the device went away) stops the reader.
      if (err.code === "EINTR" || err.code === "EAGAIN") setImmediate(() => this.readNext());
      else console.error(`nic: TAP read failed (${err.code ?? err.message}); the TAP wire stops receiving`);
      return;
    }
    // 8-byte aligned so that a later frame's view starts on a word boundary.
    this.offset = at + ((n + 7) & ~7);
    this.readNext();
    if (n > 0) this.nic.wireInput(slab.subarray(at, at + n), WireSide.Tap);
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
   * Stops reading and writing; the descriptor belongs to whoever passed it
   * and stays open. A read already waiting in the thread pool ends with the
   * next frame (or when the descriptor closes) and is then ignored.
   */
  close(): void {
    this.closed = true;
  }
}
