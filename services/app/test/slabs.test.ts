// The slab store against memcached 1.6.18: the same slab classes, the same
// `stats slabs` / `stats items` bytes for the same requests (fixtures captured
// from the real server, `memcached -m 64 -vv` and `-o no_lru_maintainer`, the
// one-LRU-per-class shape we keep); replies that are views of a chunk keep it
// from reuse until the transport lets go; a class with nothing to evict takes
// a page from another; the key index stays a faithful map under churn.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { hashKey, HashIndex } from "../src/memcached/hash-index.ts";
import { H_HASH, H_INFO, KEY_AT, NIL_REF, WIRE_AT } from "../src/memcached/item.ts";
import { MemcachedSession } from "../src/memcached/session.ts";
import { MemcachedStore } from "../src/memcached/store.ts";
import { bytes, exchange, manualClock, newStore, rng, text } from "./helpers.ts";

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "latin1");

test("slab classes are memcached 1.6.18's (96 B, x1.25, 1 MB pages), plus one class for items up to -I", () => {
  const store = new MemcachedStore();
  const slabs = store.slabs;
  const theirs = fixture("memcached-1.6.18-slab-classes.txt").trim().split("\n");
  const ours: string[] = [];
  for (let c = 1; c < slabs.largest; c++) {
    const size = String(slabs.size[c]).padStart(9);
    ours.push(
      `slab class ${String(c).padStart(3)}: chunk size ${size} perslab ${String(slabs.perslab[c]).padStart(7)}`,
    );
  }
  assert.deepEqual(ours, theirs);
  // memcached chains chunks for items over 512 kB; we give them a class of their own
  assert.equal(slabs.largest, theirs.length + 1);
  assert.equal(slabs.size[slabs.largest], 1024 * 1024 + 32);
  assert.equal(slabs.perslab[slabs.largest], 1);
  assert.equal(slabs.classFor(1184), 12);
  assert.equal(slabs.classFor(1185), 13);
});

test("stats slabs and stats items: byte for byte what memcached 1.6.18 answers for the same requests", () => {
  const store = newStore();
  const value = "x".repeat(1000);
  const requests =
    `set k1 0 0 1000\r\n${value}\r\nset a 5 0 3\r\nabc\r\nget k1\r\ndelete a\r\n` +
    "set b 1 0 2\r\n10\r\nincr b 5\r\ntouch b 100\r\n";
  assert.equal(
    exchange(store, requests).output,
    `STORED\r\nSTORED\r\nVALUE k1 0 1000\r\n${value}\r\nEND\r\nDELETED\r\nSTORED\r\n15\r\nTOUCHED\r\n`,
  );
  const ours = exchange(store, "stats slabs\r\nstats items\r\n").output;
  // the fixture is stored with LF line ends; the protocol's are CRLF
  const theirs = fixture("memcached-1.6.18-stats-slabs-items.txt").replace(/\n/g, "\r\n");
  assert.equal(ours, theirs);
});

test("stats slabs before any item: no classes, nothing malloced; stats slabs ignores extra words as memcached does", () => {
  const store = newStore();
  assert.equal(
    exchange(store, "stats slabs\r\n").output,
    "STAT active_slabs 0\r\nSTAT total_malloced 0\r\nEND\r\n",
  );
  assert.equal(exchange(store, "stats items\r\n").output, "END\r\n");
  assert.equal(
    exchange(store, "stats slabs foo\r\n").output,
    "STAT active_slabs 0\r\nSTAT total_malloced 0\r\nEND\r\n",
  );
});

/** A session whose replies are kept as views (a transport with a queue) until release(). */
function queuedSession(store: MemcachedStore): {
  send: (request: string) => Uint8Array[];
  release: (n: number) => void;
  session: MemcachedSession;
} {
  const session = new MemcachedSession(store);
  return {
    session,
    send(request) {
      const pieces: Uint8Array[] = [];
      session.onData(bytes(request), (r) => pieces.push(r));
      return pieces;
    },
    release: (n) => session.onSent(n),
  };
}

test("a get reply still queued keeps its chunk: overwrite, delete, flush and evictions never rewrite it", () => {
  // one page of five 192-byte chunks (174-byte items: 2-byte keys, 100-byte values)
  const store = newStore({ maxBytes: 5 * 192, pageSize: 5 * 192 });
  const set = (key: string, c: string): string => `set ${key} 0 0 100 noreply\r\n${c.repeat(100)}\r\n`;
  exchange(store, set("k0", "a"));
  const q = queuedSession(store);
  const pieces = q.send("get k0\r\n");
  assert.equal(pieces.length, 2); // the item's wire bytes, then END
  const expected = `VALUE k0 0 100\r\n${"a".repeat(100)}\r\n`;
  assert.equal(text(pieces[0]), expected);
  assert.equal(pieces[0].buffer, store.mem.buffer, "the reply is a view of the region, not a copy");
  assert.equal(store.pins, 1);
  // replace k0, delete it, then churn far more items than the class holds
  exchange(store, set("k0", "b") + "delete k0\r\n");
  for (let i = 0; i < 40; i++) exchange(store, set(`x${i % 10}`, String.fromCharCode(99 + (i % 20))));
  exchange(store, "flush_all\r\n");
  for (let i = 0; i < 20; i++) exchange(store, set(`y${i % 10}`, "z"));
  assert.equal(text(pieces[0]), expected, "the queued reply's bytes are intact");
  // only four chunks cycled while the fifth was pinned
  const stats = exchange(store, "stats slabs\r\n").output;
  assert.match(stats, /STAT 4:used_chunks 5\r\n/);
  assert.equal(store.currItems, 4);
  // the transport lets go of part of the reply: still pinned; of all of it: freed
  q.release(pieces[0].length - 1);
  assert.equal(store.pins, 1);
  q.release(1 + pieces[1].length);
  assert.equal(store.pins, 0);
  assert.match(exchange(store, "stats slabs\r\n").output, /STAT 4:used_chunks 4\r\n/);
  exchange(store, set("w0", "q"));
  assert.equal(store.currItems, 5, "the chunk is reusable");
  q.session.dispose();
});

test("a pinned item at the LRU tail is skipped (lrutail_reflocked), gets pins released on dispose", () => {
  const store = newStore({ maxBytes: 2 * 192, pageSize: 2 * 192 });
  const set = (key: string): string => `set ${key} 0 0 100 noreply\r\n${"v".repeat(100)}\r\n`;
  exchange(store, set("a") + set("b"));
  const q = queuedSession(store);
  q.send("gets a\r\n"); // a is now the newest; pin it
  exchange(store, "get b\r\n"); // b newest, a at the tail
  exchange(store, set("c")); // tail a is pinned: b goes
  assert.deepEqual(
    [..."abc"].map((k) => exchange(store, `get ${k}\r\n`).output !== "END\r\n"),
    [true, false, true],
  );
  assert.match(exchange(store, "stats items\r\n").output, /STAT items:\d+:lrutail_reflocked 1\r\n/);
  q.session.dispose();
  assert.equal(store.pins, 0);
});

test("a class with nothing to evict takes a page from the class whose items are oldest", () => {
  const clock = manualClock();
  // four 1 kB pages; 100-byte values fill them all in class 4 (192-byte chunks)
  const store = new MemcachedStore({ maxBytes: 4 * 1024, pageSize: 1024, clock: clock.now });
  for (let i = 0; i < 40; i++) exchange(store, `set s${i} 0 0 100 noreply\r\n${"s".repeat(100)}\r\n`);
  assert.equal(store.slabs.pages[4], 4);
  clock.advance(5);
  // a 300-byte value needs a 384-byte chunk: no page left, nothing of its own to evict
  assert.equal(exchange(store, `set big 0 0 300\r\n${"b".repeat(300)}\r\n`).output, "STORED\r\n");
  assert.equal(store.slabs.pages[4], 3);
  assert.equal(store.slabs.size[store.slabs.classFor(375)], 384);
  assert.equal(store.slabs.pages[store.slabs.classFor(375)], 1);
  assert.match(exchange(store, "stats\r\n").output, /STAT slabs_moved 1\r\n/);
  assert.equal(exchange(store, "get big\r\n").output, `VALUE big 0 300\r\n${"b".repeat(300)}\r\nEND\r\n`);
  // the five items of the moved page were evicted, the rest are intact
  assert.equal(store.currItems, 5 * 3 + 1);
  assert.equal(store.stats.evictions, 40 - 20 + 5);
  const slabs = exchange(store, "stats slabs\r\n").output;
  assert.match(slabs, /STAT total_malloced 4096\r\n/);
});

test("the key index agrees with a Map through 20,000 random sets, deletes and gets (forced collisions included)", () => {
  const store = newStore({ maxBytes: 8 * 1024 * 1024 });
  const model = new Map<string, string>();
  const rand = rng(7);
  for (let i = 0; i < 20_000; i++) {
    const key = `k${Math.floor(rand() * 3000)}`;
    const r = rand();
    if (r < 0.5) {
      const v = String(Math.floor(rand() * 1e9));
      exchange(store, `set ${key} 0 0 ${v.length} noreply\r\n${v}\r\n`);
      model.set(key, v);
    } else if (r < 0.7) {
      exchange(store, `delete ${key} noreply\r\n`);
      model.delete(key);
    } else {
      const v = model.get(key);
      const expected = v === undefined ? "END\r\n" : `VALUE ${key} 0 ${v.length}\r\n${v}\r\nEND\r\n`;
      assert.equal(exchange(store, `get ${key}\r\n`).output, expected, `get ${key} at step ${i}`);
    }
  }
  assert.equal(store.currItems, model.size);
  // backward-shift deletion with colliding hashes, directly on the index
  const mem = new Uint8Array(64 * 8);
  const u32 = new Uint32Array(mem.buffer);
  const index = new HashIndex(mem, u32);
  const refs = [0, 8, 16, 24, 32];
  for (const ref of refs) {
    // every key "a".."e" hashes to bucket 5 of 65536 (same forced hash)
    mem[ref * 8 + WIRE_AT + KEY_AT] = 97 + ref / 8;
    u32[ref * 2 + H_INFO] = 1 << 16;
    u32[ref * 2 + H_HASH] = 5;
    index.insert(ref);
  }
  const find = (ch: string): number => index.find(bytes(ch), 0, 1, 5);
  index.remove(8);
  index.remove(24);
  assert.deepEqual([..."abcde"].map(find), [0, NIL_REF, 16, NIL_REF, 32]);
  assert.equal(hashKey(bytes("abc"), 0, 3), hashKey(bytes("xabcx"), 1, 4));
});
