import assert from "node:assert/strict";
import { test } from "node:test";
import { ArpOp, ArpView, ARP_LEN, emitArp } from "../src/wire/arp.ts";
import { BROADCAST_MAC } from "../src/wire/addr.ts";
import { WireError } from "../src/wire/errors.ts";
import { emitEthernet, EtherType, EthernetView, ETH_HEADER_LEN } from "../src/wire/ethernet.ts";
import {
  ARP_REPLY,
  ARP_REQUEST_PADDED,
  CLIENT_IP,
  CLIENT_MAC,
  codesForEveryPrefix,
  hex,
  STACK_IP,
  STACK_MAC,
  toHex,
} from "./wire-fixtures.ts";

test("Ethernet header fields of a captured ARP request", () => {
  const eth = new EthernetView();
  assert.equal(eth.reset(ARP_REQUEST_PADDED), WireError.Ok);
  assert.deepEqual(eth.dst(), BROADCAST_MAC);
  assert.deepEqual(eth.src(), CLIENT_MAC);
  assert.equal(eth.etherType(), EtherType.ARP);
  assert.equal(eth.payload().length, 60 - ETH_HEADER_LEN);
  // Views do not copy: the payload shares the frame's memory.
  assert.equal(eth.payload().buffer, ARP_REQUEST_PADDED.buffer);
});

test("Ethernet emit matches the captured header byte for byte", () => {
  const out = new Uint8Array(14);
  assert.equal(emitEthernet(out, 0, BROADCAST_MAC, CLIENT_MAC, EtherType.ARP), 14);
  assert.equal(toHex(out), toHex(ARP_REQUEST_PADDED.subarray(0, 14)));
});

test("Ethernet truncated below 14 bytes", () => {
  const eth = new EthernetView();
  const codes = codesForEveryPrefix(ARP_REPLY.subarray(0, 14), (b) => eth.reset(b));
  assert.deepEqual(new Set(codes), new Set([WireError.Truncated]));
  assert.equal(EthernetView.parse(new Uint8Array(13)), null);
  assert.notEqual(EthernetView.parse(new Uint8Array(14)), null);
});

test("ARP request fields (with Ethernet padding after the 28 bytes)", () => {
  const arp = ArpView.parse(ARP_REQUEST_PADDED.subarray(14));
  assert.ok(arp);
  assert.equal(arp.op(), ArpOp.Request);
  assert.deepEqual(arp.senderMac(), CLIENT_MAC);
  assert.equal(arp.senderIp(), CLIENT_IP);
  assert.deepEqual(arp.targetMac(), hex("000000000000"));
  assert.equal(arp.targetIp(), STACK_IP);
});

test("ARP reply emitted byte-exact against the capture", () => {
  const out = new Uint8Array(42);
  let n = emitEthernet(out, 0, CLIENT_MAC, STACK_MAC, EtherType.ARP);
  n += emitArp(out, n, {
    op: ArpOp.Reply,
    senderMac: STACK_MAC,
    senderIp: STACK_IP,
    targetMac: CLIENT_MAC,
    targetIp: CLIENT_IP,
  });
  assert.equal(n, 42);
  assert.equal(toHex(out), toHex(ARP_REPLY));
});

test("ARP round trip through emit and parse", () => {
  const out = new Uint8Array(ARP_LEN);
  emitArp(out, 0, {
    op: ArpOp.Request,
    senderMac: STACK_MAC,
    senderIp: 0xc0a80001,
    targetMac: BROADCAST_MAC,
    targetIp: 0xfffffffe,
  });
  const v = ArpView.parse(out);
  assert.ok(v);
  assert.equal(v.op(), ArpOp.Request);
  assert.deepEqual(v.senderMac(), STACK_MAC);
  assert.equal(v.senderIp(), 0xc0a80001);
  assert.deepEqual(v.targetMac(), BROADCAST_MAC);
  assert.equal(v.targetIp(), 0xfffffffe);
});

test("ARP truncated at every length", () => {
  const v = new ArpView();
  const codes = codesForEveryPrefix(ARP_REPLY.subarray(14), (b) => v.reset(b));
  assert.equal(codes.length, 28);
  assert.ok(codes.every((c) => c === WireError.Truncated));
});

test("ARP for other hardware, protocols or operations is rejected", () => {
  const v = new ArpView();
  const base = ARP_REPLY.subarray(14);
  const mutate = (at: number, value: number): Uint8Array => {
    const b = base.slice();
    b[at] = value;
    return b;
  };
  assert.equal(v.reset(mutate(1, 6)), WireError.Unsupported); // htype 6 (IEEE 802)
  assert.equal(v.reset(mutate(2, 0x86)), WireError.Unsupported); // ptype 0x86dd-ish
  assert.equal(v.reset(mutate(4, 8)), WireError.BadHeaderLength); // hlen 8
  assert.equal(v.reset(mutate(5, 16)), WireError.BadHeaderLength); // plen 16
  assert.equal(v.reset(mutate(7, 3)), WireError.Unsupported); // RARP request
  assert.equal(v.reset(base), WireError.Ok);
});
