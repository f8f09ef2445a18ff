#!/usr/bin/env node
// ixctl: look at and steer a running cluster. `ixctl --help` lists the
// subcommands, `ixctl help SUBCOMMAND` explains one; program.ts defines them.
// Exit status: 0 done, 1 the cluster could not be reached or refused, 2 a
// bad command line; errors are one line on stderr, never a stack trace.
import { runIxctl } from "./program.ts";

// `ixctl reta --ethtool | head -3`: the reader left; stop quietly, as the
// C tools do on SIGPIPE, instead of an unhandled EPIPE error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

process.exitCode = await runIxctl(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
});
