// The batched-syscall array of one elastic thread (user side). Calls made
// while handling a cycle's events are collected and sent as ONE SyscallBatch;
// the dataplane writes a return code for each in place and sends them back
// with its next EventBatch (results_seq), where each call's callback runs.
// The batch is encoded by hand into a reused arena (lib/bus proto-wire.ts
// says why; field numbers are proto/ix.proto's, the tests hold the bytes
// against ix.SyscallBatch.decode).
import { ix } from "@ix/proto";
import { ProtoWriter, WireType } from "@ix/bus";

export type ResultCallback = (code: number) => void;

// ix.SyscallBatch
const B_CORE = 1;
const B_SEQ = 2;
const B_CALLS = 3;
const B_APP = 4;
// ix.Syscall
const S_KIND = 1;
const S_HANDLE = 2;
const S_COOKIE = 3;
const S_IP = 4;
const S_PORT = 5;
const S_PORT2 = 6;
const S_BYTES = 7;
const S_BUFS = 8;

/** Encodes one SyscallBatch: no protobufjs operation per field. */
export function encodeSyscallBatch(
  w: ProtoWriter,
  core: number,
  seq: number,
  calls: readonly ix.ISyscall[],
  app: string,
): Uint8Array {
  w.reset();
  w.uintField(B_CORE, core);
  w.doubleField(B_SEQ, seq);
  for (let i = 0; i < calls.length; i++) {
    const c = calls[i];
    w.tag(B_CALLS, WireType.Len);
    w.fork();
    w.uintField(S_KIND, c.kind ?? 0);
    w.doubleField(S_HANDLE, c.handle ?? 0);
    w.doubleField(S_COOKIE, c.cookie ?? 0);
    w.uintField(S_IP, c.ip ?? 0);
    w.uintField(S_PORT, c.port ?? 0);
    w.uintField(S_PORT2, c.port2 ?? 0);
    w.uintField(S_BYTES, c.bytes ?? 0);
    const bufs = c.bufs;
    if (bufs) for (let j = 0; j < bufs.length; j++) w.repeatedBytes(S_BUFS, bufs[j]);
    w.ldelim();
  }
  w.stringField(B_APP, app);
  return w.finish();
}

export class SyscallBatch {
  private calls: ix.ISyscall[] = [];
  private callbacks: (ResultCallback | undefined)[] = [];
  private inFlight = new Map<number, (ResultCallback | undefined)[]>();
  private seq = 0;
  private readonly writer = new ProtoWriter(16 * 1024);

  readonly core: number;
  private readonly send: (bytes: Uint8Array) => void;
  private readonly app: string;

  constructor(core: number, send: (bytes: Uint8Array) => void, app: string) {
    this.core = core;
    this.send = send;
    this.app = app;
  }

  get pending(): number {
    return this.calls.length;
  }

  add(call: ix.ISyscall, onResult?: ResultCallback): void {
    this.calls.push(call);
    this.callbacks.push(onResult);
  }

  /**
   * Sends the collected calls as one batch. With no calls it sends nothing,
   * unless `returning`: then an empty batch still leaves, as the app's return
   * from run_io (the core holds the next events until it comes).
   */
  flush(returning = false): void {
    if (this.calls.length === 0 && !returning) return;
    const seq = ++this.seq;
    const bytes = encodeSyscallBatch(this.writer, this.core, seq, this.calls, this.app);
    if (this.callbacks.some((c) => c !== undefined)) this.inFlight.set(seq, this.callbacks);
    if (this.calls.length > 0) {
      this.calls = [];
      this.callbacks = [];
    }
    this.send(bytes);
  }

  /** Return codes of batch `seq`, in call order. */
  complete(seq: number, results: number[]): void {
    const callbacks = this.inFlight.get(seq);
    if (!callbacks) return;
    this.inFlight.delete(seq);
    callbacks.forEach((cb, i) => cb?.(results[i] ?? -1));
  }
}
