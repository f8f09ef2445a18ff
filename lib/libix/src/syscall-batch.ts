// The batched-syscall array of one elastic thread (user side). Calls made
// while handling a cycle's events are collected and sent as ONE SyscallBatch;
// the dataplane writes a return code for each in place and sends them back
// with its next EventBatch (results_seq), where each call's callback runs.
import { ix } from "@ix/proto";

export type ResultCallback = (code: number) => void;

export class SyscallBatch {
  private calls: ix.ISyscall[] = [];
  private callbacks: (ResultCallback | undefined)[] = [];
  private inFlight = new Map<number, (ResultCallback | undefined)[]>();
  private seq = 0;

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

  /** Sends the collected calls as one batch (nothing when empty). */
  flush(): void {
    if (this.calls.length === 0) return;
    const seq = ++this.seq;
    const bytes = ix.SyscallBatch.encode({ core: this.core, seq, calls: this.calls, app: this.app }).finish();
    if (this.callbacks.some((c) => c !== undefined)) this.inFlight.set(seq, this.callbacks);
    this.calls = [];
    this.callbacks = [];
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
