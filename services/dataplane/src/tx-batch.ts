// The frames one cycle transmits. The stack lends each outgoing frame only
// for the duration of its transmit callback (see StackOptions.transmit); the
// cycle keeps them here, in one reusable arena, until step 6 sends them to the
// NIC as one TxBurst. Built before the stack, whose transmit is `keep`.
import { TxArena } from "./tx-arena.ts";

export class TxBatch {
  /** Frames kept since the last reset, in transmit order (views into the arena). */
  readonly frames: Uint8Array[] = [];
  private readonly arena: TxArena;

  constructor(arenaBytes?: number) {
    this.arena = new TxArena(arenaBytes);
  }

  /** The stack's transmit callback: copies the borrowed frame into the arena. */
  readonly keep = (frame: Uint8Array): void => {
    this.frames.push(this.arena.keep(frame));
  };

  /** Arena overflows (each cost one fresh copy instead of an arena slot). */
  get overflows(): number {
    return this.arena.overflows;
  }

  /** Every frame handed out is dead after this (call once the burst is encoded). */
  reset(): void {
    this.frames.length = 0;
    this.arena.reset();
  }
}
