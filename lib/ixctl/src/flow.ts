// `ixctl flow SRC_IP:PORT DST_IP:PORT`: which RSS hash, flow group and queue
// the NIC gives a packet with that source and destination (Microsoft RSS
// spec: Toeplitz over source address, destination address, source port,
// destination port, in network byte order).
import { Toeplitz, DEFAULT_RSS_KEY, flowGroupOf, parseIpv4 } from "@ix/netstack";

export interface Endpoint {
  ip: number;
  port: number;
}

export interface FlowInfo {
  src: string;
  dst: string;
  hash: number;
  flowGroup: number;
  queue: number;
}

export function parseEndpoint(text: string): Endpoint {
  const m = /^(\d+\.\d+\.\d+\.\d+):(\d+)$/.exec(text);
  const port = m ? Number(m[2]) : NaN;
  if (!m || port > 65535) throw new Error(`expected IPv4:PORT, got ${JSON.stringify(text)}`);
  return { ip: parseIpv4(m[1]), port };
}

export function flowInfo(
  src: string,
  dst: string,
  reta: readonly number[],
  key: Uint8Array = DEFAULT_RSS_KEY,
): FlowInfo {
  const s = parseEndpoint(src);
  const d = parseEndpoint(dst);
  const hash = new Toeplitz(key).hashIpv4Ports(s.ip, d.ip, s.port, d.port) >>> 0;
  const flowGroup = flowGroupOf(hash, reta.length);
  return { src, dst, hash, flowGroup, queue: reta[flowGroup] };
}
