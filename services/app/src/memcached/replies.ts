// Constant replies, encoded once: the hot path hands these same views to the
// transport (never mutated), so answering STORED/END/... allocates nothing.
const ascii = (s: string): Uint8Array => {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
};

export const encodeAscii = ascii;

export const STORED = ascii("STORED\r\n");
export const NOT_STORED = ascii("NOT_STORED\r\n");
export const EXISTS = ascii("EXISTS\r\n");
export const NOT_FOUND = ascii("NOT_FOUND\r\n");
export const DELETED = ascii("DELETED\r\n");
export const TOUCHED = ascii("TOUCHED\r\n");
export const OK = ascii("OK\r\n");
export const END = ascii("END\r\n");
export const RESET = ascii("RESET\r\n");
export const CRLF = ascii("\r\n");
export const ERROR = ascii("ERROR\r\n");

// Error strings exactly as memcached 1.6 prints them.
export const CLIENT_ERROR_BAD_FORMAT = ascii("CLIENT_ERROR bad command line format\r\n");
export const CLIENT_ERROR_BAD_CHUNK = ascii("CLIENT_ERROR bad data chunk\r\n");
export const CLIENT_ERROR_DELETE_USAGE = ascii(
  "CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]\r\n",
);
export const CLIENT_ERROR_BAD_DELTA = ascii("CLIENT_ERROR invalid numeric delta argument\r\n");
export const CLIENT_ERROR_BAD_EXPTIME = ascii("CLIENT_ERROR invalid exptime argument\r\n");
export const CLIENT_ERROR_NON_NUMERIC = ascii(
  "CLIENT_ERROR cannot increment or decrement non-numeric value\r\n",
);
export const SERVER_ERROR_TOO_LARGE = ascii("SERVER_ERROR object too large for cache\r\n");
export const SERVER_ERROR_OUT_OF_MEMORY = ascii("SERVER_ERROR out of memory storing object\r\n");

/** What "version" reports: the memcached release whose behaviour is emulated, tagged. */
export const VERSION_STRING = "1.6.18-ix";
export const VERSION = ascii(`VERSION ${VERSION_STRING}\r\n`);
