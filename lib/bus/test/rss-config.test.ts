// The settings the NIC and the cores share are read one way: same names, same
// checks, a bad value a one-line ConfigError naming the flag and its variable.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  ConfigError,
  loadRssConfig,
  parseQueues,
  parseRetaSize,
  parseRssKey,
  RSS_OPTIONS,
} from "../src/rss-config.ts";
import { DEFAULT_RETA_SIZE } from "../src/reta.ts";

const KEY16 = "6d5a56da255b0ec24167253d43a38fb0";

test("the names are the same for every process", () => {
  assert.deepEqual(RSS_OPTIONS, {
    queues: "IX_QUEUES",
    "reta-size": "IX_RETA_SIZE",
    "rss-key": "IX_RSS_KEY",
  });
});

test("defaults, environment, and a flag winning over its variable", () => {
  assert.deepEqual(loadRssConfig({}, {}, 4), { queues: 4, retaSize: DEFAULT_RETA_SIZE, rssKey: undefined });
  const env = { IX_QUEUES: "8", IX_RETA_SIZE: "512", IX_RSS_KEY: KEY16 };
  const c = loadRssConfig({ queues: "3" }, env, 2);
  assert.equal(c.queues, 3);
  assert.equal(c.retaSize, 512);
  assert.deepEqual([...(c.rssKey ?? [])].slice(0, 3), [0x6d, 0x5a, 0x56]);
  assert.equal(c.rssKey?.length, 16);
});

test("RSS keys: hex with separators or 0x; any other character is an error, not stripped", () => {
  assert.deepEqual(parseRssKey("6d:5a:56:da:25:5b:0e:c2:41:67:25:3d:43:a3:8f:b0"), parseRssKey(KEY16));
  assert.deepEqual(parseRssKey(`0x${KEY16}`), parseRssKey(KEY16));
  assert.equal(parseRssKey("ab".repeat(52)).length, 52);
  for (const bad of ["abcd", `${KEY16}zz`, `${KEY16.slice(0, 31)}g`, "ab".repeat(53), `${KEY16}a`, ""])
    assert.throws(
      () => parseRssKey(bad),
      (e: Error) =>
        e instanceof ConfigError && /^--rss-key \(IX_RSS_KEY\) must be 16 to 52 bytes of hex/.test(e.message),
      bad,
    );
});

test("RETA size: a power of two in 8..512", () => {
  for (const ok of [8, 128, 512]) assert.equal(parseRetaSize(String(ok)), ok);
  for (const bad of ["4", "100", "1024", "128.0x", "", "abc"])
    assert.throws(
      () => parseRetaSize(bad),
      /^ConfigError: --reta-size \(IX_RETA_SIZE\) must be a power of two/,
      bad,
    );
});

test("queues: an integer in 1..64", () => {
  assert.equal(parseQueues("64"), 64);
  for (const bad of ["0", "65", "1.5", "", "two"])
    assert.throws(() => parseQueues(bad), /--queues \(IX_QUEUES\) must be an integer in \[1, 64\]/, bad);
});

test("a bad value in the environment is refused like a bad flag", () => {
  assert.throws(() => loadRssConfig({}, { IX_RSS_KEY: "not-hex" }, 2), /--rss-key \(IX_RSS_KEY\)/);
  assert.throws(() => loadRssConfig({}, { IX_RETA_SIZE: "100" }, 2), /--reta-size \(IX_RETA_SIZE\)/);
});
