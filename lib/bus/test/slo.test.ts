// The shared latency SLO (slo.ts): a flag wins over IX_SLO_US, which wins
// over the default; a bad value is one error that names where it came from.
// (test/slo-setting.test.ts: IXCP and ixload read the same setting.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_SLO_US, SLO_ENV, sloUs } from "../src/slo.ts";

test("flag, then IX_SLO_US, then the default", () => {
  assert.equal(sloUs(undefined, {}), DEFAULT_SLO_US);
  assert.equal(sloUs(undefined, { [SLO_ENV]: "" }), DEFAULT_SLO_US);
  assert.equal(sloUs(undefined, { [SLO_ENV]: "750" }), 750);
  assert.equal(sloUs("1200", { [SLO_ENV]: "750" }), 1200);
});

test("a value that is not a positive number is refused, naming the flag or the variable", () => {
  assert.throws(() => sloUs("0", {}), /^Error: --slo-us must be a positive number of microseconds, got "0"$/);
  assert.throws(
    () => sloUs(undefined, { [SLO_ENV]: "2ms" }),
    /^Error: IX_SLO_US must be a positive .* got "2ms"$/,
  );
  assert.throws(() => sloUs("-5", {}), /--slo-us/);
});
