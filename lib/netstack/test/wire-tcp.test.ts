import assert from "node:assert/strict";
import { test } from "node:test";
import { WireError } from "../src/wire/errors.ts";
import { emitEthernet, EtherType } from "../src/wire/ethernet.ts";
import { emitIpv4Header, IpProtocol, Ipv4View } from "../src/wire/ipv4.ts";
import type { TcpEmitHeader } from "../src/wire/tcp.ts";
import { emitTcp, TcpFlag, tcpOptionsLength, TcpView, TCP_MIN_HEADER_LEN } from "../src/wire/tcp.ts";
import {
  CLIENT_IP,
  CLIENT_MAC,
  codesForEveryPrefix,
  hex,
  STACK_IP,
  STACK_MAC,
  TCP_ACK_PADDED,
  TCP_DATA,
  TCP_SACK,
  TCP_SYN,
  TCP_SYN_ACK,
  toHex,
} from "./wire-fixtures.ts";

const seg = (frame: Uint8Array): Uint8Array => (Ipv4View.parse(frame.subarray(14)) as Ipv4View).payload();

/** Builds a whole Ethernet/IPv4/TCP frame with the emitters, as the stack would. */
function buildFrame(
  fromClient: boolean,
  ipId: number,
  h: TcpEmitHeader,
  payload?: Uint8Array,
  payloadOff = 0,
  payloadLen = payload?.length ?? 0,
): Uint8Array {
  const [srcIp, dstIp, srcMac, dstMac] = fromClient
    ? [CLIENT_IP, STACK_IP, CLIENT_MAC, STACK_MAC]
    : [STACK_IP, CLIENT_IP, STACK_MAC, CLIENT_MAC];
  const tcpLen = TCP_MIN_HEADER_LEN + tcpOptionsLength(h.options) + payloadLen;
  const out = new Uint8Array(14 + 20 + tcpLen);
  let n = emitEthernet(out, 0, dstMac, srcMac, EtherType.IPv4);
  n += emitIpv4Header(out, n, { srcIp, dstIp, protocol: IpProtocol.TCP, payloadLength: tcpLen, id: ipId });
  n += emitTcp(out, n, srcIp, dstIp, { ...h, payload, payloadOff, payloadLen });
  assert.equal(n, out.length);
  return out;
}

test("a Linux SYN: header fields and every option", () => {
  const v = TcpView.parse(seg(TCP_SYN), CLIENT_IP, STACK_IP);
  assert.ok(v);
  assert.equal(v.srcPort(), 54321);
  assert.equal(v.dstPort(), 11211);
  assert.equal(v.seq(), 0x9e3779b9);
  assert.equal(v.ack(), 0);
  assert.equal(v.flags(), TcpFlag.SYN);
  assert.equal(v.window(), 64240);
  assert.equal(v.checksum(), 0xea2c);
  assert.equal(v.urgent(), 0);
  assert.equal(v.headerLength(), 40);
  assert.equal(v.mss, 1460);
  assert.ok(v.sackPermitted);
  assert.ok(v.hasTimestamps);
  assert.equal(v.tsVal, 0x0a1b2c3d);
  assert.equal(v.tsEcr, 0);
  assert.equal(v.wscale, 7);
  assert.equal(v.sackBlocks, 0);
  assert.equal(v.payload().length, 0);
});

test("SYN and SYN-ACK emitted byte-exact (Linux option order)", () => {
  const syn = buildFrame(true, 0x3c1a, {
    srcPort: 54321,
    dstPort: 11211,
    seq: 0x9e3779b9,
    ack: 0,
    flags: TcpFlag.SYN,
    window: 64240,
    options: { mss: 1460, sackPermitted: true, tsVal: 0x0a1b2c3d, tsEcr: 0, wscale: 7 },
  });
  assert.equal(toHex(syn), toHex(TCP_SYN));
  const synAck = buildFrame(false, 0, {
    srcPort: 11211,
    dstPort: 54321,
    seq: 0x01020304,
    ack: 0x9e3779ba,
    flags: TcpFlag.SYN | TcpFlag.ACK,
    window: 65160,
    options: { mss: 1460, sackPermitted: true, tsVal: 0x00c0ffee, tsEcr: 0x0a1b2c3d, wscale: 7 },
  });
  assert.equal(toHex(synAck), toHex(TCP_SYN_ACK));
});

test("a data segment with timestamps, payload sliced from a larger buffer", () => {
  const v = TcpView.parse(seg(TCP_DATA), STACK_IP, CLIENT_IP);
  assert.ok(v);
  assert.equal(v.flags(), TcpFlag.PSH | TcpFlag.ACK);
  assert.equal(v.mss, 0);
  assert.equal(v.wscale, -1);
  assert.ok(!v.sackPermitted);
  assert.ok(v.hasTimestamps);
  assert.equal(v.tsVal, 0x00c0fff0);
  assert.equal(v.tsEcr, 0x0a1b2c40);
  assert.equal(Buffer.from(v.payload()).toString(), "VALUE k 0 1\r\nv\r\nEND\r\n");

  const text = new TextEncoder().encode("xxVALUE k 0 1\r\nv\r\nEND\r\nyy");
  const frame = buildFrame(
    false,
    0x0101,
    {
      srcPort: 11211,
      dstPort: 54321,
      seq: 0x01020305,
      ack: 0x9e3779c5,
      flags: TcpFlag.PSH | TcpFlag.ACK,
      window: 509,
      options: { tsVal: 0x00c0fff0, tsEcr: 0x0a1b2c40 },
    },
    text,
    2,
    text.length - 4,
  );
  assert.equal(toHex(frame), toHex(TCP_DATA));
});

test("a bare ACK, emitted and parsed (Ethernet padding removed by IPv4)", () => {
  const frame = buildFrame(true, 0x3c1b, {
    srcPort: 54321,
    dstPort: 11211,
    seq: 0x9e3779ba,
    ack: 0x01020305,
    flags: TcpFlag.ACK,
    window: 502,
  });
  assert.equal(toHex(frame), toHex(TCP_ACK_PADDED.subarray(0, 54)));
  const v = TcpView.parse(seg(TCP_ACK_PADDED), CLIENT_IP, STACK_IP);
  assert.ok(v);
  assert.equal(v.headerLength(), 20);
  assert.equal(v.payload().length, 0);
});

test("SACK blocks are counted and readable", () => {
  const v = TcpView.parse(seg(TCP_SACK), CLIENT_IP, STACK_IP);
  assert.ok(v);
  assert.ok(v.hasTimestamps);
  assert.equal(v.sackBlocks, 1);
  assert.equal(v.sackLeft(0), 0x01020400);
  assert.equal(v.sackRight(0), 0x01020500);
});

test("reusing a view clears the previous segment's options", () => {
  const v = new TcpView();
  assert.equal(v.reset(seg(TCP_SYN), CLIENT_IP, STACK_IP), WireError.Ok);
  assert.equal(v.mss, 1460);
  assert.equal(v.reset(seg(TCP_ACK_PADDED), CLIENT_IP, STACK_IP), WireError.Ok);
  assert.equal(v.mss, 0);
  assert.equal(v.wscale, -1);
  assert.ok(!v.sackPermitted && !v.hasTimestamps);
  assert.equal(v.sackBlocks, 0);
});

test("option layouts and their lengths", () => {
  const cases: [Parameters<typeof tcpOptionsLength>[0], string][] = [
    [undefined, ""],
    [{}, ""],
    [{ mss: 536 }, "02040218"],
    [{ sackPermitted: true }, "01010402"],
    [{ wscale: 0 }, "01030300"],
    [{ tsVal: 1, tsEcr: 2 }, "0101080a0000000100000002"],
    [{ tsVal: 0xffffffff }, "0101080affffffff00000000"],
    [{ mss: 1460, sackPermitted: true, wscale: 14 }, "020405b4010104020103030e"],
  ];
  for (const [options, expected] of cases) {
    assert.equal(tcpOptionsLength(options), expected.length / 2);
    const out = new Uint8Array(60);
    const n = emitTcp(out, 0, 1, 2, { srcPort: 1, dstPort: 2, seq: 3, ack: 4, flags: 2, window: 5, options });
    assert.equal(n, 20 + expected.length / 2);
    assert.equal(toHex(out.subarray(20, n)), expected);
    const v = TcpView.parse(out.subarray(0, n), 1, 2);
    assert.ok(v, expected);
    assert.equal(v.mss, options?.mss ?? 0);
    assert.equal(v.wscale, options?.wscale ?? -1);
    assert.equal(v.sackPermitted, options?.sackPermitted ?? false);
    assert.equal(v.hasTimestamps, options?.tsVal !== undefined);
    if (v.hasTimestamps) assert.equal(v.tsVal, options?.tsVal);
  }
});

/** A 20-byte header with `opts` appended (padded with EOL to 4 bytes); checksum not filled. */
function withOptions(opts: string): Uint8Array {
  const o = hex(opts);
  const hlen = 20 + Math.ceil(o.length / 4) * 4;
  const b = new Uint8Array(hlen);
  b[12] = (hlen / 4) << 4;
  b.set(o, 20);
  return b;
}

test("malformed options are BadOption; unknown ones are skipped", () => {
  const v = new TcpView();
  const code = (opts: string): number => v.reset(withOptions(opts), 0, 0, false);
  assert.equal(code("0200"), WireError.BadOption); // length 0
  assert.equal(code("0201"), WireError.BadOption); // length 1
  assert.equal(code("02050000"), WireError.BadOption); // MSS with length 5 runs past the header
  assert.equal(code("020305"), WireError.BadOption); // MSS with length 3
  assert.equal(code("03040700"), WireError.BadOption); // wscale with length 4
  assert.equal(code("04030000"), WireError.BadOption); // SACK-permitted with length 3
  assert.equal(code("080800000000000000"), WireError.BadOption); // timestamps with length 8
  assert.equal(code("0509000000000000000000"), WireError.BadOption); // SACK with half a block
  assert.equal(code("010101 02"), WireError.BadOption); // a kind with no length byte
  assert.equal(code("1e0411220204ffff"), WireError.Ok); // kind 30 skipped, then MSS
  assert.equal(v.mss, 0xffff);
  assert.equal(code("0303ff"), WireError.Ok); // shift 255 clamps to 14
  assert.equal(v.wscale, 14);
  assert.equal(code("00 0200"), WireError.Ok); // anything after EOL is ignored
  assert.equal(v.mss, 0);
});

test("data offset below 5 and checksum errors", () => {
  const v = new TcpView();
  const s = seg(TCP_DATA).slice();
  const bad = s.slice();
  bad[12] = 0x40;
  assert.equal(v.reset(bad, STACK_IP, CLIENT_IP), WireError.BadHeaderLength);
  bad[12] = 0xf0; // 60 bytes claimed, 53 present
  assert.equal(v.reset(bad, STACK_IP, CLIENT_IP, false), WireError.Truncated);
  assert.equal(v.reset(s, STACK_IP, CLIENT_IP + 1), WireError.BadChecksum);
  for (const at of [0, 13, 25, s.length - 1]) {
    const f = s.slice();
    f[at] ^= 0x10;
    assert.equal(v.reset(f, STACK_IP, CLIENT_IP), WireError.BadChecksum, `byte ${at}`);
    assert.equal(v.reset(f, STACK_IP, CLIENT_IP, false), WireError.Ok, `byte ${at} unchecked`);
  }
});

test("truncated at every length: nonzero codes, never a throw", () => {
  const v = new TcpView();
  for (const [frame, src, dst] of [
    [TCP_SYN, CLIENT_IP, STACK_IP],
    [TCP_DATA, STACK_IP, CLIENT_IP],
    [TCP_SACK, CLIENT_IP, STACK_IP],
  ] as const) {
    const s = seg(frame);
    const hlen = (s[12] >> 4) * 4;
    const codes = codesForEveryPrefix(s, (b) => v.reset(b, src, dst));
    assert.ok(codes.slice(0, hlen).every((c) => c === WireError.Truncated));
    assert.ok(codes.slice(hlen).every((c) => c === WireError.BadChecksum));
    // Without checksum verification a cut inside the options is still caught.
    const unchecked = codesForEveryPrefix(s, (b) => v.reset(b, src, dst, false));
    assert.ok(unchecked.slice(0, hlen).every((c) => c === WireError.Truncated));
  }
});
