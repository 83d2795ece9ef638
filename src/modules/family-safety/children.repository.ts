import { sql } from 'kysely';
import type { Actor } from '../../kernel/access/actor.ts';
import { regionScope } from '../../kernel/access/scope.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { paginate } from '../../kernel/db/paginate.ts';
import { nextSchoolDayStart } from './school-calendar.ts';
import './family-safety.tables.ts';

export function findSchool(db: Executor, id: string) {
  return db.selectFrom('dv_schools').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Tells the child's school, visible from the start of the next school day: minimal content, no
 * incident details, and the school is told not to contact the parents.
 */
export function insertChildNotification(
  db: Executor,
  v: { caseId: string; casePersonId: string; schoolId: string; regionCode: string; recordedAt: Date },
) {
  return db
    .insertInto('dv_child_notifications')
    .values({
      case_id: v.caseId,
      case_person_id: v.casePersonId,
      school_id: v.schoolId,
      region_code: v.regionCode,
      visible_from: nextSchoolDayStart(v.recordedAt),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The school a school contact is linked to (only school_contact accounts count). */
export async function schoolOfActor(db: Executor, actor: Actor): Promise<string | null> {
  if (!actor.userId || actor.role !== 'school_contact') return null;
  const r = await db
    .selectFrom('dv_staff_links as l')
    .innerJoin('dv_schools as s', 's.id', 'l.school_id')
    .select(['l.school_id', 's.region_code'])
    .where('l.user_id', '=', actor.userId)
    .executeTakeFirst();
  if (!r || (actor.regionCode !== null && r.region_code !== actor.regionCode)) return null;
  return r.school_id;
}

const notificationColumns = [
  'n.id',
  'n.case_id',
  'n.school_id',
  'n.region_code',
  'n.visible_from',
  'n.status',
  'n.acknowledged_at',
  'n.version',
  'n.created_at',
  'p.last_name',
  'p.first_name',
  'p.birth_date',
  'cp.school_class',
  's.name as school_name',
  'c.code as case_code',
] as const;

/** A school's notifications that are already visible (visible_from has passed). */
export function findSchoolNotifications(db: Executor, schoolId: string, page: number, pageSize: number) {
  const q = db
    .selectFrom('dv_child_notifications as n')
    .innerJoin('dv_case_people as cp', 'cp.id', 'n.case_person_id')
    .innerJoin('dv_persons as p', 'p.id', 'cp.person_id')
    .innerJoin('dv_schools as s', 's.id', 'n.school_id')
    .innerJoin('dv_cases as c', 'c.id', 'n.case_id')
    .select(notificationColumns)
    .where('n.school_id', '=', schoolId)
    .where('n.visible_from', '<=', sql<Date>`now()`)
    .orderBy('n.visible_from', 'desc')
    .orderBy('n.id');
  return paginate(q, page, pageSize);
}

export function findNotification(db: Executor, id: string) {
  return db
    .selectFrom('dv_child_notifications as n')
    .innerJoin('dv_case_people as cp', 'cp.id', 'n.case_person_id')
    .innerJoin('dv_persons as p', 'p.id', 'cp.person_id')
    .innerJoin('dv_schools as s', 's.id', 'n.school_id')
    .innerJoin('dv_cases as c', 'c.id', 'n.case_id')
    .select(notificationColumns)
    .where('n.id', '=', id)
    .executeTakeFirst();
}
export type NotificationView = NonNullable<Awaited<ReturnType<typeof findNotification>>>;

export function listSupport(db: Executor, notificationId: string) {
  return db
    .selectFrom('dv_child_support')
    .selectAll()
    .where('notification_id', '=', notificationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Police: the notifications of their region's cases, newest first (each row links to its case). */
export function findRegionNotifications(db: Executor, actor: Actor, page: number, pageSize: number) {
  const q = db
    .selectFrom('dv_child_notifications as n')
    .innerJoin('dv_case_people as cp', 'cp.id', 'n.case_person_id')
    .innerJoin('dv_persons as p', 'p.id', 'cp.person_id')
    .innerJoin('dv_schools as s', 's.id', 'n.school_id')
    .innerJoin('dv_cases as c', 'c.id', 'n.case_id')
    .select(notificationColumns)
    .where(regionScope(actor, 'n.region_code'))
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id');
  return paginate(q, page, pageSize);
}
