// The nats-l2 host's hand-written WireBurst codec against protobufjs's
// ix.WireBurst (byte for byte both ways), its malformed-input handling, and
// the validation of host identities.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ix } from "@ix/proto";
import { defaultHostIp, macForIp, resolveIdentity } from "../src/nats-l2/identity.ts";
import { forEachFrame, WireBurstWriter } from "../src/nats-l2/wire-burst.ts";

function frames(): Uint8Array[] {
  // Lengths around the varint boundaries (127/128, 16383/16384).
  return [1, 60, 127, 128, 1514, 16383, 16384].map((n, k) =>
    Uint8Array.from({ length: n }, (_, i) => (i * 31 + k) & 0xff),
  );
}

function decodeAll(data: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  const n = forEachFrame(data, (d, off, len) => out.push(d.slice(off, off + len)));
  assert.equal(n, out.length);
  return out;
}

test("WireBurstWriter encodes exactly what protobufjs encodes", () => {
  const w = new WireBurstWriter(16); // small arena: forces growth
  const fs = frames();
  for (const f of fs) w.add(f);
  assert.equal(w.count, fs.length);
  const mine = w.take();
  assert.deepEqual(mine, new Uint8Array(ix.WireBurst.encode({ frames: fs }).finish()));
  assert.equal(w.count, 0);
  assert.equal(w.bytes, 0);
  // The writer copies: changing a frame after add() does not change the burst.
  const f = new Uint8Array([1, 2, 3]);
  w.add(f);
  f[0] = 9;
  assert.deepEqual(decodeAll(w.take()), [new Uint8Array([1, 2, 3])]);
});

test("forEachFrame reads what protobufjs encodes, in order", () => {
  const fs = frames();
  const got = decodeAll(new Uint8Array(ix.WireBurst.encode({ frames: fs }).finish()));
  assert.deepEqual(got, fs);
  assert.equal(
    forEachFrame(new Uint8Array(0), () => assert.fail("no frames")),
    0,
  );
});

test("forEachFrame skips unknown fields and rejects malformed bursts without throwing", () => {
  // field 2 varint 300, field 1 "ab", field 3 fixed32, field 4 fixed64
  const ok = Uint8Array.from([
    0x10, 0xac, 0x02, 0x0a, 2, 97, 98, 0x1d, 1, 2, 3, 4, 0x21, 1, 2, 3, 4, 5, 6, 7, 8,
  ]);
  assert.deepEqual(decodeAll(ok), [Uint8Array.from([97, 98])]);
  const bad = [
    Uint8Array.from([0x0a, 5, 1, 2]), // length past the end
    Uint8Array.from([0x0a, 0x80]), // truncated varint
    Uint8Array.from([0x0b]), // wire type 3 (groups) is not accepted
    Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]), // varint too long
    Uint8Array.from([0x0a, 1, 7, 0x1d, 1]), // fixed32 cut short
  ];
  for (const b of bad)
    assert.equal(
      forEachFrame(b, () => {}),
      -1,
      `accepted ${Array.from(b).join(",")}`,
    );
});

test("host identities: defaults, derived MAC, and clear errors", () => {
  assert.equal(defaultHostIp(0), "10.77.0.100");
  assert.equal(defaultHostIp(149), "10.77.0.249");
  assert.equal(defaultHostIp(150), "10.77.0.100");
  const id = resolveIdentity({}, 1234);
  assert.equal(id.ip, 0x0a4d0000 + 100 + (1234 % 150));
  assert.deepEqual(id.mac, macForIp(id.ip));
  assert.deepEqual(Array.from(macForIp(0x0a4d0065)), [2, 0, 10, 77, 0, 101]);
  assert.equal(id.name, `ixload-${100 + (1234 % 150)}-1234`);
  const set = resolveIdentity({ hostIp: "10.77.0.7", hostMac: "02:aa:bb:cc:dd:ee", hostName: "lg_1" });
  assert.equal(set.ip, 0x0a4d0007);
  assert.deepEqual(Array.from(set.mac), [2, 0xaa, 0xbb, 0xcc, 0xdd, 0xee]);
  assert.equal(set.name, "lg_1");
  assert.throws(() => resolveIdentity({ hostIp: "10.77.0.2" }), /--host-ip/); // the server
  assert.throws(() => resolveIdentity({ hostIp: "10.78.0.9" }), /--host-ip/);
  assert.throws(() => resolveIdentity({ hostIp: "nope" }), /--host-ip/);
  assert.throws(() => resolveIdentity({ hostMac: "01:00:00:00:00:01" }), /unicast/);
  assert.throws(() => resolveIdentity({ hostMac: "zz" }), /--host-mac/);
  assert.throws(() => resolveIdentity({ hostName: "a.b" }), /--host-name/);
  assert.throws(() => resolveIdentity({ hostName: "*" }), /--host-name/);
});
