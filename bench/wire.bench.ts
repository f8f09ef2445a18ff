// Throughput of the netstack's per-packet basics: parsing an Ethernet/IPv4/TCP
// frame with reusable views (checksums verified), and the Toeplitz hash that
// picks a flow group. Numbers are per second on one core; compare ratios
// between runs on the same machine rather than absolute values.
import { DEFAULT_RSS_KEY, Toeplitz } from "../lib/netstack/src/rss/toeplitz.ts";
import { emitEthernet, EtherType, EthernetView } from "../lib/netstack/src/wire/ethernet.ts";
import { emitIpv4Header, IpProtocol, Ipv4View } from "../lib/netstack/src/wire/ipv4.ts";
import { emitTcp, TcpFlag, tcpOptionsLength, TcpView } from "../lib/netstack/src/wire/tcp.ts";

const MAC_A = new Uint8Array([2, 0, 0, 0, 0, 1]);
const MAC_B = new Uint8Array([2, 0, 0, 0, 0, 2]);
const IP_A = 0x0a4d0001;
const IP_B = 0x0a4d0002;

/** A memcached-sized segment: timestamps option and 64 bytes of payload. */
function smallSegment(): Uint8Array {
  const payload = new Uint8Array(64).fill(0x61);
  const options = { tsVal: 123456, tsEcr: 654321 };
  const tcpLen = 20 + tcpOptionsLength(options) + payload.length;
  const frame = new Uint8Array(14 + 20 + tcpLen);
  let n = emitEthernet(frame, 0, MAC_B, MAC_A, EtherType.IPv4);
  n += emitIpv4Header(frame, n, {
    srcIp: IP_A,
    dstIp: IP_B,
    protocol: IpProtocol.TCP,
    payloadLength: tcpLen,
  });
  emitTcp(frame, n, IP_A, IP_B, {
    srcPort: 40000,
    dstPort: 11211,
    seq: 1,
    ack: 1,
    flags: TcpFlag.ACK | TcpFlag.PSH,
    window: 512,
    options,
    payload,
  });
  return frame;
}

function perSecond(iterations: number, body: (n: number) => number): number {
  body(Math.min(iterations, 100_000)); // warm up the JIT
  const t0 = performance.now();
  const sink = body(iterations);
  const seconds = (performance.now() - t0) / 1000;
  if (sink === -1) console.log("unreachable"); // keeps the work observable
  return Math.round(iterations / seconds);
}

export async function run(): Promise<Record<string, number>> {
  const frame = smallSegment();
  const eth = new EthernetView();
  const ip = new Ipv4View();
  const tcp = new TcpView();
  const parse = (verify: boolean) => (n: number) => {
    let acc = 0;
    for (let i = 0; i < n; i++) {
      if (eth.reset(frame) !== 0 || eth.etherType() !== EtherType.IPv4) return -1;
      if (ip.reset(eth.payload()) !== 0) return -1;
      if (tcp.reset(ip.payload(), ip.srcIp(), ip.dstIp(), verify) !== 0) return -1;
      acc += tcp.payload().length + tcp.tsVal;
    }
    return acc;
  };

  const toeplitz = new Toeplitz(DEFAULT_RSS_KEY);
  const hashes = (n: number): number => {
    let acc = 0;
    for (let i = 0; i < n; i++)
      acc ^= toeplitz.hashIpv4Ports(IP_A + (i & 0xff), IP_B, 1024 + (i & 0x3fff), 11211);
    return acc;
  };
  const tuple = new Uint8Array(12);
  const hashBytes = (n: number): number => {
    let acc = 0;
    for (let i = 0; i < n; i++) {
      tuple[11] = i;
      acc ^= toeplitz.hash(tuple);
    }
    return acc;
  };

  return {
    eth_ipv4_tcp_parse_frames_per_s: perSecond(2_000_000, parse(true)),
    eth_ipv4_tcp_parse_nochecksum_frames_per_s: perSecond(2_000_000, parse(false)),
    toeplitz_ipv4_ports_hashes_per_s: perSecond(5_000_000, hashes),
    toeplitz_bytes12_hashes_per_s: perSecond(5_000_000, hashBytes),
  };
}

if (import.meta.main) console.log(await run());
