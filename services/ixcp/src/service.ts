// The operations of IXCP's admin surface, shared by the HTTP routes and the
// NATS verbs (ix.ixcp.admin.<verb>): status, decisions, policy, cores,
// migrate (their names and body shapes: lib/bus/src/ixcp-admin.ts). Each
// returns a JSON-able reply; bad requests get { ok: false, error } and change
// nothing. Changes run inside the control loop's exclusive section, between
// two periods.
import { IXCP_ADMIN_VERBS, type AdminReply } from "@ix/bus";
import type { ControlLoop } from "./control-loop.ts";
import type { DecisionLog } from "./decision-log.ts";
import { loadPolicy, type LoadOptions } from "./policies/loader.ts";
import { quoteSpec } from "./policies/policy-files.ts";
import type { PolicyContext } from "./policies/policy.ts";

const fail = (error: string): AdminReply => ({ ok: false, error });
const isObj = (b: unknown): b is Record<string, unknown> => typeof b === "object" && b !== null;

export class IxcpService {
  readonly loop: ControlLoop;
  readonly log: DecisionLog;
  readonly ctx: PolicyContext;
  readonly totalCores: number;
  /** Where user policies may come from and their deadlines (--policy-dir, --policy-deadline-ms). */
  readonly loadOptions: LoadOptions;

  constructor(
    loop: ControlLoop,
    log: DecisionLog,
    ctx: PolicyContext,
    loadOptions: LoadOptions = { dirs: [] },
  ) {
    this.loop = loop;
    this.log = log;
    this.ctx = ctx;
    this.totalCores = ctx.totalCores;
    this.loadOptions = loadOptions;
  }

  status(): AdminReply {
    const l = this.loop;
    const active = new Set(l.reconf.activeCores());
    const cores = Array.from({ length: this.totalCores }, (_, c) => ({
      core: c,
      alive: !l.dead.has(c),
      active: active.has(c),
      background: l.reconf.background.has(c),
      flowGroups: l.reconf.groupsOf(c).length,
      metrics: l.latest.get(c) ?? null,
    }));
    return {
      ok: true,
      policy: l.policy.name,
      ...(l.policy.declaredName === undefined ? {} : { policyDeclaredName: l.policy.declaredName }),
      activeCores: [...active],
      powerWatts: Number(l.power().toFixed(2)),
      cores,
      reta: l.reconf.reta,
      lastDecisions: this.log.recent(20),
    };
  }

  /** `{ limit? }`: the last `limit` decisions (a positive integer, default 100); anything else is refused. */
  decisions(body: unknown): AdminReply {
    const limit = isObj(body) ? body.limit : undefined;
    if (limit !== undefined && !(Number.isInteger(limit) && (limit as number) >= 1))
      return fail(`limit must be a positive integer, got ${quoteSpec(String(limit))}`);
    const n = (limit as number | undefined) ?? 100;
    return { ok: true, decisions: this.log.recent(n) };
  }

  /**
   * Switches policy: `{ name }`, a built-in or a module in the policy folders
   * (`path` is accepted as a synonym and checked the same way). The module is
   * loaded and tried outside the control loop's exclusive section, so a
   * policy that hangs while loading does not hold up the control periods;
   * only the switch itself waits for the current period to end.
   */
  async policy(body: unknown): Promise<AdminReply> {
    const spec = isObj(body) ? (body.name ?? body.path) : undefined;
    if (typeof spec !== "string" || spec.trim() === "")
      return fail('give { "name": "static|energy|consolidation|<a module in the policy folders>" }');
    let p;
    try {
      p = await loadPolicy(spec, this.ctx, this.loop.policyInput(), this.loadOptions);
    } catch (e) {
      const error = (e as Error).message;
      this.log.record({
        at: this.loop.now(),
        action: "policy_refused",
        reason: `refused: ${error}`,
        policy: this.loop.policy.name,
      });
      return fail(error);
    }
    const loaded = p;
    return this.loop.exclusive(async () => {
      this.loop.installPolicy(loaded, `admin: policy ${quoteSpec(spec)}`);
      await this.loop.syncBackground();
      return { ok: true, policy: loaded.name } as AdminReply;
    });
  }

  async cores(body: unknown): Promise<AdminReply> {
    const n = isObj(body) ? Number(body.n) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > this.totalCores)
      return fail(`n must be an integer in [1, ${this.totalCores}]`);
    const live = this.loop.liveCores().length;
    if (n > live) return fail(`only ${live} cores are alive`);
    return this.loop.exclusive(async () => {
      if (n === this.loop.reconf.activeCores().length)
        return { ok: true, activeCores: this.loop.reconf.activeCores() };
      const r = await this.loop.resize(n, `admin: ixctl cores ${n}`);
      return { ok: r.failed === 0, activeCores: this.loop.reconf.activeCores(), ...r } as AdminReply;
    });
  }

  async migrate(body: unknown): Promise<AdminReply> {
    if (!isObj(body)) return fail("give { flowGroups: [..], to: core }");
    const groups = body.flowGroups;
    const to = Number(body.to);
    const size = this.loop.reconf.reta.length;
    if (
      !Array.isArray(groups) ||
      groups.length === 0 ||
      !groups.every((g) => Number.isInteger(g) && g >= 0 && g < size)
    )
      return fail(`flowGroups must be a non-empty list of integers in [0, ${size - 1}]`);
    if (!Number.isInteger(to) || to < 0 || to >= this.totalCores)
      return fail(`to must be a core in [0, ${this.totalCores - 1}]`);
    if (this.loop.dead.has(to)) return fail(`core ${to} is dead`);
    return this.loop.exclusive(async () => {
      try {
        const r = await this.loop.reconf.moveGroups([...new Set(groups as number[])], to, {
          dead: this.loop.dead,
          backgroundOnParked: !!this.loop.policy.backgroundOnParked,
        });
        this.log.record({
          at: this.loop.now(),
          action: "admin_migrate",
          reason: `admin: ixctl migrate to core ${to}`,
          policy: this.loop.policy.name,
          flowGroups: groups,
          ...r,
        });
        return { ok: r.failed === 0, ...r } as AdminReply;
      } catch (e) {
        return fail((e as Error).message);
      }
    });
  }

  /** Dispatches one verb (the NATS side); unknown verbs are refused. */
  async handle(verb: string, body: unknown): Promise<AdminReply> {
    switch (verb) {
      case "status":
        return this.status();
      case "decisions":
        return this.decisions(body);
      case "policy":
        return this.policy(body);
      case "cores":
        return this.cores(body);
      case "migrate":
        return this.migrate(body);
      default:
        return fail(`unknown verb ${JSON.stringify(verb)}: ${IXCP_ADMIN_VERBS.join(", ")}`);
    }
  }
}
