import { sql } from 'kysely';
import type { Actor } from '../../kernel/access/actor.ts';
import { regionScope } from '../../kernel/access/scope.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { paginate } from '../../kernel/db/paginate.ts';
import type { ReferralQuery } from './referrals.schema.ts';
import './family-safety.tables.ts';

const RECEIVER_ROLES = new Set(['fsc_worker', 'ngo_worker', 'health_worker']);

/** The centre or organisation a receiving worker belongs to (only receiving roles count). */
export async function providerOfActor(db: Executor, actor: Actor): Promise<string | null> {
  if (!actor.userId || !RECEIVER_ROLES.has(actor.role)) return null;
  const r = await db.selectFrom('dv_staff_links').select('provider_id').where('user_id', '=', actor.userId).executeTakeFirst();
  return r?.provider_id ?? null;
}

function base(db: Executor) {
  return db
    .selectFrom('dv_referrals as r')
    .innerJoin('dv_cases as c', 'c.id', 'r.case_id')
    .innerJoin('dv_persons as p', 'p.id', 'r.person_id')
    .innerJoin('dv_providers as pr', 'pr.id', 'r.provider_id')
    .selectAll('r')
    .select([
      'c.code as case_code',
      'c.risk_band',
      'p.last_name',
      'p.first_name',
      'p.phone',
      'p.address',
      'pr.name as provider_name',
      'pr.kind as provider_kind',
    ]);
}

/** Senders see their region's referrals; receivers the ones sent to their organisation. */
export function findReferrals(db: Executor, actor: Actor, providerId: string | null, f: ReferralQuery) {
  let q = base(db);
  q = providerId
    ? q.where('r.provider_id', '=', providerId).where('r.status', '<>', 'draft')
    : q.where(regionScope(actor, 'r.region_code'));
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.overdue === 'true') q = q.where('r.due_at', '<', sql<Date>`now()`).where('r.status', 'not in', ['draft', 'rejected', 'closed']);
  return paginate(q.orderBy('r.created_at', 'desc').orderBy('r.id'), f.page, f.pageSize);
}
export type ReferralFullRow = Awaited<ReturnType<typeof findReferrals>>['rows'][number];

export function findReferral(db: Executor, id: string) {
  return base(db).where('r.id', '=', id).executeTakeFirst();
}

export function lockReferral(db: Executor, id: string) {
  return db.selectFrom('dv_referrals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function referralExtras(db: Executor, caseId: string) {
  return Promise.all([
    db.selectFrom('dv_incidents').select('narrative').where('case_id', '=', caseId).orderBy('occurred_at').execute(),
    db
      .selectFrom('dv_case_people as cp')
      .innerJoin('dv_persons as p', 'p.id', 'cp.person_id')
      .select(['p.last_name', 'p.first_name', 'p.birth_date'])
      .where('cp.case_id', '=', caseId)
      .where('cp.role', '=', 'child')
      .execute(),
  ]);
}
