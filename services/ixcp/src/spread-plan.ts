// Which flow groups move when the set of active cores changes. IXCP spreads
// the groups evenly over the active cores (as lib/bus spreadReta) but moves
// only the groups whose owner must change: every migration stalls its groups
// for a moment, so a plan with fewer moves is a cheaper reconfiguration.
//
// Quotas: with G groups and k cores each core gets floor(G/k) or ceil(G/k);
// the ceil quotas go to the cores that already own the most (ties: lower core
// id), so as few groups as possible leave their core. The number of moves is
// then minimal: exactly the groups above quota or on cores leaving the set.

export interface Move {
  source: number;
  target: number;
  flowGroups: number[];
}

/** The quota of each target core (deterministic). */
export function spreadQuotas(reta: readonly number[], cores: readonly number[]): Map<number, number> {
  if (cores.length === 0) throw new Error("spreading flow groups needs at least one core");
  const owned = new Map<number, number>(cores.map((c) => [c, 0]));
  for (const q of reta) if (owned.has(q)) owned.set(q, owned.get(q)! + 1);
  const base = Math.floor(reta.length / cores.length);
  let extra = reta.length % cores.length;
  const order = [...cores].sort((a, b) => owned.get(b)! - owned.get(a)! || a - b);
  const quotas = new Map<number, number>();
  for (const c of order) quotas.set(c, base + (extra-- > 0 ? 1 : 0));
  return quotas;
}

/**
 * The new RETA and the moves that produce it from `reta`. Groups given up by
 * a core are its highest-numbered ones; receivers are filled in core order.
 */
export function planSpread(
  reta: readonly number[],
  cores: readonly number[],
): { reta: number[]; moves: Move[] } {
  const quotas = spreadQuotas(reta, cores);
  const kept = new Map<number, number>(cores.map((c) => [c, 0]));
  const pool: { fg: number; source: number }[] = [];
  // Each core keeps its lowest-numbered groups up to its quota; the rest go to the pool.
  const keep = new Array<boolean>(reta.length).fill(false);
  const byCore = new Map<number, number[]>();
  reta.forEach((q, fg) => {
    if (!byCore.has(q)) byCore.set(q, []);
    byCore.get(q)!.push(fg);
  });
  for (const [q, groups] of byCore) {
    const quota = quotas.get(q) ?? 0;
    groups.forEach((fg, i) => {
      if (i < quota) {
        keep[fg] = true;
        kept.set(q, kept.get(q)! + 1);
      }
    });
  }
  reta.forEach((q, fg) => {
    if (!keep[fg]) pool.push({ fg, source: q });
  });
  const next = [...reta];
  const moves = new Map<string, Move>();
  let p = 0;
  for (const c of [...cores].sort((a, b) => a - b)) {
    let need = quotas.get(c)! - kept.get(c)!;
    while (need-- > 0 && p < pool.length) {
      const { fg, source } = pool[p++];
      next[fg] = c;
      const key = `${source}->${c}`;
      if (!moves.has(key)) moves.set(key, { source, target: c, flowGroups: [] });
      moves.get(key)!.flowGroups.push(fg);
    }
  }
  return { reta: next, moves: [...moves.values()] };
}

/** Splits moves into batches of at most `size` groups (one CMD_MIGRATE each). */
export function batchMoves(moves: readonly Move[], size: number): Move[] {
  const out: Move[] = [];
  for (const m of moves) {
    for (let i = 0; i < m.flowGroups.length; i += size) {
      out.push({ source: m.source, target: m.target, flowGroups: m.flowGroups.slice(i, i + size) });
    }
  }
  return out;
}

/** The cores that own at least one group in `reta`, ascending. */
export function coresInReta(reta: readonly number[]): number[] {
  return [...new Set(reta)].sort((a, b) => a - b);
}
