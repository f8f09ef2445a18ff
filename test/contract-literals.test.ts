// The contract between processes (error codes, dead reasons, limits, handle
// encoding, the RxFrame and Session shapes) has one definition each: the
// enums of proto/ix.proto (generated into proto/gen), lib/netstack's
// HANDLE_FG_SCALE (handle.ts, derived from HandleLayout), lib/bus's RxFrame and
// services/app's Session. This test tokenises every TypeScript source of the
// repository with the TypeScript parser (so comments and strings never
// count) and fails on a copy: a declaration of one of those names elsewhere,
// a negated errno literal such as -111, or `2 ** 32` used as the handle scale.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { Errno } from "@ix/proto/contract";

const ROOT = join(import.meta.dirname, "..");
const TREES = ["lib", "services", "test", "bench", "scripts", "dashboards"];

/** Names of the contract that may be declared only in their home file. */
const HOME: Record<string, string> = {
  ESTALE: "proto/gen/contract.ts",
  E2BIG: "proto/gen/contract.ts",
  ECONNREFUSED: "proto/gen/contract.ts",
  Errno: "proto/gen/contract.ts",
  DEAD_CORE_FAILED: "proto/gen/contract.ts",
  DeadReasonCode: "proto/gen/contract.ts",
  MAX_SG: "proto/gen/contract.ts",
  MAX_SG_ENTRIES: "proto/gen/contract.ts",
  MAX_CALLS_PER_BATCH: "proto/gen/contract.ts",
  MAX_SENDV_BYTES: "proto/gen/contract.ts",
  HANDLE_FG_SCALE: "lib/netstack/src/handle.ts",
  RxFrame: "lib/bus/src/frame.ts",
};
/** Declared-name checks that apply inside one folder only (elsewhere the name means something else). */
const SCOPED_HOME: { name: string; under: string; home: string }[] = [
  // services/nic's capture.ts has its own, unrelated capture Session.
  { name: "Session", under: "services/app/", home: "services/app/src/session.ts" },
];
/** Negated errno numbers that are no ordinary number in this code base (E90 and up). */
const ERRNO_LITERALS = new Set<number>(Object.values(Errno).filter((v) => v >= 90));
/** A handle-ish operand: handle, fg, flowGroup, group (2 ** 32 elsewhere is 32-bit arithmetic). */
const HANDLE_WORDS = /handle|\bfg\b|flowgroup|group/i;

const K = ts.SyntaxKind;

/** The declared name if `node` declares one: variable, interface, type, class, or a property set to a number. */
function declaredName(node: ts.Node): string | undefined {
  if (
    ts.isVariableDeclaration(node) ||
    ts.isInterfaceDeclaration(node) ||
    ts.isTypeAliasDeclaration(node) ||
    ts.isClassDeclaration(node) ||
    ts.isEnumMember(node)
  )
    return node.name && ts.isIdentifier(node.name) ? node.name.text : undefined;
  if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name)) {
    const v = node.initializer;
    const numeric =
      ts.isNumericLiteral(v) || (ts.isPrefixUnaryExpression(v) && ts.isNumericLiteral(v.operand));
    return numeric ? node.name.text : undefined;
  }
  return undefined;
}

function isTwoPow32(n: ts.Node): boolean {
  if (ts.isNumericLiteral(n)) return Number(n.text) === 2 ** 32;
  return (
    ts.isBinaryExpression(n) &&
    n.operatorToken.kind === K.AsteriskAsteriskToken &&
    ts.isNumericLiteral(n.left) &&
    n.left.text === "2" &&
    ts.isNumericLiteral(n.right) &&
    n.right.text === "32"
  );
}

/**
 * 2 ** 32 used to build or split a handle: `fg * 2 ** 32 + id`, `5 * 2 ** 32 + 3`,
 * `handle / 2 ** 32`, `handle % 2 ** 32` (the other operand names a handle or
 * flow group, or the product has an id added).
 */
function isHandleArithmetic(n: ts.Node): boolean {
  let p = n.parent;
  while (p !== undefined && ts.isParenthesizedExpression(p)) p = p.parent;
  if (p === undefined || !ts.isBinaryExpression(p)) return false;
  const op = p.operatorToken.kind;
  if (op !== K.AsteriskToken && op !== K.SlashToken && op !== K.PercentToken) return false;
  const other = p.left === n ? p.right : p.left;
  if (HANDLE_WORDS.test(other.getText())) return true;
  const up = p.parent;
  return (
    op === K.AsteriskToken &&
    up !== undefined &&
    ts.isBinaryExpression(up) &&
    up.operatorToken.kind === K.PlusToken
  );
}

/**
 * Every copy of the contract in one file, as "path:line what". The file is
 * parsed (not grepped), so comments and strings never count.
 */
function findCopies(path: string, source: string): string[] {
  const hits: string[] = [];
  const sf = ts.createSourceFile(
    path,
    source,
    ts.ScriptTarget.Latest,
    /* setParentNodes */ true,
    ts.ScriptKind.TS,
  );
  const lineOf = (n: ts.Node): number => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const visit = (node: ts.Node): void => {
    const name = declaredName(node);
    if (name !== undefined) {
      const home = HOME[name];
      if (home !== undefined && path !== home)
        hits.push(`${path}:${lineOf(node)} declares ${name} (home: ${home})`);
      for (const s of SCOPED_HOME)
        if (s.name === name && path.startsWith(s.under) && path !== s.home)
          hits.push(`${path}:${lineOf(node)} declares ${name} (home: ${s.home})`);
    }
    if (
      ts.isPrefixUnaryExpression(node) &&
      node.operator === K.MinusToken &&
      ts.isNumericLiteral(node.operand) &&
      ERRNO_LITERALS.has(Number(node.operand.text))
    )
      hits.push(
        `${path}:${lineOf(node)} negated errno literal -${node.operand.text} (use Errno from proto/ix.proto)`,
      );
    if (isTwoPow32(node) && isHandleArithmetic(node))
      hits.push(`${path}:${lineOf(node)} 2 ** 32 as the handle scale (use HANDLE_FG_SCALE)`);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return hits;
}

function* sources(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "node_modules" || e.name === "gen" || e.name.startsWith(".")) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* sources(p);
    else if (e.name.endsWith(".ts")) yield p;
  }
}

test("the scanner finds copies in code and ignores comments and strings", () => {
  const src = [
    "// const ESTALE = 116; and -111 in a comment",
    "/* export const MAX_SG = 30; */",
    'const s = "ESTALE = 116, -111, 2 ** 32";',
    "export const ESTALE = 116;",
    "const codes = { E2BIG: 7 };",
    "if (code === -111) fail();",
    "const h = fg * 2 ** 32 + id;",
    "const ok = a - 111 + x / 2 ** 32 + (n % 4294967296);",
    "const t = `x ${-116} y`;",
  ].join("\n");
  assert.deepEqual(findCopies("lib/x/src/a.ts", src), [
    "lib/x/src/a.ts:4 declares ESTALE (home: proto/gen/contract.ts)",
    "lib/x/src/a.ts:5 declares E2BIG (home: proto/gen/contract.ts)",
    "lib/x/src/a.ts:6 negated errno literal -111 (use Errno from proto/ix.proto)",
    "lib/x/src/a.ts:7 2 ** 32 as the handle scale (use HANDLE_FG_SCALE)",
    "lib/x/src/a.ts:9 negated errno literal -116 (use Errno from proto/ix.proto)",
  ]);
  assert.deepEqual(findCopies("t.ts", "const a = 5 * 2 ** 32 + 3, b = Math.floor(handle / 4294967296);"), [
    "t.ts:1 2 ** 32 as the handle scale (use HANDLE_FG_SCALE)",
    "t.ts:1 2 ** 32 as the handle scale (use HANDLE_FG_SCALE)",
  ]);
  assert.deepEqual(findCopies("services/app/src/main.ts", "interface Session { x: number }"), [
    "services/app/src/main.ts:1 declares Session (home: services/app/src/session.ts)",
  ]);
  assert.deepEqual(findCopies("services/nic/src/capture.ts", "interface Session { x: number }"), []);
});

test("no TypeScript source copies a literal of the contract", () => {
  const hits: string[] = [];
  let files = 0;
  for (const tree of TREES)
    for (const file of sources(join(ROOT, tree))) {
      files++;
      hits.push(...findCopies(relative(ROOT, file), readFileSync(file, "utf8")));
    }
  assert.ok(files > 100, `scanned only ${files} files: the tree walk is broken`);
  assert.deepEqual(hits, []);
});
