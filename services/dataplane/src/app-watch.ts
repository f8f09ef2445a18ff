// The core defends itself against its app (IX principle 1: the app is
// untrusted). Two things are watched from the syscall batches the app sends:
//  - a stall: events that need an answer (knock, recv, dead) were delivered
//    and no SyscallBatch came back for `stallUs`. The core keeps serving: the
//    stalled connections' receive windows close on their own (no recv_done),
//    so what the app fails to consume stays bounded; this only detects and
//    reports (ix_dp_app_stalled, a log line).
//  - a restart: batches carry `app` as "<name>#<instance>" (libix draws a
//    fresh instance per process). A new instance of the same name means the
//    old process is gone, and with it every handle it held.

export interface AppWatchOptions {
  /** No answer for this long while events wait for one: the app is stalled. */
  stallUs: number;
  log?: (line: string) => void;
}

export class AppWatch {
  stalled = false;
  stalls = 0;
  restarts = 0;
  private awaitingSince = 0;
  private readonly instances = new Map<string, string>();
  private readonly opts: AppWatchOptions;

  constructor(opts: AppWatchOptions) {
    this.opts = opts;
  }

  /** Events that expect syscalls in return were handed to the app at `now` (us). */
  delivered(now: number): void {
    if (this.awaitingSince === 0) this.awaitingSince = now;
  }

  /**
   * A batch from app `app` arrived. Returns true when it comes from a new
   * instance of an app seen before (the old process died or was replaced).
   */
  answered(app: string): boolean {
    this.awaitingSince = 0;
    if (this.stalled) {
      this.stalled = false;
      this.opts.log?.(`app ${app || "(unnamed)"} answers again`);
    }
    const hash = app.indexOf("#");
    if (hash < 0) return false;
    const name = app.slice(0, hash);
    const instance = app.slice(hash + 1);
    const previous = this.instances.get(name);
    this.instances.set(name, instance);
    if (previous === undefined || previous === instance) return false;
    this.restarts++;
    return true;
  }

  /** Periodic check; `pending` is how many events wait in the core for the next cycles. */
  check(now: number, pending: number): void {
    if (this.stalled || this.awaitingSince === 0) return;
    const silentUs = now - this.awaitingSince;
    if (silentUs < this.opts.stallUs) return;
    this.stalled = true;
    this.stalls++;
    this.opts.log?.(
      `app stalled: no syscalls for ${(silentUs / 1e6).toFixed(1)} s while events wait for an answer (${pending} still queued in the core); receive windows close until it reads`,
    );
  }
}
