// A fixed offered rate against Debian's memcached (USR and ETC, with preload)
// and against an echo server: every response parsed, none an error. How close
// the achieved rate comes to the target depends on this machine: that figure
// is `npm run bench`'s, not a test's.
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

const RATE = 20_000;

for (const workload of ["usr", "etc"]) {
  test(`memcached ${workload} at ${RATE}/s: responses parsed, no errors`, { timeout: 60_000 }, async () => {
    const opts = parseLoadOptions([
      ...["--server", `127.0.0.1:${memcached.port}`, "--workload", workload, "--rate", String(RATE)],
      ...["--duration", "2", "--warmup", "0.5", "--connections", "4", "--depth", "8", "--keys", "2000"],
      ...["--ceiling", "off", "--quiet"],
    ]);
    const r = await runLoad(opts);
    assert.equal(r.errors, 0);
    assert.equal(r.steps.length, 1);
    assert.equal(r.steps[0].targetRate, RATE);
    assert.ok(r.requests > 0, "no response");
    assert.equal(r.requests, r.steps[0].requests);
    const l = r.latencyUs;
    assert.ok(0 < l.p50 && l.p50 <= l.p99 && l.max > 0, JSON.stringify(l));
  });
}

test(`echo at ${RATE}/s: responses matched, no errors`, { timeout: 60_000 }, async () => {
  const opts = parseLoadOptions([
    ...["--server", `127.0.0.1:${echo.port}`, "--protocol", "echo", "--message-size", "64"],
    ...["--rate", String(RATE), "--duration", "2", "--warmup", "0.5", "--ceiling", "off", "--quiet"],
  ]);
  const r = await runLoad(opts);
  assert.equal(r.errors, 0);
  assert.equal(r.steps.length, 1);
  assert.ok(r.requests > 0, "no response");
});
