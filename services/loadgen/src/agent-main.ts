// The child side of --agents: reads its config from stdin, connects, says
// "ready", waits for "go", runs, streams progress, and prints its result
// (with encoded histograms) as JSON lines on stdout. See agents.ts.

import { createInterface } from "node:readline";
import type { AgentMessage } from "./agents.ts";
import type { LoadOptions } from "./options.ts";
import { runLoad } from "./run.ts";
import type { LoadRunner } from "./runner.ts";

const PROGRESS_MS = 500;

export async function agentMain(): Promise<void> {
  const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  const emit = (msg: AgentMessage): void => {
    process.stdout.write(JSON.stringify(msg) + "\n");
  };
  let ticker: NodeJS.Timeout | undefined;
  try {
    const first = await lines.next();
    if (first.done) throw new Error("no config on stdin");
    const { config } = JSON.parse(first.value) as { config: LoadOptions };
    const result = await runLoad(config, {
      skipPreload: true,
      onConnected: async (runner: LoadRunner) => {
        emit({ type: "ready" });
        for (;;) {
          const next = await lines.next();
          if (next.done) throw new Error("parent closed stdin before go");
          if (next.value.trim() === "go") break;
        }
        let last = { at: performance.now(), completed: 0 };
        ticker = setInterval(() => {
          const totals = runner.recorder.totals;
          const now = performance.now();
          const achievedRate = ((totals.completed - last.completed) * 1000) / (now - last.at);
          last = { at: now, completed: totals.completed };
          emit({
            type: "progress",
            totals,
            targetRate: runner.currentRate,
            achievedRate,
            inFlight: runner.inFlight(),
          });
        }, PROGRESS_MS);
      },
    });
    clearInterval(ticker);
    emit({ type: "result", result });
  } catch (err) {
    clearInterval(ticker);
    emit({ type: "error", message: (err as Error).message });
    process.exitCode = 1;
  }
  process.stdin.destroy();
}
