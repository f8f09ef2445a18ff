// Step 1 of the cycle: the app's syscall batches that arrived since the last
// cycle, executed in arrival order against the stack (syscalls.ts checks every
// argument). The last batch's return codes ride with this cycle's events; the
// earlier ones' go back at once. Two things are settled here, at the quiescent
// point before any call runs:
//  - a batch from a new instance of the app (app-watch.ts) means the old one
//    is gone: what it held is released (Stack.releaseApplication) and the
//    events meant for it are discarded, before the new instance's first call;
//  - a call on a handle whose flow group left this core gets ESTALE, and an
//    accept also an EV_MOVED naming the new core, so libix replays it there;
//  - a sequenced batch runs only in order and only once (app-link.ts): a
//    duplicate or one that arrived after a gap is dropped, and counted.
import { ix } from "@ix/proto";
import { executeBatch, type NativeApi, type SyscallCounters } from "./syscalls.ts";
import type { AppWatch } from "./app-watch.ts";
import type { EventOutbox } from "./event-outbox.ts";
import type { SyscallSource } from "./elastic-thread.ts";

/** Syscall batches waiting for a cycle; beyond this an app is flooding and batches are dropped. */
export const MAX_PENDING_BATCHES = 256;

/** The stack as step 1 uses it: IX's native API plus releasing a departed app's handles. */
export interface InboxStack extends NativeApi {
  releaseApplication(): number;
}

export interface SyscallInboxParts {
  core: number;
  stack: InboxStack;
  outbox: EventOutbox;
  appWatch: AppWatch;
  /** The core a flow group left for, if it left this core (Migrations.movedTo). */
  movedTo(flowGroup: number): number | undefined;
  log?(line: string): void;
}

export class SyscallInbox implements SyscallSource {
  readonly counters: SyscallCounters = { calls: 0, errors: 0, unknown: 0, oversizedBatches: 0 };
  /** Batches refused because MAX_PENDING_BATCHES were already waiting. */
  droppedBatches = 0;
  /** Connections closed because the app that held them was replaced by a new instance. */
  orphansClosed = 0;
  private pending: ix.SyscallBatch[] = [];
  private readonly p: SyscallInboxParts;

  constructor(parts: SyscallInboxParts) {
    this.p = parts;
  }

  /** Queues a decoded batch for the next cycle; false (counted) when the app floods. */
  enqueue(batch: ix.SyscallBatch): boolean {
    if (this.pending.length >= MAX_PENDING_BATCHES) {
      this.droppedBatches++;
      return false;
    }
    this.pending.push(batch);
    return true;
  }

  /** Batches waiting for the next cycle. */
  get waiting(): number {
    return this.pending.length;
  }

  /** Step 1: runs every waiting batch; returns how many calls ran. */
  run(): number {
    if (this.pending.length === 0) return 0;
    let calls = 0;
    const batches = this.pending;
    this.pending = [];
    for (let i = 0; i < batches.length; i++) {
      const b = batches[i];
      const app = b.app ?? "";
      if (this.p.appWatch.answered(app)) this.releaseOrphans(app);
      // Lost, repeated or early batches (app-link.ts): a syscall never runs twice or out of order.
      const admission = this.p.outbox.link.admit(b);
      if (admission === "duplicate" || admission === "gap") continue;
      // Any batch run is the app entering the kernel (IX's run_io): it may get its next events.
      this.p.outbox.returned();
      // An empty batch only returns from run_io: no return codes to send back.
      if (b.calls.length === 0) continue;
      const notices: ix.IEvent[] = [];
      const results = executeBatch(this.p.stack, b, this.counters, this.p.movedTo, (call, target) => {
        if (call.kind === ix.SyscallKind.SYS_ACCEPT) {
          notices.push({
            kind: ix.EventKind.EV_MOVED,
            handle: call.handle,
            cookie: call.cookie,
            value: target,
          });
        }
      });
      calls += b.calls.length;
      // The notices must reach the app with (before) the ESTALE they explain.
      if (i < batches.length - 1 || notices.length > 0)
        this.p.outbox.sendNow(notices, { seq: b.seq, results });
      else this.p.outbox.setResults({ seq: b.seq, results });
    }
    return calls;
  }

  /** A new instance of the app took over: the old one's handles and pending events are dead. */
  private releaseOrphans(app: string): void {
    const n = this.p.stack.releaseApplication();
    this.p.outbox.discard();
    this.orphansClosed += n;
    this.p.log?.(`app restarted (${app}): closed ${n} connections of the old instance`);
  }
}
