import { requirePermission, SYSTEM_ACTOR } from '../../kernel/access/actor.ts';
import { recordAudit } from '../../kernel/audit/audit.ts';
import { notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import { addTimeline } from './cases.repository.ts';
import { day, iso, isoOrNull, taskParams } from './cases.presenter.ts';
import { actorName, localDate } from './helpers.ts';
import { RULES } from './rules.ts';
import { completeTaskById, createTask, findTasks } from './tasks.repository.ts';

export async function listTasks(
  p: Platform,
  ctx: RequestContext,
  q: { overdue?: 'true' | 'false' | undefined; status?: string | undefined; page: number; pageSize: number },
) {
  requirePermission(ctx.actor, 'dv_cases.read');
  const { rows, total } = await findTasks(p.db, ctx.actor, {
    overdue: q.overdue === 'true',
    ...(q.status ? { status: q.status } : {}),
    page: q.page,
    pageSize: q.pageSize,
  });
  const now = Date.now();
  return {
    items: rows.map((t) => ({
      id: t.id,
      caseId: t.case_id,
      caseCode: t.case_code,
      regionCode: t.region_code,
      kind: t.kind,
      title: t.title,
      params: taskParams(t.params),
      dueAt: iso(t.due_at),
      status: t.status,
      isOverdue: t.status === 'open' && new Date(t.due_at).getTime() < now,
      doneAt: isoOrNull(t.done_at),
      doneBy: t.done_by,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function completeTask(p: Platform, ctx: RequestContext, id: string) {
  requirePermission(ctx.actor, 'dv_cases.write');
  return p.db.transaction().execute(async (tx) => {
    const t = await completeTaskById(tx, ctx.actor, id, actorName(ctx.actor));
    if (!t) throw notFound('open task');
    if (t.case_id)
      await addTimeline(tx, {
        case_id: t.case_id,
        kind: 'task_done',
        summary: `Done: ${t.title}`,
        actor: actorName(ctx.actor),
        details: { taskId: t.id },
        params: { taskKind: t.kind, ...taskParams(t.params) },
      });
    await recordAudit(tx, ctx, {
      action: 'dv_task.complete',
      resourceType: 'dv_task',
      resourceId: t.id,
      regionCode: t.region_code,
      details: { kind: t.kind },
    });
    return { id: t.id, status: t.status };
  });
}

/**
 * The daily job: measures ending within the rules' notice period get a reminder task (once), measures
 * past their end become expired, and the open overdue tasks are counted for the log.
 */
export async function runDailyFamilySafety(p: Platform, now = new Date()) {
  const today = localDate(now);
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + RULES.taskDeadlines.measure_expiry.daysBefore * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return p.db.transaction().execute(async (tx) => {
    const ending = await tx
      .selectFrom('dv_measures')
      .selectAll()
      .where('status', '=', 'active')
      .where('ends_on', '<=', horizon)
      .where('ends_on', '>=', today)
      .execute();
    for (const m of ending)
      await createTask(tx, {
        caseId: m.case_id,
        regionCode: m.region_code,
        kind: 'measure_expiry',
        from: now,
        sourceKey: `measure_expiry:${m.id}`,
        title: `${RULES.taskDeadlines.measure_expiry.title} (${day(m.ends_on)})`,
        params: { endsOn: day(m.ends_on) },
      });
    const expired = await tx
      .updateTable('dv_measures')
      .set({ status: 'expired' })
      .where('status', '=', 'active')
      .where('ends_on', '<', today)
      .returning(['id', 'case_id', 'region_code'])
      .execute();
    for (const m of expired)
      await addTimeline(tx, {
        case_id: m.case_id,
        kind: 'measure_expired',
        summary: 'Protective measure ended',
        actor: 'system',
        details: { measureId: m.id },
      });
    const overdue = await tx
      .selectFrom('dv_tasks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'open')
      .where('due_at', '<', now)
      .executeTakeFirstOrThrow();
    const summary = { remindersChecked: ending.length, expired: expired.length, overdueTasks: Number(overdue.n) };
    await recordAudit(
      tx,
      { actor: { ...SYSTEM_ACTOR, username: 'family-safety.daily' } },
      { action: 'dv_job.daily', resourceType: 'job', details: summary },
    );
    return summary;
  });
}
