// `ixctl reta --ethtool` against byte-exact fixtures (fixtures/README.md says
// how each was made: one is real ethtool 6.1 output, the others come from
// ethtool's printf formats run through bash, not from the code under test).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_RSS_KEY } from "@ix/netstack";
import { initialReta } from "@ix/bus";
import { formatEthtoolRss } from "../src/ethtool.ts";

const fixture = (name: string): string => readFileSync(join(import.meta.dirname, "fixtures", name), "utf8");

test("the NIC's default RETA and key print as ethtool -x does", () => {
  const text = formatEthtoolRss({
    device: "nic",
    rings: 2,
    table: initialReta(128, 2),
    key: DEFAULT_RSS_KEY,
    hashFunction: "toeplitz",
  });
  assert.equal(text, fixture("ethtool-x-nic-128x2.txt"));
});

test("a last row shorter than 8 ends its line; wide entries keep ethtool's %5u columns", () => {
  const text = formatEthtoolRss({
    device: "nic",
    rings: 4,
    table: [0, 1, 2, 3, 10, 11, 12, 13, 100, 1000, 10000, 3],
    key: Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 255]),
    hashFunction: "toeplitz",
  });
  assert.equal(text, fixture("ethtool-x-partial-row.txt"));
});

test("no table and no key print 'Operation not supported', as real ethtool 6.1 does", () => {
  const text = formatEthtoolRss({
    device: "eth0",
    rings: 1,
    table: [],
    key: new Uint8Array(0),
    hashFunction: "toeplitz",
  });
  assert.equal(text, fixture("ethtool-x-unsupported.txt"));
});

test("the hash function line marks only the one in use", () => {
  const text = formatEthtoolRss({
    device: "d",
    rings: 1,
    table: [0],
    key: Uint8Array.of(1),
    hashFunction: "xor",
  });
  assert.ok(text.endsWith("RSS hash function:\n    toeplitz: off\n    xor: on\n    crc32: off\n"), text);
});
