import { sql } from 'kysely';
import type { Actor } from '../../kernel/access/actor.ts';
import { regionScope } from '../../kernel/access/scope.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { paginate } from '../../kernel/db/paginate.ts';
import { RULES, taskDueAt, type TaskKind } from './rules.ts';
import './family-safety.tables.ts';

/** Creates a task with the deadline its kind has in the rules; a repeated source key is ignored. */
export async function createTask(
  db: Executor,
  v: {
    caseId: string | null;
    regionCode: string;
    kind: TaskKind;
    from: Date;
    sourceKey?: string;
    title?: string;
    params?: Record<string, string | number | boolean | null>;
  },
) {
  await db
    .insertInto('dv_tasks')
    .values({
      case_id: v.caseId,
      region_code: v.regionCode,
      kind: v.kind,
      title: v.title ?? RULES.taskDeadlines[v.kind].title,
      due_at: taskDueAt(v.kind, v.from),
      source_key: v.sourceKey ?? null,
      params: JSON.stringify(v.params ?? {}),
    })
    .onConflict((oc) => oc.column('source_key').doNothing())
    .execute();
}

export async function completeTasks(db: Executor, caseId: string, kind: TaskKind, by: string) {
  await db
    .updateTable('dv_tasks')
    .set({ status: 'done', done_at: sql<Date>`now()`, done_by: by })
    .where('case_id', '=', caseId)
    .where('kind', '=', kind)
    .where('status', '=', 'open')
    .execute();
}

export function findTasks(db: Executor, actor: Actor, f: { overdue?: boolean; status?: string; page: number; pageSize: number }) {
  let q = db
    .selectFrom('dv_tasks as t')
    .leftJoin('dv_cases as c', 'c.id', 't.case_id')
    .where(regionScope(actor, 't.region_code'))
    .select([
      't.id',
      't.case_id',
      'c.code as case_code',
      't.region_code',
      't.kind',
      't.title',
      't.params',
      't.due_at',
      't.status',
      't.done_at',
      't.done_by',
    ]);
  if (f.status) q = q.where('t.status', '=', f.status);
  if (f.overdue) q = q.where('t.status', '=', 'open').where('t.due_at', '<', sql<Date>`now()`);
  return paginate(q.orderBy('t.due_at').orderBy('t.id'), f.page, f.pageSize);
}

export function completeTaskById(db: Executor, actor: Actor, id: string, by: string) {
  return db
    .updateTable('dv_tasks')
    .set({ status: 'done', done_at: sql<Date>`now()`, done_by: by })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .where(regionScope(actor, 'region_code'))
    .returningAll()
    .executeTakeFirst();
}
