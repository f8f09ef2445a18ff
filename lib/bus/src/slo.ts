// The latency SLO: ONE setting shared by the bench (bench/run.ts), ixload
// (--slo-us default), IXCP (exported as ix_ixcp_slo_seconds so a dashboard or
// a reader of /metrics sees the SLO the control plane runs under) and the
// dashboards (the red line on the p99 panel). Override with IX_SLO_US
// (microseconds) in the environment of each; a flag (--slo-us) wins over it.
//
// The default is chosen from this machine's measured floor (README, "The
// latency SLO"): the p99 of a request on an idle cluster here is a few
// milliseconds (six process wake-ups on a shared 2-CPU virtual machine), so an
// SLO below it would be violated by every interval under every policy and say
// nothing about IXCP; the default sits above that floor with room for
// queueing, as IX's 500 us SLO sits above its ~10 us unloaded round trip.

/** p99 latency objective, microseconds, when IX_SLO_US is unset. */
export const DEFAULT_SLO_US = 5000;

/** The environment variable every component reads the SLO from. */
export const SLO_ENV = "IX_SLO_US";

/**
 * The SLO in microseconds: `flag` when given, else IX_SLO_US, else
 * DEFAULT_SLO_US. Throws Error("--slo-us must be ...") on a value that is not
 * a positive finite number (so a CLI prints one line, not a stack).
 */
export function sloUs(flag?: string, env: NodeJS.ProcessEnv = process.env): number {
  const raw = flag ?? env[SLO_ENV];
  if (raw === undefined || raw === "") return DEFAULT_SLO_US;
  const v = Number(raw);
  if (!Number.isFinite(v) || v <= 0)
    throw new Error(
      `${flag !== undefined ? "--slo-us" : SLO_ENV} must be a positive number of microseconds, got ${JSON.stringify(raw)}`,
    );
  return v;
}
