// The initial redirection table, shared by the NIC and the dataplanes so both
// agree on which core owns which flow group before IXCP reprograms anything:
// flow groups are spread round-robin over the queues (one queue per core).
export const DEFAULT_RETA_SIZE = 128;

export function initialReta(retaSize: number, queues: number): number[] {
  return Array.from({ length: retaSize }, (_, fg) => fg % queues);
}

export function flowGroupsOfQueue(reta: readonly number[], queue: number): number[] {
  const groups: number[] = [];
  reta.forEach((q, fg) => {
    if (q === queue) groups.push(fg);
  });
  return groups;
}

/** Spreads flow groups evenly over `cores` (IXCP does this on every core change). */
export function spreadReta(retaSize: number, cores: readonly number[]): number[] {
  if (cores.length === 0) throw new Error("spreadReta needs at least one core");
  return Array.from({ length: retaSize }, (_, fg) => cores[fg % cores.length]);
}
