// Opening a Linux TAP device from Node: open("/dev/net/tun") and the
// TUNSETIFF ioctl (Documentation/networking/tuntap.rst). Node has no ioctl,
// so the two libc calls go through koffi, a maintained FFI library whose npm
// package ships prebuilt binaries (nothing compiled at install time). The
// descriptor is then an ordinary fd: node:fs reads and writes it, one
// Ethernet frame per call, and a child inherits it through spawn's stdio
// (the NIC's --wire-tap-fd, services/nic/src/wire-tap.ts). Needs root
// (CAP_NET_ADMIN).
import { createRequire } from "node:module";

/** <linux/if_tun.h>: _IOW('T', 202, int). */
const TUNSETIFF = 0x400454ca;
/** <linux/if_tun.h>: a TAP (Ethernet frames), without the 4-byte packet-info header. */
const IFF_TAP = 0x0002;
const IFF_NO_PI = 0x1000;
/** <fcntl.h> on Linux. */
const O_RDWR = 0o2;
const O_CLOEXEC = 0o2000000;
/** struct ifreq: char ifr_name[IFNAMSIZ = 16], then a union of 24 bytes whose first field is short ifr_flags. */
const IFREQ_BYTES = 40;
const IFNAMSIZ = 16;

interface Libc {
  open(path: string, flags: number): number;
  ioctl(fd: number, request: number, type: string, arg: Uint8Array): number;
  close(fd: number): number;
  errno(): number;
}

let libc: Libc | undefined;

function loadLibc(): Libc {
  if (libc) return libc;
  // koffi is CommonJS with a native part: loaded on first use, so a cluster without a direct TAP never loads it.
  const koffi = createRequire(import.meta.url)("koffi") as typeof import("koffi");
  const lib = koffi.load("libc.so.6");
  libc = {
    open: lib.func("int open(const char *path, int flags)") as Libc["open"],
    ioctl: lib.func("int ioctl(int fd, unsigned long request, ...)") as Libc["ioctl"],
    close: lib.func("int close(int fd)") as Libc["close"],
    errno: () => koffi.errno(),
  };
  return libc;
}

/**
 * Creates (or attaches to) TAP device `name` and returns its file descriptor
 * (blocking, close-on-exec: only a child given it explicitly inherits it).
 * The device exists while the descriptor is open. Throws a one-line error
 * naming the failed call and errno (EPERM without root, EBUSY when another
 * process holds a non-multiqueue TAP of that name).
 */
export function openTapDevice(name: string): number {
  if (!/^[A-Za-z0-9_.-]{1,15}$/.test(name)) throw new Error(`bad TAP name ${JSON.stringify(name)}`);
  const c = loadLibc();
  const fd = c.open("/dev/net/tun", O_RDWR | O_CLOEXEC);
  if (fd < 0) throw new Error(`open /dev/net/tun failed: errno ${c.errno()}`);
  const ifr = new Uint8Array(IFREQ_BYTES);
  ifr.set(new TextEncoder().encode(name).subarray(0, IFNAMSIZ - 1));
  new DataView(ifr.buffer).setUint16(IFNAMSIZ, IFF_TAP | IFF_NO_PI, true);
  if (c.ioctl(fd, TUNSETIFF, "uint8_t *", ifr) < 0) {
    const errno = c.errno();
    c.close(fd);
    throw new Error(`TUNSETIFF ${name} failed: errno ${errno}`);
  }
  return fd;
}
