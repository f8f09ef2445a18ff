// The request record the parser fills in place (one reused instance per
// connection) and the operation codes the command executor dispatches on.

export const Op = {
  None: 0,
  Get: 1,
  Gets: 2,
  Set: 3,
  Add: 4,
  Replace: 5,
  Append: 6,
  Prepend: 7,
  Cas: 8,
  Delete: 9,
  Incr: 10,
  Decr: 11,
  Touch: 12,
  FlushAll: 13,
  Version: 14,
  Stats: 15,
  StatsReset: 16,
  Verbosity: 17,
  Quit: 18,
  /** A parse error: send `reply` unless noreply. */
  Reply: 19,
  /** Value over the item size limit: its data is swallowed; `storeOp` says which command. */
  TooLarge: 20,
  /** Protocol abuse (over-long line, HTTP request): close without a reply, as memcached does. */
  Close: 21,
  /** "stats slabs": the slab classes (memcached's do_slabs_stats). */
  StatsSlabs: 22,
  /** "stats items": the per-class LRUs (memcached's item_stats). */
  StatsItems: 23,
} as const;
export type OpCode = (typeof Op)[keyof typeof Op];

export const MAX_KEY_LENGTH = 250;
/** Tokens recorded per line (memcached's MAX_TOKENS); get keys beyond are rescanned from the line. */
export const MAX_TOKENS = 24;

export const EMPTY = new Uint8Array(0);

/** One parsed request; the parser reuses a single instance, valid until the next next(). */
export class MemcachedRequest {
  op: OpCode = Op.None;
  /** For Op.TooLarge and while gathering a value: the storage command. */
  storeOp: OpCode = Op.None;
  noreply = false;
  /** Command line bytes; token i is line[tokStart[i], tokEnd[i]), for i < min(ntokens, MAX_TOKENS). */
  line: Uint8Array = EMPTY;
  lineEnd = 0;
  ntokens = 0;
  readonly tokStart = new Int32Array(MAX_TOKENS);
  readonly tokEnd = new Int32Array(MAX_TOKENS);
  /** Key of a single-key command: key[keyStart, keyEnd). */
  key: Uint8Array = EMPTY;
  keyStart = 0;
  keyEnd = 0;
  flags = 0;
  /** exptime / touch exptime / flush_all delay / verbosity level, as the client sent it. */
  exptime = 0;
  /** cas unique of a cas command; -1 when beyond any cas we issue (so it never matches). */
  casUnique = 0;
  /** incr/decr delta when it is a safe integer; -1 means see deltaBig. */
  delta = 0;
  deltaBig = 0n;
  /** Value of a storage command (without its CRLF): data[dataStart, dataStart + dataLength). */
  data: Uint8Array = EMPTY;
  dataStart = 0;
  dataLength = 0;
  /** Reply of an Op.Reply. */
  reply: Uint8Array = EMPTY;
}
