// Streaming parser for the memcached ASCII protocol over arbitrarily segmented
// byte chunks. A request lying inside one chunk is parsed in place (tokens and
// value are offsets into the chunk, nothing is copied); only a request split
// across chunks is gathered, into buffers bounded by the line and item limits.
// Validation follows memcached 1.6.18 token for token, so every malformed
// line produces the reply the real server gives; nothing here throws.
import { DEFAULT_ITEM_SIZE_MAX, itemTotalSize } from "./item.ts";
import { I32_FAIL, PARSE_BIG, PARSE_FAIL, bigResult, parseFlags, parseI32, parseU64 } from "./numeric.ts";
import * as R from "./replies.ts";
import { EMPTY, MAX_KEY_LENGTH, MAX_TOKENS, MemcachedRequest, Op } from "./request.ts";
import type { OpCode } from "./request.ts";

export { MAX_KEY_LENGTH, MAX_TOKENS, MemcachedRequest, Op };
export type { OpCode };

/** memcached closes a connection whose (non-get) line grows past this without a newline. */
export const DEFAULT_MAX_LINE_BYTES = 2048;
/** Our bound for multi-get lines (memcached's is unbounded). */
export const DEFAULT_MAX_GET_LINE_BYTES = 64 * 1024;
/** A gathered value buffer larger than this is released once its request is done. */
const KEEP_DATA_BUFFER_BYTES = 64 * 1024;

export interface ParserLimits {
  maxLineBytes?: number;
  maxGetLineBytes?: number;
  itemSizeMax?: number;
}

const ST_LINE = 0;
const ST_DATA = 1;
const ST_SWALLOW = 2;
const ST_CLOSED = 3;

function tokenIs(buf: Uint8Array, s: number, e: number, word: string): boolean {
  if (e - s !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (buf[s + i] !== word.charCodeAt(i)) return false;
  return true;
}

const COMMANDS: [string, OpCode][] = [
  ["get", Op.Get],
  ["gets", Op.Gets],
  ["set", Op.Set],
  ["add", Op.Add],
  ["replace", Op.Replace],
  ["append", Op.Append],
  ["prepend", Op.Prepend],
  ["cas", Op.Cas],
  ["delete", Op.Delete],
  ["incr", Op.Incr],
  ["decr", Op.Decr],
  ["touch", Op.Touch],
  ["flush_all", Op.FlushAll],
  ["version", Op.Version],
  ["stats", Op.Stats],
  ["verbosity", Op.Verbosity],
  ["quit", Op.Quit],
];

function commandOf(buf: Uint8Array, s: number, e: number): OpCode {
  for (let i = 0; i < COMMANDS.length; i++) {
    if (tokenIs(buf, s, e, COMMANDS[i][0])) return COMMANDS[i][1];
  }
  return Op.None;
}

export class MemcachedParser {
  readonly request = new MemcachedRequest();
  private readonly maxLineBytes: number;
  private readonly maxGetLineBytes: number;
  private readonly itemSizeMax: number;
  private state = ST_LINE;
  private chunk: Uint8Array = EMPTY;
  private pos = 0;
  /** Start of a command line split across chunks. */
  private partial: Uint8Array = EMPTY;
  private partialLength = 0;
  /** A value split across chunks (data + CRLF). */
  private dataBuf: Uint8Array = EMPTY;
  private dataHave = 0;
  private dataNeed = 0;
  private swallowLeft = 0;
  private readonly savedKey = new Uint8Array(MAX_KEY_LENGTH);

  constructor(limits: ParserLimits = {}) {
    this.maxLineBytes = limits.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.maxGetLineBytes = Math.max(this.maxLineBytes, limits.maxGetLineBytes ?? DEFAULT_MAX_GET_LINE_BYTES);
    this.itemSizeMax = limits.itemSizeMax ?? DEFAULT_ITEM_SIZE_MAX;
  }

  /** Hands the parser the next chunk; call next() until it returns null before pushing again. */
  push(chunk: Uint8Array): void {
    this.chunk = chunk;
    this.pos = 0;
  }

  get closed(): boolean {
    return this.state === ST_CLOSED;
  }

  /** Bytes held between chunks (partial line or value); bounded by the limits. */
  get bufferedBytes(): number {
    return this.partialLength + (this.state === ST_DATA ? this.dataHave : 0);
  }

  /** The next complete request from the pushed chunk, or null when it needs more bytes. */
  next(): MemcachedRequest | null {
    if (this.state === ST_LINE && this.dataBuf.length > KEEP_DATA_BUFFER_BYTES) this.dataBuf = EMPTY;
    for (;;) {
      const chunk = this.chunk;
      const end = chunk.length;
      switch (this.state) {
        case ST_CLOSED:
          return null;
        case ST_SWALLOW: {
          const n = Math.min(this.swallowLeft, end - this.pos);
          this.pos += n;
          this.swallowLeft -= n;
          if (this.swallowLeft > 0) return null;
          this.state = ST_LINE;
          continue;
        }
        case ST_DATA: {
          const r = this.readData(chunk, end);
          if (r !== null || this.state === ST_DATA) return r;
          continue;
        }
        default: {
          if (this.pos >= end) return null;
          const nl = chunk.indexOf(10, this.pos);
          let r: MemcachedRequest | null;
          if (this.partialLength === 0 && nl >= 0) {
            const s = this.pos;
            this.pos = nl + 1;
            if (nl - s > this.lineLimit(chunk, s, nl)) return this.close();
            r = this.parseLine(chunk, s, nl);
          } else {
            const take = nl >= 0 ? nl : end;
            if (this.partialLength + take - this.pos > this.maxGetLineBytes) return this.close();
            this.appendPartial(chunk, this.pos, take);
            this.pos = nl >= 0 ? nl + 1 : end;
            const len = this.partialLength;
            if (len > this.lineLimit(this.partial, 0, len)) return this.close();
            if (nl < 0) return null;
            this.partialLength = 0;
            r = this.parseLine(this.partial, 0, len);
          }
          if (r !== null) return r;
        }
      }
    }
  }

  /** memcached lets only a get/gets line (after at most 100 spaces) exceed the normal limit. */
  private lineLimit(buf: Uint8Array, s: number, e: number): number {
    if (e - s <= this.maxLineBytes) return this.maxLineBytes;
    let i = s;
    while (i < e && buf[i] === 32) i++;
    if (i - s > 100) return this.maxLineBytes;
    if (buf[i] === 103 && buf[i + 1] === 101 && buf[i + 2] === 116) {
      if (buf[i + 3] === 32 || (buf[i + 3] === 115 && buf[i + 4] === 32)) return this.maxGetLineBytes;
    }
    return this.maxLineBytes;
  }

  private appendPartial(chunk: Uint8Array, s: number, e: number): void {
    const need = this.partialLength + (e - s);
    if (need > this.partial.length) {
      const grown = new Uint8Array(
        Math.min(this.maxGetLineBytes, Math.max(need, 2 * this.partial.length, 256)),
      );
      grown.set(this.partial.subarray(0, this.partialLength));
      this.partial = grown;
    }
    this.partial.set(chunk.subarray(s, e), this.partialLength);
    this.partialLength = need;
  }

  private close(): MemcachedRequest {
    this.state = ST_CLOSED;
    this.partialLength = 0;
    this.partial = EMPTY;
    this.dataBuf = EMPTY;
    this.request.op = Op.Close;
    return this.request;
  }

  private replyWith(reply: Uint8Array, noreply: boolean): MemcachedRequest {
    const req = this.request;
    req.op = Op.Reply;
    req.reply = reply;
    req.noreply = noreply;
    return req;
  }

  private readData(chunk: Uint8Array, end: number): MemcachedRequest | null {
    const need = this.dataNeed;
    if (this.dataHave === 0 && end - this.pos >= need) {
      const s = this.pos;
      this.pos += need;
      this.state = ST_LINE;
      return this.finishData(chunk, s, need - 2);
    }
    if (this.dataHave === 0) {
      // The value spans chunks: keep the key, which may live in this chunk.
      const req = this.request;
      const keyLength = req.keyEnd - req.keyStart;
      this.savedKey.set(req.key.subarray(req.keyStart, req.keyEnd));
      req.key = this.savedKey;
      req.keyStart = 0;
      req.keyEnd = keyLength;
      if (this.dataBuf.length < need) this.dataBuf = new Uint8Array(need);
    }
    const n = Math.min(need - this.dataHave, end - this.pos);
    this.dataBuf.set(chunk.subarray(this.pos, this.pos + n), this.dataHave);
    this.dataHave += n;
    this.pos += n;
    if (this.dataHave < need) return null;
    this.dataHave = 0;
    this.state = ST_LINE;
    return this.finishData(this.dataBuf, 0, need - 2);
  }

  private finishData(buf: Uint8Array, s: number, length: number): MemcachedRequest {
    const req = this.request;
    if (buf[s + length] !== 13 || buf[s + length + 1] !== 10) {
      return this.replyWith(R.CLIENT_ERROR_BAD_CHUNK, req.noreply);
    }
    req.op = req.storeOp;
    req.data = buf;
    req.dataStart = s;
    req.dataLength = length;
    return req;
  }

  /** Tokenizes and validates one line (without its LF); null when a value must follow. */
  private parseLine(buf: Uint8Array, s: number, e: number): MemcachedRequest | null {
    if (e > s && buf[e - 1] === 13) e--;
    const req = this.request;
    const ts = req.tokStart;
    const te = req.tokEnd;
    let n = 0;
    let i = s;
    while (i < e) {
      const b = buf[i];
      if (b === 0) break; // memcached sees the line as a C string
      if (b === 32) {
        i++;
        continue;
      }
      const start = i;
      while (i < e && buf[i] !== 32 && buf[i] !== 0) i++;
      if (n < MAX_TOKENS) {
        ts[n] = start;
        te[n] = i;
      }
      n++;
      if (i < e && buf[i] === 0) break;
    }
    req.line = buf;
    req.lineEnd = i < e ? i : e;
    req.ntokens = n;
    req.noreply = false;
    if (n === 0 || te[0] - ts[0] < 2) return this.replyWith(R.ERROR, false);
    const op = commandOf(buf, ts[0], te[0]);
    req.op = op;
    switch (op) {
      case Op.Get:
      case Op.Gets:
        return n >= 2 ? req : this.replyWith(R.ERROR, false);
      case Op.Set:
      case Op.Add:
      case Op.Replace:
      case Op.Append:
      case Op.Prepend:
      case Op.Cas:
        return this.parseStorage(req, op, n);
      case Op.Delete:
        return this.parseDelete(req, n);
      case Op.Incr:
      case Op.Decr:
      case Op.Touch:
        return this.parseKeyNumber(req, op, n);
      case Op.FlushAll: {
        if (n > 3) return this.replyWith(R.ERROR, false);
        const noreply = this.lastIsNoreply(req, n);
        req.exptime = 0;
        if (n !== (noreply ? 2 : 1)) {
          const delay = parseI32(buf, ts[1], te[1]);
          if (delay === I32_FAIL) return this.replyWith(R.CLIENT_ERROR_BAD_EXPTIME, noreply);
          req.exptime = delay;
        }
        req.noreply = noreply;
        return req;
      }
      case Op.Verbosity: {
        if (n !== 2 && n !== 3) return this.replyWith(R.ERROR, false);
        const noreply = this.lastIsNoreply(req, n);
        const level = parseFlags(buf, ts[1], te[1]);
        if (level === PARSE_FAIL) return this.replyWith(R.CLIENT_ERROR_BAD_FORMAT, noreply);
        req.exptime = level;
        req.noreply = noreply;
        return req;
      }
      case Op.Stats:
        if (n === 1) return req;
        if (tokenIs(buf, ts[1], te[1], "reset")) {
          req.op = Op.StatsReset;
          return req;
        }
        if (tokenIs(buf, ts[1], te[1], "slabs")) {
          req.op = Op.StatsSlabs;
          return req;
        }
        if (tokenIs(buf, ts[1], te[1], "items")) {
          req.op = Op.StatsItems;
          return req;
        }
        return this.replyWith(R.ERROR, false);
      case Op.Version:
      case Op.Quit:
        return req;
      default: {
        // memcached only checks for an HTTP request on commands it did not route by first letter.
        const first = buf[ts[0]];
        const routed =
          "gsacidt".includes(String.fromCharCode(first)) || (first === 109 && te[0] - ts[0] === 2);
        const last = Math.min(n, MAX_TOKENS) - 1;
        if (!routed && te[last] - ts[last] >= 5 && tokenIs(buf, ts[last], ts[last] + 5, "HTTP/")) {
          return this.close();
        }
        return this.replyWith(R.ERROR, false);
      }
    }
  }

  private lastIsNoreply(req: MemcachedRequest, n: number): boolean {
    const last = Math.min(n, MAX_TOKENS) - 1;
    return tokenIs(req.line, req.tokStart[last], req.tokEnd[last], "noreply");
  }

  private setKey(req: MemcachedRequest): boolean {
    req.key = req.line;
    req.keyStart = req.tokStart[1];
    req.keyEnd = req.tokEnd[1];
    return req.keyEnd - req.keyStart <= MAX_KEY_LENGTH;
  }

  private parseStorage(req: MemcachedRequest, op: OpCode, n: number): MemcachedRequest | null {
    const isCas = op === Op.Cas;
    if (isCas ? n !== 6 && n !== 7 : n !== 5 && n !== 6) return this.replyWith(R.ERROR, false);
    const noreply = this.lastIsNoreply(req, n);
    if (!this.setKey(req)) return this.replyWith(R.CLIENT_ERROR_BAD_FORMAT, noreply);
    const buf = req.line;
    const ts = req.tokStart;
    const te = req.tokEnd;
    const flags = parseFlags(buf, ts[2], te[2]);
    const exptime = parseI32(buf, ts[3], te[3]);
    const vlen = parseI32(buf, ts[4], te[4]);
    if (flags === PARSE_FAIL || exptime === I32_FAIL || vlen === I32_FAIL) {
      return this.replyWith(R.CLIENT_ERROR_BAD_FORMAT, noreply);
    }
    if (isCas) {
      const cas = parseU64(buf, ts[5], te[5]);
      if (cas === PARSE_FAIL) return this.replyWith(R.CLIENT_ERROR_BAD_FORMAT, noreply);
      req.casUnique = cas === PARSE_BIG ? -1 : cas;
    }
    if (vlen < 0 || vlen > 2147483647 - 2) return this.replyWith(R.CLIENT_ERROR_BAD_FORMAT, noreply);
    req.noreply = noreply;
    req.flags = flags;
    req.exptime = exptime;
    req.storeOp = op;
    if (itemTotalSize(req.keyEnd - req.keyStart, vlen, flags) > this.itemSizeMax) {
      // memcached answers at once and then discards the value bytes
      this.state = ST_SWALLOW;
      this.swallowLeft = vlen + 2;
      req.op = Op.TooLarge;
      return req;
    }
    this.state = ST_DATA;
    this.dataNeed = vlen + 2;
    this.dataHave = 0;
    return null;
  }

  private parseDelete(req: MemcachedRequest, n: number): MemcachedRequest {
    if (n < 2 || n > 4) return this.replyWith(R.ERROR, false);
    let noreply = false;
    if (n > 2) {
      const holdIsZero = tokenIs(req.line, req.tokStart[2], req.tokEnd[2], "0");
      noreply = this.lastIsNoreply(req, n);
      const valid = (n === 3 && (holdIsZero || noreply)) || (n === 4 && holdIsZero && noreply);
      if (!valid) return this.replyWith(R.CLIENT_ERROR_DELETE_USAGE, noreply);
    }
    if (!this.setKey(req)) return this.replyWith(R.CLIENT_ERROR_BAD_FORMAT, noreply);
    req.noreply = noreply;
    return req;
  }

  private parseKeyNumber(req: MemcachedRequest, op: OpCode, n: number): MemcachedRequest {
    if (n !== 3 && n !== 4) return this.replyWith(R.ERROR, false);
    const noreply = this.lastIsNoreply(req, n);
    if (!this.setKey(req)) return this.replyWith(R.CLIENT_ERROR_BAD_FORMAT, noreply);
    const buf = req.line;
    const s = req.tokStart[2];
    const e = req.tokEnd[2];
    if (op === Op.Touch) {
      const exptime = parseI32(buf, s, e);
      if (exptime === I32_FAIL) return this.replyWith(R.CLIENT_ERROR_BAD_EXPTIME, noreply);
      req.exptime = exptime;
    } else {
      const delta = parseU64(buf, s, e);
      if (delta === PARSE_FAIL) return this.replyWith(R.CLIENT_ERROR_BAD_DELTA, noreply);
      req.delta = delta;
      if (delta === PARSE_BIG) {
        req.delta = -1;
        req.deltaBig = bigResult;
      }
    }
    req.noreply = noreply;
    return req;
  }
}
