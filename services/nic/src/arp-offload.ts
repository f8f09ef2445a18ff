// ARP offload: the NIC answers "who-has <host IP>" itself, as NICs with ARP
// offload do for a sleeping host. Here it matters because the host IP is
// served by several cores and a parked core must not leave neighbours unable
// to resolve it. The NIC still mirrors every ARP frame to all active queues
// (see nic.ts) so each core's stack learns its neighbours' MACs.
import {
  ARP_LEN,
  ArpOp,
  ArpView,
  ETH_HEADER_LEN,
  EtherType,
  WireError,
  emitArp,
  emitEthernet,
} from "./netstack.ts";

/** Ethernet minimum frame without FCS: replies are zero-padded to it. */
export const MIN_FRAME_LEN = 60;

export class ArpOffload {
  readonly hostIp: number;
  readonly hostMac: Uint8Array;
  replies = 0;
  private readonly view = new ArpView();

  constructor(hostIp: number, hostMac: Uint8Array) {
    this.hostIp = hostIp >>> 0;
    this.hostMac = hostMac.slice();
  }

  /**
   * Given an ARP frame (EtherType already checked by the caller), returns the
   * reply to send on the wire, or null when it is not a request for the host
   * IP or is malformed. Never throws.
   */
  answer(frame: Uint8Array): Uint8Array | null {
    if (frame.length < ETH_HEADER_LEN + ARP_LEN) return null;
    const arp = this.view;
    if (arp.reset(frame.subarray(ETH_HEADER_LEN)) !== WireError.Ok) return null;
    if (arp.op() !== ArpOp.Request || arp.targetIp() !== this.hostIp) return null;
    const reply = new Uint8Array(MIN_FRAME_LEN);
    const requesterMac = arp.senderMac();
    emitEthernet(reply, 0, requesterMac, this.hostMac, EtherType.ARP);
    emitArp(reply, ETH_HEADER_LEN, {
      op: ArpOp.Reply,
      senderMac: this.hostMac,
      senderIp: this.hostIp,
      targetMac: requesterMac,
      targetIp: arp.senderIp(),
    });
    this.replies++;
    return reply;
  }
}
