// Error codes returned (negated) by the Stack's syscalls: a syscall returns
// -Errno.X. They cross the process boundary unchanged (the dataplane hands
// them to the app), so they are defined once, in proto/ix.proto's `Errno`
// (Linux errno numbers, so logs read naturally), and re-exported here from
// the generated plain-object module.
import { Errno } from "@ix/proto/contract";

export { Errno };

export type ErrnoName = keyof typeof Errno;

export function errnoName(code: number): string {
  const v = code < 0 ? -code : code;
  for (const [k, n] of Object.entries(Errno)) if (n === v) return k;
  return `E${v}`;
}
