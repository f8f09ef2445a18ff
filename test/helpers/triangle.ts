// Did IXCP follow a triangle load? From samples of the offered rate and the
// active cores (one a second), the run is cut into halves: "high" while the
// offered rate is above the middle of its observed range, "low" below. For
// every high half with a whole low half before and after it (the one after
// is whole once the next high half has begun):
//   granted: the most cores active during the high half (and a grace period
//            after it: IXCP acts on queue averages, a few seconds late) is
//            above the fewest active during the low half before it;
//   parked:  the fewest active during the low half after it is below that
//            most.

export interface Sample {
  /** Seconds (any origin). */
  t: number;
  offered: number;
  active: number;
}

export interface PeakVerdict {
  granted: boolean;
  parked: boolean;
  text: string;
}

interface Half {
  high: boolean;
  samples: Sample[];
}

/** Low halves shorter than this (seconds) are noise around the middle, not a trough. */
const MIN_HALF_S = 5;

export function triangleVerdicts(samples: Sample[], graceS = 5): PeakVerdict[] {
  if (samples.length < 3) return [];
  const lo = Math.min(...samples.map((s) => s.offered));
  const hi = Math.max(...samples.map((s) => s.offered));
  if (hi - lo < 1) return [];
  const mid = (lo + hi) / 2;
  const halves: Half[] = [];
  for (const s of samples) {
    const high = s.offered > mid;
    const last = halves.at(-1);
    if (last && last.high === high) last.samples.push(s);
    else halves.push({ high, samples: [s] });
  }
  const long = (h: Half | undefined): h is Half =>
    h !== undefined && h.samples.at(-1)!.t - h.samples[0].t >= MIN_HALF_S;
  const out: PeakVerdict[] = [];
  for (let i = 1; i + 2 < halves.length; i++) {
    const [before, peak, after] = [halves[i - 1], halves[i], halves[i + 1]];
    if (!peak.high || !long(before) || !long(after)) continue;
    const end = peak.samples.at(-1)!.t;
    const inPeak = [...peak.samples, ...after.samples.filter((s) => s.t <= end + graceS)];
    const base = Math.min(...before.samples.map((s) => s.active));
    const most = Math.max(...inPeak.map((s) => s.active));
    const least = Math.min(...after.samples.map((s) => s.active));
    out.push({
      granted: most > base,
      parked: least < most,
      text: `peak ${Math.round(peak.samples[0].t)}-${Math.round(end)} s (offered up to ${Math.round(hi)} req/s): ${base} active before, up to ${most} during, down to ${least} after`,
    });
  }
  return out;
}
