import { recordAudit } from '../../kernel/audit/audit.ts';
import type { Executor, Tx as DbTx } from '../../kernel/db/database.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import { DEFAULT_RULE_SET, RuleSetSchema, type RuleSet } from './engine/rule-set.ts';
import { fromJson, latestAlertDispositions } from './cases.repository.ts';
import type { Disposition } from './cases.schema.ts';
import { announceChange, liveScorer } from './payments.live.ts';
import { requireNational } from './payments.service.ts';
import * as repo from './rule-sets.repository.ts';
import type { RuleOverview, RuleSetInput } from './rule-sets.schema.ts';

const iso = (d: unknown) => (d === null || d === undefined ? null : new Date(d as string).toISOString());

function presentSummary(r: Omit<repo.RuleSetRow, 'body'>) {
  return {
    version: r.version,
    note: r.note,
    createdBy: r.created_by,
    createdAt: iso(r.created_at) as string,
    isActive: r.active,
    activatedBy: r.activated_by,
    activatedAt: iso(r.activated_at),
  };
}

/**
 * Reference seeding (every start): version 1 from the engine's shipped rule set when the table is
 * empty, then the live scorer of this process takes the active version.
 */
export async function seedRuleSets(tx: DbTx, p: Platform): Promise<void> {
  let active = await repo.activeRuleSet(tx);
  if (!active && (await repo.findRuleSets(tx)).length === 0)
    active = await repo.insertNextRuleSet(tx, {
      body: DEFAULT_RULE_SET,
      note: 'shipped rule set (data/rule-set.v3.json)',
      created_by: 'system',
      active: true,
    });
  if (active) liveScorer(p).useRuleSet(RuleSetSchema.parse(fromJson(active.body)));
}

export async function listRuleSets(p: Platform, ctx: RequestContext) {
  requireNational(ctx, 'payments.read');
  return { items: (await repo.findRuleSets(p.db)).map(presentSummary) };
}

export async function getRuleSet(p: Platform, ctx: RequestContext, version: number) {
  requireNational(ctx, 'payments.read');
  const r = await repo.findRuleSet(p.db, version);
  if (!r) throw notFound('rule set');
  return { ...presentSummary(r), body: fromJson<Record<string, unknown>>(r.body) };
}

/** Validates an edited rule set with the engine's schema (400 naming each bad field) and stores it as the next version. */
export async function createRuleSet(p: Platform, ctx: RequestContext, input: RuleSetInput) {
  requireNational(ctx, 'payments.rules');
  const parsed = RuleSetSchema.safeParse(input.body);
  if (!parsed.success)
    throw new AppError('validation_failed', 'The rule set is not valid', {
      errors: parsed.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message, code: i.code })),
    });
  return p.db.transaction().execute(async (tx) => {
    const row = await repo.insertNextRuleSet(tx, { body: parsed.data, note: input.note, created_by: ctx.actor.username });
    await recordAudit(tx, ctx, {
      action: 'payment_rule_set.create',
      resourceType: 'payment_rule_set',
      resourceId: String(row.version),
      details: { ruleSetVersion: parsed.data.version, note: input.note.slice(0, 200) },
    });
    return { ...presentSummary(row), body: fromJson<Record<string, unknown>>(row.body) };
  });
}

/** Makes a version the active one; live scorers use it from the next decision (other processes: on notice). */
export async function activateRuleSet(p: Platform, ctx: RequestContext, version: number) {
  requireNational(ctx, 'payments.rules_activate');
  const row = await p.db.transaction().execute(async (tx) => {
    const before = await repo.activeRuleSet(tx);
    const r = await repo.activate(tx, version, ctx.actor.username);
    if (!r) throw notFound('rule set');
    await recordAudit(tx, ctx, {
      action: 'payment_rule_set.activate',
      resourceType: 'payment_rule_set',
      resourceId: String(version),
      details: { from: before?.version ?? null, to: version },
    });
    await announceChange(p, tx, { kind: 'rule_set' });
    return r;
  });
  liveScorer(p).useRuleSet(RuleSetSchema.parse(fromJson(row.body)));
  return { ...presentSummary(row), body: fromJson<Record<string, unknown>>(row.body) };
}

export type DispositionCounts = Record<Disposition, number>;

/** Per rule id: the latest disposition of each alert citing it, counted. */
export async function dispositionCounts(db: Executor): Promise<Map<string, DispositionCounts>> {
  const out = new Map<string, DispositionCounts>();
  for (const d of await latestAlertDispositions(db))
    for (const rule of new Set(fromJson<string[]>(d.rules))) {
      const c = out.get(rule) ?? { confirmed: 0, escalate: 0, false_positive: 0 };
      c[d.disposition as Disposition]++;
      out.set(rule, c);
    }
  return out;
}

/** Precision from dispositions: (confirmed + escalated) / all disposed; null when none was disposed. */
export function precisionOf(c: DispositionCounts): number | null {
  const n = c.confirmed + c.escalate + c.false_positive;
  return n === 0 ? null : Math.round(((c.confirmed + c.escalate) / n) * 1000) / 1000;
}

/** The active rule set with each rule's thresholds, simulator precision (data) and live precision (dispositions). */
export async function rulesOverview(p: Platform, ctx: RequestContext): Promise<RuleOverview> {
  requireNational(ctx, 'payments.read');
  const active = await repo.activeRuleSet(p.db);
  const body: RuleSet = active ? RuleSetSchema.parse(fromJson(active.body)) : DEFAULT_RULE_SET;
  const counts = await dispositionCounts(p.db);
  return {
    version: active?.version ?? 0,
    ruleSetVersion: body.version,
    flagThreshold: body.flagThreshold,
    roleThresholds: body.roleThresholds,
    rules: body.rules.map((r) => {
      const c = counts.get(r.id) ?? { confirmed: 0, escalate: 0, false_positive: 0 };
      return {
        id: r.id,
        description: r.description,
        kind: r.kind,
        enabled: r.enabled,
        params: r.params,
        simulatorPrecision: r.measuredPrecision,
        measuredOn: r.measuredOn ?? null,
        livePrecision: precisionOf(c),
        dispositions: c,
      };
    }),
  };
}
