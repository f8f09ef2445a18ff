// Generates proto/gen/ix.js and ix.d.ts from proto/ix.proto with protobufjs-cli.
// `--check` regenerates into a temporary folder and fails when the committed
// files differ: generated code is never edited by hand.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const schema = join(root, "proto", "ix.proto");
const bin = join(root, "node_modules", ".bin");

function generate(outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  const js = join(outDir, "ix.js");
  execFileSync(
    join(bin, "pbjs"),
    [
      "-t",
      "static-module",
      "-w",
      "es6",
      "--no-create",
      "--no-verify",
      "--no-delimited",
      "--force-number",
      "-o",
      js,
      schema,
    ],
    { stdio: "inherit" },
  );
  execFileSync(join(bin, "pbts"), ["-o", join(outDir, "ix.d.ts"), js], { stdio: "inherit" });
}

const committed = join(root, "proto", "gen");
if (process.argv.includes("--check")) {
  const tmp = mkdtempSync(join(tmpdir(), "ix-proto-"));
  try {
    generate(tmp);
    for (const f of ["ix.js", "ix.d.ts"]) {
      const fresh = readFileSync(join(tmp, f), "utf8");
      let old = "";
      try {
        old = readFileSync(join(committed, f), "utf8");
      } catch {
        // missing counts as stale
      }
      if (fresh !== old) {
        console.error(`proto/gen/${f} is stale: run \`npm run proto\` and commit the result`);
        process.exit(1);
      }
    }
    console.log("proto/gen is up to date");
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
} else {
  generate(committed);
  console.log("generated proto/gen/ix.js and proto/gen/ix.d.ts");
}
