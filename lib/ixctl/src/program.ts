// ixctl's command line (commander): nine subcommands, their options, help
// with an example each, and the exit codes of errors.ts. runIxctl() is the
// whole CLI as a function of argv, so tests and cli.ts share it; it never
// throws and never calls process.exit.
import { Argument, Command, CommanderError, Option } from "commander";
import {
  intIn,
  parseCaptureTarget,
  parseEndpointArg,
  parseFaults,
  parseFlowGroups,
  parseRetaSize,
} from "./args.ts";
import { ClusterError, EXIT_CLUSTER, EXIT_USAGE } from "./errors.ts";
import {
  IXCP_VIEWS,
  coresCommand,
  ixcpCommand,
  migrateCommand,
  policyCommand,
  type IxcpView,
} from "./ixcp-commands.ts";
import { captureCommand, faultsCommand, flowCommand, retaCommand, statusCommand } from "./nic-commands.ts";
import { printOutput, type Output } from "./output.ts";
import { findState } from "./state.ts";

/** Where ixctl writes: stdout and stderr, or a test's buffers. */
export interface Io {
  out(s: string): void;
  err(s: string): void;
}

export const SUBCOMMANDS = [
  "status",
  "reta",
  "flow",
  "faults",
  "capture",
  "migrate",
  "cores",
  "policy",
  "ixcp",
] as const;

const U32_MAX = 0xffffffff;

const FINDING_THE_CLUSTER = `
The cluster:
  ixctl reads .ix/cluster.json, which \`npm start\` writes (NATS URL and the
  admin user's credentials), or IX_NATS_URL, IX_NATS_USER, IX_NATS_PASSWORD
  and IX_CORE_ADMIN_URLS (comma-separated cores' admin URLs) when set;
  IX_STATE names another cluster.json.

Exit status: 0 done, 1 the cluster could not be reached or refused,
2 a bad command line.`;

const example = (...lines: string[]): string => `\nExample:\n${lines.map((l) => `  $ ${l}`).join("\n")}`;

/**
 * A required option, checked after parsing rather than by commander's
 * makeOptionMandatory, which would complain about it before naming an
 * unknown option that was the real mistake.
 */
function required<T>(c: Command, value: T | undefined, flags: string): T {
  if (value === undefined) c.error(`required option '${flags}' not specified`);
  return value;
}

function jsonOption(): Option {
  return new Option("--json", "print the result as JSON");
}

/** The commander program; `run` receives each subcommand's result. */
export function buildProgram(
  io: Io,
  env: NodeJS.ProcessEnv,
  cwd: string,
  run: (work: () => Promise<Output>, json: boolean) => Promise<void>,
): Command {
  const state = () => findState(cwd, env);
  const program = new Command("ixctl")
    .description("Look at and steer a running IX cluster: the NIC, its RETA, the cores and IXCP.")
    .usage("<command> [options]")
    .showSuggestionAfterError(true)
    .addHelpText("after", `${FINDING_THE_CLUSTER}\n${example("ixctl status", "ixctl help capture")}`);

  program
    .command("status")
    .description("NIC queues and rings, each core's flow groups and counters, the RETA by queue")
    .addOption(jsonOption())
    .addHelpText("after", example("ixctl status"))
    .action((o: { json?: boolean }) => run(() => statusCommand(state()), !!o.json));

  program
    .command("reta")
    .description("the NIC's redirection table (flow group -> queue), by queue or as `ethtool -x` prints it")
    .addOption(
      new Option(
        "--ethtool",
        "print in `ethtool -x` layout: 8 entries a row, the hash key, the hash function",
      ),
    )
    .addOption(jsonOption().conflicts("ethtool"))
    .addHelpText("after", example("ixctl reta", "ixctl reta --ethtool"))
    .action((o: { json?: boolean; ethtool?: boolean }) =>
      run(() => retaCommand(state(), { ethtool: o.ethtool }), !!o.json),
    );

  program
    .command("flow")
    .description(
      "RSS hash, flow group and queue of a TCP/UDP packet from SRC to DST (Microsoft RSS, Toeplitz)",
    )
    .addArgument(new Argument("<src>", "source IPv4:PORT").argParser(parseEndpointArg))
    .addArgument(new Argument("<dst>", "destination IPv4:PORT").argParser(parseEndpointArg))
    .addOption(
      new Option("--cores <n>", "queues, when no cluster answers (round-robin RETA)")
        .argParser(intIn(1, 1024))
        .default(2),
    )
    .addOption(
      new Option("--reta-size <n>", "flow groups (a power of two), when no cluster answers")
        .argParser(parseRetaSize)
        .default(128),
    )
    .addOption(jsonOption())
    .addHelpText(
      "after",
      "\nWith a running cluster the NIC's own RETA and key are used, else the defaults." +
        example("ixctl flow 10.77.0.1:40000 10.77.0.2:7"),
    )
    .action((src: string, dst: string, o: { cores: number; retaSize: number; json?: boolean }) =>
      run(() => flowCommand(state(), src, dst, { cores: o.cores, retaSize: o.retaSize }), !!o.json),
    );

  const faultKeys = "loss, duplicate, reorder, corrupt (probabilities), delay_us, jitter_us";
  program
    .command("faults")
    .description("show the wire's fault injection, or set it for frames coming in and/or going out")
    .addOption(
      new Option("--in <settings>", `wire -> cluster, KEY=VALUE,... (${faultKeys})`).argParser(parseFaults),
    )
    .addOption(new Option("--out <settings>", "cluster -> wire, same keys").argParser(parseFaults))
    .addOption(jsonOption())
    .addHelpText(
      "after",
      "\nUnset keys of a direction go back to 0." +
        example("ixctl faults --in loss=0.01 --out loss=0.01,delay_us=200", "ixctl faults --in loss=0"),
    )
    .action((o: { in?: object; out?: object; json?: boolean }) =>
      run(() => faultsCommand(state(), { in: o.in, out: o.out }), !!o.json),
    );

  program
    .command("capture")
    .description("write a pcap of the wire or of one queue (rx:N, tx:N) as the NIC sees it")
    .addArgument(new Argument("<target>", "wire, rx:QUEUE or tx:QUEUE").argParser(parseCaptureTarget))
    .addOption(new Option("--out <file>", "the pcap file to write (required)"))
    .addOption(new Option("--frames <n>", "stop after N frames").argParser(intIn(1, U32_MAX)).default(100))
    .addOption(
      new Option("--duration-ms <ms>", "or after this long").argParser(intIn(1, U32_MAX)).default(5000),
    )
    .addOption(jsonOption())
    .addHelpText(
      "after",
      example("ixctl capture wire --frames 50 --out /tmp/w.pcap && tshark -r /tmp/w.pcap"),
    )
    .action(
      (target: string, o: { out?: string; frames: number; durationMs: number; json?: boolean }, c: Command) =>
        run(
          () =>
            captureCommand(state(), target, {
              out: required(c, o.out, "--out <file>"),
              frames: o.frames,
              durationMs: o.durationMs,
            }),
          !!o.json,
        ),
    );

  program
    .command("migrate")
    .description("ask IXCP to move flow groups to a core (state and all: IX's flow group migration)")
    .addArgument(new Argument("<flow-groups>", "FG, FG-FG, comma separated").argParser(parseFlowGroups))
    .addOption(new Option("--to <core>", "the core that takes them (required)").argParser(intIn(0, 1023)))
    .addOption(jsonOption())
    .addHelpText("after", example("ixctl migrate 0-15,40 --to 1"))
    .action((groups: number[], o: { to?: number; json?: boolean }, c: Command) =>
      run(() => migrateCommand(state(), groups, required(c, o.to, "--to <core>")), !!o.json),
    );

  program
    .command("cores")
    .description(
      "ask IXCP to run N active cores (a dynamic policy may change it again; `ixctl policy static` pins it)",
    )
    .addArgument(new Argument("<n>", "active cores").argParser(intIn(1, 1024)))
    .addOption(jsonOption())
    .addHelpText("after", example("ixctl policy static && ixctl cores 2"))
    .action((n: number, o: { json?: boolean }) => run(() => coresCommand(state(), n), !!o.json));

  program
    .command("policy")
    .description("switch IXCP's policy: static, energy, consolidation, or one IXCP is configured to load")
    .addArgument(new Argument("<name>", "the policy, passed to IXCP as given"))
    .addOption(jsonOption())
    .addHelpText("after", example("ixctl policy consolidation"))
    .action((name: string, o: { json?: boolean }) => run(() => policyCommand(state(), name), !!o.json));

  program
    .command("ixcp")
    .description("IXCP's view: policy, power and each core's state, or its last decisions")
    .addArgument(new Argument("[view]", "what to show").choices(IXCP_VIEWS).default("status"))
    .addOption(new Option("--limit <n>", "decisions to show").argParser(intIn(1, 10_000)).default(20))
    .addOption(jsonOption())
    .addHelpText("after", example("ixctl ixcp", "ixctl ixcp decisions --limit 5"))
    .action((view: IxcpView, o: { limit: number; json?: boolean }) =>
      run(() => ixcpCommand(state(), view, { limit: o.limit }), !!o.json),
    );

  // `help [command]`: commander's own prints the whole help for an unknown name.
  program.helpCommand(false);
  program
    .command("help")
    .description("display help for a command")
    .addArgument(new Argument("[command]", "one of the commands above"))
    .action((name: string | undefined, _o: unknown, c: Command) => {
      if (name === undefined) return program.help();
      const sub = program.commands.find((x) => x.name() === name && x !== c);
      if (!sub) return c.error(`unknown command '${name}'`);
      sub.help();
    });

  // Commander's messages ("error: unknown option '--x'\n(Did you mean --y?)")
  // become one line naming the subcommand; help goes where it was asked for.
  const configure = (c: Command, prefix: string): void => {
    c.exitOverride().configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      outputError: (s, write) =>
        write(
          `${prefix}: ${s
            .replace(/^error: /, "")
            .trim()
            .replace(/\s*\n\s*/g, " ")} (see ${prefix} --help)\n`,
        ),
    });
  };
  configure(program, "ixctl");
  for (const c of program.commands) configure(c, c.name() === "help" ? "ixctl" : `ixctl ${c.name()}`);
  return program;
}

/** The whole CLI: parses `argv` (without node and the script), runs, returns the exit status. */
export async function runIxctl(
  argv: readonly string[],
  io: Io,
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): Promise<number> {
  let status = 0;
  const run = async (work: () => Promise<Output>, json: boolean): Promise<void> => {
    status = printOutput(await work(), json, io);
  };
  try {
    await buildProgram(io, env, cwd, run).parseAsync([...argv], { from: "user" });
    return status;
  } catch (e) {
    // Help and version are CommanderErrors with exit code 0; any other is a
    // bad command line, already printed by outputError above.
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : EXIT_USAGE;
    if (e instanceof ClusterError) {
      io.err(`ixctl: ${e.message}\n`);
      return EXIT_CLUSTER;
    }
    // A defect in ixctl: still one line (IXCTL_DEBUG=1 shows where).
    io.err(`ixctl: internal error: ${(e as Error).message ?? String(e)}\n`);
    if (env.IXCTL_DEBUG) io.err(`${(e as Error).stack ?? ""}\n`);
    return EXIT_CLUSTER;
  }
}
