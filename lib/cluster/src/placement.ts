// Which nats-server of a NATS cluster each component connects to first
// (issue 14). The NIC and the app share server 1 (with --hosts, host 1: the
// one with the TAP, where the Linux clients are); the dataplane cores take
// the other servers in turn (core 0 on server 2, core 1 on server 3, core 2
// on server 2, ...) and IXCP the last server (with --hosts: host 1, see
// placeOnHosts). So every frame between the NIC and a core, and every syscall
// and event between the app and a core, crosses a route: the cluster is
// exercised as if each were on a machine of its own. With one server
// everything is on it.

/** 0-based server indexes, one per component. */
export interface Placement {
  nic: number;
  /** cores[c]: core c's server. */
  cores: number[];
  app: number;
  ixcp: number;
}

/** The placement of `cores` dataplane cores on `servers` servers (>= 1). */
export function placeComponents(servers: number, cores: number): Placement {
  if (servers <= 1) return { nic: 0, cores: Array<number>(cores).fill(0), app: 0, ixcp: 0 };
  return {
    nic: 0,
    cores: Array.from({ length: cores }, (_, c) => 1 + (c % (servers - 1))),
    app: 0,
    ixcp: servers - 1,
  };
}

/**
 * The placement on `hosts` hosts (`--hosts N`, hosts.ts; one server per
 * host, server i on host i): the dataplane cores over hosts 2..N as above,
 * and the NIC, the app and IXCP on host 1. IXCP stays off the cores' hosts
 * because it is what recovers from losing one: it rewrites the RETA to the
 * live cores, so it must not share a host's fate with any of them. It sits
 * beside the NIC whose RETA it writes; a lost host 1 takes the NIC, and so
 * the service, with it in any placement.
 */
export function placeOnHosts(hosts: number, cores: number): Placement {
  return { ...placeComponents(hosts, cores), ixcp: 0 };
}
