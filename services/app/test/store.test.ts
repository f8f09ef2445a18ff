// Store semantics through the protocol: LRU eviction under a memory limit,
// cas, incr/decr 64-bit behaviour, expiry and delayed flush on a manual clock.
import assert from "node:assert/strict";
import { test } from "node:test";
import { itemTotalSize } from "../src/memcached/item.ts";
import { MemcachedStore } from "../src/memcached/store.ts";
import { exchange, manualClock, newStore } from "./helpers.ts";

const value = (n: number, c = "v"): string => c.repeat(n);
const set = (key: string, data: string, exptime = 0): string =>
  `set ${key} 0 ${exptime} ${data.length}\r\n${data}\r\n`;

// Memory-limit tests use small pages so a class holds a handful of chunks:
// an item of a 2-byte key and 100-byte value needs 174 bytes (our 56-byte
// header and "VALUE k0 0 100\r\n...\r\n"), so it lives in the 192-byte class.
test("memory limit: a full class evicts its least recently used items first, and counts them", () => {
  const size = itemTotalSize(2, 100); // keys k0..k9
  const store = newStore({ maxBytes: 5 * 192, pageSize: 5 * 192 }); // one page: five 192-byte chunks
  for (let i = 0; i < 5; i++) assert.equal(exchange(store, set(`k${i}`, value(100))).output, "STORED\r\n");
  assert.equal(store.bytes, size * 5);
  // touch k0 and k1 (gets bump them), then add three more: k2, k3, k4 must go
  exchange(store, "get k0 k1\r\n");
  for (let i = 5; i < 8; i++) exchange(store, set(`k${i}`, value(100)));
  const alive = [];
  for (let i = 0; i < 8; i++) if (exchange(store, `get k${i}\r\n`).output !== "END\r\n") alive.push(i);
  assert.deepEqual(alive, [0, 1, 5, 6, 7]);
  assert.equal(store.stats.evictions, 3);
  assert.equal(store.currItems, 5);
  assert.ok(store.bytes <= store.maxBytes);
  const stats = exchange(store, "stats\r\n").output;
  assert.match(stats, /\r\nSTAT evictions 3\r\n/);
  assert.match(stats, /\r\nSTAT curr_items 5\r\n/);
  const c = store.slabs.classFor(174);
  assert.equal(store.slabs.size[c], 192);
  const items = exchange(store, "stats items\r\n").output;
  assert.match(items, new RegExp(`STAT items:${c}:number 5\r\n`));
  assert.match(items, new RegExp(`STAT items:${c}:evicted 3\r\n`));
  // k2..k4 were stored and never read
  assert.match(items, new RegExp(`STAT items:${c}:evicted_unfetched 3\r\n`));
});

test("memory limit: overwriting reuses the old chunk; expired items are reclaimed before live ones", () => {
  const clock = manualClock();
  const size = itemTotalSize(1, 100);
  const store = new MemcachedStore({ maxBytes: 2 * 192, pageSize: 2 * 192, clock: clock.now });
  exchange(store, set("a", value(100), 5) + set("b", value(100)));
  exchange(store, set("b", value(100, "w")));
  assert.equal(store.bytes, size * 2);
  assert.equal(store.stats.evictions, 0);
  clock.advance(10);
  exchange(store, set("c", value(100)));
  assert.equal(store.stats.evictions, 0);
  assert.equal(store.stats.reclaimed, 1);
  assert.equal(exchange(store, "get b c\r\n").output.split("VALUE").length - 1, 2);
});

test("memory limit: an item larger than memory, or a full store without evictions, is out of memory", () => {
  const store = newStore({ maxBytes: 1000 });
  exchange(store, set("k", "old"));
  assert.equal(
    exchange(store, set("k", value(2000))).output,
    "SERVER_ERROR out of memory storing object\r\n",
  );
  assert.equal(exchange(store, "get k\r\n").output, "END\r\n", "a failed set drops the old value");
  // one page of two 96-byte chunks; "a" with 10 bytes needs 80
  const full = newStore({ maxBytes: 192, pageSize: 192, evictions: false });
  exchange(full, set("a", value(10)) + set("b", value(10)));
  assert.equal(exchange(full, set("c", value(10))).output, "SERVER_ERROR out of memory storing object\r\n");
  assert.equal(exchange(full, "add d 0 0 1\r\nx\r\nget a b\r\n").output.split("VALUE").length - 1, 2);
  assert.equal(full.stats.storeNoMemory, 2);
  assert.match(exchange(full, "stats items\r\n").output, /STAT items:1:outofmemory 2\r\n/);
});

test("cas: unique changes on every modification, not on touch; mismatches are EXISTS", () => {
  const store = newStore();
  exchange(store, set("k", "1"));
  const casOf = (): string => exchange(store, "gets k\r\n").output.split("\r\n")[0].split(" ")[4];
  const c1 = casOf();
  exchange(store, "touch k 100\r\n");
  assert.equal(casOf(), c1);
  exchange(store, "incr k 1\r\n");
  const c2 = casOf();
  assert.notEqual(c2, c1);
  assert.equal(exchange(store, `cas k 0 0 1 ${c1}\r\nx\r\n`).output, "EXISTS\r\n");
  assert.equal(exchange(store, `cas k 9 0 1 ${c2}\r\nx\r\n`).output, "STORED\r\n");
  assert.equal(exchange(store, `cas k 0 0 1 ${c2}\r\ny\r\n`).output, "EXISTS\r\n");
  assert.equal(exchange(store, "get k\r\n").output, "VALUE k 9 1\r\nx\r\nEND\r\n");
  exchange(store, "delete k\r\n");
  assert.equal(exchange(store, `cas k 0 0 1 ${c2}\r\nx\r\n`).output, "NOT_FOUND\r\n");
  const s = store.stats;
  assert.deepEqual([s.casHits, s.casBadval, s.casMisses], [1, 2, 1]);
});

test("incr wraps at 2^64, decr floors at 0, both without precision loss", () => {
  const store = newStore();
  const cases: [start: string, command: string, expect: string][] = [
    ["18446744073709551615", "incr k 1", "0"],
    ["18446744073709551615", "incr k 2", "1"],
    ["18446744073709551614", "decr k 18446744073709551615", "0"],
    ["9007199254740991", "incr k 1", "9007199254740992"],
    ["9007199254740993", "incr k 9007199254740993", "18014398509481986"],
    ["1", "incr k 18446744073709551615", "0"],
    ["12345678901234567890", "decr k 1", "12345678901234567889"],
    ["0", "decr k 1", "0"],
    ["5", "incr k 0", "5"],
  ];
  for (const [start, command, expect] of cases) {
    exchange(store, set("k", start));
    assert.equal(exchange(store, `${command}\r\n`).output, `${expect}\r\n`, `${start} ${command}`);
    const padded = expect.length < start.length ? expect + " ".repeat(start.length - expect.length) : expect;
    assert.equal(exchange(store, "get k\r\n").output, `VALUE k 0 ${padded.length}\r\n${padded}\r\nEND\r\n`);
  }
  exchange(store, set("k", "18446744073709551616"));
  assert.equal(
    exchange(store, "incr k 1\r\n").output,
    "CLIENT_ERROR cannot increment or decrement non-numeric value\r\n",
  );
  assert.equal(exchange(store, "decr missing 1\r\n").output, "NOT_FOUND\r\n");
  assert.equal(store.stats.decrMisses, 1);
  assert.equal(store.stats.incrHits, 6);
});

test("exptime: relative seconds, absolute unix time, negative, touch; on the injected clock", () => {
  const clock = manualClock(1_700_000_000);
  const store = new MemcachedStore({ clock: clock.now });
  exchange(
    store,
    set("rel", "1", 10) + set("abs", "1", 1_700_000_020) + set("never", "1", 0) + set("neg", "1", -1),
  );
  const alive = (): string[] =>
    [...exchange(store, "get rel abs never neg\r\n").output.matchAll(/VALUE (\w+)/g)].map((m) => m[1]);
  assert.deepEqual(alive(), ["rel", "abs", "never"]);
  clock.advance(9);
  assert.deepEqual(alive(), ["rel", "abs", "never"]);
  exchange(store, "touch rel 100\r\n");
  clock.advance(1);
  assert.deepEqual(alive(), ["rel", "abs", "never"]);
  clock.advance(10);
  assert.deepEqual(alive(), ["rel", "never"]);
  clock.advance(90);
  assert.deepEqual(alive(), ["never"]);
  assert.equal(exchange(store, set("past", "1", 1_000_000_000) + "get past\r\n").output, "STORED\r\nEND\r\n");
  assert.equal(store.stats.getExpired, 4); // neg, abs, rel, past
  assert.equal(exchange(store, "touch rel 10\r\n").output, "NOT_FOUND\r\n");
});

test("flush_all with a delay kills items stored before the deadline, when it arrives", () => {
  const clock = manualClock(1_700_000_000);
  const store = new MemcachedStore({ clock: clock.now });
  exchange(store, set("a", "1") + "flush_all 3\r\n");
  clock.advance(1);
  exchange(store, set("b", "1"));
  assert.equal(exchange(store, "get a b\r\n").output.split("VALUE").length - 1, 2, "not yet");
  clock.advance(1); // memcached's deadline is delay - 1 seconds away
  assert.equal(exchange(store, "get a b\r\n").output, "END\r\n");
  // like memcached, an item stored during the deadline second itself is still flushed
  exchange(store, set("late", "1"));
  assert.equal(exchange(store, "get late\r\n").output, "END\r\n");
  clock.advance(1);
  exchange(store, set("c", "1"));
  assert.equal(
    exchange(store, "get c\r\n").output,
    "VALUE c 0 1\r\n1\r\nEND\r\n",
    "stored after the deadline",
  );
  assert.equal(store.stats.getFlushed, 3);
  assert.equal(store.stats.cmdFlush, 1);
});
