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
  "with room in depth, sends do not wait for responses; latency includes the server's delay",
  { timeout: 60_000 },
  async () => {
    const r = await runLoad(options(2000, 256));
    const step = r.steps[0];
    // A closed-loop client (one request per connection, waiting for each
    // answer) completes at most 4 conns x duration / 30 ms; the open loop,
    // pipelining up to its depth, completes several times that whatever the
    // machine's speed (the bound only grows with a slower server).
    const closedLoopMax = (4 * step.durationS * 1000) / DELAY_MS;
    assert.ok(
      step.requests > 2 * closedLoopMax,
      `${step.requests} responses, closed loop <= ${closedLoopMax}`,
    );
    // A lower bound only: the server sleeps 30 ms (Node's timers may fire up
    // to ~1 ms early, hence 0.95); a loaded machine only adds to it.
    assert.ok(step.latencyUs.p50 >= 0.95 * DELAY_MS * 1000, `p50 ${step.latencyUs.p50} us`);
    assert.equal(r.errors, 0);
  },
);

test(
  "at full depth the schedule still runs: late sends counted, latency from the schedule",
  { timeout: 60_000 },
  async () => {
    const r = await runLoad(options(400, 1));
    const step = r.steps[0];
    // Upper bounds set by the depth (4 conns x depth 1 / 30 ms = 133/s): a
    // loaded machine can only send fewer. The schedule is not slowed by them.
    assert.ok(step.sentRate < 150, `sent ${step.sentRate}/s`);
    assert.ok(step.offeredRate > 2 * step.sentRate, `offered ${step.offeredRate}/s, sent ${step.sentRate}/s`);
    assert.ok(step.lateSends > 0.5 * step.offeredRate * step.durationS, `late ${step.lateSends}`);
    // Requests wait for a slot and that wait is in their latency: far above the server's 30 ms.
    assert.ok(step.latencyUs.p50 > 4 * DELAY_MS * 1000, `p50 ${step.latencyUs.p50} us`);
  },
);
