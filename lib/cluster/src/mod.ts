// @ix/cluster: the whole cluster as real processes on this machine (nats-server
// with per-component credentials, the NIC, one dataplane per core, the app,
// optionally IXCP), the one way npm start, the integration tests and the
// benchmarks run it.
// - startCluster(ClusterOptions) -> Cluster (its processes, URLs, stop());
//   with natsCluster: N, N nats-servers joined by routes and the components
//   spread over them (placeComponents -> Placement, placement.ts);
//   the addresses of the TAP network: HOST_IP/HOST_MAC (the cluster's host)
//   and LINUX_IP (the Linux side), and REPO_ROOT;
// - spawnService: one service child process, ready when it prints its admin
//   URL, stopped cleanly (ServiceProcess);
// - hosts: N network namespaces on a bridge standing for N machines
//   (setupHosts -> HostsHandle, canUseHosts; `npm start -- --hosts N`);
//   startCluster({hosts}) runs one nats-server and a share of the components
//   on each (placeOnHosts);
// - canUseTap/setupTap: a TAP device in a network namespace of our own,
//   bridged to the NIC's L2-over-UDP port (root only; TapHandle tears it down).
export {
  REPO_ROOT,
  HOST_IP,
  LINUX_IP,
  HOST_MAC,
  startCluster,
  type ClusterOptions,
  type Cluster,
} from "./cluster.ts";
export { placeComponents, placeOnHosts, type Placement } from "./placement.ts";
export {
  setupHosts,
  removeHosts,
  canUseHosts,
  MAX_HOSTS,
  type Host,
  type HostsHandle,
  type HostsOptions,
} from "./hosts.ts";
export { spawnService, type ServiceProcess, type SpawnOptions } from "./process.ts";
export { canUseTap, setupTap, TAP_BRIDGES, type TapBridge, type TapOptions, type TapHandle } from "./tap.ts";
export { openTapDevice } from "./tun-device.ts";
