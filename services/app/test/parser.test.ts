// Parser + commands: every command, every segmentation of the recorded
// memcached exchanges, malformed input, limits, and a seeded fuzz run.
import assert from "node:assert/strict";
import { test } from "node:test";
import { MemcachedParser, Op } from "../src/memcached/parser.ts";
import { MemcachedSession } from "../src/memcached/session.ts";
import { bytes, exchange, feed, newStore, rng, text } from "./helpers.ts";
import { PROTOCOL_CASES } from "./protocol-cases.ts";

test("recorded memcached exchanges, whole", () => {
  for (const [request, reply] of PROTOCOL_CASES) {
    assert.equal(exchange(newStore(), request).output, reply, JSON.stringify(request));
  }
});

test("recorded exchanges split at every byte boundary, and byte by byte", () => {
  let runs = 0;
  for (const [request, reply] of PROTOCOL_CASES) {
    if (request.length > 300) continue;
    for (let cut = 1; cut < request.length; cut++) {
      assert.equal(
        exchange(newStore(), request, [cut]).output,
        reply,
        `${JSON.stringify(request)} cut at ${cut}`,
      );
      runs++;
    }
    const everyByte = Array.from({ length: request.length }, (_, i) => i + 1);
    assert.equal(
      exchange(newStore(), request, everyByte).output,
      reply,
      `${JSON.stringify(request)} byte by byte`,
    );
  }
  assert.ok(runs > 1000, `ran ${runs} segmentations`);
});

test("parser: fields of every command, parsed in place", () => {
  const parser = new MemcachedParser();
  const chunk = bytes(
    "get a bb\r\ngets c\r\nset k 7 100 3 noreply\r\nxyz\r\ncas k 1 2 1 42\r\nq\r\nincr k 18446744073709551615\r\n" +
      "decr k 3 noreply\r\ntouch k -5\r\ndelete k noreply\r\nflush_all 9\r\nverbosity 2\r\nstats\r\nversion\r\nquit\r\n",
  );
  parser.push(chunk);
  const seen: string[] = [];
  for (let req = parser.next(); req !== null; req = parser.next()) {
    const key = text(req.key.subarray(req.keyStart, req.keyEnd));
    switch (req.op) {
      case Op.Set:
        assert.equal(req.data, chunk, "value is a view of the chunk, not a copy");
        assert.equal(text(req.data.subarray(req.dataStart, req.dataStart + req.dataLength)), "xyz");
        seen.push(`set ${key} ${req.flags} ${req.exptime} ${req.noreply}`);
        break;
      case Op.Cas:
        seen.push(
          `cas ${key} ${req.casUnique} ${text(req.data.subarray(req.dataStart, req.dataStart + req.dataLength))}`,
        );
        break;
      case Op.Incr:
        seen.push(`incr ${key} ${req.delta} ${req.deltaBig}`);
        break;
      case Op.Decr:
        seen.push(`decr ${key} ${req.delta} ${req.noreply}`);
        break;
      case Op.Touch:
        seen.push(`touch ${key} ${req.exptime}`);
        break;
      case Op.Delete:
        seen.push(`delete ${key} ${req.noreply}`);
        break;
      case Op.FlushAll:
        seen.push(`flush_all ${req.exptime}`);
        break;
      case Op.Verbosity:
        seen.push(`verbosity ${req.exptime}`);
        break;
      case Op.Get:
      case Op.Gets:
        seen.push(`${req.op === Op.Get ? "get" : "gets"} ${req.ntokens - 1} keys`);
        break;
      default:
        seen.push(`op ${req.op}`);
    }
  }
  assert.deepEqual(seen, [
    "get 2 keys",
    "gets 1 keys",
    "set k 7 100 true",
    "cas k 42 q",
    "incr k -1 18446744073709551615",
    "decr k 3 true",
    "touch k -5",
    "delete k true",
    "flush_all 9",
    "verbosity 2",
    `op ${Op.Stats}`,
    `op ${Op.Version}`,
    `op ${Op.Quit}`,
  ]);
});

test("a value split across chunks is gathered; the key survives the chunk being reused", () => {
  const store = newStore();
  const value = "v".repeat(5000);
  const r = exchange(
    store,
    `set key1 0 0 5000\r\n${value}\r\nget key1\r\n`,
    [10, 20, 2000, 4000, 5018, 5019, 5021],
  );
  assert.equal(r.output, `STORED\r\nVALUE key1 0 5000\r\n${value}\r\nEND\r\n`);
});

test("line limit: a long non-get line closes the connection, long multi-gets are served", () => {
  const store = newStore();
  const long = "set " + "k".repeat(3000) + " 0 0 1\r\nx\r\n";
  for (const cuts of [[], [100], [2049]]) {
    const r = exchange(
      store,
      "version\r\n" + long,
      cuts.map((c) => c + 9),
    );
    assert.equal(r.status, "close");
    assert.match(r.output, /^VERSION [^\r]+\r\n$/);
  }
  exchange(store, "set k 0 0 1\r\nx\r\n");
  const multiget = "get" + " k".repeat(3000) + "\r\n";
  const r = exchange(store, multiget, [1000, 5000]);
  assert.equal(r.status, "open");
  assert.equal(r.output, "VALUE k 0 1\r\nx\r\n".repeat(3000) + "END\r\n");
  const tooLong = "get" + " k".repeat(40000) + "\r\n";
  assert.equal(exchange(store, tooLong, [3000]).status, "close");
  assert.equal(store.stats.protocolCloses, 4);
});

test("value limit: 1 MB item limit with memcached's item overhead, data swallowed without buffering", () => {
  // memcached 1.6.18 -I 1m: key "big" stores 1048514 bytes, refuses 1048515
  const store = newStore();
  const ok = "x".repeat(1048514);
  assert.equal(exchange(store, `set big 0 0 1048514\r\n${ok}\r\n`).output, "STORED\r\n");
  const session = new MemcachedSession(store);
  const big = "y".repeat(1048515);
  const input = bytes(`set big 0 0 1048515\r\n${big}\r\nget big\r\n`);
  let maxBuffered = 0;
  let output = "";
  for (let off = 0; off < input.length; off += 1500) {
    session.onData(input.subarray(off, off + 1500), (r) => (output += text(r)));
    maxBuffered = Math.max(maxBuffered, session.bufferedBytes);
  }
  assert.equal(
    output,
    "SERVER_ERROR object too large for cache\r\nEND\r\n",
    "failed set also drops the old value",
  );
  assert.ok(maxBuffered < 2048, `buffered ${maxBuffered}`);
  assert.equal(store.stats.storeTooLarge, 1);
  const noreply = exchange(store, `set k 0 0 2000000 noreply\r\n${"z".repeat(2000000)}\r\nversion\r\n`);
  assert.match(noreply.output, /^VERSION/);
});

test("a session stops after close and ignores later data", () => {
  const session = new MemcachedSession(newStore());
  assert.equal(feed(session, "version\r\nquit\r\nversion\r\n").output.split("\r\n").length, 2);
  assert.equal(feed(session, "version\r\n").status, "close");
  assert.equal(feed(session, "version\r\n").output, "");
});

test("seeded fuzz: protocol-shaped garbage never throws and stays bounded", () => {
  const random = rng(12345);
  const atoms = [
    "get ",
    "gets ",
    "set ",
    "cas ",
    "incr ",
    "decr ",
    "touch ",
    "delete ",
    "append ",
    "flush_all ",
    "k ",
    "0 ",
    "1 ",
    "5 ",
    "-1 ",
    "18446744073709551616 ",
    "noreply",
    "\r\n",
    "\n",
    "\r",
    " ",
    "\x00",
    "xyz",
    "HTTP/1.1",
    "9999999 ",
  ];
  const store = newStore({ maxBytes: 1 << 20 });
  for (let round = 0; round < 300; round++) {
    const session = new MemcachedSession(store);
    let s = "";
    const n = 1 + Math.floor(random() * 60);
    for (let i = 0; i < n; i++) s += atoms[Math.floor(random() * atoms.length)];
    const input = bytes(s);
    const cuts = [Math.floor(random() * input.length), Math.floor(random() * input.length)].sort(
      (a, b) => a - b,
    );
    const r = feed(session, input, cuts);
    assert.ok(r.status === "open" || r.status === "close");
    assert.ok(session.bufferedBytes <= 64 * 1024 + 2048);
    session.dispose();
  }
  assert.equal(store.stats.currConnections, 0);
});
