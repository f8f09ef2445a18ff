// hosts.ts's options are checked before any namespace is touched (no root
// needed for these); test/hosts-tap.test.ts runs real hosts as root.
import { test } from "node:test";
import assert from "node:assert/strict";
import { setupHosts, MAX_HOSTS } from "../src/hosts.ts";

test("hosts: a bad count, prefix or subnet is refused in one line before anything is made", async () => {
  const cases: [Parameters<typeof setupHosts>[0], RegExp][] = [
    [{ count: 1 }, /^--hosts must be 2\.\.9, got 1$/],
    [{ count: MAX_HOSTS + 1 }, /^--hosts must be 2\.\.9, got 10$/],
    [{ count: 2.5 }, /^--hosts must be 2\.\.9/],
    [{ count: 3, prefix: "toolong7" }, /^a hosts prefix is 1-6 lowercase letters or digits, got "toolong7"$/],
    [{ count: 3, prefix: "ix-h" }, /^a hosts prefix is 1-6/],
    [{ count: 3, subnet: "10.78" }, /^a hosts subnet is three octets such as 10\.78\.0, got "10\.78"$/],
  ];
  for (const [o, expected] of cases)
    await assert.rejects(setupHosts(o), { name: "RangeError", message: expected }, JSON.stringify(o));
});
