// The memcached and echo response parsers must give the same answers however
// TCP cuts the byte stream.
import assert from "node:assert/strict";
import { test } from "node:test";
import { EchoClient } from "../src/echo-client.ts";
import { MemcachedResponseParser } from "../src/memcached-parser.ts";
import { KeySpace } from "../src/keyspace.ts";
import { setRequest } from "../src/memcached-client.ts";
import { memcachedWorkload } from "../src/workload.ts";

const STREAM = Buffer.from(
  "VALUE 0000000000000000042 0 2\r\nab\r\nEND\r\n" +
    "END\r\n" +
    "STORED\r\n" +
    "VALUE k 5 9 77\r\nx\r\nEND\r\ny\r\nEND\r\n" + // value bytes that look like protocol lines
    "SERVER_ERROR out of memory storing object\r\n" +
    "CLIENT_ERROR bad data chunk\r\n" +
    "ERROR\r\n" +
    "HELLO?\r\n" +
    "VALUE k 0 notanumber\r\n" +
    "VALUE k 0 0\r\n\r\nEND\r\n",
);
const EXPECTED = [false, false, false, false, true, true, true, true, true, false];

function parse(chunks: Buffer[]): { results: boolean[]; parser: MemcachedResponseParser } {
  const parser = new MemcachedResponseParser();
  const results: boolean[] = [];
  const sink = { onResponse: (isError: boolean) => void results.push(isError) };
  for (const c of chunks) parser.feed(c, sink);
  return { results, parser };
}

test("memcached responses parse whole", () => {
  const { results, parser } = parse([STREAM]);
  assert.deepEqual(results, EXPECTED);
  assert.equal(parser.hits, 3);
  assert.equal(parser.misses, 1);
  assert.equal(parser.protocolErrors, 2); // HELLO? and the VALUE without a size
  assert.equal(parser.errorResponses, 5);
});

test("memcached responses parse identically at every split point and byte by byte", () => {
  for (let cut = 0; cut <= STREAM.length; cut++) {
    assert.deepEqual(parse([STREAM.subarray(0, cut), STREAM.subarray(cut)]).results, EXPECTED, `cut ${cut}`);
  }
  const bytes = Array.from(STREAM, (b) => Buffer.from([b]));
  assert.deepEqual(parse(bytes).results, EXPECTED);
});

test("an overlong garbage line is one counted error, and parsing resumes", () => {
  const junk = Buffer.concat([Buffer.alloc(5000, 0x41), Buffer.from("\r\nSTORED\r\n")]);
  const { results, parser } = parse([junk.subarray(0, 1000), junk.subarray(1000, 4000), junk.subarray(4000)]);
  assert.deepEqual(results, [true, false]);
  assert.equal(parser.protocolErrors, 1);
});

test("requests are well formed memcached commands", () => {
  const keys = new KeySpace(12, memcachedWorkload("usr"));
  assert.equal(Buffer.from(keys.getRequest(7)).toString(), "get 0000000000000000007\r\n");
  assert.equal(setRequest(keys.key(11), 3).toString(), "set 0000000000000000011 0 0 3\r\nxxx\r\n");
  const etc = new KeySpace(1000, memcachedWorkload("etc"));
  for (let i = 0; i < 1000; i++) {
    const k = Buffer.from(etc.key(i)).toString();
    assert.equal(Number(k), i);
    assert.ok(k.length >= 1 && k.length <= 250);
  }
});

test("echo responses complete by byte count across any segmentation", () => {
  const client = new EchoClient(10, 8);
  let done = 0;
  const sink = { onResponse: () => void done++ };
  for (let i = 0; i < 3; i++) client.nextRequest();
  const back = Buffer.alloc(30, 0x61);
  client.feed(back.subarray(0, 7), sink);
  assert.equal(done, 0);
  client.feed(back.subarray(7, 21), sink);
  assert.equal(done, 2);
  client.feed(back.subarray(21), sink);
  assert.equal(done, 3);
  client.feed(Buffer.alloc(4), sink); // nobody asked for these
  assert.equal(client.protocolErrors, 4);
  assert.equal(done, 3);
});
