// USER_HZ for /proc/<pid>/stat times: 100 on every Linux port Node runs on
// (getconf CLK_TCK); asked once from getconf when it is there.
import { execFileSync } from "node:child_process";

let ticks = 0;

export function clockTicks(): number {
  if (ticks === 0) {
    try {
      ticks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}
