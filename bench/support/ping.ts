// iputils ping as the latency-floor instrument: one ICMP echo every interval
// from Linux in the TAP's namespace to the cluster's host, the per-reply RTTs
// parsed from its output ("64 bytes from 10.77.0.2: icmp_seq=3 ttl=64 time=0.913 ms").
import { execFile } from "node:child_process";

/** RTTs (ms) of every reply in ping's output, in order; lines without `time=` are skipped. */
export function parsePingTimes(out: string): number[] {
  const times: number[] = [];
  for (const m of out.matchAll(/icmp_seq=\d+ .*?time[=<]([\d.]+) ms/g)) times.push(Number(m[1]));
  return times;
}

export interface PingRun {
  /** RTT per reply, ms. */
  times: number[];
  sent: number;
}

/**
 * `ip netns exec NS ping -n -i INTERVAL -c COUNT -W 1 IP` (an interval under
 * 0.2 s needs root, as the namespace does). Resolves with the replies'
 * times; rejects when ping cannot run (not when replies are missing: the
 * caller counts them).
 */
export function pingFromNamespace(
  ns: string,
  ip: string,
  count: number,
  intervalS: number,
): Promise<PingRun> {
  return new Promise((resolve, reject) => {
    execFile(
      "ip",
      ["netns", "exec", ns, "ping", "-n", "-i", String(intervalS), "-c", String(count), "-W", "1", ip],
      { timeout: (count * intervalS + 10) * 1000 },
      (err, stdout, stderr) => {
        const times = parsePingTimes(stdout);
        // ping exits 1 when some replies are missing: that is a figure, not a failure.
        if (err && times.length === 0) reject(new Error(`ping in ${ns}: ${stderr.trim() || err.message}`));
        else resolve({ times, sent: count });
      },
    );
  });
}
