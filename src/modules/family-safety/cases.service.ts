import { findAccountFacts } from '../identity/index.ts';
import { requirePermission } from '../../kernel/access/actor.ts';
import { recordAudit } from '../../kernel/audit/audit.ts';
import type { Executor, Tx } from '../../kernel/db/database.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import { readableCase } from './case-access.ts';
import { loadCaseParts } from './case-detail.repository.ts';
import * as repo from './cases.repository.ts';
import { dayOrNull, iso, parseJson, presentCaseDetail, presentCaseListItem, taskParams } from './cases.presenter.ts';
import type { CaseDetail, CaseQuery, SearchQuery, UpdateCaseInput } from './cases.schema.ts';
import { actorName, checkLegalCode, fieldError, staleVersion } from './helpers.ts';
import { normaliseAddress, normaliseName } from './normalise.ts';
import { RULES } from './rules.ts';
import { completeTasks } from './tasks.repository.ts';

/**
 * The case page for the caller, or "not found". Every view is audited (`dv_case.read`), with the
 * break-the-glass reason as purpose when the caller reached it through a grant.
 */
export async function readCaseDetail(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  opts: { audit?: boolean; view?: string } = {},
): Promise<CaseDetail> {
  const access = await readableCase(tx, ctx.actor, id);
  if (!access) throw notFound('case');
  if (opts.audit !== false)
    await recordAudit(tx, ctx, {
      action: 'dv_case.read',
      resourceType: 'dv_case',
      resourceId: id,
      regionCode: access.row.region_code,
      purpose: access.purpose,
      details: { via: access.via, view: opts.view ?? 'case' },
    });
  const parts = await loadCaseParts(tx, id, access.row.repeat_of);
  return presentCaseDetail(access, parts, ctx.actor);
}

export async function getCase(p: Platform, ctx: RequestContext, id: string): Promise<CaseDetail> {
  requirePermission(ctx.actor, 'dv_cases.read');
  return p.db.transaction().execute((tx) => readCaseDetail(tx, ctx, id));
}

/** Region-scoped list, newest first; outside the case team the list shows codes, not names. */
export async function listCases(p: Platform, ctx: RequestContext, q: CaseQuery) {
  requirePermission(ctx.actor, 'dv_cases.read');
  const { rows, total } = await repo.findCases(p.db, ctx.actor, q);
  return { items: rows.map(presentCaseListItem), total, page: q.page, pageSize: q.pageSize };
}

async function lockWritable(tx: Tx, ctx: RequestContext, id: string) {
  const row = await repo.lockCase(tx, ctx.actor, id);
  if (!row) throw notFound('case');
  return row;
}

/** Closes or reopens a case, or changes its legal qualification; stale versions answer 409. */
export async function updateCase(p: Platform, ctx: RequestContext, id: string, input: UpdateCaseInput): Promise<CaseDetail> {
  requirePermission(ctx.actor, 'dv_cases.write');
  return p.db.transaction().execute(async (tx) => {
    const before = await lockWritable(tx, ctx, id);
    if (input.status === 'closed' && !input.closedReason && before.status !== 'closed')
      throw fieldError('body.closedReason', 'Say why the case is closed', 'closed_reason_required');
    if (input.legalCode !== undefined) await checkLegalCode(tx, input.legalCode);
    const row = await repo.updateCaseVersioned(tx, id, input.version, {
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.status === 'closed' ? { closed_reason: input.closedReason ?? before.closed_reason } : {}),
      ...(input.status === 'closed' && before.status !== 'closed' ? { closed_at: new Date() } : {}),
      ...(input.status === 'open' ? { closed_reason: null, closed_at: null } : {}),
      ...(input.legalCode !== undefined ? { legal_code: input.legalCode } : {}),
    });
    if (!row) throw staleVersion('case', input.version, before.version);
    const changed = { status: input.status, legalCode: input.legalCode };
    await repo.addTimeline(tx, {
      case_id: id,
      kind: 'updated',
      summary: `Case updated`,
      actor: actorName(ctx.actor),
      details: changed,
      params: { status: input.status ?? null, legalCode: input.legalCode ?? null },
    });
    await recordAudit(tx, ctx, {
      action: 'dv_case.update',
      resourceType: 'dv_case',
      resourceId: id,
      regionCode: row.region_code,
      details: { version: row.version, from: { status: before.status, legalCode: before.legal_code }, to: changed },
    });
    return readCaseDetail(tx, ctx, id, { audit: false });
  });
}

/** Persons by normalised name (+ birth date) and cases by normalised address, before creating new ones. */
export async function searchBeforeIntake(p: Platform, ctx: RequestContext, q: SearchQuery) {
  requirePermission(ctx.actor, 'dv_cases.write');
  return p.db.transaction().execute(async (tx) => {
    const persons =
      q.lastName && q.firstName ? await repo.searchPersons(tx, ctx.actor, normaliseName(q.lastName, q.firstName), q.birthDate) : [];
    const links = await repo.casesOfPersons(
      tx,
      persons.map((x) => x.id),
    );
    const atAddress = q.address ? await repo.searchCasesByAddress(tx, ctx.actor, normaliseAddress(q.address)) : [];
    await recordAudit(tx, ctx, {
      action: 'dv_person.search',
      resourceType: 'dv_person',
      regionCode: ctx.actor.regionCode,
      details: {
        byName: Boolean(q.lastName),
        byBirthDate: Boolean(q.birthDate),
        byAddress: Boolean(q.address),
        persons: persons.length,
        cases: atAddress.length,
      },
    });
    return {
      persons: persons.map((x) => ({
        personId: x.id,
        lastName: x.last_name,
        firstName: x.first_name,
        patronymic: x.patronymic,
        birthDate: dayOrNull(x.birth_date),
        cases: links.filter((l) => l.person_id === x.id).map((l) => ({ id: l.id, code: l.code, role: l.role })),
      })),
      casesAtAddress: atAddress.map((c) => ({ id: c.id, code: c.code, lastIncidentAt: iso(c.last_incident_at), status: c.status })),
    };
  });
}

/** Everything that happened in the case, oldest first (a view of the case: audited). */
export async function caseTimeline(p: Platform, ctx: RequestContext, id: string, page: number, pageSize: number) {
  requirePermission(ctx.actor, 'dv_cases.read');
  return p.db.transaction().execute(async (tx) => {
    const access = await readableCase(tx, ctx.actor, id);
    if (!access) throw notFound('case');
    await recordAudit(tx, ctx, {
      action: 'dv_case.read',
      resourceType: 'dv_case',
      resourceId: id,
      regionCode: access.row.region_code,
      purpose: access.purpose,
      details: { via: access.via, view: 'timeline' },
    });
    const { rows, total } = await repo.listTimeline(tx, id, page, pageSize);
    return {
      items: rows.map((e) => ({
        id: e.id,
        at: iso(e.at),
        kind: e.kind,
        summary: e.summary,
        params: taskParams(e.params),
        actor: e.actor,
        details: parseJson<Record<string, unknown>>(e.details),
      })),
      total,
      page,
      pageSize,
    };
  });
}

/**
 * Break the glass: a time-limited grant (rules: breakGlassHours) to read one case outside the
 * caller's scope, for a stated reason. The grant and every read through it are audited.
 */
export async function breakGlass(p: Platform, ctx: RequestContext, id: string, reason: string) {
  requirePermission(ctx.actor, 'dv_cases.break_glass');
  requirePermission(ctx.actor, 'dv_cases.read');
  if (!ctx.actor.userId) throw new AppError('forbidden', 'Only a person can break the glass');
  const userId = ctx.actor.userId;
  return p.db.transaction().execute(async (tx) => {
    const row = await repo.findCaseById(tx, id);
    if (!row) throw notFound('case');
    const expiresAt = new Date(Date.now() + RULES.breakGlassHours * 3_600_000);
    const grant = await repo.insertGrant(tx, { case_id: id, user_id: userId, reason, expires_at: expiresAt });
    await repo.addTimeline(tx, {
      case_id: id,
      kind: 'access_granted',
      summary: `Out-of-scope access for ${RULES.breakGlassHours} h`,
      actor: actorName(ctx.actor),
      details: { grantId: grant.id, reason },
      params: { hours: RULES.breakGlassHours },
    });
    await recordAudit(tx, ctx, {
      action: 'dv_case.break_glass',
      resourceType: 'dv_case',
      resourceId: id,
      regionCode: row.region_code,
      purpose: reason,
      details: { grantId: grant.id, expiresAt: expiresAt.toISOString(), actorRegion: ctx.actor.regionCode },
    });
    return { grantId: grant.id, caseId: id, expiresAt: expiresAt.toISOString(), reason };
  });
}

async function userInRegion(db: Executor, userId: string, regionCode: string) {
  const user = await findAccountFacts(db, userId);
  return user && user.is_active && user.region_code === regionCode ? { id: user.id, role: user.role } : undefined;
}

/** Assigns the case to an officer of the region's specialised unit (who joins the case team). */
export async function assignCase(
  p: Platform,
  ctx: RequestContext,
  id: string,
  input: { version: number; userId: string },
): Promise<CaseDetail> {
  requirePermission(ctx.actor, 'dv_cases.write');
  return p.db.transaction().execute(async (tx) => {
    const before = await lockWritable(tx, ctx, id);
    const user = await userInRegion(tx, input.userId, before.region_code);
    if (!user || user.role !== 'dv_police_officer')
      throw fieldError('body.userId', "Assign to an officer of the region's specialised unit", 'not_in_unit');
    const row = await repo.updateCaseVersioned(tx, id, input.version, { assigned_to: user.id });
    if (!row) throw staleVersion('case', input.version, before.version);
    await repo.addTeamMember(tx, id, user.id, 'assignee');
    await repo.addTimeline(tx, {
      case_id: id,
      kind: 'assigned',
      summary: 'Case assigned',
      actor: actorName(ctx.actor),
      details: { userId: user.id },
    });
    await recordAudit(tx, ctx, {
      action: 'dv_case.assign',
      resourceType: 'dv_case',
      resourceId: id,
      regionCode: row.region_code,
      details: { userId: user.id },
    });
    return readCaseDetail(tx, ctx, id, { audit: false });
  });
}

/** Records the first contact with the victim and completes the first-contact task. */
export async function recordFirstContact(
  p: Platform,
  ctx: RequestContext,
  id: string,
  input: { version: number; at: string; note: string },
) {
  requirePermission(ctx.actor, 'dv_cases.write');
  return p.db.transaction().execute(async (tx) => {
    const before = await lockWritable(tx, ctx, id);
    const at = new Date(input.at);
    if (at < new Date(before.created_at) && at < new Date(before.last_incident_at))
      throw fieldError('body.at', 'First contact before the incident', 'date_before_incident');
    const row = await repo.updateCaseVersioned(tx, id, input.version, { first_contact_at: at });
    if (!row) throw staleVersion('case', input.version, before.version);
    await completeTasks(tx, id, 'first_contact', actorName(ctx.actor));
    await repo.addTimeline(tx, {
      case_id: id,
      kind: 'first_contact',
      summary: 'First contact with the victim',
      actor: actorName(ctx.actor),
      details: { at: at.toISOString(), note: input.note },
      params: { at: at.toISOString() },
    });
    await recordAudit(tx, ctx, {
      action: 'dv_case.first_contact',
      resourceType: 'dv_case',
      resourceId: id,
      regionCode: row.region_code,
      details: { at: at.toISOString() },
    });
    return readCaseDetail(tx, ctx, id, { audit: false });
  });
}
