// An explicit power model (there is no RAPL in this emulation), exported as
// ix_ixcp_power_watts so the energy policy's savings can be seen:
//
//   P = P_package_idle
//     + sum over active cores of (P_core_idle + util * (P_core_busy - P_core_idle))
//     + parked cores * P_parked                      (deep C-state)
//     + parked cores running the background job * P_core_busy
//
// util = 1 - idle fraction of the core's last 10 ms window. Defaults are
// round numbers in the range of a Xeon of the IX papers' era (the SoCC paper
// reports roughly 50-120 W for the whole socket); they matter only relatively.
export interface PowerModel {
  packageIdleW: number;
  coreIdleW: number;
  coreBusyW: number;
  parkedW: number;
}

export const DEFAULT_POWER: PowerModel = { packageIdleW: 40, coreIdleW: 3, coreBusyW: 9, parkedW: 0.5 };

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
