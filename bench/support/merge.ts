// `npm run bench -- --only soak --merge`: one scenario rerun into an earlier
// report. The earlier run's machine line stays the report's (its figures are
// the many); each merged run is listed with its own date and load, so no
// figure is read as taken in a run it was not.
import type { Figures } from "./types.ts";
import type { MergedRun, Report } from "./markdown.ts";
import { META } from "./markdown.ts";

/**
 * `fresh` (a whole report of this run: its scenarios, machine and errors)
 * merged into `old`: fresh scenarios replace old ones of the same name, the
 * others are kept; `merged` gains this run. Targets are left to the caller
 * (evaluateTargets over the result).
 */
export function mergeReports(old: Report, fresh: Report, ran: string[]): Report {
  const scenarios = (r: Report): Record<string, Figures> =>
    Object.fromEntries(Object.entries(r).filter(([k]) => !META.has(k))) as Record<string, Figures>;
  const run: MergedRun = {
    scenarios: ran,
    date: fresh.machine.date,
    loadAverageAtStart: fresh.machine.loadAverageAtStart,
    loadAverageAtEnd: fresh.machine.loadAverageAtEnd,
    wallSeconds: fresh.wallSeconds,
    quick: fresh.quick,
  };
  const errors = { ...(old.errors ?? {}), ...(fresh.errors ?? {}) };
  for (const k of ran) if (!fresh.errors?.[k]) delete errors[k];
  return {
    machine: old.machine,
    quick: old.quick,
    sloUs: old.sloUs,
    wallSeconds: old.wallSeconds,
    merged: [...(old.merged ?? []).filter((m) => !m.scenarios.every((s) => ran.includes(s))), run],
    ...scenarios(old),
    ...scenarios(fresh),
    targets: fresh.targets,
    ...(Object.keys(errors).length > 0 ? { errors } : {}),
  };
}
