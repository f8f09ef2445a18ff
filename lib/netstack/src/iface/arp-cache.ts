// ARP cache (RFC 826) with expiry, plus the frames waiting for a resolution.
// Held frames are copied into BufferPool buffers: the pool bounds the memory,
// and a full pool (or per-destination queue) is a counted drop. Resolution is
// retried every `retryUs` up to `maxTries` requests, then the queue is dropped.

import type { BufferPool } from "../util/buffer-pool.ts";

interface Entry {
  mac: Uint8Array;
  expires: number;
}

interface Pending {
  frames: Uint8Array[];
  lens: number[];
  nextRequest: number;
  tries: number;
}

export interface ArpConfig {
  ttlUs: number;
  retryUs: number;
  maxTries: number;
  maxEntries: number;
  /** Frames held per unresolved destination. */
  maxQueuedPerIp: number;
  /**
   * Answer ARP requests for our address. Off when something else answers for
   * the host (the cluster's NIC does ARP offload and mirrors requests to every
   * core, whose stacks only learn from them).
   */
  answerRequests: boolean;
}

export const DEFAULT_ARP_CONFIG: ArpConfig = {
  ttlUs: 60_000_000,
  retryUs: 1_000_000,
  maxTries: 3,
  maxEntries: 1024,
  maxQueuedPerIp: 64,
  answerRequests: true,
};

export class ArpCache {
  readonly entries = new Map<number, Entry>();
  readonly pending = new Map<number, Pending>();
  readonly cfg: ArpConfig;
  private readonly pool: BufferPool;

  constructor(cfg: ArpConfig, pool: BufferPool) {
    this.cfg = cfg;
    this.pool = pool;
  }

  /** The MAC of `ip` if known and fresh, else null. */
  lookup(ip: number, now: number): Uint8Array | null {
    const e = this.entries.get(ip);
    if (e === undefined) return null;
    if (e.expires <= now) {
      this.entries.delete(ip);
      return null;
    }
    return e.mac;
  }

  /**
   * Records ip -> mac. `create` false only refreshes an existing entry (RFC 826
   * merge rule for ARP packets not addressed to us).
   */
  learn(ip: number, mac: Uint8Array, now: number, create: boolean): void {
    const e = this.entries.get(ip);
    if (e !== undefined) {
      e.mac.set(mac);
      e.expires = now + this.cfg.ttlUs;
      return;
    }
    if (!create || ip === 0) return;
    if (this.entries.size >= this.cfg.maxEntries) {
      const oldest = this.entries.keys().next().value as number;
      this.entries.delete(oldest);
    }
    this.entries.set(ip, { mac: Uint8Array.from(mac), expires: now + this.cfg.ttlUs });
  }

  /** Whether a resolution for ip is in progress (a request was sent). */
  resolving(ip: number): boolean {
    return this.pending.has(ip);
  }

  /**
   * Holds a copy of frame[0, len) for `ip` (starting a resolution if none is in
   * progress). False when the frame was dropped: queue or pool full.
   */
  hold(ip: number, frame: Uint8Array, len: number, now: number): boolean {
    let p = this.pending.get(ip);
    if (p === undefined) {
      p = { frames: [], lens: [], nextRequest: now + this.cfg.retryUs, tries: 1 };
      this.pending.set(ip, p);
    }
    if (p.frames.length >= this.cfg.maxQueuedPerIp || len > this.pool.size) return false;
    const buf = this.pool.alloc();
    if (buf === null) return false;
    buf.set(frame.subarray(0, len));
    p.frames.push(buf);
    p.lens.push(len);
    return true;
  }

  /** Removes and returns the frames held for ip; `release` must be called on each buffer after use. */
  take(ip: number): Pending | undefined {
    const p = this.pending.get(ip);
    if (p !== undefined) this.pending.delete(ip);
    return p;
  }

  release(buf: Uint8Array): void {
    this.pool.free(buf);
  }

  /**
   * Retry bookkeeping at `now`: calls request(ip) for each destination due a
   * retry, and returns the number of frames dropped for destinations that
   * exhausted their tries.
   */
  retry(now: number, request: (ip: number) => void): number {
    let dropped = 0;
    for (const [ip, p] of this.pending) {
      if (p.nextRequest > now) continue;
      if (p.tries >= this.cfg.maxTries) {
        for (const b of p.frames) this.pool.free(b);
        dropped += p.frames.length;
        this.pending.delete(ip);
        continue;
      }
      p.tries++;
      p.nextRequest = now + this.cfg.retryUs;
      request(ip);
    }
    return dropped;
  }

  nextDeadline(): number {
    let d = Infinity;
    for (const p of this.pending.values()) if (p.nextRequest < d) d = p.nextRequest;
    return d;
  }
}
