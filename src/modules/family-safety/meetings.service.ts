import { sql } from 'kysely';
import { requirePermission } from '../../kernel/access/actor.ts';
import { regionScope } from '../../kernel/access/scope.ts';
import { recordAudit } from '../../kernel/audit/audit.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { paginate } from '../../kernel/db/paginate.ts';
import { notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import type { z } from 'zod';
import { addTimeline } from './cases.repository.ts';
import { day, iso, parseJson } from './cases.presenter.ts';
import { actorName, checkRegion, fieldError, localDate, staleVersion } from './helpers.ts';
import { completeTasks } from './tasks.repository.ts';
import type { MeetingActionInputSchema, MeetingInputSchema, MeetingUpdateSchema } from './workflows.schema.ts';

async function load(db: Executor, id: string) {
  const m = await db.selectFrom('dv_meetings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!m) return null;
  const [cases, actions] = await Promise.all([
    db
      .selectFrom('dv_meeting_cases as mc')
      .innerJoin('dv_cases as c', 'c.id', 'mc.case_id')
      .select(['c.id', 'c.code', 'c.risk_band'])
      .where('mc.meeting_id', '=', id)
      .orderBy('c.code')
      .execute(),
    db.selectFrom('dv_meeting_actions').selectAll().where('meeting_id', '=', id).orderBy('due_on').orderBy('id').execute(),
  ]);
  const today = localDate(new Date());
  return {
    id: m.id,
    regionCode: m.region_code,
    scheduledAt: iso(m.scheduled_at),
    status: m.status,
    agenda: m.agenda,
    participants: parseJson<{ agency: string; name: string }[]>(m.participants),
    minutes: m.minutes,
    version: m.version,
    cases: cases.map((c) => ({ id: c.id, code: c.code, riskBand: c.risk_band })),
    actions: actions.map((a) => ({
      id: a.id,
      caseId: a.case_id,
      description: a.description,
      ownerAgency: a.owner_agency,
      ownerName: a.owner_name,
      dueOn: day(a.due_on),
      status: a.status,
      followUp: a.follow_up,
      isOverdue: a.status === 'open' && day(a.due_on) < today,
    })),
  };
}

/** A multi-agency risk meeting for high-risk cases of one region: agenda, participants per agency. */
export async function createMeeting(p: Platform, ctx: RequestContext, input: z.infer<typeof MeetingInputSchema>) {
  requirePermission(ctx.actor, 'dv_cases.write');
  checkRegion(ctx.actor, input.regionCode);
  return p.db.transaction().execute(async (tx) => {
    const found = await tx
      .selectFrom('dv_cases')
      .select(['id', 'region_code'])
      .where('id', 'in', input.caseIds)
      .where('region_code', '=', input.regionCode)
      .execute();
    if (found.length !== new Set(input.caseIds).size)
      throw fieldError('body.caseIds', 'Every case must be of the meeting region', 'unknown_case');
    const m = await tx
      .insertInto('dv_meetings')
      .values({
        region_code: input.regionCode,
        scheduled_at: new Date(input.scheduledAt),
        agenda: input.agenda,
        participants: JSON.stringify(input.participants),
        created_by: actorName(ctx.actor),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('dv_meeting_cases')
      .values(found.map((c) => ({ meeting_id: m.id, case_id: c.id })))
      .execute();
    await tx
      .updateTable('dv_cases')
      .set({ escalation: 'meeting_scheduled', version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
      .where(
        'id',
        'in',
        found.map((c) => c.id),
      )
      .execute();
    for (const c of found) {
      await completeTasks(tx, c.id, 'risk_meeting', actorName(ctx.actor));
      await addTimeline(tx, {
        case_id: c.id,
        kind: 'meeting_scheduled',
        summary: `On the agenda of the risk meeting of ${input.scheduledAt.slice(0, 10)}`,
        actor: actorName(ctx.actor),
        details: { meetingId: m.id },
        params: { date: input.scheduledAt.slice(0, 10) },
      });
    }
    await recordAudit(tx, ctx, {
      action: 'dv_meeting.create',
      resourceType: 'dv_meeting',
      resourceId: m.id,
      regionCode: input.regionCode,
      details: { cases: found.length, participants: input.participants.length },
    });
    return (await load(tx, m.id))!;
  });
}

async function scoped(db: Executor, ctx: RequestContext, id: string) {
  const m = await db
    .selectFrom('dv_meetings')
    .select(['id', 'region_code', 'version'])
    .where('id', '=', id)
    .where(regionScope(ctx.actor, 'region_code'))
    .executeTakeFirst();
  if (!m) throw notFound('meeting');
  return m;
}

export async function getMeeting(p: Platform, ctx: RequestContext, id: string) {
  requirePermission(ctx.actor, 'dv_cases.read');
  await scoped(p.db, ctx, id);
  return (await load(p.db, id))!;
}

export async function listMeetings(p: Platform, ctx: RequestContext, q: { region?: string | undefined; page: number; pageSize: number }) {
  requirePermission(ctx.actor, 'dv_cases.read');
  let query = p.db.selectFrom('dv_meetings').select('id').where(regionScope(ctx.actor, 'region_code'));
  if (q.region) query = query.where('region_code', '=', q.region);
  const { rows, total } = await paginate(query.orderBy('scheduled_at', 'desc').orderBy('id'), q.page, q.pageSize);
  const items = await Promise.all(rows.map(async (r) => (await load(p.db, r.id))!));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function updateMeeting(p: Platform, ctx: RequestContext, id: string, input: z.infer<typeof MeetingUpdateSchema>) {
  requirePermission(ctx.actor, 'dv_cases.write');
  return p.db.transaction().execute(async (tx) => {
    const before = await scoped(tx, ctx, id);
    const r = await tx
      .updateTable('dv_meetings')
      .set({
        ...(input.status ? { status: input.status } : {}),
        ...(input.minutes !== undefined ? { minutes: input.minutes } : {}),
        version: sql<number>`version + 1`,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .returning('id')
      .executeTakeFirst();
    if (!r) throw staleVersion('meeting', input.version, before.version);
    await recordAudit(tx, ctx, {
      action: 'dv_meeting.update',
      resourceType: 'dv_meeting',
      resourceId: id,
      regionCode: before.region_code,
      details: { status: input.status },
    });
    return (await load(tx, id))!;
  });
}

/** An action agreed at the meeting: what, which agency and person owns it, by when. */
export async function addMeetingAction(p: Platform, ctx: RequestContext, id: string, input: z.infer<typeof MeetingActionInputSchema>) {
  requirePermission(ctx.actor, 'dv_cases.write');
  return p.db.transaction().execute(async (tx) => {
    const m = await scoped(tx, ctx, id);
    if (
      input.caseId &&
      !(await tx
        .selectFrom('dv_meeting_cases')
        .select('case_id')
        .where('meeting_id', '=', id)
        .where('case_id', '=', input.caseId)
        .executeTakeFirst())
    )
      throw fieldError('body.caseId', 'The case is not on this meeting agenda', 'not_on_agenda');
    const a = await tx
      .insertInto('dv_meeting_actions')
      .values({
        meeting_id: id,
        case_id: input.caseId,
        description: input.description,
        owner_agency: input.ownerAgency,
        owner_name: input.ownerName,
        due_on: input.dueOn,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.caseId)
      await addTimeline(tx, {
        case_id: input.caseId,
        kind: 'meeting_action',
        summary: `Meeting action for ${input.ownerAgency}, due ${input.dueOn}`,
        actor: actorName(ctx.actor),
        details: { meetingId: id, actionId: a.id },
        params: { agency: input.ownerAgency, dueOn: input.dueOn },
      });
    await recordAudit(tx, ctx, {
      action: 'dv_meeting.action',
      resourceType: 'dv_meeting',
      resourceId: id,
      regionCode: m.region_code,
      details: { actionId: a.id },
    });
    return (await load(tx, id))!;
  });
}

export async function followUpAction(p: Platform, ctx: RequestContext, actionId: string, input: { status: string; followUp: string }) {
  requirePermission(ctx.actor, 'dv_cases.write');
  return p.db.transaction().execute(async (tx) => {
    const a = await tx.selectFrom('dv_meeting_actions').select(['id', 'meeting_id']).where('id', '=', actionId).executeTakeFirst();
    if (!a) throw notFound('action');
    const m = await scoped(tx, ctx, a.meeting_id);
    await tx
      .updateTable('dv_meeting_actions')
      .set({ status: input.status, follow_up: input.followUp, updated_at: sql<Date>`now()` })
      .where('id', '=', actionId)
      .execute();
    await recordAudit(tx, ctx, {
      action: 'dv_meeting.follow_up',
      resourceType: 'dv_meeting',
      resourceId: m.id,
      regionCode: m.region_code,
      details: { actionId, status: input.status },
    });
    return (await load(tx, m.id))!;
  });
}
