// Step 7 of the cycle: the stack's event conditions, encoded for the app as
// one ix.EventBatch, by hand into a reused arena (lib/bus proto-wire.ts says
// why): no ix.IEvent object and no protobufjs operation per event. A peer's
// FIN is delivered as a zero-length recv (the app may still send, then
// closes); a reset or timeout as dead with a ix.DeadReason. Field numbers are
// proto/ix.proto's; the tests hold the bytes against ix.EventBatch.decode.
import { ix } from "@ix/proto";
import { ProtoWriter, WireType } from "@ix/bus";
import type { StackEvent } from "@ix/netstack";

const K = ix.EventKind;
const DEAD_REASON = { reset: ix.DeadReason.DEAD_RESET, timeout: ix.DeadReason.DEAD_TIMEOUT } as const;

// ix.EventBatch
const B_CORE = 1;
const B_SEQ = 2;
const B_EVENTS = 3;
const B_RESULTS_SEQ = 4;
const B_RESULTS = 5;
const B_SESSION = 6;
const B_FIRST_UNACKED = 7;
const B_SYSCALLS_MISSING = 8;
// ix.Event
const E_KIND = 1;
const E_HANDLE = 2;
const E_COOKIE = 3;
const E_DATA = 4;
const E_IP = 5;
const E_PORT = 6;
const E_PORT2 = 7;
const E_VALUE = 8;
const E_WINDOW = 9;
const E_AFTER_SEQ = 10;
const E_AFTER_SESSION = 11;

const EMPTY = new Uint8Array(0);

/** Builds one EventBatch at a time: begin(), events, end(). */
export class EventBatchWriter {
  private readonly w = new ProtoWriter();

  /** Starts a batch of core `core` with sequence number `seq`. */
  begin(core: number, seq: number): void {
    this.w.reset();
    this.w.uintField(B_CORE, core);
    this.w.doubleField(B_SEQ, seq);
  }

  /** One event condition of the stack; returns the ix.EventKind it was written as. */
  stackEvent(e: StackEvent): number {
    const w = this.w;
    w.tag(B_EVENTS, WireType.Len);
    w.fork();
    let kind: number;
    switch (e.type) {
      case "knock":
        w.uintField(E_KIND, (kind = K.EV_KNOCK));
        w.doubleField(E_HANDLE, e.handle);
        w.uintField(E_IP, e.srcIp);
        w.uintField(E_PORT, e.srcPort);
        w.uintField(E_PORT2, e.dstPort);
        break;
      case "connected":
        w.uintField(E_KIND, (kind = K.EV_CONNECTED));
        w.doubleField(E_HANDLE, e.handle);
        w.doubleField(E_COOKIE, e.cookie);
        w.uintField(E_VALUE, e.ok ? 0 : -ix.Errno.ECONNREFUSED);
        break;
      case "recv":
        w.uintField(E_KIND, (kind = K.EV_RECV));
        w.doubleField(E_HANDLE, e.handle);
        w.doubleField(E_COOKIE, e.cookie);
        w.bytesField(E_DATA, e.data);
        break;
      case "sent":
        w.uintField(E_KIND, (kind = K.EV_SENT));
        w.doubleField(E_HANDLE, e.handle);
        w.doubleField(E_COOKIE, e.cookie);
        w.uintField(E_VALUE, e.bytes);
        w.uintField(E_WINDOW, e.window);
        break;
      case "dead":
        w.uintField(E_KIND, (kind = e.reason === "fin" ? K.EV_RECV : K.EV_DEAD));
        w.doubleField(E_HANDLE, e.handle);
        w.doubleField(E_COOKIE, e.cookie);
        if (e.reason !== "fin") w.uintField(E_VALUE, DEAD_REASON[e.reason]);
        break;
      case "udpRecv":
        w.uintField(E_KIND, (kind = K.EV_UDP_RECV));
        w.uintField(E_IP, e.srcIp);
        w.uintField(E_PORT, e.srcPort);
        w.uintField(E_PORT2, e.dstPort);
        w.bytesField(E_DATA, e.data);
        break;
      case "udpSent":
        w.uintField(E_KIND, (kind = K.EV_UDP_SENT));
        w.doubleField(E_COOKIE, e.cookie);
        break;
    }
    w.ldelim();
    return kind;
  }

  /** An event built elsewhere (EV_MOVED notices: rare, not per frame). */
  event(e: ix.IEvent): void {
    const w = this.w;
    w.tag(B_EVENTS, WireType.Len);
    w.fork();
    w.uintField(E_KIND, e.kind ?? 0);
    w.doubleField(E_HANDLE, e.handle ?? 0);
    w.doubleField(E_COOKIE, e.cookie ?? 0);
    w.bytesField(E_DATA, e.data ?? EMPTY);
    w.uintField(E_IP, e.ip ?? 0);
    w.uintField(E_PORT, e.port ?? 0);
    w.uintField(E_PORT2, e.port2 ?? 0);
    w.uintField(E_VALUE, e.value ?? 0);
    w.uintField(E_WINDOW, e.window ?? 0);
    w.doubleField(E_AFTER_SEQ, e.afterSeq ?? 0);
    w.doubleField(E_AFTER_SESSION, e.afterSession ?? 0);
    w.ldelim();
  }

  /**
   * Ends the batch with the return codes of syscall batch `seq` (none: seq
   * 0) and the delivery fields (app-link.ts; 0 leaves a field out); returns
   * the message.
   */
  end(
    resultsSeq: number,
    results: readonly number[],
    session = 0,
    firstUnacked = 0,
    syscallsMissing = 0,
  ): Uint8Array {
    this.w.doubleField(B_RESULTS_SEQ, resultsSeq);
    this.w.packedDoubles(B_RESULTS, results);
    this.w.doubleField(B_SESSION, session);
    this.w.doubleField(B_FIRST_UNACKED, firstUnacked);
    this.w.doubleField(B_SYSCALLS_MISSING, syscallsMissing);
    return this.w.finish();
  }
}
