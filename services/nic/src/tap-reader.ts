// The TAP wire's reader thread (a worker_threads Worker of wire-tap.ts).
// Node cannot wait for a character device in its event loop (libuv treats it
// as a file), and a blocking read on libuv's thread pool costs two thread
// wake-ups per frame, one frame at a time: measured under memcaslap it did
// 0.2-0.4x socat's rate. This thread instead loops on poll(2) and read(2):
// when frames queue up it reads them back to back without sleeping, and the
// main thread takes whatever was posted in one wake-up. poll(2) comes from
// libc through koffi (Node has no poll); its timeout lets a terminate()
// through within POLL_MS, since a thread blocked in a system call cannot be
// stopped and would hold the process's exit.
import { readSync } from "node:fs";
import { createRequire } from "node:module";
import { parentPort, workerData } from "node:worker_threads";

/** How long one poll(2) may block (ms): the longest a terminate() waits. */
const POLL_MS = 100;
/** <poll.h> */
const POLLIN = 0x1;
/** The largest frame read (MAX_FRAME_LEN in nic.ts; a longer one is truncated by read(2)). */
const MAX_FRAME = 16384;

const koffi = createRequire(import.meta.url)("koffi") as typeof import("koffi");
const libc = koffi.load("libc.so.6");
const poll = libc.func("int poll(_Inout_ uint8_t *fds, unsigned long nfds, int timeout)") as (
  fds: Uint8Array,
  nfds: number,
  timeout: number,
) => number;

const fd = (workerData as { fd: number }).fd;
const port = parentPort!;
// struct pollfd { int fd; short events; short revents; }
const pfd = new Uint8Array(8);
const view = new DataView(pfd.buffer);
view.setInt32(0, fd, true);
view.setInt16(4, POLLIN, true);
const buf = new Uint8Array(MAX_FRAME);

for (;;) {
  view.setInt16(6, 0, true);
  const ready = poll(pfd, 1, POLL_MS);
  if (ready < 0) {
    if (koffi.errno() === 4) continue; // EINTR
    port.postMessage({ error: `poll failed: errno ${koffi.errno()}` });
    break;
  }
  if (ready === 0) continue;
  let n: number;
  try {
    n = readSync(fd, buf, 0, MAX_FRAME, null);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EAGAIN" || code === "EINTR") continue;
    port.postMessage({ error: `read failed: ${code ?? (e as Error).message}` });
    break;
  }
  if (n === 0) continue;
  // One copy into a buffer of the frame's size, handed over without a second copy.
  const frame = buf.slice(0, n);
  port.postMessage(frame, [frame.buffer]);
}
