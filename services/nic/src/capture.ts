// On-demand packet capture (ix.nic.ctl.capture): a session records frames at
// one tap point into a pcap (lib/netstack PcapWriter) until it has `frames`
// frames, `durationMs` has passed, or the reply would outgrow a NATS message.
// Tap points are checked only while a session runs, so capture costs nothing
// when idle.
import { PcapWriter } from "./netstack.ts";

/** Where a frame was seen. Wire "in" is after inbound faults, "out" before outbound ones (what the host sees). */
export const Tap = { WireIn: 0, WireOut: 1, Rx: 2, Tx: 3 } as const;

export const CAPTURE_DEFAULT_FRAMES = 1000;
export const CAPTURE_MAX_FRAMES = 100_000;
export const CAPTURE_DEFAULT_MS = 2000;
export const CAPTURE_MAX_MS = 60_000;
export const CAPTURE_MAX_SESSIONS = 8;
/** The bus allows 8 MiB payloads; leave room for the reply's other fields. */
export const CAPTURE_MAX_BYTES = 8 * 1024 * 1024 - 4096;

export interface CaptureResult {
  ok: boolean;
  error: string;
  pcap: Uint8Array;
  frames: number;
}

interface Session {
  wireIn: boolean;
  wireOut: boolean;
  /** Queue for rx/tx taps, -1 otherwise. */
  queue: number;
  tap: number;
  limit: number;
  frames: number;
  /** pcap bytes written so far (shared with the writer's sink). */
  size: { bytes: number };
  chunks: Uint8Array[];
  writer: PcapWriter;
  timer: ReturnType<typeof setTimeout>;
  done: (r: CaptureResult) => void;
}

export interface ParsedTarget {
  wireIn: boolean;
  wireOut: boolean;
  tap: number;
  queue: number;
}

/** "wire", "wire:in", "wire:out", "rx:N", "tx:N" (N < queues); null when invalid. */
export function parseTarget(target: string, queues: number): ParsedTarget | null {
  if (target === "wire") return { wireIn: true, wireOut: true, tap: -1, queue: -1 };
  if (target === "wire:in") return { wireIn: true, wireOut: false, tap: -1, queue: -1 };
  if (target === "wire:out") return { wireIn: false, wireOut: true, tap: -1, queue: -1 };
  const m = /^(rx|tx):(\d{1,4})$/.exec(target);
  if (!m) return null;
  const queue = Number(m[2]);
  if (queue >= queues) return null;
  return { wireIn: false, wireOut: false, tap: m[1] === "rx" ? Tap.Rx : Tap.Tx, queue };
}

export class Captures {
  private readonly queues: number;
  private sessions: Session[] = [];

  constructor(queues: number) {
    this.queues = queues;
  }

  /** True while any session runs: callers skip tap() otherwise. */
  get active(): boolean {
    return this.sessions.length > 0;
  }

  /**
   * Starts a session; `done` is called exactly once, later, with the pcap.
   * Returns an error text (and never calls `done`) when the request is invalid.
   */
  start(
    req: { target: string; frames: number; durationMs: number },
    done: (r: CaptureResult) => void,
  ): string | null {
    const t = parseTarget(req.target, this.queues);
    if (!t) return `bad capture target ${JSON.stringify(req.target)} (wire, wire:in, wire:out, rx:N, tx:N)`;
    if (this.sessions.length >= CAPTURE_MAX_SESSIONS)
      return `too many captures running (${CAPTURE_MAX_SESSIONS})`;
    const limit = Math.min(req.frames > 0 ? req.frames : CAPTURE_DEFAULT_FRAMES, CAPTURE_MAX_FRAMES);
    const ms = Math.min(req.durationMs > 0 ? req.durationMs : CAPTURE_DEFAULT_MS, CAPTURE_MAX_MS);
    const chunks: Uint8Array[] = [];
    const size = { bytes: 0 };
    const writer = new PcapWriter((c) => {
      chunks.push(c);
      size.bytes += c.length;
    });
    const s: Session = {
      ...t,
      limit,
      frames: 0,
      size,
      chunks,
      writer,
      done,
      timer: setTimeout(() => this.finish(s), ms),
    };
    this.sessions.push(s);
    return null;
  }

  /** Offers a frame seen at `tap` (queue for Rx/Tx) to every matching session. */
  tap(tap: number, queue: number, frame: Uint8Array, timeUs: number): void {
    for (let i = 0; i < this.sessions.length; i++) {
      const s = this.sessions[i];
      const match =
        tap === Tap.WireIn ? s.wireIn : tap === Tap.WireOut ? s.wireOut : s.tap === tap && s.queue === queue;
      if (!match) continue;
      if (s.size.bytes + 16 + frame.length > CAPTURE_MAX_BYTES) {
        this.finish(s);
        i--;
        continue;
      }
      s.writer.write(frame, timeUs);
      if (++s.frames >= s.limit) {
        this.finish(s);
        i--;
      }
    }
  }

  /** Ends every session now (shutdown): each still gets its reply. */
  finishAll(): void {
    for (const s of [...this.sessions]) this.finish(s);
  }

  private finish(s: Session): void {
    const i = this.sessions.indexOf(s);
    if (i < 0) return;
    this.sessions.splice(i, 1);
    clearTimeout(s.timer);
    const pcap = new Uint8Array(s.size.bytes);
    let off = 0;
    for (const c of s.chunks) {
      pcap.set(c, off);
      off += c.length;
    }
    s.done({ ok: true, error: "", pcap, frames: s.frames });
  }
}
