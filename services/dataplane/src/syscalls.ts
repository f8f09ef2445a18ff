// Step 1 of the cycle: execute the app's batched system calls against the
// stack, writing a return code for each in place. The app is untrusted (IX
// principle 1): every argument is checked here or by the stack, a bad call
// gets a negative errno and never harms the core or other connections.
import { ix } from "@ix/proto";
import { Errno, HANDLE_FG_SCALE } from "@ix/netstack";

/** The native API of lib/netstack's Stack, as the dataplane uses it. */
export interface NativeApi {
  listen(port: number): number;
  udpListen(port: number): number;
  connect(dstIp: number, dstPort: number, cookie: number): number;
  accept(handle: number, cookie: number): number;
  reject(handle: number): number;
  sendv(handle: number, bufs: Uint8Array[]): number;
  recvDone(handle: number, bytes: number): number;
  close(handle: number): number;
  udpSend(srcPort: number, dstIp: number, dstPort: number, data: Uint8Array, cookie: number): number;
}

// The limits (IX's scatter-gather entries per sendv, calls per batch, bytes
// per sendv: more is refused outright rather than buffered) and the error
// codes (E2BIG for an oversized batch; ESTALE for a handle whose flow group
// migrated, which libix reissues on the core EV_MOVED names) are the
// contract's, defined in proto/ix.proto.
const { MAX_SG_ENTRIES, MAX_CALLS_PER_BATCH, MAX_SENDV_BYTES } = ix.Limit;

const K = ix.SyscallKind;
const isUint = (v: unknown, max: number): v is number =>
  typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= max;

export interface SyscallCounters {
  calls: number;
  errors: number;
  unknown: number;
  oversizedBatches: number;
}

export function executeCall(api: NativeApi, c: ix.ISyscall, counters: SyscallCounters): number {
  const handle = c.handle ?? 0;
  const bufs = c.bufs ?? [];
  switch (c.kind) {
    case K.SYS_LISTEN:
      return isUint(c.port, 65535) && c.port > 0 ? api.listen(c.port) : -Errno.EINVAL;
    case K.SYS_UDP_LISTEN:
      return isUint(c.port, 65535) && c.port > 0 ? api.udpListen(c.port) : -Errno.EINVAL;
    case K.SYS_CONNECT:
      return isUint(c.ip, 0xffffffff) && isUint(c.port, 65535)
        ? api.connect(c.ip, c.port, c.cookie ?? 0)
        : -Errno.EINVAL;
    case K.SYS_ACCEPT:
      return api.accept(handle, c.cookie ?? 0);
    case K.SYS_REJECT:
      return api.reject(handle);
    case K.SYS_SENDV: {
      if (bufs.length === 0 || bufs.length > MAX_SG_ENTRIES) return -Errno.EINVAL;
      let total = 0;
      for (const b of bufs) total += b.length;
      return total > MAX_SENDV_BYTES ? -Errno.EMSGSIZE : api.sendv(handle, bufs);
    }
    case K.SYS_RECV_DONE:
      return isUint(c.bytes, 0xffffffff) ? api.recvDone(handle, c.bytes) : -Errno.EINVAL;
    case K.SYS_CLOSE:
      return api.close(handle);
    case K.SYS_UDP_SEND:
      if (bufs.length !== 1 || !isUint(c.ip, 0xffffffff) || !isUint(c.port, 65535) || !isUint(c.port2, 65535))
        return -Errno.EINVAL;
      return api.udpSend(c.port, c.ip, c.port2, bufs[0], c.cookie ?? 0);
    default:
      counters.unknown++;
      return -Errno.EINVAL;
  }
}

/** Runs one batch; returns the codes in call order. An oversized batch is refused whole. */
export function executeBatch(
  api: NativeApi,
  batch: ix.SyscallBatch,
  counters: SyscallCounters,
  movedTo: (flowGroup: number) => number | undefined = () => undefined,
  onStale?: (call: ix.ISyscall, targetCore: number) => void,
): number[] {
  if (batch.calls.length > MAX_CALLS_PER_BATCH) {
    counters.oversizedBatches++;
    return batch.calls.map(() => -Errno.E2BIG);
  }
  const results = new Array<number>(batch.calls.length);
  for (let i = 0; i < batch.calls.length; i++) {
    let r: number;
    try {
      r = executeCall(api, batch.calls[i], counters);
    } catch {
      // The stack never throws on bad input; if a bug makes it, the core survives.
      r = -Errno.EINVAL;
    }
    if (r === -Errno.EBADF) {
      const target = movedTo(Math.floor((batch.calls[i].handle ?? 0) / HANDLE_FG_SCALE));
      if (target !== undefined) {
        r = -Errno.ESTALE;
        onStale?.(batch.calls[i], target);
      }
    }
    counters.calls++;
    if (r < 0) counters.errors++;
    results[i] = r;
  }
  return results;
}
