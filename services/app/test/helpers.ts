// Test helpers: drive a session with chosen segmentation and collect replies as text.
import { MemcachedSession } from "../src/memcached/session.ts";
import type { SessionStatus } from "../src/session.ts";
import { MemcachedStore } from "../src/memcached/store.ts";
import type { StoreOptions } from "../src/memcached/store.ts";

export function bytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
}

export function text(data: Uint8Array): string {
  let s = "";
  for (let i = 0; i < data.length; i += 8192) s += String.fromCharCode(...data.subarray(i, i + 8192));
  return s;
}

/** A manual clock (unix seconds) for deterministic expiry tests. */
export function manualClock(start = 1_700_000_000): { now: () => number; advance: (s: number) => void } {
  let t = start;
  return { now: () => t, advance: (s) => (t += s) };
}

export function newStore(options: StoreOptions = {}): MemcachedStore {
  return new MemcachedStore({ clock: manualClock().now, ...options });
}

export interface Exchange {
  output: string;
  status: SessionStatus;
}

/**
 * Feeds `input` to a session cut into chunks at the given offsets; each chunk
 * is a fresh copy that is zeroed after onData returns, so a session keeping a
 * view of a chunk it was handed (instead of copying) corrupts its output.
 */
export function feed(session: MemcachedSession, input: Uint8Array | string, cuts: number[] = []): Exchange {
  const data = typeof input === "string" ? bytes(input) : input;
  const pieces: Uint8Array[] = [];
  // keep the views themselves: they must stay valid after onData returns (zero-copy sendv)
  const out = (r: Uint8Array): void => {
    pieces.push(r);
  };
  let status: SessionStatus = "open";
  let prev = 0;
  for (const cut of [...cuts, data.length]) {
    if (cut <= prev && cut !== data.length) continue;
    const chunk = data.slice(prev, cut);
    status = session.onData(chunk, out);
    chunk.fill(0);
    prev = cut;
  }
  return { output: pieces.map(text).join(""), status };
}

/** One fresh session on `store` for a single exchange. */
export function exchange(store: MemcachedStore, input: Uint8Array | string, cuts: number[] = []): Exchange {
  const session = new MemcachedSession(store);
  const result = feed(session, input, cuts);
  session.dispose();
  return result;
}

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
