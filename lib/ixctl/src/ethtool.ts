// `ixctl reta --ethtool`: the NIC's RSS state in the layout of `ethtool -x DEV`
// (ethtool 6.1, Debian 12's, netlink path: netlink/rss.c rss_reply_cb with
// print_indir_table and print_rss_hkey of common.c), so that what a Linux user
// knows from a real NIC reads the same here:
//
//   RX flow hash indirection table for nic with 2 RX ring(s):
//       0:      0     1     0     1     0     1     0     1
//       8:      0     1 ...
//   RSS hash key:
//   6d:5a:56:da:...:fa
//   RSS hash function:
//       toeplitz: on
//       xor: off
//       crc32: off
//
// Rows hold 8 entries: the first index as printf "%5u: ", then each entry as
// " %5u". The key is "%02x" bytes joined by ':'. The hash functions are the
// kernel's ETH_SS_RSS_HASH_FUNCS strings in bit order (toeplitz, xor, crc32);
// the emulated NIC only computes Toeplitz (Microsoft RSS). ethtool prints
// "Operation not supported" where the device reports no table or no key.
// (ethtool 6.8 and later add an "RSS input transformation:" section; the
// NIC has no symmetric-xor input transform, so it is left out as 6.1 does.)

/** The kernel's RSS hash function names (include/uapi/linux/ethtool.h, ETH_RSS_HASH_*_BIT order). */
export const RSS_HASH_FUNCTIONS = ["toeplitz", "xor", "crc32"] as const;
export type RssHashFunction = (typeof RSS_HASH_FUNCTIONS)[number];

export interface EthtoolRss {
  /** The device name ethtool prints (ixctl: "nic"). */
  device: string;
  /** RX rings (the NIC's queues). */
  rings: number;
  /** Indirection table: entry i is the ring of flow group i. */
  table: readonly number[];
  /** The Toeplitz key; empty when the device did not report one. */
  key: Uint8Array;
  hashFunction: RssHashFunction;
}

const u5 = (n: number): string => String(n).padStart(5);

/** The whole `ethtool -x` text, newline-terminated, byte for byte. */
export function formatEthtoolRss(rss: EthtoolRss): string {
  let out = `RX flow hash indirection table for ${rss.device} with ${rss.rings} RX ring(s):\n`;
  if (rss.table.length === 0) out += "Operation not supported\n";
  for (let i = 0; i < rss.table.length; i++) {
    if (i % 8 === 0) out += `${u5(i)}: `;
    out += ` ${u5(rss.table[i])}`;
    if (i % 8 === 7 || i === rss.table.length - 1) out += "\n";
  }
  out += "RSS hash key:\n";
  if (rss.key.length === 0) out += "Operation not supported\n";
  else out += `${Array.from(rss.key, (b) => b.toString(16).padStart(2, "0")).join(":")}\n`;
  out += "RSS hash function:\n";
  for (const f of RSS_HASH_FUNCTIONS) out += `    ${f}: ${f === rss.hashFunction ? "on" : "off"}\n`;
  return out;
}
