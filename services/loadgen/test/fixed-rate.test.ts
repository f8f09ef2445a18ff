// A fixed offered rate is held within 2% when the server keeps up: against
// Debian's memcached (USR and ETC, with preload) and against an echo server.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startInstantServer, type InstantServer } from "../src/instant-server.ts";
import { parseLoadOptions } from "../src/options.ts";
import { runLoad } from "../src/run.ts";
import { startMemcached, type Memcached } from "./helpers.ts";

let memcached: Memcached;
let echo: InstantServer;
before(async () => {
  memcached = await startMemcached();
  echo = await startInstantServer("echo");
});
after(async () => {
  await memcached?.stop();
  await echo?.close();
});

const RATE = 20_000; // 2 s at 20k/s: Poisson noise on the count is ~0.5%

function within(actual: number, target: number, share: number, what: string): void {
  assert.ok(
    Math.abs(actual - target) <= share * target,
    `${what}: ${actual} not within ${share * 100}% of ${target}`,
  );
}

for (const workload of ["usr", "etc"]) {
  test(`memcached ${workload} at ${RATE}/s is held within 2%`, { timeout: 20_000 }, async () => {
    const opts = parseLoadOptions([
      ...["--server", `127.0.0.1:${memcached.port}`, "--workload", workload, "--rate", String(RATE)],
      ...["--duration", "2", "--warmup", "0.5", "--connections", "4", "--depth", "8", "--keys", "2000"],
      ...["--ceiling", "off", "--quiet"],
    ]);
    const r = await runLoad(opts);
    within(r.achievedRate, RATE, 0.02, "achieved");
    within(r.offeredRate, RATE, 0.02, "offered");
    assert.equal(r.errors, 0);
    assert.equal(r.steps.length, 1);
    assert.ok(r.latencyUs.p50 > 0 && r.latencyUs.p50 < 10_000, `p50 ${r.latencyUs.p50} us`);
  });
}

test(`echo at ${RATE}/s is held within 2%`, { timeout: 20_000 }, async () => {
  const opts = parseLoadOptions([
    ...["--server", `127.0.0.1:${echo.port}`, "--protocol", "echo", "--message-size", "64"],
    ...["--rate", String(RATE), "--duration", "2", "--warmup", "0.5", "--ceiling", "off", "--quiet"],
  ]);
  const r = await runLoad(opts);
  within(r.achievedRate, RATE, 0.02, "achieved");
  assert.equal(r.errors, 0);
});
