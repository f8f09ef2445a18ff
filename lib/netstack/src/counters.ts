// Counters of the stack: traffic, TCP events, and one counter per drop
// reason. `stack.counters` is a plain object of numbers with a fixed shape
// (every key created up front so V8 keeps one hidden class and increments stay
// cheap); exporters read it as is. Keys starting with "drop" are drop reasons.

export function createCounters() {
  return {
    framesIn: 0,
    framesOut: 0,
    bytesIn: 0,
    bytesOut: 0,
    arpIn: 0,
    arpRequestsSent: 0,
    arpRepliesSent: 0,
    ipIn: 0,
    /** IPv4 fragments received for us (each also ends reassembled or in one drop reason). */
    ipFragmentsIn: 0,
    /** Datagrams rebuilt from fragments and passed up. */
    ipReassembled: 0,
    /** Datagrams larger than the MTU sent as fragments, and the fragments sent. */
    ipFragmentedOut: 0,
    ipFragmentsOut: 0,
    icmpEchoReplies: 0,
    /** ICMP errors sent: destination unreachable (port), time exceeded (reassembly). */
    icmpDestUnreachSent: 0,
    icmpTimeExceededSent: 0,
    /** ICMP errors withheld by the token bucket (Linux: icmp_ratelimit). */
    icmpErrorsRateLimited: 0,
    /** ICMP errors withheld by RFC 1122 3.2.2 (about an ICMP error, a broadcast, a non-first fragment...). */
    icmpErrorsNotAllowed: 0,
    udpIn: 0,
    udpOut: 0,
    tcpIn: 0,
    tcpOut: 0,
    tcpActiveOpens: 0,
    tcpPassiveOpens: 0,
    tcpRetransmits: 0,
    tcpFastRetransmits: 0,
    tcpTimeouts: 0,
    tcpDupAcks: 0,
    tcpChallengeAcks: 0,
    tcpResetsSent: 0,
    tcpResetsReceived: 0,
    tcpPersistProbes: 0,
    tcpDelayedAcks: 0,
    tcpSynCookiesSent: 0,
    tcpSynCookiesAccepted: 0,
    tcpOutOfOrder: 0,
    tcpConnectionsDead: 0,
    /** ACKs sent for TIME-WAIT records (retransmitted FINs, old SYNs, stray segments). */
    tcpTimeWaitAcks: 0,
    /** New connections opened by a SYN above a TIME-WAIT record's RCV.NXT (RFC 6191). */
    tcpTimeWaitReopened: 0,
    /** Connections closed without TIME-WAIT because maxTimeWait records existed (Linux: tw bucket overflow). */
    tcpTimeWaitOverflows: 0,
    /** Orphaned connections (closed by the app) given up after orphanRetries retransmissions. */
    tcpOrphansAborted: 0,
    flowGroupsExported: 0,
    flowGroupsImported: 0,
    // Drop reasons (one per cause; each dropped frame/segment counts once).
    dropEthMalformed: 0,
    dropEthNotForUs: 0,
    dropEthUnknownType: 0,
    dropArpMalformed: 0,
    dropArpNotForUs: 0,
    dropArpQueueFull: 0,
    dropArpUnresolved: 0,
    dropIpMalformed: 0,
    dropIpChecksum: 0,
    dropIpNotForUs: 0,
    // Fragments (ip-reassembly.ts): each fragment that does not end in a
    // reassembled datagram counts once, under one of these.
    dropIpFragMalformed: 0,
    dropIpFragDuplicate: 0,
    dropIpFragOverlap: 0,
    dropIpFragTimeout: 0,
    dropIpFragBudget: 0,
    dropIpUnknownProtocol: 0,
    dropIcmpMalformed: 0,
    dropIcmpUnsupported: 0,
    dropUdpMalformed: 0,
    dropUdpNoListener: 0,
    dropTcpMalformed: 0,
    dropTcpChecksum: 0,
    dropTcpNotOwned: 0,
    /** Debug builds (verifyFlowGroup): the NIC's flow group disagreed with the stack's own hash. */
    dropTcpFlowGroupMismatch: 0,
    /** A TCP segment that arrived fragmented, reassembled on a core that does not own its flow group. */
    dropTcpReassembledNotOwned: 0,
    dropTcpNoListener: 0,
    dropTcpNoConnection: 0,
    dropTcpBadSynCookie: 0,
    dropTcpAcceptBacklog: 0,
    dropTcpOutOfWindow: 0,
    dropTcpBadAck: 0,
    dropTcpBadRst: 0,
    dropTcpBadSyn: 0,
    dropTcpOooFull: 0,
    dropTcpAfterClose: 0,
    dropTcpInvalidState: 0,
    /** RST for a TIME-WAIT record, ignored (RFC 1337). */
    dropTcpTimeWaitRst: 0,
  };
}

export type Counters = ReturnType<typeof createCounters>;
export type CounterName = keyof Counters;

/** Sum of all drop counters. */
export function totalDrops(c: Counters): number {
  let n = 0;
  for (const k of Object.keys(c) as CounterName[]) if (k.startsWith("drop")) n += c[k];
  return n;
}
