// Differential test: every recorded exchange is replayed over TCP against a
// real memcached 1.6 (fresh process per case) and against our node:net server
// (fresh store per case); both must give exactly the recorded reply.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { VERSION_STRING } from "../src/memcached/replies.ts";
import { startNetServer } from "../src/net-server.ts";
import { LARGE_CASES, PROTOCOL_CASES, expectsClose } from "./protocol-cases.ts";
import { freePort, roundTrip, waitForPort } from "./tcp-client.ts";

const MEMCACHED = "/usr/bin/memcached";
const CASES = [...PROTOCOL_CASES, ...LARGE_CASES];

async function withMemcached<T>(run: (port: number) => Promise<T>): Promise<T> {
  const port = await freePort();
  const args = ["-p", String(port), "-U", "0", "-l", "127.0.0.1", "-m", "64", "-t", "1"];
  if (process.getuid?.() === 0) args.push("-u", "root");
  const child = spawn(MEMCACHED, args, { stdio: "ignore" });
  try {
    await waitForPort(port, 5000);
    return await run(port);
  } finally {
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}

test(
  "replies match a real memcached byte for byte",
  { skip: !existsSync(MEMCACHED) && "memcached not installed", timeout: 120_000 },
  async (t) => {
    let real = 0;
    for (const [request, expected] of CASES) {
      const label = JSON.stringify(request.slice(0, 60));
      const normalize = (data: Buffer): string =>
        data.toString("latin1").replace(/VERSION [^\r]*\r\n/g, `VERSION ${VERSION_STRING}\r\n`);
      const complete = (data: Buffer): boolean =>
        expected !== "" && normalize(data).length >= expected.length;
      const theirs = await withMemcached((port) => roundTrip(port, request, complete));
      const version =
        /VERSION 1\.6\.\d+\r\n/.test(theirs.data.toString("latin1")) || !expected.includes("VERSION");
      assert.ok(version, `${label}: reference server is not memcached 1.6`);
      assert.equal(normalize(theirs.data), expected, `memcached disagrees with the recording for ${label}`);
      assert.equal(theirs.closed, expectsClose(request), `memcached close state for ${label}`);
      real++;

      const server = await startNetServer({ port: 0, protocol: "memcached" });
      try {
        const ours = await roundTrip(server.port, request, complete);
        assert.equal(ours.data.toString("latin1"), expected, `our reply for ${label}`);
        assert.equal(ours.closed, expectsClose(request), `our close state for ${label}`);
      } finally {
        await server.close();
      }
    }
    t.diagnostic(`${real} exchanges identical to memcached`);
  },
);
