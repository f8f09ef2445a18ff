// The memcached workloads of the IX evaluation, as mutilate defines them:
// USR (19-byte keys, 2-byte values, 0.2% SET) and Facebook's ETC (GEV key
// sizes, table-plus-GPareto value sizes, 3.3% SET).

import { FB_KEY_SIZE, FB_VALUE_SIZE, type Distribution } from "./distributions.ts";
import { hashUnit, type Rng } from "./rng.ts";

export type WorkloadName = "usr" | "etc";

/** memcached refuses keys over 250 bytes and (by default) items over 1 MiB. */
export const MAX_KEY_BYTES = 250;
export const MAX_VALUE_BYTES = 512 * 1024;

export interface MemcachedWorkload {
  readonly name: WorkloadName;
  readonly setFraction: number;
  /** The size of key number `index`: fixed per key so that GETs find what the preload SET. */
  keySize(index: number): number;
  /** A value size for one SET. */
  valueSize(rng: Rng): number;
  /** The size the preload stores for key `index` (deterministic). */
  preloadValueSize(index: number): number;
}

/** Options that override a workload's defaults (--value-size). */
export interface WorkloadOverrides {
  valueSize?: number;
}

export function memcachedWorkload(name: WorkloadName, overrides: WorkloadOverrides = {}): MemcachedWorkload {
  const fixedValue = overrides.valueSize;
  if (fixedValue !== undefined && !(fixedValue >= 0 && fixedValue <= MAX_VALUE_BYTES)) {
    throw new RangeError(`--value-size must be in [0, ${MAX_VALUE_BYTES}], got ${fixedValue}`);
  }
  switch (name) {
    case "usr":
      return {
        name,
        setFraction: 0.002,
        keySize: () => 19,
        valueSize: () => fixedValue ?? 2,
        preloadValueSize: () => fixedValue ?? 2,
      };
    case "etc":
      return {
        name,
        setFraction: 0.033,
        keySize: (index) => clampSize(FB_KEY_SIZE.quantile(hashUnit(index, 0x6b6579)), 1, MAX_KEY_BYTES),
        valueSize: (rng) => fixedValue ?? sizeFrom(FB_VALUE_SIZE, rng.next()),
        preloadValueSize: (index) => fixedValue ?? sizeFrom(FB_VALUE_SIZE, hashUnit(index, 0x76616c)),
      };
  }
}

/** mutilate truncates sampled sizes to integers. */
function sizeFrom(dist: Distribution, u: number): number {
  return clampSize(dist.quantile(u), 0, MAX_VALUE_BYTES);
}

function clampSize(x: number, min: number, max: number): number {
  const n = Math.trunc(x);
  return n < min ? min : n > max ? max : n;
}
