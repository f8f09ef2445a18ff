// A core's packet buffers as IX keeps them (IX paper §4, "Memory" in
// docs ../shared/ix-reference.md): one per-core pool of identically sized
// MTU buffers (mbufs, 2048 data bytes each), used for both receive and
// transmit, with a fixed budget. The pool is one region reserved at start
// (`capacity` x MBUF_SIZE bytes of virtual memory) and provisioned in blocks
// of MBUFS_PER_BLOCK buffers (IX's per-core pools take chunks of 128 mbufs),
// only when the free list runs dry: the pages of a block are first touched
// then, so resident memory follows the high-water mark, not the budget. The
// free list is LIFO (IX: the most recently freed buffer is the one still in
// cache).
//
// Running out is an answer, never a growth: alloc() returns null and counts
// the failure by reason; the caller drops the frame (RX: the descriptor is
// credited back to the NIC; TX: TCP retransmits).
//
// A buffer can be held by several owners at once (the RX ring, the stack's
// recv event, an out-of-order queue, migration's held frames), so each has a
// reference count: alloc() gives 1, retain/release move it, and the buffer
// returns to the free list at 0. Owners name a buffer by any non-empty view
// into it (the index is byteOffset / MBUF_SIZE); views of other memory and
// empty views are ignored by both calls (lib/netstack util/rx-buffers.ts).
import type { RxBufferOwner } from "@ix/netstack";

/** Data bytes per mbuf (IX: 2048, after a 64 B header we do not need): an MTU frame (1514 B) fits. */
export const MBUF_SIZE = 2048;

/** Buffers provisioned at a time when the free list is empty (IX: chunks of 128 per core). */
export const MBUFS_PER_BLOCK = 128;

/**
 * Default budget per core (--mbufs, IX_MBUFS): 4096 x 2 KiB = 8 MiB. It
 * covers a full RX ring (512) eight times over, so a burst held by a slow app
 * (events wait for its return: up to --app-return-timeout-ms) or a TX cycle
 * of a few hundred segments fits; a stalled app holding more is exactly what
 * the budget is there to stop (drops, counted).
 */
export const DEFAULT_MBUFS = 4096;

/** Why an allocation failed (the `reason` label of ix_dp_mbuf_alloc_failures_total). */
export type MbufFailure = "rx_exhausted" | "tx_exhausted" | "rx_oversize" | "tx_oversize";

export const MBUF_FAILURES: readonly MbufFailure[] = [
  "rx_exhausted",
  "tx_exhausted",
  "rx_oversize",
  "tx_oversize",
];

export class MbufPool implements RxBufferOwner {
  /** The budget: buffers this pool may ever hand out at once. */
  readonly capacity: number;
  /** Buffers handed out and not yet back (reference count > 0). */
  inUse = 0;
  /** Most buffers in use at once since start. */
  highWater = 0;
  /** Buffers carved so far (blocks of MBUFS_PER_BLOCK, at most capacity). */
  provisioned = 0;
  /** Allocation failures by reason. */
  readonly failures: Record<MbufFailure, number> = {
    rx_exhausted: 0,
    tx_exhausted: 0,
    rx_oversize: 0,
    tx_oversize: 0,
  };
  private readonly backing: ArrayBuffer;
  private readonly region: Uint8Array;
  /** References per buffer (0: free or not provisioned). */
  private readonly refs: Uint16Array;
  /** Free buffer indices; the top is freeStack[freeTop - 1]. */
  private readonly freeStack: Int32Array;
  private freeTop = 0;

  /** `capacity`: the budget in buffers (a positive integer; RangeError otherwise). */
  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity <= 0)
      throw new RangeError("MbufPool capacity must be a positive integer");
    this.capacity = capacity;
    this.backing = new ArrayBuffer(capacity * MBUF_SIZE);
    this.region = new Uint8Array(this.backing);
    this.refs = new Uint16Array(capacity);
    this.freeStack = new Int32Array(capacity);
  }

  /** Bytes of the budget (capacity x MBUF_SIZE). */
  get capacityBytes(): number {
    return this.capacity * MBUF_SIZE;
  }

  /**
   * Copies `src` into a fresh buffer; returns the view of the copy
   * (src.length bytes, reference count 1), or null (counted under
   * `<path>_oversize` or `<path>_exhausted`) when it does not fit or the
   * budget is spent.
   */
  copyIn(src: Uint8Array, path: "rx" | "tx"): Uint8Array | null {
    const len = src.length;
    if (len > MBUF_SIZE) {
      this.failures[path === "rx" ? "rx_oversize" : "tx_oversize"]++;
      return null;
    }
    const i = this.take();
    if (i < 0) {
      this.failures[path === "rx" ? "rx_exhausted" : "tx_exhausted"]++;
      return null;
    }
    const off = i * MBUF_SIZE;
    this.region.set(src, off);
    return this.region.subarray(off, off + len);
  }

  /** Another owner keeps `view`'s buffer. */
  retain(view: Uint8Array): void {
    if (view.buffer !== this.backing || view.length === 0) return;
    this.refs[(view.byteOffset / MBUF_SIZE) | 0]++;
  }

  /**
   * An owner is done with `view`'s buffer; at no references left it is free
   * again. Releasing a buffer that is already free is a bug in the caller
   * (the buffer could be handed to two owners later) and throws.
   */
  release(view: Uint8Array): void {
    if (view.buffer !== this.backing || view.length === 0) return;
    const i = (view.byteOffset / MBUF_SIZE) | 0;
    const r = this.refs[i];
    if (r === 0) throw new Error(`MbufPool.release: mbuf ${i} is already free`);
    this.refs[i] = r - 1;
    if (r === 1) {
      this.freeStack[this.freeTop++] = i;
      this.inUse--;
    }
  }

  /** References held on `view`'s buffer (tests; 0 for foreign views). */
  refsOf(view: Uint8Array): number {
    if (view.buffer !== this.backing || view.length === 0) return 0;
    return this.refs[(view.byteOffset / MBUF_SIZE) | 0];
  }

  /** A free buffer's index with one reference, or -1 when the budget is spent. */
  private take(): number {
    if (this.freeTop === 0 && !this.provisionBlock()) return -1;
    const i = this.freeStack[--this.freeTop];
    this.refs[i] = 1;
    if (++this.inUse > this.highWater) this.highWater = this.inUse;
    return i;
  }

  /** Carves the next block of the region into the free list; false when the whole budget is carved. */
  private provisionBlock(): boolean {
    const start = this.provisioned;
    if (start >= this.capacity) return false;
    const end = Math.min(this.capacity, start + MBUFS_PER_BLOCK);
    // Highest index pushed first, so the block is handed out in address order.
    for (let i = end - 1; i >= start; i--) this.freeStack[this.freeTop++] = i;
    this.provisioned = end;
    return true;
  }
}
