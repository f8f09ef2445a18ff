// All keys of the key space, stored as ready-to-send "get <key>\r\n" requests in
// one contiguous buffer: a GET then costs a subarray view, not a string build.
// As in mutilate, key i is its decimal index zero-padded to the key's size.

import type { MemcachedWorkload } from "./workload.ts";

const GET_PREFIX = 4; // "get "
const CRLF = 2;

export class KeySpace {
  readonly count: number;
  private readonly records: Buffer;
  private readonly offsets: Uint32Array;

  constructor(count: number, workload: MemcachedWorkload) {
    if (!(Number.isInteger(count) && count >= 1)) throw new RangeError(`--keys must be >= 1, got ${count}`);
    this.count = count;
    this.offsets = new Uint32Array(count + 1);
    let total = 0;
    for (let i = 0; i < count; i++) {
      this.offsets[i] = total;
      total += GET_PREFIX + keyLength(i, workload) + CRLF;
    }
    this.offsets[count] = total;
    this.records = Buffer.allocUnsafe(total);
    for (let i = 0; i < count; i++) {
      const start = this.offsets[i];
      const len = this.offsets[i + 1] - start - GET_PREFIX - CRLF;
      this.records.write(`get ${String(i).padStart(len, "0")}\r\n`, start, "latin1");
    }
  }

  /** The complete "get <key>\r\n" request for key `index` (a view: do not modify). */
  getRequest(index: number): Uint8Array {
    return this.records.subarray(this.offsets[index], this.offsets[index + 1]);
  }

  /** The key bytes of key `index` (a view: do not modify). */
  key(index: number): Uint8Array {
    return this.records.subarray(this.offsets[index] + GET_PREFIX, this.offsets[index + 1] - CRLF);
  }
}

function keyLength(index: number, workload: MemcachedWorkload): number {
  // A key can never be shorter than its index's digits (keys must stay distinct).
  return Math.max(workload.keySize(index), String(index).length);
}
