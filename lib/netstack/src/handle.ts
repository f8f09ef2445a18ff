// A connection handle as the app sees it: flow group * HANDLE_FG_SCALE +
// connection id (proto/ix.proto HandleLayout; IX: flow_group << 48 | pcb
// index), exact in a double. The dataplane splits it to tell a migrated flow
// group (ESTALE) from an unknown handle (EBADF).
import { HandleLayout } from "@ix/proto/contract";

/** handle = flow group * HANDLE_FG_SCALE + connection id. */
export const HANDLE_FG_SCALE = 2 ** HandleLayout.HANDLE_FG_SHIFT;
