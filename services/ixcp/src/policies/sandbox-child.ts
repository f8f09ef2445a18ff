// The process a user policy runs in (spawned by sandbox.ts, never imported).
// Two walls around the policy's code:
//   1. Node's permission model (`node --permission`, flags in sandbox.ts): this
//      process may read only this file; no fs writes, no child processes, no
//      workers, no addons, no inspector, no WASI.
//   2. node:vm: the policy's module is evaluated in a fresh context with an
//      ordinary global object (vm.constants.DONT_CONTEXTIFY) holding only the
//      ECMAScript built-ins: no process, require, import(), fetch, timers or
//      console; every `import` is refused at link time (only `import type`,
//      erased with the types, is allowed), and code generation from strings
//      (eval, new Function) and WebAssembly are off. Node 24's permission model
//      does not restrict the network, so this wall is what keeps sockets out.
// Only strings cross between this host code and the context: the input goes
// in as JSON and is parsed by the context's own JSON.parse, and the decision
// comes back as a JSON string made by functions captured before the policy's
// code ran. No object of this realm (which could lead to `process`) is ever
// handed to the policy.
//
// Protocol (IPC, JSON), one request at a time:
//   parent -> { op: "load", source, filename, typescript, ctx }   ctx: JSON string
//   child  -> { op: "loaded", info }  info: JSON string {name, description?, backgroundOnParked} or {error}
//   parent -> { op: "decide", seq, input }                        input: JSON string
//   child  -> { op: "decided", seq, output }  output: JSON string {decision} or {error}
// An answer that is not a string means the policy broke its own wrapper: the
// parent treats it as garbage and stops this process.
import { stripTypeScriptTypes } from "node:module";
import vm from "node:vm";

// Runs inside the context before the policy's code; returns the only two
// functions the host calls. Non-finite numbers arrive as { $num: "-Infinity" }.
const PRELUDE = `(() => {
  "use strict";
  const parse = JSON.parse, stringify = JSON.stringify, S = String, isArray = Array.isArray, N = Number;
  const revive = (_k, v) =>
    v !== null && typeof v === "object" && !isArray(v) && typeof v.$num === "string" ? N(v.$num) : v;
  const describe = (e) => {
    try { return S(e !== null && typeof e === "object" && "message" in e ? e.message : e).slice(0, 500); }
    catch { return "an unprintable error"; }
  };
  let policy;
  return {
    bind(ns, ctxJson) {
      try {
        let p = ns.default ?? ns.policy ?? ns.createPolicy;
        if (p === undefined) return stringify({ error: "the module exports no default, \`policy\` or \`createPolicy\`" });
        if (typeof p === "function") {
          try { p = p(parse(ctxJson)); }
          catch (e) { return stringify({ error: "the policy factory threw: " + describe(e) }); }
        }
        if (typeof p !== "object" || p === null) return stringify({ error: "a policy must be an object" });
        const name = p.name;
        if (typeof name !== "string" || name === "") return stringify({ error: "a policy needs a non-empty string \`name\`" });
        if (typeof p.decide !== "function") return stringify({ error: "a policy needs a \`decide(input)\` function" });
        policy = p;
        const description = typeof p.description === "string" ? p.description : undefined;
        return stringify({ name, description, backgroundOnParked: !!p.backgroundOnParked });
      } catch (e) {
        return stringify({ error: "reading the policy threw: " + describe(e) });
      }
    },
    decide(inputJson) {
      try {
        const d = policy.decide(parse(inputJson, revive));
        return stringify({ decision: d === undefined ? null : d });
      } catch (e) {
        return stringify({ error: "decide() threw: " + describe(e) });
      }
    },
  };
})()`;

interface ContextApi {
  bind(ns: unknown, ctxJson: string): unknown;
  decide(inputJson: string): unknown;
}

let api: ContextApi | undefined;

const send = (m: Record<string, unknown>): void => {
  process.send?.(m);
};

// A call into the context whose answer is not a string, or that throws past the
// prelude's own catch (the policy replaced Object.prototype.toJSON, say): the
// thrown value belongs to the policy, so it is not looked at.
function callContext(f: () => unknown): string | undefined {
  try {
    const out = f();
    return typeof out === "string" ? out : undefined;
  } catch {
    return undefined;
  }
}

async function load(m: {
  source: string;
  filename: string;
  typescript: boolean;
  ctx: string;
  /** The parent's load bound, ms: the top level is stopped here too, so an orphan cannot spin on. */
  timeoutMs: number;
}): Promise<void> {
  const context = vm.createContext(vm.constants.DONT_CONTEXTIFY, {
    name: `policy ${m.filename}`,
    codeGeneration: { strings: false, wasm: false },
  });
  const prelude = new vm.Script(PRELUDE, { filename: "ix-policy-prelude.js" });
  api = prelude.runInContext(context) as ContextApi;
  let code: string;
  try {
    code = m.typescript ? stripTypeScriptTypes(m.source, { mode: "strip" }) : m.source;
  } catch (e) {
    return send({
      op: "loaded",
      info: JSON.stringify({ error: `not erasable TypeScript: ${(e as Error).message}` }),
    });
  }
  let mod: vm.SourceTextModule;
  try {
    mod = new vm.SourceTextModule(code, { context, identifier: m.filename });
    await mod.link((specifier) => {
      throw new Error(
        `policy modules run isolated and may not import ${JSON.stringify(specifier)} (only \`import type\`)`,
      );
    });
    await mod.evaluate({ timeout: m.timeoutMs });
  } catch (e) {
    // Errors from link/parse are ours; one thrown by the module's top level is
    // the policy's value: only its message is read, defensively.
    let msg = "the module's top level threw";
    try {
      msg = String((e as Error).message).slice(0, 500);
    } catch {
      // keep the generic message
    }
    return send({ op: "loaded", info: JSON.stringify({ error: `failed to load: ${msg}` }) });
  }
  const a = api;
  const info = callContext(() => a.bind(mod.namespace, m.ctx));
  send({
    op: "loaded",
    info: info ?? JSON.stringify({ error: "the policy broke its wrapper while loading" }),
  });
}

process.on("message", (raw: unknown) => {
  const m = raw as Record<string, unknown>;
  if (m.op === "load" && typeof m.source === "string" && typeof m.ctx === "string") {
    void load({
      source: m.source,
      filename: String(m.filename),
      typescript: m.typescript === true,
      ctx: m.ctx,
      timeoutMs: typeof m.timeoutMs === "number" && m.timeoutMs > 0 ? m.timeoutMs : 15_000,
    });
  } else if (m.op === "decide" && typeof m.input === "string" && api) {
    const a = api;
    const input = m.input;
    send({ op: "decided", seq: m.seq, output: callContext(() => a.decide(input)) ?? null });
  }
});
// The parent is gone: so is the policy.
process.on("disconnect", () => process.exit(0));
