// What a subcommand hands back to the command line, and how it is printed.

export interface Output {
  /** Printed (pretty) under --json. */
  json: unknown;
  /** Printed otherwise. */
  text: string;
  /**
   * Set when the cluster answered but refused (IXCP's { ok: false }): one
   * line on stderr and exit 1; under --json the reply is printed first.
   */
  refused?: string;
}

/** Prints `out` and returns the exit code (0, or 1 when refused). */
export function printOutput(
  out: Output,
  json: boolean,
  write: { out(s: string): void; err(s: string): void },
): number {
  if (json) write.out(`${JSON.stringify(out.json, null, 2)}\n`);
  else if (!out.refused) write.out(`${out.text}\n`);
  if (out.refused) {
    write.err(`ixctl: ${out.refused}\n`);
    return 1;
  }
  return 0;
}
