// The helper thread of preciseWaker (wake.ts): sleeps until the armed due time
// and posts one message. After posting it sleeps until the main thread re-arms
// (or disarms), so it never fires twice for one arming and never polls.

import { parentPort, workerData } from "node:worker_threads";
import { WAKE_DUE_OFFSET, WAKE_SEQ, WAKE_STOP } from "./wake.ts";

const shared = workerData as SharedArrayBuffer;
const ctl = new Int32Array(shared, 0, 2);
const due = new Float64Array(shared, WAKE_DUE_OFFSET, 1);

const hrtimeMs = (): number => {
  const [s, ns] = process.hrtime();
  return s * 1e3 + ns / 1e6;
};

while (Atomics.load(ctl, WAKE_STOP) === 0) {
  const seq = Atomics.load(ctl, WAKE_SEQ);
  const waitMs = due[0] - hrtimeMs(); // Infinity while disarmed: sleep until armed
  if (waitMs > 0) {
    Atomics.wait(ctl, WAKE_SEQ, seq, waitMs); // returns early when the main thread re-arms
    continue;
  }
  parentPort!.postMessage(null);
  Atomics.wait(ctl, WAKE_SEQ, seq); // fired: sleep until the next arm
}
