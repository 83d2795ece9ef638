import { can, requirePermission, type Actor } from '../../kernel/access/actor.ts';
import { recordAudit } from '../../kernel/audit/audit.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import { readableCase } from './case-access.ts';
import { addTimeline } from './cases.repository.ts';
import { dayOrNull, iso } from './cases.presenter.ts';
import * as repo from './children.repository.ts';
import type { ChildNotificationView, SupportEntryInput } from './children.schema.ts';
import { actorName, fieldError } from './helpers.ts';
import { createTask } from './tasks.repository.ts';

const MESSAGE = {
  en: 'A pupil of your school may have witnessed violence at home and may need support today. Watch for changes and offer support with the school psychologist. Do not contact the parents or carers about this notification.',
  ru: 'Ученик вашей школы мог стать свидетелем насилия дома и сегодня может нуждаться в поддержке. Обратите внимание на его состояние и предложите помощь школьного психолога. Не связывайтесь с родителями или опекунами по поводу этого уведомления.',
  kk: 'Мектебіңіздің оқушысы үйде зорлық-зомбылыққа куә болған болуы мүмкін және бүгін қолдауды қажет етуі мүмкін. Оның жағдайын бақылап, мектеп психологымен бірге көмек ұсыныңыз. Осы хабарлама бойынша ата-анасымен немесе қамқоршыларымен байланыспаңыз.',
};

async function present(db: Executor, n: repo.NotificationView, canRecord: boolean, showCase = false): Promise<ChildNotificationView> {
  const entries = await repo.listSupport(db, n.id);
  return {
    id: n.id,
    child: { lastName: n.last_name, firstName: n.first_name, birthDate: dayOrNull(n.birth_date), schoolClass: n.school_class },
    school: { id: n.school_id, name: n.school_name },
    message: MESSAGE,
    contactParents: false,
    case: showCase ? { id: n.case_id, code: n.case_code } : null,
    visibleFrom: iso(n.visible_from),
    status: n.status,
    version: n.version,
    entries: entries.map((e) => ({
      id: e.id,
      kind: e.kind,
      text: e.text,
      helpTarget: e.help_target,
      createdBy: e.created_by,
      createdAt: iso(e.created_at),
    })),
    abilities: { canRecord },
  };
}

/** A school's notifications (only its own pupils', only once visible). Others have no inbox. */
export async function listNotifications(p: Platform, ctx: RequestContext, page: number, pageSize: number) {
  requirePermission(ctx.actor, 'dv_children.notify_read');
  return p.db.transaction().execute(async (tx) => {
    const schoolId = await repo.schoolOfActor(tx, ctx.actor);
    // Police (who can open their region's cases) see the region's notifications with the case.
    const asPolice = !schoolId && can(ctx.actor, 'dv_cases.read') && ctx.actor.regionCode !== null;
    if (!schoolId && !asPolice) return { items: [], total: 0, page, pageSize };
    const { rows, total } = schoolId
      ? await repo.findSchoolNotifications(tx, schoolId, page, pageSize)
      : await repo.findRegionNotifications(tx, ctx.actor, page, pageSize);
    if (rows.length)
      await recordAudit(tx, ctx, {
        action: 'child.list',
        resourceType: 'child_notification',
        regionCode: rows[0]!.region_code,
        details: { ids: rows.map((r) => r.id), schoolId, via: schoolId ? 'school' : 'case' },
      });
    const canRecord = Boolean(schoolId) && can(ctx.actor, 'dv_children.support');
    const items = await Promise.all(rows.map((r) => present(tx, r, canRecord, asPolice)));
    return { items, total, page, pageSize };
  });
}

/** The school of the child (once visible), or someone who can open the case: police see the child only through the case. */
async function access(
  db: Executor,
  actor: Actor,
  n: repo.NotificationView,
): Promise<{ via: 'school' | 'case'; purpose: string | null } | null> {
  const schoolId = await repo.schoolOfActor(db, actor);
  if (schoolId !== null)
    return schoolId === n.school_id && new Date(n.visible_from) <= new Date() ? { via: 'school', purpose: null } : null;
  const c = await readableCase(db, actor, n.case_id);
  return c ? { via: 'case', purpose: c.purpose } : null;
}

export async function getNotification(p: Platform, ctx: RequestContext, id: string): Promise<ChildNotificationView> {
  requirePermission(ctx.actor, 'dv_children.notify_read');
  return p.db.transaction().execute(async (tx) => {
    const n = await repo.findNotification(tx, id);
    const a = n ? await access(tx, ctx.actor, n) : null;
    if (!n || !a) throw notFound('notification');
    await recordAudit(tx, ctx, {
      action: 'child.read',
      resourceType: 'child_notification',
      resourceId: id,
      regionCode: n.region_code,
      purpose: a.purpose,
      details: { via: a.via },
    });
    return present(tx, n, a.via === 'school' && can(ctx.actor, 'dv_children.support'), a.via === 'case');
  });
}

/**
 * The school records what it sees and does: observations, the support plan with the school
 * psychologist, follow-ups, the outcome, or a request for more help (a task for the case team).
 */
export async function addSupportEntry(
  p: Platform,
  ctx: RequestContext,
  id: string,
  input: SupportEntryInput,
): Promise<ChildNotificationView> {
  requirePermission(ctx.actor, 'dv_children.support');
  if (input.kind === 'help_request' && !input.helpTarget)
    throw fieldError('body.helpTarget', 'Say which help is asked for (fsc or health)', 'required');
  return p.db.transaction().execute(async (tx) => {
    const n = await repo.findNotification(tx, id);
    const schoolId = await repo.schoolOfActor(tx, ctx.actor);
    if (!n || schoolId !== n.school_id || new Date(n.visible_from) > new Date()) throw notFound('notification');
    await tx
      .insertInto('dv_child_support')
      .values({
        notification_id: id,
        kind: input.kind,
        text: input.text,
        help_target: input.kind === 'help_request' ? (input.helpTarget ?? null) : null,
        created_by: actorName(ctx.actor),
      })
      .execute();
    const status = input.kind === 'outcome' ? 'closed' : input.kind === 'observation' && n.status !== 'new' ? n.status : 'supporting';
    await tx
      .updateTable('dv_child_notifications')
      .set((eb) => ({ status, version: eb('version', '+', 1), ...(n.acknowledged_at ? {} : { acknowledged_at: new Date() }) }))
      .where('id', '=', id)
      .execute();
    if (input.kind === 'help_request') {
      await createTask(tx, {
        caseId: n.case_id,
        regionCode: n.region_code,
        kind: 'school_help_request',
        from: new Date(),
        title: `A school asks for more help (${input.helpTarget})`,
        params: { helpTarget: input.helpTarget ?? null },
      });
      await addTimeline(tx, {
        case_id: n.case_id,
        kind: 'school_help_request',
        summary: `The school asks for more help for a child (${input.helpTarget})`,
        actor: actorName(ctx.actor),
        details: { notificationId: id },
        params: { helpTarget: input.helpTarget ?? null },
      });
    }
    await recordAudit(tx, ctx, {
      action: `child.${input.kind}`,
      resourceType: 'child_notification',
      resourceId: id,
      regionCode: n.region_code,
      details: { kind: input.kind },
    });
    return present(tx, (await repo.findNotification(tx, id))!, true);
  });
}
