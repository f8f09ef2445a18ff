#!/usr/bin/env node
// ixload: a mutilate-style open-loop load generator. Subcommands:
//   ixload --server HOST:PORT [...]      run (fixed | sweep | pattern | pingpong)
//   ixload ceiling [...]                 measure this generator's own ceiling
//   ixload plot A.json [B.json ...] --out X.svg
//   ixload agent                         (internal: a child of --agents)

import { writeFileSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { agentMain } from "./agent-main.ts";
import { runWithAgents } from "./agents.ts";
import { measureCeiling } from "./ceiling.ts";
import { closeNatsL2, configureNatsL2 } from "./nats-l2/transport.ts";
import { OptionError, parseLoadOptions, USAGE } from "./options.ts";
import { plotResults } from "./plot.ts";
import { GENERATOR_CPU_LIMIT, GENERATOR_LAG_LIMIT, type RunResult } from "./results.ts";
import { runLoad } from "./run.ts";

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === "agent") {
    await agentMain();
    return closeNatsL2(); // its NATS connection would keep the agent alive
  }
  if (command === "ceiling") return ceilingCommand(rest);
  if (command === "plot") return plotCommand(rest);
  if (command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(USAGE + "\n");
    return;
  }
  const opts = parseLoadOptions(argv);
  if (opts.transport === "nats-l2") {
    try {
      configureNatsL2({ hostIp: opts.hostIp, hostMac: opts.hostMac, hostName: opts.hostName });
    } catch (err) {
      throw new OptionError((err as Error).message);
    }
  }
  let result: RunResult;
  try {
    result =
      opts.agents > 1
        ? await runWithAgents(opts, fileURLToPath(import.meta.url), process.stderr)
        : await runLoad(opts, { progressOut: process.stderr });
  } finally {
    await closeNatsL2();
  }
  const json = JSON.stringify(result, null, 2) + "\n";
  if (opts.json) writeFileSync(opts.json, json);
  else process.stdout.write(json);
  if (opts.plot) writeFileSync(opts.plot, await plotResults([{ label: opts.workload, result }]));
  process.stderr.write(summary(result));
}

async function ceilingCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      protocol: { type: "string", default: "memcached" },
      connections: { type: "string", default: "8" },
      depth: { type: "string", default: "16" },
      duration: { type: "string", default: "0.4" },
      "message-size": { type: "string", default: "64" },
      json: { type: "string" },
    },
  });
  if (values.protocol !== "memcached" && values.protocol !== "echo") {
    throw new OptionError(`--protocol must be memcached|echo`);
  }
  const result = await measureCeiling({
    protocol: values.protocol,
    connections: positive("connections", values.connections),
    depth: positive("depth", values.depth),
    stepS: positive("duration", values.duration),
    messageSize: positive("message-size", values["message-size"]),
  });
  const json = JSON.stringify(result, null, 2) + "\n";
  if (values.json) writeFileSync(values.json, json);
  else process.stdout.write(json);
  process.stderr.write(`ixload: generator ceiling ${result.generatorCeiling} requests/s\n`);
}

async function plotCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { out: { type: "string" } },
    allowPositionals: true,
  });
  if (!values.out || positionals.length === 0)
    throw new OptionError("usage: ixload plot A.json [B.json ...] --out X.svg");
  const inputs = positionals.map((file) => ({
    label: basename(file).replace(/\.json$/, ""),
    result: JSON.parse(readFileSync(file, "utf8")) as RunResult,
  }));
  writeFileSync(values.out, await plotResults(inputs));
}

function positive(flag: string, text: string): number {
  const x = Number(text);
  if (!(x > 0)) throw new OptionError(`--${flag} must be > 0, got "${text}"`);
  return x;
}

function summary(r: RunResult): string {
  const l = r.latencyUs;
  const lines = [
    `ixload: ${r.mode} achieved ${r.achievedRate} req/s of ${r.offeredRate} offered; ${r.requests} requests, ` +
      `${r.errors} errors, ${r.lateSends} late; latency us p50 ${l.p50} p99 ${l.p99} p999 ${l.p999} max ${l.max}`,
  ];
  if (r.maxRateUnderSlo !== undefined)
    lines.push(`ixload: max rate with p99 <= ${r.sloUs} us: ${r.maxRateUnderSlo} req/s`);
  const cpu = r.generatorCpu;
  if (cpu) {
    const each = cpu.perProcess.length > 1 ? ` (agents: ${cpu.perProcess.join(", ")})` : "";
    lines.push(
      `ixload: generator CPU ${cpu.share} of one CPU${each}; ${r.laggedSends} sends late by the generator's own lag`,
    );
  }
  if (r.generatorLimited)
    lines.push(
      `ixload: WARNING the generator may have been the limit (CPU share above ${GENERATOR_CPU_LIMIT} ` +
        `or more than ${GENERATOR_LAG_LIMIT * 100}% of sends late by its own lag)`,
    );
  if (r.nearCeiling)
    lines.push(`ixload: WARNING achieved rate is near the generator's ceiling (${r.generatorCeiling}/s)`);
  return lines.join("\n") + "\n";
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof OptionError) process.stderr.write(`ixload: ${err.message}\n${USAGE}\n`);
  else process.stderr.write(`ixload: ${(err as Error).message}\n`);
  process.exitCode = err instanceof OptionError ? 2 : 1;
});
