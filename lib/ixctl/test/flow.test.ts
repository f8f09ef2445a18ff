// `ixctl flow` against Microsoft's published RSS verification vectors (the
// cluster's default key is the same 40 bytes), in-process and through the CLI.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { flowInfo, parseEndpoint } from "../src/flow.ts";
import { initialReta } from "@ix/bus";

// "Verifying the RSS Hash Calculation", IPv4 with TCP ports: source, destination, hash.
const VECTORS: [string, string, number][] = [
  ["66.9.149.187:2794", "161.142.100.80:1766", 0x51ccc178],
  ["199.92.111.2:14230", "65.69.140.83:4739", 0xc626b0ea],
  ["24.19.198.95:12898", "12.22.207.184:38024", 0x5c2b394a],
  ["38.27.205.30:48228", "209.142.163.6:2217", 0xafc7327f],
  ["153.39.163.191:44251", "202.188.127.2:1303", 0x10e828a2],
];

test("hash, flow group and queue follow the Microsoft vectors and the RETA", () => {
  const reta = initialReta(128, 2);
  for (const [src, dst, hash] of VECTORS) {
    const info = flowInfo(src, dst, reta);
    assert.equal(info.hash, hash >>> 0, `${src} -> ${dst}`);
    assert.equal(info.flowGroup, hash & 127);
    assert.equal(info.queue, (hash & 127) % 2);
  }
});

test("bad endpoints are refused with a clear error", () => {
  assert.throws(() => parseEndpoint("10.0.0.1"), /expected IPv4:PORT/);
  assert.throws(() => parseEndpoint("10.0.0.1:70000"), /expected IPv4:PORT/);
});

test("the CLI prints the same figures as JSON without a running cluster", () => {
  const cwd = mkdtempSync(join(tmpdir(), "ixctl-")); // no .ix/cluster.json here
  const cli = join(import.meta.dirname, "..", "src", "cli.ts");
  const out = execFileSync(process.execPath, [cli, "flow", VECTORS[0][0], VECTORS[0][1], "--json"], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, IX_NATS_URL: "" },
  });
  const j = JSON.parse(out) as { hash: number; flowGroup: number; queue: number };
  assert.deepEqual([j.hash, j.flowGroup, j.queue], [0x51ccc178, 0x51ccc178 & 127, (0x51ccc178 & 127) % 2]);
});
