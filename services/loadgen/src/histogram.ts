// Latency histograms (microseconds) on hdr-histogram-js. Agents ship theirs
// as HdrHistogram's compressed base64 encoding; adding decoded histograms is
// exact (same bucket layout), unlike averaging per-agent percentiles.

import {
  build,
  decodeFromCompressedBase64,
  encodeIntoCompressedBase64,
  type Histogram,
} from "hdr-histogram-js";

export type { Histogram };

export interface LatencySummaryUs {
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
  min: number;
}

/** 3 significant digits, 1 us to an hour, growing if ever needed. */
export function newLatencyHistogram(): Histogram {
  return build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: 3,
    bitBucketSize: 64,
    autoResize: true,
  });
}

/** Records one latency; sub-microsecond values count as 1 us (the histogram's floor). */
export function recordLatencyUs(h: Histogram, us: number): void {
  h.recordValue(us < 1 ? 1 : Math.round(us));
}

export function encodeHistogram(h: Histogram): string {
  return encodeIntoCompressedBase64(h);
}

export function decodeHistogram(encoded: string): Histogram {
  const decoded = decodeFromCompressedBase64(encoded, 64);
  // Decoded copies keep their encoded range: re-home into a standard one so adds never overflow.
  const h = newLatencyHistogram();
  h.add(decoded);
  return h;
}

/** One histogram holding every sample of the inputs. */
export function mergeHistograms(parts: Iterable<Histogram>): Histogram {
  const out = newLatencyHistogram();
  for (const part of parts) out.add(part);
  return out;
}

export function emptyLatencySummary(): LatencySummaryUs {
  return { p50: 0, p90: 0, p99: 0, p999: 0, max: 0, mean: 0, min: 0 };
}

export function latencySummary(h: Histogram): LatencySummaryUs {
  if (h.totalCount === 0) return emptyLatencySummary();
  return {
    p50: h.getValueAtPercentile(50),
    p90: h.getValueAtPercentile(90),
    p99: h.getValueAtPercentile(99),
    p999: h.getValueAtPercentile(99.9),
    max: h.maxValue,
    mean: Math.round(h.mean * 10) / 10,
    min: h.minNonZeroValue,
  };
}
