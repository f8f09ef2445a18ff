// Real Linux clients in a test's network namespace (the TAP's side): the
// checks every TAP test of the whole cluster makes, one way. ping, the
// byte-verifying TCP echo client (test/clients/echo_client.py) and
// libmemcached's memccapable, each bounded by a timeout.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import type { TestContext } from "node:test";
import { promisify } from "node:util";
import { HOST_IP } from "@ix/cluster";
import { echoClientArgv, type EchoResult } from "./echo-client.ts";

const run = promisify(execFile);

/** memccapable's ASCII verdicts. */
export interface MemcCapable {
  passed: number;
  failed: number;
  /** memccapable printed "All tests passed". */
  allPassed: boolean;
  output: string;
}

export interface LinuxClients {
  /** Runs `argv` in the namespace; resolves with its stdout, rejects on a non-zero exit or after `timeoutMs`. */
  inNs(argv: string[], timeoutMs?: number): Promise<string>;
  /** `count` pings to the cluster's host; resolves with how many were answered. */
  ping(count: number): Promise<number>;
  /**
   * `conns` parallel TCP connections streaming `bytes` in all through the
   * echo app, every byte compared; the client gives up after `timeoutS`
   * (default 100) seconds.
   */
  echoTransfer(conns: number, bytes: number, timeoutS?: number): Promise<EchoResult>;
  /** memccapable -a (the ASCII protocol tests) against the memcached app. */
  memccapable(): Promise<MemcCapable>;
}

/** The clients in namespace `ns`, talking to the cluster's host (HOST_IP). */
export function linuxClients(ns: string): LinuxClients {
  const inNs = async (argv: string[], timeoutMs = 120_000): Promise<string> =>
    (await run("ip", ["netns", "exec", ns, ...argv], { timeout: timeoutMs, maxBuffer: 16 << 20 })).stdout;
  return {
    inNs,
    ping: async (count) => {
      // ping exits 1 when some went unanswered: read its summary either way.
      const out = await inNs(["ping", "-c", String(count), "-i", "0.2", "-W", "2", HOST_IP]).catch(
        (e: { stdout?: string }) => e.stdout ?? "",
      );
      const m = / (\d+) received/.exec(out);
      return m ? Number(m[1]) : 0;
    },
    echoTransfer: async (conns, bytes, timeoutS = 100) =>
      JSON.parse(
        await inNs(echoClientArgv({ conns, bytes, timeoutS }), (timeoutS + 60) * 1000),
      ) as EchoResult,
    memccapable: async () => {
      const output = await inNs(["memccapable", "-a", "-h", HOST_IP, "-p", "11211"], 60_000);
      const lines = output.split("\n");
      return {
        passed: lines.filter((l) => l.includes("[pass]")).length,
        failed: lines.filter((l) => l.includes("[FAIL]")).length,
        allPassed: /All tests passed/.test(output),
        output,
      };
    },
  };
}

/**
 * memccapable -a through `linux`: at least 20 ASCII tests ran and none failed
 * (the verdicts go to `t`'s diagnostics; the output is the failure message).
 */
export async function assertMemccapable(linux: LinuxClients, t: TestContext): Promise<void> {
  const m = await linux.memccapable();
  t.diagnostic(`memccapable: ${m.passed} ASCII tests passed, ${m.failed} failed`);
  assert.equal(m.failed, 0, m.output);
  assert.ok(m.passed >= 20, `only ${m.passed} tests ran`);
  assert.ok(m.allPassed, m.output);
}
