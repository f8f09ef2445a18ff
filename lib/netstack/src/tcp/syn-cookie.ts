// SYN cookies (RFC 4987 section 3.6): when the SYN backlog is full the
// listener answers with a SYN-ACK whose ISS encodes everything it needs and
// keeps no state; the returning ACK (ack - 1 == cookie) rebuilds the
// connection. Layout of the 32-bit cookie:
//   bits 31..27  time counter t mod 32 (t advances every 64 s)
//   bits 26..24  index of the MSS in MSS_TABLE (largest not above the peer's)
//   bits 23..0   keyed hash of (4-tuple, peer ISN, t)
// Window scaling, SACK and timestamps are not encoded: a cookie connection
// runs without them, so the SYN-ACK must not offer them.

export const MSS_TABLE = [216, 536, 1024, 1220, 1360, 1400, 1440, 1460] as const;
const PERIOD_US = 64_000_000;

function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The connection a cookie is bound to, as the listener sees it (a received
 * Segment is one).
 */
export interface CookieFlow {
  readonly remoteIp: number;
  readonly remotePort: number;
  readonly localIp: number;
  readonly localPort: number;
}

export class SynCookies {
  private readonly secret: Uint32Array;

  constructor(seed: number) {
    // Derive four secret words from the seed (deterministic for tests; the
    // caller supplies a random seed in production).
    this.secret = new Uint32Array(4);
    let h = seed | 0;
    for (let i = 0; i < 4; i++) {
      h = fmix(mix(h, 0x9e3779b9 + i));
      this.secret[i] = h;
    }
  }

  private hash(f: CookieFlow, peerIsn: number, t: number): number {
    let h = this.secret[0];
    h = mix(h, f.remoteIp);
    h = mix(h, f.localIp ^ this.secret[1]);
    h = mix(h, ((f.remotePort << 16) | f.localPort) ^ this.secret[2]);
    h = mix(h, peerIsn);
    h = mix(h, t ^ this.secret[3]);
    return fmix(h) & 0xffffff;
  }

  static mssIndex(peerMss: number): number {
    let idx = 0;
    for (let i = 0; i < MSS_TABLE.length; i++) if (MSS_TABLE[i] <= peerMss) idx = i;
    return idx;
  }

  /** The ISS to send in the SYN-ACK answering a SYN of flow f whose ISN is peerIsn and MSS option peerMss. */
  make(nowUs: number, f: CookieFlow, peerIsn: number, peerMss: number): number {
    const t = Math.floor(nowUs / PERIOD_US) & 0x1f;
    const idx = SynCookies.mssIndex(peerMss);
    return ((t << 27) | (idx << 24) | this.hash(f, peerIsn, t)) >>> 0;
  }

  /**
   * Checks the cookie carried by an ACK of flow f (cookie = ack - 1,
   * peerIsn = seq - 1). Returns the MSS it encodes, or 0 when the cookie is
   * invalid or older than two periods.
   */
  check(nowUs: number, cookie: number, f: CookieFlow, peerIsn: number): number {
    const now = Math.floor(nowUs / PERIOD_US);
    const t = cookie >>> 27;
    for (let age = 0; age < 2; age++) {
      const tt = (now - age) & 0x1f;
      if (tt !== t) continue;
      if ((cookie & 0xffffff) === this.hash(f, peerIsn, tt)) {
        return MSS_TABLE[(cookie >>> 24) & 7];
      }
    }
    return 0;
  }
}

/** RFC 6528 initial sequence numbers: a 4-us clock plus a keyed hash of the connection id. */
export function initialSeq(
  secret: number,
  nowUs: number,
  remoteIp: number,
  remotePort: number,
  localIp: number,
  localPort: number,
): number {
  let h = mix(secret | 0, remoteIp);
  h = mix(h, localIp);
  h = mix(h, (remotePort << 16) | localPort);
  return (fmix(h) + Math.floor(nowUs / 4)) >>> 0;
}
