// ARP offload, byte exact: the reply for a who-has of the host IP.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ArpOffload } from "../src/arp-offload.ts";
import { arpRequest, hex, HOST_IP, HOST_MAC, CLIENT_IP } from "./frames.ts";

test("a request for the host IP gets a padded reply from the host MAC", () => {
  const arp = new ArpOffload(HOST_IP, HOST_MAC);
  const reply = arp.answer(arpRequest(HOST_IP));
  assert.ok(reply);
  const expected = hex(
    "525400123456 020000000002 0806" + // Ethernet: to the requester, from the host
      "0001 0800 06 04 0002" + // Ethernet/IPv4, reply
      "020000000002 0a4d0002" + // sender: host MAC, 10.77.0.2
      "525400123456 0a4d0001" + // target: requester MAC, 10.77.0.1
      "00".repeat(18), // padding to 60 bytes
  );
  assert.deepEqual(Buffer.from(reply), Buffer.from(expected));
  assert.equal(arp.replies, 1);
});

test("other requests, replies and garbage get no answer", () => {
  const arp = new ArpOffload(HOST_IP, HOST_MAC);
  assert.equal(arp.answer(arpRequest(CLIENT_IP)), null, "not our IP");
  const reply = arp.answer(arpRequest(HOST_IP))!;
  assert.equal(arp.answer(reply), null, "a reply is not answered");
  assert.equal(arp.answer(arpRequest(HOST_IP).subarray(0, 30)), null, "truncated");
  const badHw = arpRequest(HOST_IP);
  badHw[15] = 6; // hardware type 6
  assert.equal(arp.answer(badHw), null);
  assert.equal(arp.replies, 1);
});
