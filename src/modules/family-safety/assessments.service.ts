import { requirePermission } from '../../kernel/access/actor.ts';
import { recordAudit } from '../../kernel/audit/audit.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import { isRegionCode } from '../reference/index.ts';
import * as repo from './cases.repository.ts';
import type { Band } from './cases.schema.ts';
import { escalateIfNeeded } from './escalation.ts';
import type { AssessmentRow } from './family-safety.tables.ts';
import { actorName, fieldError } from './helpers.ts';
import { bandRank, loadInstrument, scoreAnswers } from './risk.ts';
import { completeTasks, createTask } from './tasks.repository.ts';
import type { AssessmentInput } from './workflows.schema.ts';

export async function getInstrument(p: Platform, ctx: RequestContext, region: string | undefined) {
  requirePermission(ctx.actor, 'dv_cases.read');
  const regionCode = region ?? ctx.actor.regionCode;
  if (regionCode && !isRegionCode(regionCode)) throw fieldError('querystring.region', 'Unknown region', 'unknown_region');
  const i = await loadInstrument(p.db, regionCode);
  return { version: i.version, regionCode: i.thresholdRegion, thresholds: i.thresholds, items: i.items };
}

function result(a: AssessmentRow, caseRow: { risk_band: string | null; escalation: string }) {
  return {
    id: a.id,
    caseId: a.case_id,
    instrumentVersion: a.instrument_version,
    score: a.score,
    computedBand: a.computed_band as Band,
    band: a.band as Band,
    overrideStatus: a.override_status,
    overrideBand: a.override_band as Band | null,
    caseRiskBand: caseRow.risk_band as Band | null,
    caseEscalation: caseRow.escalation,
  };
}

/**
 * Scores the newest instrument for the case's region. A professional override may raise the band at
 * once; lowering it stays pending (the computed band holds) until a different person confirms.
 */
export async function assessCase(p: Platform, ctx: RequestContext, caseId: string, input: AssessmentInput) {
  requirePermission(ctx.actor, 'dv_cases.assess');
  return p.db.transaction().execute(async (tx) => {
    const before = await repo.lockCase(tx, ctx.actor, caseId);
    if (!before) throw notFound('case');
    const instrument = await loadInstrument(tx, before.region_code);
    const known = new Set(instrument.items.map((i) => i.code));
    const unknown = Object.keys(input.answers).filter((k) => !known.has(k));
    if (unknown.length)
      throw fieldError(`body.answers.${unknown[0]}`, `Not an item of instrument version ${instrument.version}`, 'unknown_item');
    const missing = instrument.items.filter((i) => input.answers[i.code] === undefined);
    if (missing.length)
      throw fieldError(`body.answers.${missing[0]!.code}`, `Answer every item (${missing.length} missing)`, 'answers_incomplete');
    const { score, band: computed } = scoreAnswers(instrument, input.answers);
    const o = input.override && input.override.band !== computed ? input.override : undefined;
    const raising = o !== undefined && bandRank(o.band) > bandRank(computed);
    const status = o === undefined ? 'none' : raising ? 'applied' : 'pending';
    const band: Band = raising ? o.band : computed;
    const a = await tx
      .insertInto('dv_assessments')
      .values({
        case_id: caseId,
        instrument_version: instrument.version,
        answers: JSON.stringify(input.answers),
        score,
        computed_band: computed,
        override_band: o?.band ?? null,
        override_reason: o?.reason ?? null,
        override_status: status,
        override_by: o ? actorName(ctx.actor) : null,
        override_by_id: o ? ctx.actor.userId : null,
        band,
        created_by: actorName(ctx.actor),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    let row = await repo.touchCase(tx, caseId, { risk_band: band });
    await completeTasks(tx, caseId, 'reassessment', actorName(ctx.actor));
    if (status === 'pending')
      await createTask(tx, {
        caseId,
        regionCode: row.region_code,
        kind: 'override_confirmation',
        from: new Date(),
        sourceKey: `override:${a.id}`,
      });
    await repo.addTimeline(tx, {
      case_id: caseId,
      kind: 'assessment',
      summary: `Risk assessed: score ${score}, band ${band}${status === 'pending' ? ` (lowering to ${o?.band} awaits a second person)` : ''}`,
      actor: actorName(ctx.actor),
      details: { assessmentId: a.id, score, computed, band, override: o ? { band: o.band, status, reason: o.reason } : null },
      params: { score, band, pendingBand: status === 'pending' ? (o?.band ?? null) : null },
    });
    row = await escalateIfNeeded(tx, row, actorName(ctx.actor));
    await recordAudit(tx, ctx, {
      action: 'dv_assessment.create',
      resourceType: 'dv_case',
      resourceId: caseId,
      regionCode: row.region_code,
      details: {
        assessmentId: a.id,
        version: instrument.version,
        score,
        computed,
        band,
        override: o ? { band: o.band, status, reason: o.reason } : null,
      },
    });
    return result(a, row);
  });
}

/** The second person confirms (the lower band takes effect) or rejects a pending lowering. */
export async function decideOverride(
  p: Platform,
  ctx: RequestContext,
  assessmentId: string,
  input: { decision: 'confirm' | 'reject'; note: string },
) {
  requirePermission(ctx.actor, 'dv_cases.override_confirm');
  return p.db.transaction().execute(async (tx) => {
    const a = await tx.selectFrom('dv_assessments').selectAll().where('id', '=', assessmentId).forUpdate().executeTakeFirst();
    const before = a ? await repo.lockCase(tx, ctx.actor, a.case_id) : undefined;
    if (!a || !before) throw notFound('assessment');
    if (a.override_status !== 'pending') throw new AppError('conflict', `The override is ${a.override_status}, not pending`);
    if ((a.override_by_id !== null && a.override_by_id === ctx.actor.userId) || a.override_by === ctx.actor.username)
      throw new AppError('forbidden', 'A different person must confirm a lowered risk band');
    const confirm = input.decision === 'confirm';
    const updated = await tx
      .updateTable('dv_assessments')
      .set({
        override_status: confirm ? 'confirmed' : 'rejected',
        confirmed_by: actorName(ctx.actor),
        confirmed_at: new Date(),
        ...(confirm ? { band: a.override_band ?? a.band } : {}),
      })
      .where('id', '=', a.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const latest = await tx
      .selectFrom('dv_assessments')
      .select('id')
      .where('case_id', '=', a.case_id)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const row = confirm && latest?.id === a.id ? await repo.touchCase(tx, a.case_id, { risk_band: updated.band }) : before;
    await completeTasks(tx, a.case_id, 'override_confirmation', actorName(ctx.actor));
    await repo.addTimeline(tx, {
      case_id: a.case_id,
      kind: confirm ? 'override_confirmed' : 'override_rejected',
      summary: confirm ? `Lowered risk band ${updated.band} confirmed` : `Lowering to ${a.override_band} rejected; band stays ${a.band}`,
      actor: actorName(ctx.actor),
      details: { assessmentId: a.id, note: input.note },
      params: { band: updated.band, overrideBand: a.override_band },
    });
    await recordAudit(tx, ctx, {
      action: confirm ? 'dv_assessment.override_confirm' : 'dv_assessment.override_reject',
      resourceType: 'dv_case',
      resourceId: a.case_id,
      regionCode: row.region_code,
      details: { assessmentId: a.id, overrideBy: a.override_by, band: updated.band, note: input.note },
    });
    return result(updated, row);
  });
}
