// Byte-level emulation of the C number parsers memcached 1.6 uses on the
// ASCII protocol (safe_strtoull / safe_strtoul / safe_strtol on LP64), so that
// edge cases ("+5", "-0", tabs, 2^64 overflow, int32 truncation) answer exactly
// as the real server does. No allocation on the common path: results that do
// not fit a double exactly are handed back through `bigResult`.

/** Returned by parseU64 when the value is > Number.MAX_SAFE_INTEGER; read `bigResult`. */
export const PARSE_BIG = -2;
/** Returned when the text is not a valid number for the C parser. */
export const PARSE_FAIL = -1;

/** Holds the value of the last parse that returned PARSE_BIG. */
export let bigResult = 0n;

const TWO_64 = 1n << 64n;
const TWO_63 = 1n << 63n;

/** C isspace(): space, \t, \n, \v, \f, \r. */
export function isSpace(b: number): boolean {
  return b === 32 || (b >= 9 && b <= 13);
}

/**
 * strtoull(base 10) over buf[start, end) with memcached's safe_strtoull rules:
 * leading whitespace and a sign are accepted, the number must be followed by
 * whitespace or the end, overflow fails, and a '-' is rejected only when the
 * wrapped result is >= 2^63. Returns the value (when safe), PARSE_BIG or PARSE_FAIL.
 */
export function parseU64(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end && isSpace(buf[i])) i++;
  let negative = false;
  if (i < end && (buf[i] === 43 || buf[i] === 45)) {
    negative = buf[i] === 45;
    i++;
  }
  const digitsStart = i;
  let value = 0;
  while (i < end && buf[i] >= 48 && buf[i] <= 57 && i - digitsStart < 15) {
    value = value * 10 + (buf[i] - 48);
    i++;
  }
  let isBig = false;
  let big = 0n;
  if (i < end && buf[i] >= 48 && buf[i] <= 57) {
    // More than 15 digits: continue exactly in BigInt (rare path).
    isBig = true;
    big = BigInt(value);
    while (i < end && buf[i] >= 48 && buf[i] <= 57) {
      big = big * 10n + BigInt(buf[i] - 48);
      if (big >= TWO_64) return PARSE_FAIL; // ERANGE
      i++;
    }
  }
  if (i === digitsStart) return PARSE_FAIL;
  if (i < end && !isSpace(buf[i])) return PARSE_FAIL;
  if (negative) {
    const magnitude = isBig ? big : BigInt(value);
    if (magnitude === 0n) return 0;
    const wrapped = TWO_64 - magnitude;
    if (wrapped >= TWO_63) return PARSE_FAIL;
    big = wrapped;
    isBig = true;
  }
  if (!isBig) return value;
  if (big <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(big);
  bigResult = big;
  return PARSE_BIG;
}

/**
 * memcached's flag parsing in 1.6.18: safe_strtoul (64-bit unsigned long on
 * LP64) then stored into a uint32, so values >= 2^32 are truncated, not refused.
 * Returns the uint32 or PARSE_FAIL.
 */
export function parseFlags(buf: Uint8Array, start: number, end: number): number {
  const v = parseU64(buf, start, end);
  if (v === PARSE_FAIL) return PARSE_FAIL;
  if (v === PARSE_BIG) return Number(BigInt.asUintN(32, bigResult));
  return v % 4294967296;
}

/** Marker for parseI32 failure (any int32 is a valid result, so use a non-integer). */
export const I32_FAIL = 0.5;

/**
 * safe_strtol on LP64: strtol to 64-bit, then stored into an int32_t, i.e.
 * truncated modulo 2^32 (5000000000 becomes 705032704). Returns I32_FAIL on error.
 */
export function parseI32(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end && isSpace(buf[i])) i++;
  let negative = false;
  if (i < end && (buf[i] === 43 || buf[i] === 45)) {
    negative = buf[i] === 45;
    i++;
  }
  const digitsStart = i;
  let value = 0;
  while (i < end && buf[i] >= 48 && buf[i] <= 57 && i - digitsStart < 15) {
    value = value * 10 + (buf[i] - 48);
    i++;
  }
  if (i < end && buf[i] >= 48 && buf[i] <= 57) {
    let big = BigInt(value);
    while (i < end && buf[i] >= 48 && buf[i] <= 57) {
      big = big * 10n + BigInt(buf[i] - 48);
      if (big > TWO_63) return I32_FAIL; // ERANGE for long
      i++;
    }
    if (!negative && big === TWO_63) return I32_FAIL;
    if (i < end && !isSpace(buf[i])) return I32_FAIL;
    return Number(BigInt.asIntN(32, negative ? -big : big));
  }
  if (i === digitsStart) return I32_FAIL;
  if (i < end && !isSpace(buf[i])) return I32_FAIL;
  return (negative ? -value : value) | 0;
}

/** Decimal text of a uint64 held either as a safe number or a bigint. */
export function u64ToString(value: number, big: bigint): string {
  return value >= 0 ? String(value) : big.toString();
}
