// libmemcached's conformance tool against our node:net server: every ASCII
// test must pass (binary tests are out of scope: -a).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { startNetServer } from "../src/net-server.ts";

const MEMCCAPABLE = "/usr/bin/memccapable";

test(
  "memccapable -a passes every ASCII test",
  { skip: !existsSync(MEMCCAPABLE) && "memccapable not installed", timeout: 60_000 },
  async (t) => {
    const server = await startNetServer({ port: 0, host: "127.0.0.1", protocol: "memcached" });
    try {
      // async spawn: a sync one would block the event loop our server runs on
      const child = spawn(MEMCCAPABLE, ["-a", "-h", "127.0.0.1", "-p", String(server.port), "-t", "5"]);
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => child.kill("SIGKILL"), 50_000);
      const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
      clearTimeout(timer);
      // a test prints its name on stdout, then "[pass]" on stdout or "[FAIL]" on stderr
      const passed = stdout.match(/^ascii .+?\[pass\]$/gm) ?? [];
      const failed = (stderr.match(/\[FAIL\]/g) ?? []).length;
      const summary = /(\d+) of (\d+) tests failed/.exec(stderr);
      t.diagnostic(`memccapable: ${passed.length} ASCII tests passed, ${failed} failed`);
      assert.equal(failed, 0, `failures:\n${stdout}\n${stderr}`);
      assert.equal(summary, null);
      assert.equal(code, 0);
      assert.match(stdout, /All tests passed/);
      assert.ok(passed.length >= 27, `only ${passed.length} tests ran:\n${stdout}`);
      for (let i = 0; i < 50 && server.connections() > 0; i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(server.store?.stats.currConnections, 0, "every session was disposed");
    } finally {
      await server.close();
    }
  },
);
