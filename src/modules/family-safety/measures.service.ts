import { sql } from 'kysely';
import { requirePermission } from '../../kernel/access/actor.ts';
import { recordAudit } from '../../kernel/audit/audit.ts';
import { notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import { ageOn } from '../../kernel/synthetic/index.ts';
import { regionScope } from '../../kernel/access/scope.ts';
import * as repo from './cases.repository.ts';
import { day, dayOrNull, parseJson } from './cases.presenter.ts';
import type { MeasureRow } from './family-safety.tables.ts';
import { actorName, fieldError, localDate } from './helpers.ts';
import { RULES } from './rules.ts';
import { createTask } from './tasks.repository.ts';
import type { MeasureInput } from './workflows.schema.ts';

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
function addMonths(d: string, n: number): string {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCMonth(x.getUTCMonth() + n);
  return x.toISOString().slice(0, 10);
}

export function presentMeasure(m: MeasureRow) {
  const c = parseJson<Record<string, boolean>>(m.conditions) ?? {};
  return {
    id: m.id,
    caseId: m.case_id,
    kind: m.kind,
    subjectPersonId: m.subject_person_id,
    startsOn: day(m.starts_on),
    endsOn: day(m.ends_on),
    conditions: Object.keys(c).filter((k) => c[k]),
    checkinsPerMonth: m.checkins_per_month,
    status: m.status,
    breachCount: m.breach_count,
  };
}

/**
 * Issues a police protective order (fixed duration, to a person of at least the minimum age) or
 * records court special requirements (duration and check-ins within the ranges in the rules).
 */
export async function addMeasure(p: Platform, ctx: RequestContext, caseId: string, input: MeasureInput) {
  requirePermission(ctx.actor, 'dv_cases.write');
  const today = localDate(new Date());
  if (input.startsOn < '2015-01-01' || input.startsOn > addDays(today, 31))
    throw fieldError('body.startsOn', 'Start date out of range (2015 to a month ahead)', 'date_out_of_range');
  let endsOn: string;
  if (input.kind === 'protective_order') {
    endsOn = addDays(input.startsOn, RULES.measures.protective_order.days - 1);
    if (input.endsOn !== undefined && input.endsOn !== endsOn)
      throw fieldError(
        'body.endsOn',
        `A protective order lasts ${RULES.measures.protective_order.days} days (until ${endsOn})`,
        'duration_fixed',
      );
  } else {
    if (!input.endsOn) throw fieldError('body.endsOn', 'Give the end date set by the court', 'required');
    endsOn = input.endsOn;
    const sr = RULES.measures.special_requirements;
    if (
      endsOn >= input.startsOn &&
      (endsOn < addDays(addMonths(input.startsOn, sr.minMonths), -1) || endsOn > addMonths(input.startsOn, sr.maxMonths))
    )
      throw fieldError('body.endsOn', `Special requirements last ${sr.minMonths} to ${sr.maxMonths} months`, 'duration_out_of_range');
    if (input.checkinsPerMonth < sr.minCheckinsPerMonth || input.checkinsPerMonth > sr.maxCheckinsPerMonth)
      throw fieldError(
        'body.checkinsPerMonth',
        `${sr.minCheckinsPerMonth} to ${sr.maxCheckinsPerMonth} check-ins a month`,
        'checkins_out_of_range',
      );
  }
  if (endsOn < input.startsOn) throw fieldError('body.endsOn', 'Ends before it starts', 'ends_before_start');
  return p.db.transaction().execute(async (tx) => {
    const row = await repo.lockCase(tx, ctx.actor, caseId);
    if (!row) throw notFound('case');
    const subject = await tx
      .selectFrom('dv_case_people as cp')
      .innerJoin('dv_persons as p', 'p.id', 'cp.person_id')
      .select(['p.id', 'p.birth_date'])
      .where('cp.case_id', '=', caseId)
      .where('cp.person_id', '=', input.subjectPersonId)
      .where('cp.role', '=', 'offender')
      .executeTakeFirst();
    if (!subject) throw fieldError('body.subjectPersonId', 'The subject must be an alleged offender in this case', 'not_offender');
    const birth = dayOrNull(subject.birth_date);
    const minAge = RULES.measures.protective_order.subjectMinAge;
    if (input.kind === 'protective_order' && (birth === null || ageOn(birth, input.startsOn) < minAge))
      throw fieldError(
        'body.subjectPersonId',
        `A protective order is issued to a person aged ${minAge} or over (birth date needed)`,
        'subject_too_young',
      );
    const m = await tx
      .insertInto('dv_measures')
      .values({
        case_id: caseId,
        region_code: row.region_code,
        kind: input.kind,
        subject_person_id: subject.id,
        starts_on: input.startsOn,
        ends_on: endsOn,
        conditions: JSON.stringify(Object.fromEntries(input.conditions.map((c) => [c, true]))),
        checkins_per_month: input.checkinsPerMonth,
        created_by: actorName(ctx.actor),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await repo.touchCase(tx, caseId, {});
    await repo.addTimeline(tx, {
      case_id: caseId,
      kind: 'measure',
      summary: `${input.kind === 'protective_order' ? 'Protective order' : 'Special requirements'} ${input.startsOn} – ${endsOn}`,
      actor: actorName(ctx.actor),
      details: { measureId: m.id, conditions: input.conditions },
      params: { measureKind: input.kind, startsOn: input.startsOn, endsOn },
    });
    await recordAudit(tx, ctx, {
      action: 'dv_measure.create',
      resourceType: 'dv_case',
      resourceId: caseId,
      regionCode: row.region_code,
      details: { measureId: m.id, kind: input.kind, startsOn: input.startsOn, endsOn },
    });
    return presentMeasure(m);
  });
}

/** A check-in, a missed check-in, or a breach (Administrative Code art. 461): breaches ask for re-assessment. */
export async function addMeasureEvent(
  p: Platform,
  ctx: RequestContext,
  measureId: string,
  input: { kind: string; occurredAt: string; note: string },
) {
  requirePermission(ctx.actor, 'dv_cases.write');
  return p.db.transaction().execute(async (tx) => {
    const m = await tx
      .selectFrom('dv_measures')
      .selectAll()
      .where('id', '=', measureId)
      .where(regionScope(ctx.actor, 'region_code'))
      .forUpdate()
      .executeTakeFirst();
    if (!m) throw notFound('measure');
    const at = new Date(input.occurredAt);
    if (localDate(at) < day(m.starts_on)) throw fieldError('body.occurredAt', 'Before the measure started', 'date_before_start');
    const isBreach = input.kind === 'breach';
    await tx
      .insertInto('dv_measure_events')
      .values({
        measure_id: m.id,
        kind: input.kind,
        occurred_at: at,
        note: input.note,
        legal_code: isBreach ? RULES.measures.breachLegalCode : null,
        created_by: actorName(ctx.actor),
      })
      .execute();
    const updated = isBreach
      ? await tx
          .updateTable('dv_measures')
          .set({ breach_count: sql<number>`breach_count + 1` })
          .where('id', '=', m.id)
          .returningAll()
          .executeTakeFirstOrThrow()
      : m;
    if (isBreach)
      await createTask(tx, {
        caseId: m.case_id,
        regionCode: m.region_code,
        kind: 'reassessment',
        from: new Date(),
        sourceKey: `reassessment:breach:${m.id}:${at.toISOString()}`,
      });
    await repo.addTimeline(tx, {
      case_id: m.case_id,
      kind: `measure_${input.kind}`,
      summary: isBreach
        ? `Breach of the measure (${RULES.measures.breachLegalCode})`
        : input.kind === 'checkin'
          ? 'Check-in done'
          : 'Check-in missed',
      actor: actorName(ctx.actor),
      details: { measureId: m.id, at: at.toISOString(), note: input.note },
      params: { legalCode: isBreach ? RULES.measures.breachLegalCode : null },
    });
    await recordAudit(tx, ctx, {
      action: `dv_measure.${input.kind}`,
      resourceType: 'dv_case',
      resourceId: m.case_id,
      regionCode: m.region_code,
      details: { measureId: m.id },
    });
    return presentMeasure(updated);
  });
}
