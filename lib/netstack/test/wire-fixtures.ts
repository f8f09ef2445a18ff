// Reference frames for the wire tests, built with scapy 2.5 (an independent
// implementation, so checksums and layouts are not our own code checked
// against itself). Hosts: 10.77.0.1 at 52:54:00:12:34:56 (a Linux-like
// client) and 10.77.0.2 at 02:00:0a:4d:00:02 (the stack).

export function hex(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, "");
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");
}

export const CLIENT_IP = 0x0a4d0001;
export const STACK_IP = 0x0a4d0002;
export const CLIENT_MAC = hex("525400123456");
export const STACK_MAC = hex("02000a4d0002");

/** Broadcast who-has 10.77.0.2, padded by the NIC to the 60-byte minimum frame. */
export const ARP_REQUEST_PADDED = hex(
  "ffffffffffff525400123456 0806 0001 0800 06 04 0001 525400123456 0a4d0001 000000000000 0a4d0002" +
    "000000000000000000000000000000000000",
);

export const ARP_REPLY = hex(
  "52540012345602000a4d0002 0806 0001 0800 06 04 0002 02000a4d0002 0a4d0002 525400123456 0a4d0001",
);

/** ping-style echo request: ident 1234, seq 1, 8-byte timestamp then 0x10..0x37. */
export const ICMP_ECHO_REQUEST = hex(
  "02000a4d0002525400123456 0800" +
    "4500004c1c464000400109cf0a4d00010a4d0002" +
    "08006b3104d20001a3c1256700000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637",
);

/** The reply the stack should send (IP id 0). */
export const ICMP_ECHO_REPLY = hex(
  "52540012345602000a4d0002 0800" +
    "4500004c00004000400126150a4d00020a4d0001" +
    "0000733104d20001a3c1256700000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637",
);

/** memcached UDP request: 8-byte frame header then "get k\r\n", 40000 -> 11211. */
export const UDP_MEMCACHED = hex(
  "02000a4d0002525400123456 0800" +
    "4500002b7a0140004011ac240a4d00010a4d0002" +
    "9c402bcb0017d2820001000000010000676574206b0d0a",
);

/** A SYN as Linux sends it: MSS 1460, SACK-permitted, timestamps, NOP, wscale 7. */
export const TCP_SYN = hex(
  "02000a4d0002525400123456 0800" +
    "4500003c3c1a40004006ea050a4d00010a4d0002" +
    "d4312bcb 9e3779b9 00000000 a002 faf0 ea2c 0000" +
    "020405b4 0402080a 0a1b2c3d 00000000 01030307",
);

/** The SYN-ACK for TCP_SYN, same option layout. */
export const TCP_SYN_ACK = hex(
  "52540012345602000a4d0002 0800" +
    "4500003c00004000400626200a4d00020a4d0001" +
    "2bcbd431 01020304 9e3779ba a012 fe88 e1ce 0000" +
    "020405b4 0402080a 00c0ffee 0a1b2c3d 01030307",
);

/** A data segment with NOP NOP timestamps, PSH|ACK, 21 bytes of memcached reply. */
export const TCP_DATA = hex(
  "52540012345602000a4d0002 0800" +
    "4500004901014000400625120a4d00020a4d0001" +
    "2bcbd431 01020305 9e3779c5 8018 01fd ae19 0000 0101080a 00c0fff0 0a1b2c40" +
    "56414c5545206b203020310d0a760d0a454e440d0a",
);

/** A bare ACK (54 bytes) padded to 60: IPv4 totalLength must cut the 6 pad bytes. */
export const TCP_ACK_PADDED = hex(
  "02000a4d0002525400123456 0800" +
    "450000283c1b40004006ea180a4d00010a4d0002" +
    "d4312bcb 9e3779ba 01020305 5010 01f6 7d4c 0000" +
    "000000000000",
);

/** An ACK carrying timestamps and one SACK block [0x01020400, 0x01020500). */
export const TCP_SACK = hex(
  "02000a4d0002525400123456 0800" +
    "450000403c1c40004006e9ff0a4d00010a4d0002" +
    "d4312bcb 9e3779ba 01020305 b010 01f6 cc0c 0000" +
    "0101080a 0a1b2c41 00c0fff0 0101050a 01020400 01020500",
);

/** IPv4 with a Router Alert option (ihl 6) carrying an ICMP echo request with data "ra". */
export const IPV4_OPTIONS_ICMP = hex(
  "02000a4d0002525400123456 0800" +
    "460000222222000001 01 ee18 0a4d0001 0a4d0002 94040000" +
    "0800858e000700097261",
);

/** A 128-byte UDP datagram split in two fragments (IPv4 packets, no Ethernet header). */
export const IPV4_FRAGMENT_FIRST = hex(
  "4500005442422000401103bb0a4d00010a4d0002" +
    "13881770006c37fa" +
    "7878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878",
);
export const IPV4_FRAGMENT_LAST = hex(
  "4500004042420008401123c70a4d00010a4d0002" +
    "7878787878787878787878787878787878787878787878787878787878787878787878787878787878787878",
);

/** Every Ethernet frame above, for sweeps. */
export const ALL_FRAMES: Uint8Array[] = [
  ARP_REQUEST_PADDED,
  ARP_REPLY,
  ICMP_ECHO_REQUEST,
  ICMP_ECHO_REPLY,
  UDP_MEMCACHED,
  TCP_SYN,
  TCP_SYN_ACK,
  TCP_DATA,
  TCP_ACK_PADDED,
  TCP_SACK,
  IPV4_OPTIONS_ICMP,
];

/**
 * Calls `reset` on every proper prefix of `whole` (lengths 0 .. minLen-1 ..
 * whole.length-1) and returns the codes; reset must never throw. The caller
 * asserts which codes are acceptable.
 */
export function codesForEveryPrefix(whole: Uint8Array, reset: (b: Uint8Array) => number): number[] {
  const codes: number[] = [];
  for (let len = 0; len < whole.length; len++) codes.push(reset(whole.subarray(0, len)));
  return codes;
}
