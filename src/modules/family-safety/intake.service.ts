import { randomUUID } from 'node:crypto';
import { requirePermission } from '../../kernel/access/actor.ts';
import { recordAudit } from '../../kernel/audit/audit.ts';
import type { Tx } from '../../kernel/db/database.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import { ageOn } from '../../kernel/synthetic/index.ts';
import * as repo from './cases.repository.ts';
import type { CaseDetail, CasePersonInput, IncidentInput, IntakeInput } from './cases.schema.ts';
import { findSchool, insertChildNotification } from './children.repository.ts';
import { escalateIfNeeded } from './escalation.ts';
import type { CaseRow } from './family-safety.tables.ts';
import { actorName, checkLegalCode, checkRegion, fieldError, hashRequest, localDate, monthsBefore } from './helpers.ts';
import { normaliseAddress, normaliseName } from './normalise.ts';
import { RULES } from './rules.ts';
import { createTask } from './tasks.repository.ts';
import { dayOrNull } from './cases.presenter.ts';
import { readCaseDetail } from './cases.service.ts';

type Resolved = { personId: string; input: CasePersonInput; age: number | null };

/** Finds or creates each person (same normalised name and birth date in the region = same person). */
async function resolvePeople(
  tx: Tx,
  ctx: RequestContext,
  regionCode: string,
  people: CasePersonInput[],
  occurredAt: Date,
): Promise<Resolved[]> {
  const out: Resolved[] = [];
  const incidentDay = localDate(occurredAt);
  for (const [i, p] of people.entries()) {
    const path = `body.people.${i}`;
    if (p.birthDate && p.birthDate > incidentDay) throw fieldError(`${path}.birthDate`, 'Born after the incident', 'born_after_incident');
    if (p.schoolId && !(await findSchool(tx, p.schoolId))) throw fieldError(`${path}.schoolId`, 'Unknown school', 'unknown_school');
    let personId: string;
    let birthDate = p.birthDate ?? null;
    if (p.personId) {
      const found = await repo.findPersonById(tx, ctx.actor, p.personId);
      if (!found) throw fieldError(`${path}.personId`, 'Unknown person', 'unknown_person');
      personId = found.id;
      birthDate = dayOrNull(found.birth_date);
    } else {
      const normName = normaliseName(p.lastName ?? '', p.firstName ?? '');
      const match = await repo.findPersonMatch(tx, regionCode, normName, birthDate);
      personId = match
        ? match.id
        : (
            await repo.insertPerson(tx, {
              region_code: regionCode,
              last_name: p.lastName ?? '',
              first_name: p.firstName ?? '',
              patronymic: p.patronymic ?? null,
              norm_name: normName,
              birth_date: birthDate,
              gender: p.gender ?? null,
              phone: p.phone ?? null,
              address: p.address ?? null,
            })
          ).id;
    }
    const age = birthDate ? ageOn(birthDate, incidentDay) : (p.age ?? null);
    out.push({ personId, input: p, age });
  }
  return out;
}

/** Adds the people to the case and notifies the schools of present school-age children. */
async function attachPeople(tx: Tx, row: CaseRow, people: Resolved[], recordedAt: Date) {
  let notified = 0;
  for (const r of people) {
    const cp = await repo.addCasePerson(tx, {
      case_id: row.id,
      person_id: r.personId,
      role: r.input.role,
      was_present: r.input.wasPresent,
      school_id: r.input.schoolId ?? null,
      school_class: r.input.schoolClass ?? null,
    });
    const schoolAge = r.age !== null && r.age >= RULES.schoolAge.min && r.age <= RULES.schoolAge.max;
    if (r.input.role === 'child' && r.input.wasPresent && r.input.schoolId && schoolAge) {
      const school = await findSchool(tx, r.input.schoolId);
      await insertChildNotification(tx, {
        caseId: row.id,
        casePersonId: cp.id,
        schoolId: r.input.schoolId,
        regionCode: school?.region_code ?? row.region_code,
        recordedAt,
      });
      notified++;
    }
  }
  return notified;
}

/**
 * Takes in a case: people (found or new), address, what happened, legal qualification, first
 * actions; flags a repeat, sets the first-contact task, notifies schools of child witnesses. One
 * transaction; with an Idempotency-Key a repeated submission returns the case it created.
 */
export async function intakeCase(
  p: Platform,
  ctx: RequestContext,
  input: IntakeInput,
  opts: { idempotencyKey?: string | undefined } = {},
): Promise<{ detail: CaseDetail; replayed: boolean }> {
  requirePermission(ctx.actor, 'dv_cases.write');
  checkRegion(ctx.actor, input.regionCode);
  const caseId = randomUUID();
  return p.db.transaction().execute(async (tx) => {
    if (opts.idempotencyKey) {
      const claim = await repo.claimIdempotencyKey(tx, {
        actor: ctx.actor.userId ?? ctx.actor.username,
        key: opts.idempotencyKey,
        request_hash: hashRequest(input),
        case_id: caseId,
      });
      if (!claim.claimed) {
        if (claim.existing.request_hash !== hashRequest(input))
          throw new AppError('conflict', 'This Idempotency-Key was already used for a different submission', {
            params: { reason: 'idempotency_key_reused' },
          });
        return { detail: await readCaseDetail(tx, ctx, claim.existing.case_id), replayed: true };
      }
    }
    await checkLegalCode(tx, input.legalCode);
    const now = new Date();
    const occurredAt = new Date(input.occurredAt);
    const people = await resolvePeople(tx, ctx, input.regionCode, input.people, occurredAt);
    const normAddress = normaliseAddress(input.address);
    const code = await repo.nextCaseCode(tx, input.regionCode, Number(localDate(now).slice(0, 4)));
    const repeatOf = await repo.findRepeatSource(tx, {
      regionCode: input.regionCode,
      personIds: people.filter((x) => x.input.role !== 'child').map((x) => x.personId),
      normAddress,
      since: monthsBefore(occurredAt, RULES.repeatWindowMonths),
      excludeCaseId: caseId,
    });
    let row = await repo.insertCase(tx, {
      id: caseId,
      code,
      region_code: input.regionCode,
      source: input.source,
      address: input.address,
      norm_address: normAddress,
      legal_code: input.legalCode,
      risk_band: null,
      is_repeat: repeatOf !== null,
      repeat_of: repeatOf,
      last_incident_at: occurredAt,
      created_by: actorName(ctx.actor),
    });
    const incident = await repo.insertIncident(tx, {
      case_id: caseId,
      region_code: input.regionCode,
      occurred_at: occurredAt,
      source: input.source,
      address: input.address,
      norm_address: normAddress,
      narrative: input.narrative,
      legal_code: input.legalCode,
      first_actions: input.firstActions,
      created_by: actorName(ctx.actor),
    });
    const notified = await attachPeople(tx, row, people, now);
    if (ctx.actor.userId) await repo.addTeamMember(tx, caseId, ctx.actor.userId, 'creator');
    await createTask(tx, { caseId, regionCode: row.region_code, kind: 'first_contact', from: now, sourceKey: `first_contact:${caseId}` });
    await repo.addTimeline(tx, {
      case_id: caseId,
      kind: 'intake',
      summary: `Case ${code} taken in (${input.source})${repeatOf ? ', repeat within 12 months' : ''}`,
      actor: actorName(ctx.actor),
      details: { incidentId: incident.id, people: people.length, childrenNotified: notified },
      params: { code, source: input.source, isRepeat: Boolean(repeatOf) },
    });
    row = await escalateIfNeeded(tx, row, actorName(ctx.actor), now);
    await recordAudit(tx, ctx, {
      action: 'dv_case.create',
      resourceType: 'dv_case',
      resourceId: caseId,
      regionCode: row.region_code,
      details: { code, source: input.source, people: people.length, isRepeat: repeatOf !== null, childrenNotified: notified },
    });
    return { detail: await readCaseDetail(tx, ctx, caseId, { audit: false }), replayed: false };
  });
}

/** A new incident in a case: repeat flag, re-assessment task, school notifications, escalation. */
export async function addIncident(p: Platform, ctx: RequestContext, caseId: string, input: IncidentInput): Promise<CaseDetail> {
  requirePermission(ctx.actor, 'dv_cases.write');
  return p.db.transaction().execute(async (tx) => {
    const before = await repo.lockCase(tx, ctx.actor, caseId);
    if (!before) throw notFound('case');
    if (before.status === 'closed') throw new AppError('conflict', 'The case is closed: reopen it first');
    await checkLegalCode(tx, input.legalCode);
    const now = new Date();
    const occurredAt = new Date(input.occurredAt);
    const people = await resolvePeople(tx, ctx, before.region_code, input.people, occurredAt);
    const normAddress = normaliseAddress(input.address);
    const since = monthsBefore(occurredAt, RULES.repeatWindowMonths);
    const repeatWithin = new Date(before.last_incident_at) >= since;
    const incident = await repo.insertIncident(tx, {
      case_id: caseId,
      region_code: before.region_code,
      occurred_at: occurredAt,
      source: input.source,
      address: input.address,
      norm_address: normAddress,
      narrative: input.narrative,
      legal_code: input.legalCode,
      first_actions: input.firstActions,
      created_by: actorName(ctx.actor),
    });
    let row = await repo.touchCase(tx, caseId, {
      incident_count: before.incident_count + 1,
      last_incident_at: occurredAt > new Date(before.last_incident_at) ? occurredAt : before.last_incident_at,
      is_repeat: before.is_repeat || repeatWithin,
      ...(input.legalCode ? { legal_code: input.legalCode } : {}),
    });
    const notified = await attachPeople(tx, row, people, now);
    await createTask(tx, {
      caseId,
      regionCode: row.region_code,
      kind: 'reassessment',
      from: now,
      sourceKey: `reassessment:${incident.id}`,
    });
    await repo.addTimeline(tx, {
      case_id: caseId,
      kind: 'incident',
      summary: `New incident (${input.source})${repeatWithin ? ': repeat within 12 months' : ''}`,
      actor: actorName(ctx.actor),
      details: { incidentId: incident.id, childrenNotified: notified },
      params: { source: input.source, isRepeat: Boolean(repeatWithin) },
    });
    row = await escalateIfNeeded(tx, row, actorName(ctx.actor), now);
    await recordAudit(tx, ctx, {
      action: 'dv_case.incident',
      resourceType: 'dv_case',
      resourceId: caseId,
      regionCode: row.region_code,
      details: { incidentId: incident.id, isRepeat: row.is_repeat, childrenNotified: notified },
    });
    return readCaseDetail(tx, ctx, caseId, { audit: false });
  });
}
