// Runs one lib/netstack Stack on a real wire: the L2-over-UDP port that socat
// bridges to a TAP device. The harness owns the clock and the timer, and
// injects faults itself (no tc netem here) with lib/netstack's FaultInjector.
import { createSocket, type Socket } from "node:dgram";
import { Stack, FaultInjector, Rng, type StackOptions, type FaultConfig } from "@ix/netstack";

export class StackHost {
  readonly stack: Stack;
  readonly faultsIn: FaultInjector;
  readonly faultsOut: FaultInjector;
  private sock: Socket;
  private timer: NodeJS.Timeout | undefined;
  private readonly peerPort: number;
  onEvents: (() => void) | undefined;
  /** Sees every frame from the wire before the stack does (tests watch for replies). */
  onFrame: ((frame: Uint8Array) => void) | undefined;

  constructor(
    opts: Omit<StackOptions, "transmit" | "clock">,
    listenPort: number,
    peerPort: number,
    faults: Partial<FaultConfig> = {},
    seed = 7,
  ) {
    const clock = (): number => performance.now() * 1000;
    this.peerPort = peerPort;
    this.faultsIn = new FaultInjector(faults, new Rng(seed));
    this.faultsOut = new FaultInjector(faults, new Rng(seed + 1));
    this.sock = createSocket("udp4");
    this.sock.bind(listenPort, "127.0.0.1");
    this.stack = new Stack({
      ...opts,
      clock,
      // The frame is borrowed: the fault injector may hold it, so copy.
      transmit: (frame) => this.faultsOut.push(frame.slice(), clock()),
    });
    this.sock.on("message", (frame) => {
      const f = new Uint8Array(frame);
      this.onFrame?.(f);
      this.faultsIn.push(f, clock());
      this.pump();
    });
  }

  /** Delivers due frames both ways, runs timers, hands events over, re-arms the timer. */
  pump = (): void => {
    const now = performance.now() * 1000;
    this.faultsIn.pop(now, (f) => this.stack.input(f));
    this.stack.poll();
    if (this.stack.events.length > 0) this.onEvents?.();
    this.faultsOut.pop(performance.now() * 1000, (f) => this.sock.send(f, this.peerPort, "127.0.0.1"));
    clearTimeout(this.timer);
    const next = Math.min(
      this.stack.nextDeadline(),
      this.faultsIn.nextDeadline(),
      this.faultsOut.nextDeadline(),
    );
    if (Number.isFinite(next))
      this.timer = setTimeout(this.pump, Math.max(0, (next - performance.now() * 1000) / 1000));
  };

  /** Sends a frame on the wire directly, bypassing the stack (and the faults). */
  sendRaw(frame: Uint8Array): void {
    this.sock.send(frame, this.peerPort, "127.0.0.1");
  }

  close(): void {
    clearTimeout(this.timer);
    this.sock.close();
  }
}
