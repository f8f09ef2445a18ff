// Who a nats-l2 client host is on the L2 segment: IPv4 address, MAC, and the
// NATS subject token it transmits on (ix.l2.tx.<name>). Defaults are derived
// from the process id so several ixload processes (and --agents children) on
// one segment get distinct addresses without configuration.

import { formatIpv4, formatMac, parseIpv4, parseMac } from "@ix/netstack";

/** The cluster's client subnet (10.77.0.0/24): 10.77.0.1 is Linux, 10.77.0.2 the server. */
export const SEGMENT_NET = 0x0a4d0000;
export const SEGMENT_MASK = 0xffffff00;
/** Default host addresses are 10.77.0.100 .. 10.77.0.249. */
const DEFAULT_FIRST = 100;
const DEFAULT_SPAN = 150;

export interface HostIdentity {
  ip: number;
  mac: Uint8Array;
  name: string;
}

export interface IdentityFlags {
  hostIp?: string;
  hostMac?: string;
  hostName?: string;
}

export class IdentityError extends Error {}

/** 10.77.0.(100 + pid mod 150). */
export function defaultHostIp(pid: number = process.pid): string {
  return formatIpv4(SEGMENT_NET + DEFAULT_FIRST + (pid % DEFAULT_SPAN));
}

/** A locally administered unicast MAC holding the IP: 02:00:a:b:c:d. */
export function macForIp(ip: number): Uint8Array {
  return new Uint8Array([0x02, 0x00, ip >>> 24, (ip >>> 16) & 0xff, (ip >>> 8) & 0xff, ip & 0xff]);
}

/** Validates the flags and fills in defaults. Throws IdentityError with the flag's name. */
export function resolveIdentity(flags: IdentityFlags = {}, pid: number = process.pid): HostIdentity {
  const ipText = flags.hostIp ?? defaultHostIp(pid);
  let ip: number;
  try {
    ip = parseIpv4(ipText);
  } catch {
    throw new IdentityError(`--host-ip must be an IPv4 address, got "${ipText}"`);
  }
  const host = ip & 0xff;
  if ((ip & SEGMENT_MASK) >>> 0 !== SEGMENT_NET || host <= 2 || host === 255) {
    throw new IdentityError(`--host-ip must be in 10.77.0.3 .. 10.77.0.254, got "${ipText}"`);
  }
  let mac: Uint8Array;
  if (flags.hostMac === undefined) mac = macForIp(ip);
  else {
    try {
      mac = parseMac(flags.hostMac);
    } catch {
      throw new IdentityError(`--host-mac must be aa:bb:cc:dd:ee:ff, got "${flags.hostMac}"`);
    }
    if ((mac[0] & 1) === 1) throw new IdentityError(`--host-mac must be unicast, got "${flags.hostMac}"`);
  }
  const name = flags.hostName ?? `ixload-${host}-${pid}`;
  // One subject token: the host user may publish on ix.l2.tx.* only.
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
    throw new IdentityError(`--host-name must be 1..64 of [A-Za-z0-9_-], got "${name}"`);
  }
  return { ip, mac, name };
}

export function describeIdentity(id: HostIdentity): string {
  return `${id.name} ${formatIpv4(id.ip)} ${formatMac(id.mac)}`;
}
