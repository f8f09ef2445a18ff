// An explicit power model (there is no RAPL in this emulation), exported as
// ix_ixcp_power_watts so the energy policy's savings can be seen:
//
//   P = P_package_idle
//     + sum over active cores of (P_core_idle + util * (P_core_busy - P_core_idle))
//     + parked cores * P_parked                      (deep C-state)
//     + parked cores running the background job * P_core_busy
//
// util = 1 - idle fraction + poll fraction of the core's last 10 ms window:
// a core that polls (services/dataplane/src/poll-window.ts) is idle for the
// policies but its CPU is busy, as an IX elastic thread polling its queues
// is, so it draws busy power and parking it saves what IX saves
// (busyUtilization). Defaults are
// round numbers in the range of a Xeon of the IX papers' era (the SoCC paper
// reports roughly 50-120 W for the whole socket); they matter only relatively.
export interface PowerModel {
  packageIdleW: number;
  coreIdleW: number;
  coreBusyW: number;
  parkedW: number;
}

export const DEFAULT_POWER: PowerModel = { packageIdleW: 40, coreIdleW: 3, coreBusyW: 9, parkedW: 0.5 };

/**
 * A core's power utilization, 0..1, from its last window's fractions: the
 * time it worked (1 - idle) plus the time it polled without work (part of
 * the idle time, but the CPU spun). Non-finite inputs count as 0.
 */
export function busyUtilization(idleFraction: number, pollFraction = 0): number {
  const idle = Number.isFinite(idleFraction) ? idleFraction : 1;
  const poll = Number.isFinite(pollFraction) ? pollFraction : 0;
  return Math.min(1, Math.max(0, 1 - idle + poll));
}

export function estimatePower(
  activeUtilizations: readonly number[],
  parkedCores: number,
  backgroundCores: number,
  model: PowerModel = DEFAULT_POWER,
): number {
  let p = model.packageIdleW;
  for (const u of activeUtilizations) {
    const util = Math.min(1, Math.max(0, Number.isFinite(u) ? u : 0));
    p += model.coreIdleW + util * (model.coreBusyW - model.coreIdleW);
  }
  p += (parkedCores - backgroundCores) * model.parkedW + backgroundCores * model.coreBusyW;
  return p;
}
