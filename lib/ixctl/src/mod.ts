// @ix/ixctl: the admin command line of the cluster (bin `ixctl`, src/cli.ts)
// and the pieces other code uses: flowInfo (RSS hash, flow group and queue of
// a packet), findState (how to reach a running cluster), the ethtool -x
// formatter, and runIxctl (the whole CLI as a function, for tests).
// It depends only on lib/ (bus, netstack) and proto/: IXCP's admin contract
// is lib/bus/src/ixcp-admin.ts.
export { flowInfo, parseEndpoint, type Endpoint, type FlowInfo } from "./flow.ts";
export { findState, type ClusterState } from "./state.ts";
export { formatEthtoolRss, RSS_HASH_FUNCTIONS, type EthtoolRss, type RssHashFunction } from "./ethtool.ts";
export { runIxctl, SUBCOMMANDS, type Io } from "./program.ts";
