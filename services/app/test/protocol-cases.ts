// Request/reply pairs recorded from a real memcached 1.6.18 (each on a fresh
// server state, version string replaced by ours). Shared by the unit tests
// (parser + commands, every segmentation) and the differential test.
import { VERSION_STRING } from "../src/memcached/replies.ts";

const V = `VERSION ${VERSION_STRING}\r\n`;

export const PROTOCOL_CASES: [request: string, reply: string][] = [
  // every command, well formed
  ["set k 5 0 3\r\nabc\r\nget k\r\n", "STORED\r\nVALUE k 5 3\r\nabc\r\nEND\r\n"],
  [
    "set a 0 0 1\r\n1\r\nset b 0 0 1\r\n2\r\nget a x b\r\n",
    "STORED\r\nSTORED\r\nVALUE a 0 1\r\n1\r\nVALUE b 0 1\r\n2\r\nEND\r\n",
  ],
  ["set k 0 0 1\r\nx\r\ngets k\r\n", "STORED\r\nVALUE k 0 1 1\r\nx\r\nEND\r\n"],
  [
    "add k 0 0 1\r\nx\r\nadd k 0 0 1\r\ny\r\nget k\r\n",
    "STORED\r\nNOT_STORED\r\nVALUE k 0 1\r\nx\r\nEND\r\n",
  ],
  [
    "replace k 0 0 1\r\nx\r\nset k 0 0 1\r\nx\r\nreplace k 3 0 1\r\ny\r\nget k\r\n",
    "NOT_STORED\r\nSTORED\r\nSTORED\r\nVALUE k 3 1\r\ny\r\nEND\r\n",
  ],
  [
    "set k 0 0 1\r\nx\r\nappend k 5 5 1\r\ny\r\ngets k\r\n",
    "STORED\r\nSTORED\r\nVALUE k 0 2 2\r\nxy\r\nEND\r\n",
  ],
  [
    "set k 5 0 1\r\n1\r\nprepend k 7 0 2\r\nab\r\ngets k\r\n",
    "STORED\r\nSTORED\r\nVALUE k 5 3 2\r\nab1\r\nEND\r\n",
  ],
  ["append k 0 0 1\r\nx\r\nprepend k 0 0 1\r\nx\r\n", "NOT_STORED\r\nNOT_STORED\r\n"],
  ["cas k 0 0 1 1\r\nx\r\n", "NOT_FOUND\r\n"],
  [
    "set k 0 0 1\r\nx\r\ncas k 0 0 1 9\r\ny\r\ncas k 0 0 1 1\r\nz\r\ngets k\r\n",
    "STORED\r\nEXISTS\r\nSTORED\r\nVALUE k 0 1 2\r\nz\r\nEND\r\n",
  ],
  ["set k 0 0 1\r\nx\r\ndelete k\r\ndelete k\r\n", "STORED\r\nDELETED\r\nNOT_FOUND\r\n"],
  ["set k 0 0 1\r\nx\r\ndelete k 0\r\n", "STORED\r\nDELETED\r\n"],
  ["set k 0 0 2\r\n10\r\nincr k 5\r\ndecr k 100\r\nincr nok 1\r\n", "STORED\r\n15\r\n0\r\nNOT_FOUND\r\n"],
  ["set k 0 0 1\r\n1\r\ntouch k 100\r\ntouch nok 1\r\n", "STORED\r\nTOUCHED\r\nNOT_FOUND\r\n"],
  ["set k 0 0 1\r\n1\r\nflush_all\r\nget k\r\n", "STORED\r\nOK\r\nEND\r\n"],
  ["version\r\nversion x\r\n", V + V],
  ["verbosity 1\r\nverbosity 1 2\r\n", "OK\r\nOK\r\n"],
  ["stats reset\r\n", "RESET\r\n"],
  // noreply on every command that takes it
  [
    "set k 0 0 1 noreply\r\n1\r\nadd k 0 0 1 noreply\r\nx\r\nreplace nok 0 0 1 noreply\r\nx\r\n" +
      "append k 0 0 1 noreply\r\n2\r\nprepend k 0 0 1 noreply\r\n0\r\ncas k 0 0 1 99 noreply\r\nx\r\n" +
      "incr k 1 noreply\r\ndecr k 2 noreply\r\ntouch k 10 noreply\r\nget k\r\ndelete k noreply\r\n" +
      "delete k 0 noreply\r\nflush_all noreply\r\nflush_all 0 noreply\r\nverbosity 1 noreply\r\nversion\r\n",
    "VALUE k 0 3\r\n11 \r\nEND\r\n" + V,
  ],
  // incr/decr arithmetic and padding
  ["set k 0 0 2\r\n10\r\ndecr k 1\r\nget k\r\n", "STORED\r\n9\r\nVALUE k 0 2\r\n9 \r\nEND\r\n"],
  [
    "set k 0 0 2\r\n10\r\nincr k 18446744073709551615\r\nget k\r\n",
    "STORED\r\n9\r\nVALUE k 0 2\r\n9 \r\nEND\r\n",
  ],
  [
    "set n 0 0 20\r\n18446744073709551615\r\nincr n 1\r\nget n\r\n",
    "STORED\r\n0\r\nVALUE n 0 20\r\n0                   \r\nEND\r\n",
  ],
  ["set k 0 0 1\r\n5\r\nincr k 100\r\nget k\r\n", "STORED\r\n105\r\nVALUE k 0 3\r\n105\r\nEND\r\n"],
  ["set k 0 0 3\r\n5\t\t\r\nincr k 1\r\nget k\r\n", "STORED\r\n6\r\nVALUE k 0 3\r\n6  \r\nEND\r\n"],
  [
    "set k 0 0 1\r\n1\r\nincr k 0x10\r\nincr k 5abc\r\nincr k +5\r\nincr k  5\r\n",
    "STORED\r\nCLIENT_ERROR invalid numeric delta argument\r\nCLIENT_ERROR invalid numeric delta argument\r\n6\r\n11\r\n",
  ],
  [
    "set k 0 0 1\r\n1\r\nincr k 18446744073709551616\r\nincr k -1\r\ndecr k -0\r\n",
    "STORED\r\nCLIENT_ERROR invalid numeric delta argument\r\nCLIENT_ERROR invalid numeric delta argument\r\n1\r\n",
  ],
  ["set k 0 0 1\r\n1\r\nincr k 18446744073709551615\r\n", "STORED\r\n0\r\n"],
  [
    "set k 0 0 2\r\nab\r\nincr k 1\r\n",
    "STORED\r\nCLIENT_ERROR cannot increment or decrement non-numeric value\r\n",
  ],
  [
    "set e 0 0 0\r\n\r\nincr e 1\r\nget e\r\n",
    "STORED\r\nCLIENT_ERROR cannot increment or decrement non-numeric value\r\nVALUE e 0 0\r\n\r\nEND\r\n",
  ],
  [
    "set k 0 0 3\r\n-5 \r\nincr k 1\r\nset j 0 0 3\r\n 5a\r\nincr j 1\r\n",
    "STORED\r\nCLIENT_ERROR cannot increment or decrement non-numeric value\r\nSTORED\r\nCLIENT_ERROR cannot increment or decrement non-numeric value\r\n",
  ],
  ["set k 0 0 3\r\n\n11\r\nincr k 1\r\nget k\r\n", "STORED\r\n12\r\nVALUE k 0 3\r\n12 \r\nEND\r\n"],
  [
    "set n 0 0 21\r\n 18446744073709551616\r\nincr n 1\r\n",
    "STORED\r\nCLIENT_ERROR cannot increment or decrement non-numeric value\r\n",
  ],
  // malformed lines
  ["\r\n\nx\r\nget\r\ngets\r\nGET k\r\nge\r\nincr\r\ntouch k\r\nincr k\r\n", "ERROR\r\n".repeat(10)],
  ["\x00get k\r\n", "ERROR\r\n"],
  ["set k 0 0 1\r\nab\r\n", "CLIENT_ERROR bad data chunk\r\nERROR\r\n"],
  ["set k 0 0 1\r\nxyz\r\n", "CLIENT_ERROR bad data chunk\r\nERROR\r\n"],
  ["set k 0 0 1\nx\nget k\n", "CLIENT_ERROR bad data chunk\r\nERROR\r\n"],
  ["set k 0 0 -1\r\nab\r\n", "CLIENT_ERROR bad command line format\r\nERROR\r\n"],
  ["set k abc 0 1 noreply\r\nx\r\n", "ERROR\r\n"],
  [
    "set k 0 abc 1\r\nx\r\nset k 0 0 1x\r\nx\r\n",
    "CLIENT_ERROR bad command line format\r\nERROR\r\n".repeat(2),
  ],
  ["set k -1 0 1\r\nx\r\nget k\r\n", "CLIENT_ERROR bad command line format\r\nERROR\r\nEND\r\n"],
  ["set k 4294967296 0 1\r\nx\r\nget k\r\n", "STORED\r\nVALUE k 0 1\r\nx\r\nEND\r\n"],
  ["set k 0 0 4294967297\r\nx\r\nget k\r\n", "STORED\r\nVALUE k 0 1\r\nx\r\nEND\r\n"],
  ["set k 0 0 01\r\nx\r\nset  k 0 0 1\r\nx\r\nset k 0 0 1\r\r\nx\r\n", "STORED\r\nSTORED\r\nSTORED\r\n"],
  [
    "set k 0 0 1 garbage\r\nx\r\nincr k 1 garbage\r\ntouch k 10 x\r\n",
    "STORED\r\nCLIENT_ERROR cannot increment or decrement non-numeric value\r\nTOUCHED\r\n",
  ],
  ["set k 0 0 1 noreply x\r\nincr k 1 noreply x\r\n", "ERROR\r\nERROR\r\n"],
  ["set k 0 0 1\r\nx\r\nset k 0 0 1 noreply\r\nxyz\r\nversion\r\n", "STORED\r\nERROR\r\n" + V],
  ["cas k 0 0 1\r\nx\r\n", "ERROR\r\nERROR\r\n"],
  [
    "set k 0 0 1\r\n1\r\ncas k 0 0 1 abc\r\nx\r\ncas k 0 0 1 -1\r\nx\r\n",
    "STORED\r\n" + "CLIENT_ERROR bad command line format\r\nERROR\r\n".repeat(2),
  ],
  ["set k 0 0 1\r\n1\r\ncas k 0 0 1 18446744073709551615\r\nx\r\n", "STORED\r\nEXISTS\r\n"],
  ["get " + "a".repeat(251) + "\r\n", "CLIENT_ERROR bad command line format\r\n"],
  // (memcached also drops replies still queued from earlier pipelined commands here; we do not)
  ["get k " + "a".repeat(251) + " k\r\n", "CLIENT_ERROR bad command line format\r\n"],
  ["set " + "a".repeat(251) + " 0 0 1\r\nx\r\n", "CLIENT_ERROR bad command line format\r\nERROR\r\n"],
  ["set " + "a".repeat(250) + " 0 0 1\r\nx\r\n", "STORED\r\n"],
  [
    "delete k 1\r\ndelete k x y z\r\ndelete k noreply\r\ndelete k\r\n",
    "CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]\r\nERROR\r\nNOT_FOUND\r\n",
  ],
  ["touch k abc\r\n", "CLIENT_ERROR invalid exptime argument\r\n"],
  [
    "flush_all abc\r\nflush_all 0\r\nflush_all -1\r\nflush_all 1 2\r\nflush_all noreply x\r\nflush_all 1 2 3\r\n",
    "CLIENT_ERROR invalid exptime argument\r\nOK\r\nOK\r\nOK\r\nCLIENT_ERROR invalid exptime argument\r\nERROR\r\n",
  ],
  [
    "verbosity\r\nverbosity abc\r\nverbosity -1\r\nverbosity 99999999999999999999\r\nverbosity 1 2 3\r\n",
    "ERROR\r\n" + "CLIENT_ERROR bad command line format\r\n".repeat(3) + "ERROR\r\n",
  ],
  ["stats noreply\r\nstats foo\r\n", "ERROR\r\nERROR\r\n"],
  ["set k 0 0 1\r\n1\r\ntouch k -1\r\nget k\r\n", "STORED\r\nTOUCHED\r\nEND\r\n"],
  [
    "set k 0 -1 1\r\n1\r\nget k\r\nset k 0 1000000000 1\r\n1\r\nget k\r\nset k 0 5000000000 1\r\n1\r\nget k\r\n",
    "STORED\r\nEND\r\n".repeat(3),
  ],
  ["set k 0 0 1\r\n1\r\ntouch k 4294967297\r\nget k\r\n", "STORED\r\nTOUCHED\r\nVALUE k 0 1\r\n1\r\nEND\r\n"],
  ["  get   k  \r\nget k\rx\r\n", "END\r\nEND\r\n"],
  // closing the connection
  ["quit\r\nversion\r\n", ""],
  ["version\r\nquit x\r\n", V],
  ["GET / HTTP/1.1\r\n", ""],
];

/** Item size limit at the 1 MB boundary (memcached counts its 59-byte item overhead + key). */
export const LARGE_CASES: [request: string, reply: string][] = [
  [`set big 0 0 1048514\r\n${"x".repeat(1048514)}\r\nget nothing\r\n`, "STORED\r\nEND\r\n"],
  [
    `set k 0 0 1\r\nx\r\nset k 0 0 1048577\r\n${"y".repeat(1048577)}\r\nget k\r\n`,
    "STORED\r\nSERVER_ERROR object too large for cache\r\nEND\r\n",
  ],
  [
    `set k 0 0 1\r\nx\r\nadd k 0 0 2000000 noreply\r\n${"y".repeat(2000000)}\r\nget k\r\n`,
    "STORED\r\nVALUE k 0 1\r\nx\r\nEND\r\n",
  ],
];

/** Whether the server must close the connection after this request (quit, HTTP). */
export function expectsClose(request: string): boolean {
  return /(^|\n)quit[ \r\n]|HTTP\//.test(request);
}
