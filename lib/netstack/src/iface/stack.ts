// The Stack: IX's native API (syscalls returning counts or -Errno) and flow
// group ownership/migration on top of the interface layer (stack-input.ts).
// Every syscall validates its arguments, never throws, and leaves state
// untouched on error.

import { acceptConn, abortConn, closeConn, openActive, recvDone, sendData } from "../tcp/lifecycle.ts";
import { initialSeq } from "../tcp/syn-cookie.ts";
import { TcpState, type Tcb } from "../tcp/tcb.ts";
import { IpProtocol } from "../wire/ipv4.ts";
import { emitUdp, type UdpEmitHeader } from "../wire/udp.ts";
import { Errno } from "./errors.ts";
import { HANDLE_FG_SCALE } from "../handle.ts";
import { exportGroup, importGroup } from "./migrate.ts";
import { StackInput } from "./stack-input.ts";
import { L4_OFF, MAX_IP_PAYLOAD } from "./egress.ts";
import { releaseEventData } from "../util/rx-buffers.ts";

const NO_PAYLOAD = new Uint8Array(0);
/** Largest UDP payload (65507): a datagram over the MTU leaves as IP fragments. */
const MAX_UDP_PAYLOAD = MAX_IP_PAYLOAD - 8;

function isPort(p: unknown): p is number {
  return typeof p === "number" && Number.isInteger(p) && p > 0 && p <= 65535;
}

export class Stack extends StackInput {
  private ephemeralCursor = 0;
  /** The header of every datagram udpSend emits, filled in place (no allocation per datagram). */
  private readonly udpHeader: UdpEmitHeader = { srcPort: 0, dstPort: 0, payload: NO_PAYLOAD };

  /** The connection behind a handle the application may use, or null. */
  private conn(handle: unknown): Tcb | null {
    if (typeof handle !== "number" || !Number.isSafeInteger(handle) || handle < 0) return null;
    const fg = Math.floor(handle / HANDLE_FG_SCALE);
    if (fg >= this.opts.retaSize || this.owned[fg] === 0) return null;
    return this.groups[fg]?.byId.get(handle % HANDLE_FG_SCALE) ?? null;
  }

  private enter(): void {
    this.now = this.clock();
  }

  listen(port: number): number {
    if (!isPort(port)) return -Errno.EINVAL;
    if (this.tcpListeners.has(port)) return -Errno.EADDRINUSE;
    this.tcpListeners.add(port);
    return 0;
  }

  unlisten(port: number): number {
    if (!isPort(port)) return -Errno.EINVAL;
    return this.tcpListeners.delete(port) ? 0 : -Errno.ENOENT;
  }

  udpListen(port: number): number {
    if (!isPort(port)) return -Errno.EINVAL;
    if (this.udpListeners.has(port)) return -Errno.EADDRINUSE;
    this.udpListeners.add(port);
    return 0;
  }

  udpUnlisten(port: number): number {
    if (!isPort(port)) return -Errno.EINVAL;
    return this.udpListeners.delete(port) ? 0 : -Errno.ENOENT;
  }

  /**
   * Active open. Picks an ephemeral port whose reverse tuple (the replies as
   * received) hashes to a flow group this stack owns, as IX does. Returns the
   * handle; a connected event follows.
   */
  connect(dstIp: number, dstPort: number, cookie: number): number {
    if (!Number.isInteger(dstIp) || dstIp <= 0 || dstIp > 0xffffffff || !isPort(dstPort))
      return -Errno.EINVAL;
    if (typeof cookie !== "number") return -Errno.EINVAL;
    this.enter();
    if (this.liveTotal >= this.opts.maxConnections) return -Errno.ENOMEM;
    const { ephemeralLo: lo, ephemeralHi: hi } = this.opts;
    const range = hi - lo + 1;
    for (let i = 0; i < range; i++) {
      const port = lo + ((this.ephemeralCursor + i) % range);
      const fg = this.flowGroupOf(dstIp, this.ip, dstPort, port);
      const g = this.groups[fg];
      // A tuple in TIME-WAIT is not reused by an active open (Linux without tcp_tw_reuse).
      if (
        this.owned[fg] === 0 ||
        g?.lookup(dstIp, dstPort, port) !== undefined ||
        g?.timeWait.lookup(dstIp, dstPort, port) !== undefined
      )
        continue;
      this.ephemeralCursor = (this.ephemeralCursor + i + 1) % range;
      const t = this.newTcb(fg, port, dstIp, dstPort);
      openActive(this, t, initialSeq(this.opts.secret, this.now, dstIp, dstPort, this.ip, port), cookie);
      this.armTimer(t);
      return t.handle;
    }
    return -Errno.EADDRNOTAVAIL;
  }

  /** Takes a knocked connection; its cookie comes back with every event. */
  accept(handle: number, cookie: number): number {
    const t = this.conn(handle);
    if (t === null) return -Errno.EBADF;
    if (typeof cookie !== "number") return -Errno.EINVAL;
    if (!t.knocked) return t.appOpen ? -Errno.EISCONN : -Errno.EBADF;
    this.enter();
    const g = this.group(t.fg);
    g.unaccepted--;
    this.unacceptedTotal--;
    acceptConn(this, t, cookie);
    return 0;
  }

  /** Refuses a knocked connection (RST). */
  reject(handle: number): number {
    const t = this.conn(handle);
    if (t === null) return -Errno.EBADF;
    if (!t.knocked) return t.appOpen ? -Errno.EISCONN : -Errno.EBADF;
    this.enter();
    abortConn(this, t);
    return 0;
  }

  /** Queues data; returns bytes accepted (partial when the send buffer fills, 0 when full). */
  sendv(handle: number, bufs: Uint8Array[]): number {
    const t = this.conn(handle);
    if (t === null || !t.appOpen) return -Errno.EBADF;
    if (!Array.isArray(bufs)) return -Errno.EINVAL;
    for (const b of bufs) if (!(b instanceof Uint8Array)) return -Errno.EINVAL;
    if (t.finished) return -Errno.ECONNRESET;
    if ((t.state !== TcpState.Established && t.state !== TcpState.CloseWait) || t.finQueued)
      return -Errno.ENOTCONN;
    this.enter();
    const n = sendData(this, t, bufs);
    this.armTimer(t);
    return n;
  }

  /** Releases `bytes` of received data; the receive window reopens by that much. */
  recvDone(handle: number, bytes: number): number {
    const t = this.conn(handle);
    if (t === null || !t.appOpen) return -Errno.EBADF;
    if (!Number.isInteger(bytes) || bytes < 0 || bytes > t.rcvUnread) return -Errno.EINVAL;
    if (bytes === 0) return 0;
    this.enter();
    recvDone(this, t, bytes);
    this.armTimer(t);
    return 0;
  }

  /** Graceful close (FIN after queued data); the handle is invalid afterwards. */
  close(handle: number): number {
    const t = this.conn(handle);
    if (t === null || !t.appOpen) return -Errno.EBADF;
    this.enter();
    closeConn(this, t);
    if (!t.finished) this.armTimer(t);
    return 0;
  }

  /** Sends one datagram; returns its length. A udpSent event follows. */
  udpSend(srcPort: number, dstIp: number, dstPort: number, data: Uint8Array, cookie: number): number {
    if (
      !isPort(srcPort) ||
      !isPort(dstPort) ||
      !Number.isInteger(dstIp) ||
      dstIp <= 0 ||
      dstIp > 0xffffffff
    ) {
      return -Errno.EINVAL;
    }
    if (!(data instanceof Uint8Array) || typeof cookie !== "number") return -Errno.EINVAL;
    if (data.length > MAX_UDP_PAYLOAD) return -Errno.EMSGSIZE;
    this.enter();
    const u = this.udpHeader;
    u.srcPort = srcPort;
    u.dstPort = dstPort;
    u.payload = data;
    const n = emitUdp(this.egress.txBuf, L4_OFF, this.ip, dstIp, u);
    u.payload = NO_PAYLOAD; // the bytes are copied: keep no reference to the application's buffer
    this.counters.udpOut++;
    this.egress.sendL4(dstIp, IpProtocol.UDP, n);
    this.events.push({ type: "udpSent", cookie });
    return data.length;
  }

  /**
   * The application that held this stack's handles is gone (a new instance
   * took over): knocked connections are refused (RST), accepted and connected
   * ones closed (FIN after queued data), every TCP and UDP listener dropped
   * and the undelivered event conditions discarded (they name handles the new
   * instance never saw). Returns how many connections were refused or closed.
   */
  releaseApplication(): number {
    let n = 0;
    for (let fg = 0; fg < this.owned.length; fg++) {
      const g = this.owned[fg] === 1 ? this.groups[fg] : undefined;
      if (g === undefined) continue;
      for (const t of [...g.byId.values()]) {
        if (t.knocked) n += this.reject(t.handle) === 0 ? 1 : 0;
        else if (t.appOpen) n += this.close(t.handle) === 0 ? 1 : 0;
      }
    }
    this.tcpListeners.clear();
    this.udpListeners.clear();
    for (const e of this.events) releaseEventData(e, this.rxBuffers);
    this.events.length = 0;
    return n;
  }

  /** Connections in the demux tables of owned groups. */
  connectionCount(): number {
    return this.liveTotal;
  }

  /** TIME-WAIT records in the tables of owned groups (not connections: see tcp/time-wait.ts). */
  timeWaitCount(): number {
    return this.timeWaitTotal;
  }

  /** Connections of group fg the application holds (accepted or connected, not closed). */
  connectionsOf(fg: number): { handle: number; cookie: number }[] {
    const g = this.ownsFlowGroup(fg) ? this.groups[fg] : undefined;
    const out: { handle: number; cookie: number }[] = [];
    if (g !== undefined)
      for (const t of g.byId.values()) if (t.appOpen) out.push({ handle: t.handle, cookie: t.cookie });
    return out;
  }

  // ---- flow groups -------------------------------------------------------

  ownedFlowGroups(): number[] {
    const out: number[] = [];
    for (let fg = 0; fg < this.owned.length; fg++) if (this.owned[fg] === 1) out.push(fg);
    return out;
  }

  ownsFlowGroup(fg: number): boolean {
    return Number.isInteger(fg) && fg >= 0 && fg < this.owned.length && this.owned[fg] === 1;
  }

  /** Starts owning an (empty) group. */
  ownFlowGroup(fg: number): number {
    if (!Number.isInteger(fg) || fg < 0 || fg >= this.owned.length) return -Errno.EINVAL;
    this.owned[fg] = 1;
    return 0;
  }

  /** Stops owning a group; refused (EBUSY) while it holds connections: export it instead. */
  disownFlowGroup(fg: number): number {
    if (!this.ownsFlowGroup(fg)) return -Errno.EINVAL;
    const g = this.groups[fg];
    if (g !== undefined && !g.isEmpty()) return -Errno.EBUSY;
    this.owned[fg] = 0;
    this.groups[fg] = undefined;
    return 0;
  }

  /**
   * Serialises every connection of group fg (any state, buffers, out-of-order
   * data, timers as remaining time, the id counter) plus its undelivered
   * events, removes it and stops owning the group. Throws RangeError if fg is
   * not owned (a control-plane bug).
   */
  exportFlowGroup(fg: number): Uint8Array {
    if (!this.ownsFlowGroup(fg)) throw new RangeError(`flow group ${fg} is not owned`);
    this.enter();
    return exportGroup(this, fg);
  }

  /** Installs a group exported by another instance and owns it. Returns fg, or -Errno on bad input. */
  importFlowGroup(bytes: Uint8Array): number {
    if (!(bytes instanceof Uint8Array)) return -Errno.EINVAL;
    this.enter();
    return importGroup(this, bytes);
  }
}
