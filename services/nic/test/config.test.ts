import { test } from "node:test";
import assert from "node:assert/strict";
import { parseRssKey } from "@ix/bus";
import { loadConfig } from "../src/config.ts";
import { DEFAULT_RSS_KEY, formatIpv4, formatMac } from "../src/netstack.ts";

test("defaults", () => {
  const c = loadConfig([], {});
  assert.equal(c.queues, 4);
  assert.equal(c.retaSize, 128);
  assert.equal(c.ringSize, 512);
  assert.equal(c.burstSize, 64);
  assert.deepEqual(c.rssKey, DEFAULT_RSS_KEY);
  assert.equal(formatIpv4(c.hostIp), "10.77.0.2");
  assert.equal(formatMac(c.hostMac), "02:00:00:00:00:02");
  assert.equal(c.wireListen, null);
  assert.equal(c.adminPort, 0);
  assert.equal(c.promiscuous, false);
});

test("flags win over the environment", () => {
  const env = { IX_QUEUES: "8", IX_NIC_RING_SIZE: "64", IX_ADMIN_PORT: "9100", IX_HOST_IP: "10.0.0.5" };
  const c = loadConfig(["--queues", "2", "--wire-listen=127.0.0.1:4000", "--promiscuous"], env);
  assert.equal(c.queues, 2);
  assert.equal(c.ringSize, 64);
  assert.equal(c.adminPort, 9100);
  assert.equal(formatIpv4(c.hostIp), "10.0.0.5");
  assert.deepEqual(c.wireListen, { host: "127.0.0.1", port: 4000 });
  assert.equal(c.promiscuous, true);
  assert.equal(c.wireTapFd, null, "no TAP wire unless asked");
  assert.equal(loadConfig(["--wire-tap-fd", "3"]).wireTapFd, 3);
});

test("bad values are refused with the flag's name", () => {
  assert.throws(() => loadConfig(["--reta-size", "100"]), /power of two/);
  assert.throws(() => loadConfig(["--reta-size", "1024"]), /reta-size/);
  assert.throws(() => loadConfig(["--queues", "0"]), /--queues/);
  assert.throws(() => loadConfig(["--wire-peer", "nohost"]), /--wire-peer/);
  assert.throws(() => loadConfig(["--wire-tap-fd", "1"]), /--wire-tap-fd/, "0-2 are stdio");
  assert.throws(() => loadConfig([], { IX_NIC_WIRE_TAP_FD: "x" }), /--wire-tap-fd/);
  assert.throws(() => loadConfig(["--bogus", "1"]), /unknown argument/);
  assert.throws(() => loadConfig([], { IX_RSS_KEY: "abcd" }), /rss-key/);
  assert.throws(() => loadConfig([], { IX_HOST_MAC: "zz" }), /MAC/);
});

test("RSS keys parse from hex with separators", () => {
  const k = parseRssKey("6d:5a:56:da:25:5b:0e:c2:41:67:25:3d:43:a3:8f:b0");
  assert.equal(k.length, 16);
  assert.equal(k[0], 0x6d);
  assert.equal(k[15], 0xb0);
});
