// The contract between bench/run.ts and each bench/*.bench.ts.

/** JSON-able figures: numbers, strings, nested objects of them. */
export type Figures = { [key: string]: number | string | boolean | null | Figures | Figures[] | number[] };

export interface BenchOptions {
  quick: boolean;
  /** Where plots (SVG) go. */
  outDir: string;
  /** p99 latency objective for "rate at the SLO" figures, microseconds. */
  sloUs: number;
  /** Figures of the scenarios that already ran (a later one may reuse them). */
  previous: Record<string, Figures>;
  /** Seconds of load for the soak scenario (`--soak-seconds`; default 300, 60 in --quick). */
  soakSeconds?: number;
  /** One progress line (stderr). */
  log(line: string): void;
}

export interface BenchModule {
  run(opts: BenchOptions): Promise<Figures>;
  /** True when the scenario runs on harness.sharedCluster() (kept up between such scenarios). */
  usesSharedCluster?: boolean;
}
