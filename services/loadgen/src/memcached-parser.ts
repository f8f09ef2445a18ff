// A streaming parser for memcached's ASCII responses (VALUE ... END, STORED,
// ERROR / CLIENT_ERROR / SERVER_ERROR, ...). Lines whole inside one chunk are
// parsed in place; only a line split across TCP segments is copied, into one
// buffer reused for the connection's lifetime. Data blocks are skipped by count.

import type { ResponseSink } from "./protocol.ts";

const CR = 13;
const LF = 10;
const SPACE = 32;
const MAX_LINE = 1024; // VALUE lines carry a key (<= 250 B): anything longer is garbage

const VALUE = bytes("VALUE ");
const END = bytes("END");
const STORED = bytes("STORED");

export class MemcachedResponseParser {
  /** Responses that were errors (ERROR, CLIENT_ERROR, SERVER_ERROR, NOT_STORED, ...). */
  errorResponses = 0;
  /** Lines that are not memcached responses at all (also reported as error responses). */
  protocolErrors = 0;
  hits = 0;
  misses = 0;

  private readonly line = new Uint8Array(MAX_LINE);
  private lineLength = 0;
  private overlong = false;
  private dataRemaining = 0; // bytes of a VALUE block (plus its CRLF) still to skip
  private sawValue = false;

  feed(chunk: Uint8Array, sink: ResponseSink): void {
    let pos = 0;
    const n = chunk.length;
    while (pos < n) {
      if (this.dataRemaining > 0) {
        const skip = Math.min(this.dataRemaining, n - pos);
        this.dataRemaining -= skip;
        pos += skip;
        continue;
      }
      const nl = chunk.indexOf(LF, pos);
      if (nl < 0) {
        this.stash(chunk, pos, n);
        return;
      }
      if (this.lineLength === 0 && !this.overlong) {
        this.onLine(chunk, pos, lineEnd(chunk, pos, nl), sink);
      } else {
        this.stash(chunk, pos, nl);
        if (this.overlong) this.onGarbage(sink);
        else this.onLine(this.line, 0, lineEnd(this.line, 0, this.lineLength), sink);
        this.lineLength = 0;
        this.overlong = false;
      }
      pos = nl + 1;
    }
  }

  private stash(chunk: Uint8Array, from: number, to: number): void {
    const len = to - from;
    if (this.overlong || this.lineLength + len > MAX_LINE) {
      this.overlong = true;
      return;
    }
    this.line.set(chunk.subarray(from, to), this.lineLength);
    this.lineLength += len;
  }

  private onLine(buf: Uint8Array, start: number, end: number, sink: ResponseSink): void {
    if (startsWith(buf, start, end, VALUE)) {
      const size = valueSize(buf, start + VALUE.length, end);
      if (size < 0) return this.onGarbage(sink);
      this.sawValue = true;
      this.dataRemaining = size + 2;
      return;
    }
    if (equals(buf, start, end, END)) {
      if (this.sawValue) this.hits++;
      else this.misses++;
      this.sawValue = false;
      return sink.onResponse(false);
    }
    if (equals(buf, start, end, STORED)) return sink.onResponse(false);
    this.sawValue = false;
    if (isKnownError(buf, start, end)) {
      this.errorResponses++;
      return sink.onResponse(true);
    }
    this.onGarbage(sink);
  }

  private onGarbage(sink: ResponseSink): void {
    // Treat the line as one failed response so the request FIFO stays aligned
    // with what memcached sends (one line per failed command).
    this.protocolErrors++;
    this.errorResponses++;
    this.sawValue = false;
    sink.onResponse(true);
  }
}

const ERROR_PREFIXES = ["ERROR", "CLIENT_ERROR", "SERVER_ERROR", "NOT_STORED", "EXISTS", "NOT_FOUND"].map(
  bytes,
);

function isKnownError(buf: Uint8Array, start: number, end: number): boolean {
  for (const prefix of ERROR_PREFIXES) if (startsWith(buf, start, end, prefix)) return true;
  return false;
}

/** The end of the line's content: before "\r\n" (or a bare "\n"). */
function lineEnd(buf: Uint8Array, start: number, nl: number): number {
  return nl > start && buf[nl - 1] === CR ? nl - 1 : nl;
}

/** Parses "<key> <flags> <bytes>[ <cas>]" and returns <bytes>, or -1 when malformed. */
function valueSize(buf: Uint8Array, start: number, end: number): number {
  let field = 0;
  let i = start;
  while (i < end && field < 2) {
    if (buf[i] === SPACE) {
      field++;
      while (i < end && buf[i] === SPACE) i++;
    } else i++;
  }
  if (field < 2 || i >= end) return -1;
  let size = 0;
  let digits = 0;
  for (; i < end && buf[i] !== SPACE; i++) {
    const d = buf[i] - 48;
    if (d < 0 || d > 9 || digits > 9) return -1;
    size = size * 10 + d;
    digits++;
  }
  return digits > 0 ? size : -1;
}

function startsWith(buf: Uint8Array, start: number, end: number, prefix: Uint8Array): boolean {
  if (end - start < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (buf[start + i] !== prefix[i]) return false;
  return true;
}

function equals(buf: Uint8Array, start: number, end: number, word: Uint8Array): boolean {
  return end - start === word.length && startsWith(buf, start, end, word);
}

function bytes(s: string): Uint8Array {
  return Buffer.from(s, "latin1");
}
