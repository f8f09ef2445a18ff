// The decoded shape of the frames the NIC delivers to a core (ix.Frame in an
// ix.RxBurst on ix.nic.rx.<queue>), with every field present. Derived from
// the generated type, so a field added to proto/ix.proto's Frame appears here
// and both the NIC (producer) and the dataplane (consumer) must handle it.
import type { ix } from "@ix/proto";

/** ix.Frame with every field required: data, rxTimeUs (us), rssHash, flowGroup (protobufjs's $unknowns aside). */
export type RxFrame = { [K in Exclude<keyof ix.IFrame, "$unknowns">]-?: NonNullable<ix.IFrame[K]> };
