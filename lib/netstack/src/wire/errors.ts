// Error codes returned by every wire view's reset(). Views never throw on
// packet bytes: a nonzero code is the whole answer, and the caller turns it
// into a counted drop.
export const WireError = {
  Ok: 0,
  Truncated: 1,
  BadVersion: 2,
  BadHeaderLength: 3,
  BadTotalLength: 4,
  BadChecksum: 5,
  Fragment: 6,
  Unsupported: 7,
  BadOption: 8,
} as const;

export type WireErrorCode = (typeof WireError)[keyof typeof WireError];

const NAMES: readonly string[] = [
  "ok",
  "truncated",
  "bad_version",
  "bad_header_length",
  "bad_total_length",
  "bad_checksum",
  "fragment",
  "unsupported",
  "bad_option",
];

/** snake_case name of a code, usable as a metric label ("unknown" for codes outside the table). */
export function wireErrorName(code: number): string {
  return NAMES[code] ?? "unknown";
}
