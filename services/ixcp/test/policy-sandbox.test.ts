// User policies cannot become a code-execution path (issue 16). Hostile
// modules offered from a policy folder: one whose top level writes a file,
// one that opens a socket to a loopback listener this test owns, one that
// loops forever, each also in a variant that tries the escapes (globals,
// dynamic import, the Function constructor) and, failing them, loads as a
// valid policy. None writes, none connects, the looping ones are stopped. A
// policy that hangs or answers garbage at run time is stopped and the control
// loop goes back to the previous policy and keeps ticking. Paths outside the
// folders are refused before anything is read: a FIFO outside (directly, via
// a symlink in the folder, via "..") never sees a reader. And the second
// wall, Node's permission model, is shown on its own with the same flags.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { open } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPolicy, type LoadOptions } from "../src/policies/loader.ts";
import { realPolicyDirs } from "../src/policies/policy-files.ts";
import { sandboxNodeArgs, SandboxedPolicy } from "../src/policies/sandbox.ts";
import type { PolicyInput } from "../src/policies/policy.ts";
import { IxcpService } from "../src/service.ts";
import { createIxcpMetrics } from "../src/ixcp-metrics.ts";
import { Registry } from "prom-client";
import { simLoop } from "./sim.ts";

const ctx = { totalCores: 2, periodMs: 100 };
const probe: PolicyInput = {
  now: 0,
  cores: [],
  activeCores: [0, 1],
  liveCores: [0, 1],
  totalCores: 2,
  history: { lastStepUpAt: -Infinity, lastStepDownAt: -Infinity, decisions: [] },
};

let root: string;
let dir: string;
let outside: string;
let marker: string;
let listener: Server;
let port: number;
let connections = 0;
let opts: LoadOptions;

/** The policy body that every hostile module ends with when it gets that far. */
const VALID = `export default { name: "NAME", decide: () => null };`;

/** Every way out we could think of, from inside the policy's context; records what worked. */
const ESCAPES = `
const tried: string[] = [];
const g: any = globalThis;
for (const name of ["process", "require", "fetch", "Deno", "Bun", "setTimeout", "WebSocket", "module", "Buffer"])
  if (typeof g[name] !== "undefined") tried.push(name);
try { const P = ({} as any).constructor.constructor("return process")(); tried.push("Function:" + typeof P); } catch {}
try { (0, eval)("1"); tried.push("eval"); } catch {}
try { await import("node:fs"); tried.push("import(fs)"); } catch {}
try { await import("node:net"); tried.push("import(net)"); } catch {}
if (tried.length > 0) throw new Error("escaped: " + tried.join(","));
`;

before(async () => {
  root = mkdtempSync(join(tmpdir(), "ix-policies-"));
  dir = join(root, "policies");
  outside = join(root, "outside");
  mkdirSync(dir);
  mkdirSync(outside);
  marker = join(root, "pwned");
  listener = createServer((s) => {
    connections++;
    s.destroy();
  });
  await new Promise<void>((r) => listener.listen(0, "127.0.0.1", r));
  port = (listener.address() as { port: number }).port;
  const files: Record<string, string> = {
    "write-file.ts": `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "pwned");\n${VALID}`,
    "write-file-escape.ts": `${ESCAPES}\ntry { (globalThis as any).process.getBuiltinModule("node:fs").writeFileSync(${JSON.stringify(marker)}, "x"); } catch {}\n${VALID}`,
    "open-socket.ts": `import { connect } from "node:net";\nconnect(${port}, "127.0.0.1");\n${VALID}`,
    "open-socket-escape.ts": `${ESCAPES}\ntry { await (globalThis as any).fetch("http://127.0.0.1:${port}/"); } catch {}\n${VALID}`,
    "loop-forever.ts": `for (;;) {}\n${VALID}`,
    "loop-in-factory.ts": `export default () => { for (;;) {} };`,
    "eats-memory.ts": `const hoard: number[][] = [];\nfor (;;) hoard.push(new Array(1e6).fill(1));\n${VALID}`,
    "hangs-later.ts": `let n = 0;\nexport default { name: "hangs-later", decide: () => { if (++n > 2) for (;;) {} return null; } };`,
    "garbage-later.ts": `let n = 0;\nexport default { name: "garbage-later", decide: () => (++n > 2 ? { targetCores: "all" } : null) };`,
    "prototype-vandal.ts": `(Object.prototype as any).toJSON = () => { throw new Error("no"); };\n${VALID}`,
    // Call 2 (the first after the trial) busy-waits 1 s: ten periods late, then answers.
    "slow-once.ts": `let n = 0;\nexport default { name: "slow-once", decide: () => { if (++n === 2) { const t = Date.now(); while (Date.now() - t < 1000) {} return { targetCores: 1, reason: "stale: from call 2" }; } return null; } };`,
    "impostor.ts": `export default { name: "static <script>\\n" + "x".repeat(5000), decide: () => null };`,
    "counts.ts": `let n = 0;\nexport default { name: "counts", decide: (i: { now: number; history: { lastStepUpAt: number } }) => (i.history.lastStepUpAt === -Infinity ? null : { targetCores: 1, reason: "bad: " + ++n }) };`,
  };
  for (const [f, src] of Object.entries(files))
    writeFileSync(join(dir, f), src.replaceAll("NAME", f.replace(/\.ts$/, "")));
  // Bounds generous enough that a busy machine never turns a good or a
  // garbage answer into a timeout; the loop tests use their own short bound.
  opts = { dirs: realPolicyDirs([dir]), deadlineMs: 1500, loadTimeoutMs: 30_000, hangMs: 10_000 };
});

after(async () => {
  await new Promise((r) => listener.close(r));
  rmSync(root, { recursive: true, force: true });
});

test("a top level that writes a file or opens a socket: refused at link, or loaded with no way out; nothing written, no connection", async () => {
  await assert.rejects(loadPolicy("write-file", ctx, probe, opts), /may not import "node:fs"/);
  await assert.rejects(loadPolicy("open-socket", ctx, probe, opts), /may not import "node:net"/);
  for (const name of ["write-file-escape", "open-socket-escape"]) {
    // The escapes all fail inside the context, so the module loads as a policy that does nothing.
    const p = await loadPolicy(name, ctx, probe, opts);
    assert.equal(p.name, `user:${name}`);
    assert.equal(await p.decide(probe), null);
    p.close?.();
  }
  await new Promise((r) => setTimeout(r, 200)); // let a stray connect or write land, if there were one
  assert.equal(existsSync(marker), false, "the policy wrote a file");
  assert.equal(connections, 0, "the policy reached the test's listener");
});

test("a policy that loops forever at its top level or in its factory is stopped and refused", async () => {
  // A loop is stopped at the load bound however busy the machine: the same outcome, later or sooner.
  const short: LoadOptions = { ...opts, loadTimeoutMs: 4000 };
  await assert.rejects(
    loadPolicy("loop-forever", ctx, probe, short),
    /did not load within 4000 ms \(stopped\)/,
  );
  await assert.rejects(loadPolicy("loop-in-factory", ctx, probe, short), /did not load within 4000 ms/);
});

test("a policy that exhausts its heap dies alone (64 MB) and is refused; IXCP's process is untouched", async () => {
  await assert.rejects(
    loadPolicy("eats-memory", ctx, probe, opts),
    /the policy process exited .* while loading/s,
  );
});

test("a policy that vandalises its own realm's prototypes cannot confuse IXCP: refused as garbage", async () => {
  await assert.rejects(loadPolicy("prototype-vandal", ctx, probe, opts), /broke its wrapper/);
});

test("non-finite numbers reach the policy intact (history's -Infinity means never)", async () => {
  const p = await loadPolicy("counts", ctx, probe, opts);
  assert.equal(await p.decide(probe), null, "-Infinity arrived as -Infinity");
  p.close?.();
});

test("at run time: a policy that hangs or answers garbage is stopped, the previous one comes back, ticks go on", async () => {
  for (const [name, why] of [
    ["hangs-later", /decide\(\) did not answer within 10000 ms \(hung\)/],
    ["garbage-later", /must return null or \{ targetCores/],
  ] as const) {
    const { clock, log, loop } = simLoop(2);
    const service = new IxcpService(loop, log, ctx, opts);
    const r = await service.policy({ name });
    assert.equal(r.ok, true, JSON.stringify(r)); // the probe was call 1
    const sandboxed = loop.policy as SandboxedPolicy;
    // A hang is late for a few periods (held), then stopped at the hang bound
    // and reverted on the next period: tick (real time passing) until then.
    const until = Date.now() + 60_000;
    for (let i = 1; loop.policy === sandboxed; i++) {
      assert.ok(Date.now() < until, `${name}: never reverted (${loop.lateDecisions} late periods)`);
      clock.t = i * 100;
      await loop.tick();
      if (loop.policy === sandboxed) await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(loop.policy.name, "energy", `${name}: back to the previous policy`);
    assert.equal(sandboxed.alive, false, `${name}: its process is stopped`);
    const err = log.entries.find((e) => e.action === "policy_error");
    assert.ok(err && why.test(err.reason), `${name}: ${JSON.stringify(err)}`);
    assert.ok(log.entries.some((e) => e.action === "policy" && /revert: .* back to energy/.test(e.reason)));
  }
});

test("a slow decide() is late, not failed: the periods hold, the stale answer is discarded, the policy stays", async () => {
  // Production's deadline (100 ms); call 2 takes 1 s, under the 20 s hang bound.
  const tight: LoadOptions = { ...opts, deadlineMs: 100, hangMs: 20_000 };
  const { clock, log, loop } = simLoop(2);
  const service = new IxcpService(loop, log, ctx, tight);
  const r = await service.policy({ name: "slow-once" });
  assert.equal(r.ok, true, JSON.stringify(r)); // the trial was call 1
  const sandboxed = loop.policy as SandboxedPolicy;
  after(() => sandboxed.close());
  const active = loop.reconf.activeCores().length;
  // Tick until the late answer of call 2 has come back and been thrown away.
  const until = Date.now() + 30_000;
  for (let i = 1; sandboxed.lateAnswersDiscarded === 0; i++) {
    assert.ok(Date.now() < until, `call 2 never answered (${loop.lateDecisions} late periods)`);
    clock.t = i * 100;
    await loop.tick();
    await new Promise((res) => setTimeout(res, 20));
  }
  // Some more periods with the policy answering again (null: no change).
  for (let i = 0; i < 3; i++) {
    clock.t += 100;
    await loop.tick();
  }
  assert.equal(loop.policy, sandboxed, "the slow policy stays");
  assert.equal(sandboxed.alive, true);
  assert.ok(loop.lateDecisions >= 1, "the late period was counted");
  const holds = log.entries.filter((e) => e.action === "hold" && /^policy_late: /.test(e.reason));
  assert.equal(holds.length, loop.lateDecisions);
  assert.equal(sandboxed.lateAnswersDiscarded, 1);
  assert.equal(log.entries.filter((e) => e.action === "policy_error").length, 0);
  // Call 2's answer (1 core) refers to old inputs: it never became a step.
  assert.equal(loop.reconf.activeCores().length, active);
  assert.ok(!log.entries.some((e) => e.reason === "stale: from call 2"));
});

test("a user policy is shown by its file name (user:...), never by the name it declares", async () => {
  const metrics = createIxcpMetrics(new Registry());
  const { log, loop } = simLoop(2, metrics);
  const service = new IxcpService(loop, log, ctx, opts);
  const r = await service.policy({ name: "impostor" });
  after(() => loop.policy.close?.());
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.equal(r.policy, "user:impostor");
  const st = service.status();
  assert.equal(st.policy, "user:impostor");
  const declared = String(st.policyDeclaredName);
  assert.match(declared, /^[A-Za-z0-9._-]{1,64}$/);
  assert.ok(declared.startsWith("static__script_"), declared);
  const switched = log.entries.find((e) => e.action === "policy");
  assert.equal(switched?.to_policy, "user:impostor");
  const info = await metrics.policyInfo.get();
  assert.deepEqual(
    info.values.map((v) => v.labels.policy),
    ["user:impostor"],
  );
});

test("a policy name longer than the limit is cut in the error and in the decision log", async () => {
  const { log, loop } = simLoop(2);
  const service = new IxcpService(loop, log, ctx, opts);
  const long = "p".repeat(100_000);
  const r = await service.policy({ name: long });
  assert.equal(r.ok, false);
  assert.match(String(r.error), /does not exist/);
  assert.ok(String(r.error).length < 1000, `error is ${String(r.error).length} characters`);
  const refused = log.entries.find((e) => e.action === "policy_refused");
  assert.ok(refused && refused.reason.length < 1000, `logged ${refused?.reason.length} characters`);
  const d = service.decisions({ limit: -1 });
  assert.equal(d.ok, false);
  assert.match(String(d.error), /limit must be a positive integer/);
  assert.equal(service.decisions({ limit: "abc" }).ok, false);
  assert.equal(service.decisions({ limit: 1.5 }).ok, false);
  assert.equal((service.decisions({ limit: 1 }).decisions as unknown[]).length, 1);
});

/** Starts a writer on `fifo`: it stays blocked in open() until someone opens the FIFO to read. */
function fifoWatch(fifo: string): { opened: () => boolean; release: () => Promise<void> } {
  let opened = false;
  const writer = open(fifo, "w").then((fh) => {
    opened = true;
    return fh;
  });
  return {
    opened: () => opened,
    release: async () => {
      const fd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
      await (await writer).close();
      closeSync(fd);
    },
  };
}

test("paths outside the policy folders are refused before anything is read (a FIFO outside never sees a reader)", async () => {
  const fifo = join(outside, "evil.ts");
  const fifoInside = join(dir, "fifo-policy.ts");
  assert.equal(spawnSync("mkfifo", [fifo, fifoInside]).status, 0, "mkfifo");
  symlinkSync(fifo, join(dir, "link-out.ts"));
  symlinkSync(outside, join(dir, "sub"));
  const watches = [fifoWatch(fifo), fifoWatch(fifoInside)];
  const cases: [string, RegExp][] = [
    [fifo, /is outside the policy folders/],
    [`${dir}/../outside/evil.ts`, /"\.\." is not allowed/],
    ["../outside/evil", /"\.\." is not allowed/],
    ["link-out", /resolves to .*outside.*evil\.ts, outside/],
    [join(dir, "sub", "evil.ts"), /resolves to .*outside/],
    ["fifo-policy", /is not a regular file/],
    ["/etc/passwd", /is outside the policy folders/],
  ];
  try {
    for (const [spec, why] of cases)
      await assert.rejects(loadPolicy(spec, ctx, probe, { ...opts, cwd: dir }), why, spec);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(watches[0].opened(), false, "IXCP opened the FIFO outside the folders");
    assert.equal(watches[1].opened(), false, "IXCP opened a FIFO inside the folder");
  } finally {
    for (const w of watches) await w.release();
  }
});

test("the permission wall on its own: with the sandbox's node flags, fs writes, child processes and workers are denied", () => {
  const code = `
    const out = {};
    const attempt = (k, f) => { try { f(); out[k] = "allowed"; } catch (e) { out[k] = e.code ?? e.message; } };
    attempt("write", () => require("node:fs").writeFileSync(${JSON.stringify(marker)}, "x"));
    attempt("read", () => require("node:fs").readFileSync("/etc/hostname"));
    attempt("spawn", () => require("node:child_process").spawnSync("true"));
    attempt("worker", () => new (require("node:worker_threads").Worker)("0", { eval: true }));
    console.log(JSON.stringify(out));`;
  const r = spawnSync(process.execPath, [...sandboxNodeArgs(), "-e", code], { encoding: "utf8", env: {} });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), {
    write: "ERR_ACCESS_DENIED",
    read: "ERR_ACCESS_DENIED",
    spawn: "ERR_ACCESS_DENIED",
    worker: "ERR_ACCESS_DENIED",
  });
  assert.equal(existsSync(marker), false);
});

test("measured: one decide() across the process boundary (reported, not asserted)", async (t) => {
  const p = await loadPolicy("counts", ctx, probe, opts);
  const input = {
    ...probe,
    cores: [0, 1].map((core) => ({
      core,
      emaFast: 1,
      emaMid: 1,
      emaSlow: 1,
      idleFraction: 0.5,
      queuingDelayUs: 5,
      active: true,
      flowGroups: 64,
      seenAtMs: 0,
    })),
  };
  const us: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    await p.decide(input);
    us.push((performance.now() - t0) * 1000);
  }
  p.close?.();
  us.sort((a, b) => a - b);
  t.diagnostic(
    `decide() round trip over 200 calls: median ${us[100].toFixed(0)} us, p99 ${us[198].toFixed(0)} us, max ${us[199].toFixed(0)} us`,
  );
  assert.equal(us.length, 200);
});
