// The latency SLO is one setting (lib/bus slo.ts): IXCP's configuration and
// ixload's options read the same flag and variable, with the same default.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_SLO_US, SLO_ENV } from "@ix/bus";
import { loadConfig } from "../services/ixcp/src/config.ts";
import { parseLoadOptions } from "../services/loadgen/src/options.ts";

test("IXCP and ixload take the same setting", () => {
  assert.equal(loadConfig([], {}).sloUs, DEFAULT_SLO_US);
  assert.equal(loadConfig([], { [SLO_ENV]: "3000" }).sloUs, 3000);
  assert.equal(loadConfig(["--slo-us", "900"], { [SLO_ENV]: "3000" }).sloUs, 900);
  assert.throws(() => loadConfig([], { [SLO_ENV]: "x" }), /IX_SLO_US|--slo-us/);
  const saved = process.env[SLO_ENV];
  try {
    delete process.env[SLO_ENV];
    assert.equal(parseLoadOptions(["--server", "127.0.0.1:1"]).sloUs, DEFAULT_SLO_US);
    process.env[SLO_ENV] = "3000";
    assert.equal(parseLoadOptions(["--server", "127.0.0.1:1"]).sloUs, 3000);
    assert.equal(parseLoadOptions(["--server", "127.0.0.1:1", "--slo-us", "800"]).sloUs, 800);
  } finally {
    if (saved === undefined) delete process.env[SLO_ENV];
    else process.env[SLO_ENV] = saved;
  }
});
