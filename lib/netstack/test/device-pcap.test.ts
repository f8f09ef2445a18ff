import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { PcapWriter, PCAP_GLOBAL_HEADER_LEN, PCAP_RECORD_HEADER_LEN } from "../src/device/pcap.ts";
import { ARP_REQUEST_PADDED, ICMP_ECHO_REQUEST, TCP_SYN, toHex, UDP_MEMCACHED } from "./wire-fixtures.ts";

function capture(frames: [Uint8Array, number][], snaplen?: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  const w = new PcapWriter((c) => chunks.push(c), snaplen);
  for (const [f, t] of frames) w.write(f, t);
  return Buffer.concat(chunks);
}

function tsharkAvailable(): boolean {
  try {
    execFileSync("tshark", ["--version"], { stdio: "ignore", timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

test("global header: magic, version 2.4, snaplen, LINKTYPE_ETHERNET", () => {
  const chunks: Uint8Array[] = [];
  new PcapWriter((c) => chunks.push(c), 1500);
  assert.equal(chunks.length, 1); // written at construction
  assert.equal(chunks[0].length, PCAP_GLOBAL_HEADER_LEN);
  assert.equal(
    toHex(chunks[0]),
    "d4c3b2a1" + "0200" + "0400" + "00000000" + "00000000" + "dc050000" + "01000000",
  );
});

test("record header: seconds, microseconds, included and original length", () => {
  const file = capture([[ARP_REQUEST_PADDED, 1_700_000_000_123_456]]);
  const rec = file.subarray(PCAP_GLOBAL_HEADER_LEN);
  const dv = new DataView(rec.buffer, rec.byteOffset);
  assert.equal(dv.getUint32(0, true), 1_700_000_000);
  assert.equal(dv.getUint32(4, true), 123_456);
  assert.equal(dv.getUint32(8, true), 60);
  assert.equal(dv.getUint32(12, true), 60);
  assert.equal(toHex(rec.subarray(PCAP_RECORD_HEADER_LEN)), toHex(ARP_REQUEST_PADDED));
});

test("frames longer than snaplen are cut, original length kept; frames are copied", () => {
  const frame = TCP_SYN.slice();
  const file = capture([[frame, 5]], 32);
  frame.fill(0); // the writer must not keep a reference
  const rec = file.subarray(PCAP_GLOBAL_HEADER_LEN);
  const dv = new DataView(rec.buffer, rec.byteOffset);
  assert.equal(dv.getUint32(4, true), 5);
  assert.equal(dv.getUint32(8, true), 32);
  assert.equal(dv.getUint32(12, true), TCP_SYN.length);
  assert.equal(rec.length, PCAP_RECORD_HEADER_LEN + 32);
  assert.equal(toHex(rec.subarray(PCAP_RECORD_HEADER_LEN)), toHex(TCP_SYN.subarray(0, 32)));
});

test(
  "tshark reads the file back: count, protocols, times",
  { skip: !tsharkAvailable() && "tshark not on PATH" },
  () => {
    const dir = mkdtempSync(join(tmpdir(), "pcap-test-"));
    try {
      const path = join(dir, "frames.pcap");
      const frames: [Uint8Array, number][] = [
        [ARP_REQUEST_PADDED, 1_000_000],
        [ICMP_ECHO_REQUEST, 1_000_250],
        [UDP_MEMCACHED, 1_500_000],
        [TCP_SYN, 2_000_001],
      ];
      writeFileSync(path, capture(frames));
      const out = execFileSync(
        "tshark",
        ["-r", path, "-T", "fields", "-e", "frame.protocols", "-e", "frame.time_epoch", "-e", "frame.len"],
        { encoding: "utf8", timeout: 60_000, stdio: ["ignore", "pipe", "ignore"] },
      );
      const lines = out.trim().split("\n");
      assert.equal(lines.length, 4, out);
      const rows = lines.map((l) => l.split("\t"));
      assert.match(rows[0][0], /^eth:ethertype:arp$/);
      assert.match(rows[1][0], /^eth:ethertype:ip:icmp/);
      assert.match(rows[2][0], /^eth:ethertype:ip:udp/);
      assert.match(rows[3][0], /^eth:ethertype:ip:tcp$/);
      assert.deepEqual(
        rows.map((r) => Math.round(Number(r[1]) * 1e6)),
        frames.map(([, t]) => t),
      );
      assert.deepEqual(
        rows.map((r) => Number(r[2])),
        frames.map(([f]) => f.length),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
