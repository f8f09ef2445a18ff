import { test } from "node:test";
import assert from "node:assert/strict";
import { hello } from "@ix/netstack";
test("workspace import", () => assert.equal(hello, 1));
