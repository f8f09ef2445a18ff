// IX's run_io alternation between a dataplane core and its app, the one rule
// both sides must apply alike (services/dataplane event-outbox.ts holds the
// next events until the app returns; lib/libix user-thread.ts sends the
// return). An EventBatch is a return to user space that the app answers with
// exactly one SyscallBatch, empty if it made no call, when it carries at
// least one event that may need an answer. Send completions (EV_SENT,
// EV_UDP_SENT) alone do not: an app that has nothing more to send makes no
// call for them, and its empty return was two NATS messages per request at
// low load (the completion and the return) that carried nothing either side
// needed. An app that does answer a completion (more data to send) sends
// its SyscallBatch as usual; batches of return codes alone owe nothing.
import { ix } from "@ix/proto";

/** Whether an event of `kind` (ix.EventKind) makes its batch owe a run_io return. */
export function owesReturn(kind: number): boolean {
  return kind !== ix.EventKind.EV_SENT && kind !== ix.EventKind.EV_UDP_SENT;
}
