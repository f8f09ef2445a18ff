// Drives whole dataplane cores synchronously, without NATS: real parts
// (DataplaneCore with lib/netstack's Stack, the NIC's RSS classifier and ARP
// offload, a Linux-like peer that is another Stack) and a manual clock whose
// timers run only when a test says so. What the core sends is recorded:
// TX bursts with their credits, EventBatches, Migration messages.
import { ix } from "@ix/proto";
import { owesReturn } from "@ix/bus";
import {
  Stack,
  DEFAULT_RSS_KEY,
  EtherType,
  EthernetView,
  Ipv4View,
  IpProtocol,
  TcpView,
  parseIpv4,
  parseMac,
} from "@ix/netstack";
import { RssClassifier } from "../../nic/src/rss-classifier.ts";
import { ArpOffload } from "../../nic/src/arp-offload.ts";
import { DataplaneCore } from "../src/core.ts";
import { loadConfig } from "../src/config.ts";
import type { Timers } from "../src/clock.ts";

export const HOST_IP = parseIpv4("10.77.0.2");
export const HOST_MAC = parseMac("02:00:00:00:00:02");
export const PEER_IP = parseIpv4("10.77.0.1");
export const PEER_MAC = parseMac("02:00:00:00:00:01");

/** TCP flags (RFC 9293 header bits) of a frame a core sent, or -1 when it is not TCP over IPv4. */
export function tcpFlags(frame: Uint8Array): number {
  const eth = new EthernetView();
  const ip = new Ipv4View();
  const tcp = new TcpView();
  if (eth.reset(frame) !== 0 || eth.etherType() !== EtherType.IPv4) return -1;
  if (ip.reset(eth.payload()) !== 0 || ip.protocol() !== IpProtocol.TCP) return -1;
  if (tcp.reset(ip.payload(), ip.srcIp(), ip.dstIp(), true) !== 0) return -1;
  return tcp.flags();
}

/** A clock in microseconds and timers that fire only from runDue()/runImmediates(). */
export class ManualTime implements Timers {
  nowUs = 1_000_000;
  private immediates: (() => void)[] = [];
  private timers: { at: number; fn: () => void; live: boolean }[] = [];

  readonly clock = (): number => this.nowUs;

  immediate(fn: () => void): void {
    this.immediates.push(fn);
  }

  after(ms: number, fn: () => void): () => void {
    const t = { at: this.nowUs + ms * 1000, fn, live: true };
    this.timers.push(t);
    return () => {
      t.live = false;
    };
  }

  /** Immediates waiting (a cycle scheduled). */
  get immediateCount(): number {
    return this.immediates.length;
  }

  /** Delays (us from now) of the live timers. */
  get timerDelays(): number[] {
    return this.timers.filter((t) => t.live).map((t) => t.at - this.nowUs);
  }

  /** Runs the immediates queued now (not those they queue). Returns how many ran. */
  runImmediates(): number {
    const batch = this.immediates;
    this.immediates = [];
    for (const fn of batch) fn();
    return batch.length;
  }

  /** Runs immediates until none is left (bounded). */
  settle(limit = 1000): number {
    let n = 0;
    while (this.immediates.length > 0) {
      if (++n > limit) throw new Error(`still scheduling after ${limit} rounds`);
      this.runImmediates();
    }
    return n;
  }

  /** Advances the clock by `us` and fires the timers due by then. */
  advance(us: number): void {
    this.nowUs += us;
    const due = this.timers.filter((t) => t.live && t.at <= this.nowUs);
    this.timers = this.timers.filter((t) => t.live && t.at > this.nowUs);
    for (const t of due) t.fn();
  }
}

/** One step-6 call: frames (copied), credits and the B the core stated. */
export interface TxRecord {
  frames: Uint8Array[];
  credits: number;
  batchLimit: number;
}

/** A core plus everything it sent. */
export class RecordedCore {
  readonly core: DataplaneCore;
  readonly tx: TxRecord[] = [];
  readonly events: ix.EventBatch[] = [];
  readonly migrationsSent: { target: number; m: ix.Migration }[] = [];
  /** Where the core's TX frames go (the test NIC sends them to the peer). */
  onTx: (frame: Uint8Array) => void = () => undefined;
  /** Runs inside step 6 (a test's way to make something arrive mid-cycle). */
  duringTx: (() => void) | undefined;
  /** Where the core's Migration messages go (another core, or held by the test). */
  onMigration: (target: number, m: ix.Migration) => void = () => undefined;
  /**
   * The app returns from run_io at once: every EventBatch that owes a return
   * (@ix/bus owesReturn) is answered by an empty SyscallBatch (as libix
   * does), so the core never holds events. Tests of the run_io alternation turn it off and answer
   * themselves.
   */
  autoReturn = true;
  /**
   * Where the encoded EventBatches go when a real app (libix) plays the app:
   * set, they are still recorded but autoReturn does nothing.
   */
  toApp: ((bytes: Uint8Array) => void) | undefined;
  /** Empty SyscallBatches sent by autoReturn. */
  returns = 0;
  private lastApp = "test#1";
  private returnSeq = 1_000_000;

  constructor(time: ManualTime, args: string[]) {
    const cfg = loadConfig(args, {});
    this.core = new DataplaneCore(cfg, {
      nic: {
        flush: (frames, credits, batchLimit) => {
          this.duringTx?.();
          const copies = frames.map((f) => f.slice());
          this.tx.push({ frames: copies, credits, batchLimit });
          for (const f of copies) this.onTx(f);
        },
      },
      // The wire encoding, decoded as the app would see it.
      publishEvents: (bytes) => {
        const b = ix.EventBatch.decode(bytes);
        this.events.push(b);
        if (this.toApp) return this.toApp(bytes);
        if (this.autoReturn && b.events.some((e) => owesReturn(e.kind ?? 0))) {
          this.returns++;
          this.core.receiveSyscalls(
            ix.SyscallBatch.decode(
              ix.SyscallBatch.encode({ core: 0, seq: ++this.returnSeq, app: this.lastApp }).finish(),
            ),
          );
        }
      },
      sendMigration: (target, m) => {
        const decoded = ix.Migration.decode(ix.Migration.encode(m).finish());
        this.migrationsSent.push({ target, m: decoded });
        this.onMigration(target, decoded);
      },
      clock: time.clock,
      timers: time,
      log: () => undefined,
    });
  }

  /** Sends the app's calls as one SyscallBatch. */
  syscalls(seq: number, calls: ix.ISyscall[], app = "test#1"): void {
    this.lastApp = app;
    this.core.receiveSyscalls(
      ix.SyscallBatch.decode(ix.SyscallBatch.encode({ core: 0, seq, calls, app }).finish()),
    );
  }

  /** Sends an IXCP command; replies are collected in the returned array. */
  command(cmd: ix.ICoreCommand): ix.CommandReply[] {
    const replies: ix.CommandReply[] = [];
    this.core.receiveCommand(ix.CoreCommand.encode(cmd).finish(), (r) =>
      replies.push(ix.CommandReply.decode(r)),
    );
    return replies;
  }

  /** Every event of every batch so far, flattened. */
  allEvents(): ix.IEvent[] {
    return this.events.flatMap((b) => b.events);
  }
}

/**
 * The NIC between a Linux-like peer and the cores: classifies each frame with
 * the NIC's own RSS classifier and RETA, answers ARP (offload) and mirrors it
 * to the cores, and carries the cores' TX frames back to the peer. Frames
 * cross only when pump() runs, so a test sees each stage.
 */
export class TestWire {
  readonly time = new ManualTime();
  readonly rss: RssClassifier;
  readonly arp = new ArpOffload(HOST_IP, HOST_MAC);
  readonly cores: RecordedCore[] = [];
  readonly peer: Stack;
  /** Peer -> NIC frames not yet classified. */
  private toNic: Uint8Array[] = [];
  private toPeer: Uint8Array[] = [];
  /** Peer-side events (the peer plays Linux's application too). */
  readonly peerEvents: import("@ix/netstack").StackEvent[] = [];

  /** The NIC's bound on bursts in flight that every burst states (0: not stated, as before issue 13's credit hold). */
  readonly burstsInFlight: number;

  constructor(opts: { cores: number; batch?: number; extra?: string[]; burstsInFlight?: number }) {
    this.burstsInFlight = opts.burstsInFlight ?? 0;
    this.rss = new RssClassifier(DEFAULT_RSS_KEY, 128, opts.cores);
    for (let c = 0; c < opts.cores; c++) {
      const rc = new RecordedCore(this.time, [
        "--core",
        String(c),
        "--queues",
        String(opts.cores),
        "--batch",
        String(opts.batch ?? 64),
        "--verify-flow-group",
        // The manual clock stands still: a polling core would poll forever. Tests of polling pass --poll-us.
        "--poll-us",
        "0",
        ...(opts.extra ?? []),
      ]);
      rc.onTx = (f) => this.toPeer.push(f);
      this.cores.push(rc);
    }
    this.peer = new Stack({
      mac: PEER_MAC,
      ip: PEER_IP,
      clock: this.time.clock,
      transmit: (f) => this.toNic.push(f.slice()),
    });
  }

  /** Moves frames across the wire until none is in flight; cores get them in their RX rings (no cycle runs). */
  pump(): void {
    for (let rounds = 0; this.toNic.length > 0 || this.toPeer.length > 0; rounds++) {
      if (rounds > 100) throw new Error("wire never went quiet");
      const toPeer = this.toPeer;
      this.toPeer = [];
      for (const f of toPeer) this.peer.input(f);
      this.peerEvents.push(...this.peer.events);
      this.peer.events.length = 0;
      const toNic = this.toNic;
      this.toNic = [];
      for (const f of toNic) this.nicReceive(f);
    }
  }

  private nicReceive(frame: Uint8Array): void {
    this.rss.classify(frame);
    const isArp = frame.length >= 14 && ((frame[12] << 8) | frame[13]) === EtherType.ARP;
    if (isArp) {
      const reply = this.arp.answer(frame);
      if (reply) this.toPeer.push(reply);
      // Mirrored to every core so each learns the peer's MAC.
      for (const c of this.cores)
        c.core.receiveRx(
          [{ data: frame, rxTimeUs: this.time.nowUs, flowGroup: 0, rssHash: 0 }],
          this.burstsInFlight,
        );
      return;
    }
    this.cores[this.rss.queue].core.receiveRx(
      [{ data: frame, rxTimeUs: this.time.nowUs, flowGroup: this.rss.flowGroup, rssHash: this.rss.hash }],
      this.burstsInFlight,
    );
  }

  /** Runs scheduled cycles and moves frames until both the cores and the wire are quiet. */
  settle(): void {
    for (let i = 0; i < 100; i++) {
      this.pump();
      if (this.time.settle() === 0) {
        this.pump();
        if (this.time.immediateCount === 0) return;
      }
    }
    throw new Error("cores and wire never settled");
  }
}
