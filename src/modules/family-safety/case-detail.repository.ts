import type { Executor } from '../../kernel/db/database.ts';
import './family-safety.tables.ts';
import { teamOfCase } from './staff-directory.repository.ts';

/** Everything the case page shows, read in a handful of indexed queries. */
export async function loadCaseParts(db: Executor, caseId: string, repeatOf: string | null) {
  const [people, incidents, assessments, measures, referrals, notifications, tasks, repeat, team, attachments] = await Promise.all([
    db
      .selectFrom('dv_case_people as cp')
      .innerJoin('dv_persons as p', 'p.id', 'cp.person_id')
      .select([
        'cp.id',
        'cp.person_id',
        'cp.role',
        'cp.was_present',
        'cp.school_id',
        'cp.school_class',
        'p.last_name',
        'p.first_name',
        'p.patronymic',
        'p.birth_date',
        'p.gender',
        'p.phone',
        'p.address',
      ])
      .where('cp.case_id', '=', caseId)
      .orderBy('cp.created_at')
      .orderBy('cp.id')
      .execute(),
    db.selectFrom('dv_incidents').selectAll().where('case_id', '=', caseId).orderBy('occurred_at').execute(),
    db.selectFrom('dv_assessments').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('dv_measures').selectAll().where('case_id', '=', caseId).orderBy('starts_on').execute(),
    db
      .selectFrom('dv_referrals as r')
      .innerJoin('dv_providers as pr', 'pr.id', 'r.provider_id')
      .select(['r.id', 'r.status', 'r.person_id', 'pr.name'])
      .where('r.case_id', '=', caseId)
      .orderBy('r.created_at')
      .execute(),
    db.selectFrom('dv_child_notifications').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute(),
    db.selectFrom('dv_tasks').selectAll().where('case_id', '=', caseId).orderBy('due_at').execute(),
    repeatOf ? db.selectFrom('dv_cases').select('code').where('id', '=', repeatOf).executeTakeFirst() : Promise.resolve(undefined),
    teamOfCase(db, caseId),
    db.selectFrom('dv_attachments').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute(),
  ]);
  return {
    people,
    incidents,
    assessments,
    measures,
    referrals,
    notifications,
    tasks,
    team,
    attachments,
    repeatOfCode: repeat?.code ?? null,
  };
}
export type CaseParts = Awaited<ReturnType<typeof loadCaseParts>>;
