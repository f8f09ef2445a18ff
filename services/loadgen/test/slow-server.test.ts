// Open loop against a slow server: the send schedule does not slow down;
// latency grows instead (and, when depth runs out, late sends are counted
// and latency keeps counting from the scheduled time).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { parseLoadOptions } from "../src/options.ts";
import { runLoad } from "../src/run.ts";
import { startSlowEchoServer } from "./helpers.ts";

const DELAY_MS = 30;
let server: { port: number; close(): Promise<void> };
before(async () => {
  server = await startSlowEchoServer(DELAY_MS);
});
after(() => server?.close());

function options(rate: number, depth: number): ReturnType<typeof parseLoadOptions> {
  return parseLoadOptions([
    ...["--server", `127.0.0.1:${server.port}`, "--protocol", "echo", "--message-size", "32"],
    ...["--rate", String(rate), "--connections", "4", "--depth", String(depth), "--inter-arrival", "fixed"],
    ...["--duration", "1.5", "--warmup", "0.3", "--ceiling", "off", "--quiet"],
  ]);
}

test(
  "with room in depth, sends per second stay at the target while latency grows",
  { timeout: 20_000 },
  async () => {
    const r = await runLoad(options(2000, 256));
    const step = r.steps[0];
    // A closed-loop client at this latency would manage only ~4 conns x 1 / 30 ms = 133/s per outstanding slot.
    assert.ok(Math.abs(step.sentRate - 2000) <= 20, `sent ${step.sentRate}/s`);
    assert.ok(Math.abs(step.achievedRate - 2000) <= 60, `achieved ${step.achievedRate}/s`);
    // (Node's timers may fire up to ~1 ms early, hence 0.95.)
    assert.ok(step.latencyUs.p50 >= 0.95 * DELAY_MS * 1000, `p50 ${step.latencyUs.p50} us`);
    assert.ok(step.latencyUs.p50 < DELAY_MS * 1000 * 3, `p50 ${step.latencyUs.p50} us`);
    assert.equal(r.errors, 0);
  },
);

test(
  "at full depth the schedule still runs: late sends counted, latency from the schedule",
  { timeout: 20_000 },
  async () => {
    const r = await runLoad(options(400, 1));
    const step = r.steps[0];
    assert.ok(Math.abs(step.offeredRate - 400) <= 4, `offered ${step.offeredRate}/s`); // not slowed
    assert.ok(step.sentRate < 150, `sent ${step.sentRate}/s`); // 4 conns x depth 1 / 30 ms
    assert.ok(step.lateSends > 0.5 * step.offeredRate * step.durationS, `late ${step.lateSends}`);
    // Requests wait for a slot and that wait is in their latency: far above the server's 30 ms.
    assert.ok(step.latencyUs.p50 > 4 * DELAY_MS * 1000, `p50 ${step.latencyUs.p50} us`);
  },
);
