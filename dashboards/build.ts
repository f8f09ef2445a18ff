#!/usr/bin/env node
// Writes the Grafana dashboards (dashboards/*.json, provisioned by
// deploy/grafana) from the TypeScript specs in dashboards/src.
//   node dashboards/build.ts          rewrite the JSON files
//   node dashboards/build.ts --check  exit 1 when a JSON file is stale
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import { overview } from "./src/overview.ts";
import { cores } from "./src/cores.ts";
import { nic } from "./src/nic.ts";
import { migrations } from "./src/migrations.ts";

/** File name (in dashboards/) -> dashboard JSON. overview.json is Grafana's home dashboard. */
export const DASHBOARDS: Record<string, Dashboard> = {
  "overview.json": overview,
  "cores.json": cores,
  "nic.json": nic,
  "migrations.json": migrations,
};

export const render = (d: Dashboard): string => JSON.stringify(d, null, 2) + "\n";

if (import.meta.main) {
  const check = process.argv.includes("--check");
  let stale = 0;
  for (const [file, d] of Object.entries(DASHBOARDS)) {
    const path = join(import.meta.dirname, file);
    if (!check) writeFileSync(path, render(d));
    else if (readFileSync(path, "utf8") !== render(d)) {
      console.error(`dashboards/${file} is stale: run node dashboards/build.ts`);
      stale++;
    }
  }
  process.exit(stale ? 1 : 0);
}
