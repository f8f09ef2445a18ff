// Real Linux clients reach the cluster through a TAP device (verified recipe
// in shared/platform-notes.md), which then moves into a network namespace of
// our own, where Linux is 10.77.0.1/24 and the cluster's host is 10.77.0.2.
// Two bridges between the TAP and the NIC:
// - "socat" (the default): socat creates the tap in the root namespace and
//   bridges it to the NIC's L2-over-UDP port (a process and a UDP hop on the
//   frame path);
// - "direct": the launcher opens the tap itself (tun-device.ts) and the NIC
//   inherits the descriptor and reads/writes it (--wire-tap-fd 3); the
//   launcher keeps it open, so the tap outlives NIC restarts as with socat.
// Needs root (CAP_NET_ADMIN). Nothing outside the namespace is touched;
// teardown deletes it.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { closeSync } from "node:fs";
import { openTapDevice } from "./tun-device.ts";

/** How frames cross between the TAP and the NIC (see the top of this file). */
export type TapBridge = "socat" | "direct";
export const TAP_BRIDGES: readonly TapBridge[] = ["socat", "direct"];

export interface TapOptions {
  namespace: string;
  tapName: string;
  linuxIp: string;
  prefix: number;
  /** The NIC's UDP wire port (socat sends frames here). */
  nicPort: number;
  /** socat's own UDP port (the NIC sends frames here). */
  socatPort: number;
  /** Default "socat". */
  bridge?: TapBridge;
  /**
   * The network namespace the NIC runs in (a host of hosts.ts; default: this
   * process's). socat runs there, so that its UDP side reaches the NIC's
   * loopback port, and creates the tap there before it moves to `namespace`.
   */
  nicNamespace?: string;
}

export interface TapHandle {
  opts: TapOptions;
  /** socat's process id (the bridge between the TAP and the NIC's UDP port); undefined with the direct bridge. */
  socatPid: number | undefined;
  /** The direct bridge: the tap's descriptor, to pass to the NIC (--wire-tap-fd); undefined with socat. */
  fd: number | undefined;
  /** Runs a command inside the namespace (e.g. ["ping", "-c1", "10.77.0.2"]). */
  exec(argv: string[]): string;
  teardown(): Promise<void>;
}

const run = (argv: string[]): string =>
  execFileSync(argv[0], argv.slice(1), { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

export const canUseTap = (): boolean => process.getuid?.() === 0 && hasBinary("socat") && hasBinary("ip");

function hasBinary(name: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function setupTap(opts: TapOptions): Promise<TapHandle> {
  const ns = opts.namespace;
  try {
    run(["ip", "netns", "del", ns]); // a leftover from a killed run
  } catch {
    // none
  }
  const direct = opts.bridge === "direct";
  // Where the tap is created: the direct bridge opens it here; socat runs beside the NIC.
  const createdIn = direct ? undefined : opts.nicNamespace;
  const ipWhereCreated = createdIn ? ["ip", "-n", createdIn] : ["ip"];
  const fd = direct ? openTapDevice(opts.tapName) : undefined;
  const socatArgv = [
    ...(createdIn ? ["ip", "netns", "exec", createdIn] : []),
    "socat",
    `TUN,tun-type=tap,tun-name=${opts.tapName},iff-no-pi`,
    `UDP-DATAGRAM:127.0.0.1:${opts.nicPort},bind=127.0.0.1:${opts.socatPort}`,
  ];
  const socat: ChildProcess | undefined = direct
    ? undefined
    : spawn(socatArgv[0], socatArgv.slice(1), { stdio: "ignore" });
  const linkExists = (): boolean => {
    try {
      run([...ipWhereCreated, "link", "show", opts.tapName]);
      return true;
    } catch {
      return false;
    }
  };
  const inNs = (argv: string[]): string => run(["ip", "netns", "exec", ns, ...argv]);
  try {
    await waitFor(linkExists, 5000, `tap ${opts.tapName}`);
    run(["ip", "netns", "add", ns]);
    run([...ipWhereCreated, "link", "set", opts.tapName, "netns", ns]);
    inNs(["ip", "link", "set", "lo", "up"]);
    inNs(["sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1"]);
    inNs(["ip", "addr", "add", `${opts.linuxIp}/${opts.prefix}`, "dev", opts.tapName]);
    inNs(["ip", "link", "set", opts.tapName, "up"]);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    socat?.kill("SIGTERM");
    throw e;
  }
  return {
    opts,
    socatPid: socat?.pid,
    fd,
    exec: inNs,
    teardown: async () => {
      if (fd !== undefined) closeSync(fd);
      // Wait for socat to go: a caller that returns from teardown finds no process left.
      if (socat && socat.exitCode === null && socat.signalCode === null) {
        const gone = new Promise((r) => socat.once("exit", r));
        socat.kill("SIGTERM");
        await gone;
      }
      try {
        run(["ip", "netns", "del", ns]);
      } catch {
        // already gone
      }
    },
  };
}
