// The ICMP errors the stack owes (RFC 792, RFC 1122 3.2.2): destination
// unreachable (port) for UDP to a closed port (RFC 1122 4.1.3.1) and time
// exceeded (reassembly) for a datagram whose fragments never all came (RFC
// 1122 3.3.2). This file decides whether an error may be sent at all, limits
// their rate, and emits them; the input path says when one is due.
//
// Never about (RFC 1122 3.2.2): an ICMP error message, a datagram sent to an
// IP broadcast or multicast address or as a link-layer broadcast, a
// non-initial fragment, or a datagram whose source is not one host (0/8,
// 127/8, multicast 224/4, class E 240/4, 255.255.255.255).
//
// Rate: one token bucket per stack (so per core), as Linux's icmp_ratelimit
// (net.ipv4.icmp_ratelimit = 1000 ms, XRLIM_BURST_FACTOR 6): credit grows by
// the time elapsed, capped at burst x interval, and each error spends one
// interval; errors beyond it are counted (icmpErrorsRateLimited), not sent.
// Linux keeps that bucket per destination host and adds a global one; one
// bucket per stack is simpler, and stricter when many hosts probe at once.
//
// The quote is the offending datagram's IP header and as much of its payload
// as keeps the error within 576 octets (ICMP_ERROR_MAX_DATAGRAM), as Linux
// does; RFC 792's minimum is the header plus 8 octets.

import type { Counters } from "../counters.ts";
import { readU16, readU32 } from "../wire/addr.ts";
import {
  ICMP_ERROR_MAX_DATAGRAM,
  ICMP_HEADER_LEN,
  IcmpType,
  emitIcmpError,
  isIcmpError,
  type IcmpQuote,
} from "../wire/icmp.ts";
import { IPV4_MIN_HEADER_LEN, IpProtocol } from "../wire/ipv4.ts";
import { L4_OFF, type Egress } from "./egress.ts";

export interface IcmpRateLimit {
  /** Microseconds of credit one error spends: the sustained rate is one per interval (Linux: 1000 ms). */
  intervalUs: number;
  /** Errors that may leave back to back after a quiet period (Linux: 6). */
  burst: number;
}

export const DEFAULT_ICMP_RATE_LIMIT: IcmpRateLimit = { intervalUs: 1_000_000, burst: 6 };

const MAX_QUOTE = ICMP_ERROR_MAX_DATAGRAM - IPV4_MIN_HEADER_LEN - ICMP_HEADER_LEN;
const NOTHING = new Uint8Array(0);

/** True when `ip` (a unicast or special IPv4 address) names one host: RFC 1122 3.2.1.3 and 3.2.2. */
function isSingleHost(ip: number): boolean {
  const first = ip >>> 24;
  return first !== 0 && first !== 127 && first < 224;
}

/**
 * Whether RFC 1122 3.2.2 lets us send an ICMP error about a datagram whose IP
 * header is `header` and payload starts with `body` (`linkBroadcast`: it came
 * in a frame sent to the Ethernet broadcast address).
 */
export function icmpErrorAllowed(header: Uint8Array, body: Uint8Array, linkBroadcast: boolean): boolean {
  if (linkBroadcast || header.length < IPV4_MIN_HEADER_LEN) return false;
  if ((readU16(header, 6) & 0x1fff) !== 0) return false; // a non-initial fragment
  if (!isSingleHost(readU32(header, 12))) return false;
  if (readU32(header, 16) >>> 28 === 0xe || readU32(header, 16) === 0xffffffff) return false;
  // An ICMP error about an ICMP error could loop between two hosts forever.
  if (header[9] === IpProtocol.ICMP && (body.length === 0 || isIcmpError(body[0]))) return false;
  return true;
}

export class IcmpErrors {
  readonly cfg: IcmpRateLimit;
  private readonly counters: Counters;
  private readonly egress: Egress;
  /** Credit of the token bucket, microseconds; starts full. */
  private credit: number;
  private last = -Infinity;
  /** Reused for every error (no allocation per message). */
  private readonly quote: IcmpQuote = { header: NOTHING, body: NOTHING, max: MAX_QUOTE };

  constructor(cfg: IcmpRateLimit, counters: Counters, egress: Egress) {
    if (!(cfg.intervalUs >= 0) || !(cfg.burst >= 1)) {
      throw new RangeError("icmpRateLimit: intervalUs must be >= 0 and burst >= 1");
    }
    this.cfg = cfg;
    this.counters = counters;
    this.egress = egress;
    this.credit = cfg.intervalUs * cfg.burst;
  }

  /**
   * Sends ICMP `type`/`code` to the source of the datagram whose IP header is
   * `header` and payload `body`, quoting both, if RFC 1122 allows it and the
   * bucket has credit. Returns true when it was sent; each refusal is counted
   * (icmpErrorsNotAllowed or icmpErrorsRateLimited).
   */
  send(
    type: number,
    code: number,
    header: Uint8Array,
    body: Uint8Array,
    linkBroadcast: boolean,
    now: number,
  ): boolean {
    const c = this.counters;
    if (!icmpErrorAllowed(header, body, linkBroadcast)) {
      c.icmpErrorsNotAllowed++;
      return false;
    }
    if (!this.take(now)) {
      c.icmpErrorsRateLimited++;
      return false;
    }
    const q = this.quote;
    q.header = header;
    q.body = body;
    const n = emitIcmpError(this.egress.txBuf, L4_OFF, type, code, q);
    q.header = q.body = NOTHING; // keep no view of the received frame alive
    if (type === IcmpType.DestinationUnreachable) c.icmpDestUnreachSent++;
    else if (type === IcmpType.TimeExceeded) c.icmpTimeExceededSent++;
    this.egress.sendL4(readU32(header, 12), IpProtocol.ICMP, n);
    return true;
  }

  /** Spends one interval of credit if there is one (inet_peer_xrlim_allow's arithmetic). */
  private take(now: number): boolean {
    const cap = this.cfg.intervalUs * this.cfg.burst;
    this.credit = Math.min(cap, this.credit + Math.max(0, now - this.last));
    this.last = now;
    if (this.credit < this.cfg.intervalUs) return false;
    this.credit -= this.cfg.intervalUs;
    return true;
  }
}
