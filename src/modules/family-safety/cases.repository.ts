import { sql, type Insertable } from 'kysely';
import type { Actor } from '../../kernel/access/actor.ts';
import { regionScope } from '../../kernel/access/scope.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { paginate } from '../../kernel/db/paginate.ts';
import type { CaseQuery } from './cases.schema.ts';
import type { DvCasesTable, DvIncidentsTable, DvPersonsTable, DvTimelineTable } from './family-safety.tables.ts';
import './family-safety.tables.ts';

/** The next code of a region and year, e.g. DV-75-2026-000123 (the counter row serialises writers). */
export async function nextCaseCode(db: Executor, regionCode: string, year: number): Promise<string> {
  const r = await db
    .insertInto('dv_case_counters')
    .values({ region_code: regionCode, year, last: 1 })
    .onConflict((oc) => oc.columns(['region_code', 'year']).doUpdateSet({ last: sql<number>`dv_case_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return `DV-${regionCode.slice(3)}-${year}-${String(r.last).padStart(6, '0')}`;
}

export function insertCase(db: Executor, v: Insertable<DvCasesTable>) {
  return db.insertInto('dv_cases').values(v).returningAll().executeTakeFirstOrThrow();
}

export function insertIncident(db: Executor, v: Insertable<DvIncidentsTable>) {
  return db.insertInto('dv_incidents').values(v).returningAll().executeTakeFirstOrThrow();
}

export function insertPerson(db: Executor, v: Insertable<DvPersonsTable>) {
  return db.insertInto('dv_persons').values(v).returningAll().executeTakeFirstOrThrow();
}

export function findPersonById(db: Executor, actor: Actor, id: string) {
  return db.selectFrom('dv_persons').selectAll().where('id', '=', id).where(regionScope(actor, 'region_code')).executeTakeFirst();
}

/** The same person already on file: same normalised name and birth date in the region. */
export function findPersonMatch(db: Executor, regionCode: string, normName: string, birthDate: string | null) {
  return db
    .selectFrom('dv_persons')
    .selectAll()
    .where('region_code', '=', regionCode)
    .where('norm_name', '=', normName)
    .where('birth_date', birthDate === null ? 'is' : '=', birthDate)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
}

export async function addCasePerson(
  db: Executor,
  v: { case_id: string; person_id: string; role: string; was_present: boolean; school_id: string | null; school_class: string | null },
) {
  return db
    .insertInto('dv_case_people')
    .values(v)
    .onConflict((oc) => oc.columns(['case_id', 'person_id', 'role']).doUpdateSet({ was_present: v.was_present }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function addTeamMember(db: Executor, caseId: string, userId: string, role: string) {
  await db
    .insertInto('dv_case_team')
    .values({ case_id: caseId, user_id: userId, role })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function isTeamMember(db: Executor, caseId: string, userId: string | null): Promise<boolean> {
  if (!userId) return false;
  const r = await db
    .selectFrom('dv_case_team')
    .select('case_id')
    .where('case_id', '=', caseId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return r !== undefined;
}

/** By id without scope: callers decide access (case-access.ts). */
export function findCaseById(db: Executor, id: string) {
  return db.selectFrom('dv_cases').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A case of the caller's region, locked for the rest of the transaction. */
export function lockCase(db: Executor, actor: Actor, id: string) {
  return db.selectFrom('dv_cases').selectAll().where('id', '=', id).where(regionScope(actor, 'region_code')).forUpdate().executeTakeFirst();
}

/** Updates only if the version still matches (optimistic locking). */
export function updateCaseVersioned(db: Executor, id: string, version: number, changes: Partial<Insertable<DvCasesTable>>) {
  return db
    .updateTable('dv_cases')
    .set({ ...changes, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Internal follow-up changes (risk band, escalation, counts) that do not race a person's form. */
export function touchCase(db: Executor, id: string, changes: Partial<Insertable<DvCasesTable>>) {
  return db
    .updateTable('dv_cases')
    .set({ ...changes, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Region-scoped case list; names come along only for cases where the caller is in the team. */
export async function findCases(db: Executor, actor: Actor, f: CaseQuery) {
  const me = actor.userId ?? '00000000-0000-0000-0000-000000000000';
  let q = db.selectFrom('dv_cases as c').where(regionScope(actor, 'c.region_code'));
  if (f.region) q = q.where('c.region_code', '=', f.region);
  if (f.q) q = q.where('c.code', 'like', `${f.q.toUpperCase()}%`);
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.band) q = q.where('c.risk_band', '=', f.band);
  if (f.repeat) q = q.where('c.is_repeat', '=', f.repeat === 'true');
  if (f.escalation) q = q.where('c.escalation', '=', f.escalation);
  if (f.from) q = q.where('c.created_at', '>=', new Date(`${f.from}T00:00:00+05:00`));
  if (f.to) q = q.where('c.created_at', '<', new Date(Date.parse(`${f.to}T00:00:00+05:00`) + 86_400_000));
  const inTeam = sql<boolean>`exists (select 1 from dv_case_team t where t.case_id = c.id and t.user_id = ${me})`;
  const query = q
    .select([
      'c.id',
      'c.code',
      'c.region_code',
      'c.status',
      'c.risk_band',
      'c.is_repeat',
      'c.incident_count',
      'c.escalation',
      'c.last_incident_at',
      'c.created_at',
      inTeam.as('in_team'),
      sql<string | null>`case when ${inTeam} then (select p.last_name || ' ' || p.first_name from dv_case_people cp
        join dv_persons p on p.id = cp.person_id where cp.case_id = c.id and cp.role = 'victim' order by cp.created_at limit 1) end`.as(
        'victim_name',
      ),
    ])
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc');
  return paginate(query, f.page, f.pageSize);
}
export type CaseListRow = Awaited<ReturnType<typeof findCases>>['rows'][number];

export function searchPersons(db: Executor, actor: Actor, normName: string, birthDate: string | undefined) {
  let q = db.selectFrom('dv_persons').selectAll().where(regionScope(actor, 'region_code')).where('norm_name', '=', normName);
  if (birthDate) q = q.where('birth_date', '=', birthDate);
  return q.orderBy('created_at').limit(50).execute();
}

export function casesOfPersons(db: Executor, personIds: string[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('dv_case_people as cp')
    .innerJoin('dv_cases as c', 'c.id', 'cp.case_id')
    .select(['cp.person_id', 'cp.role', 'c.id', 'c.code'])
    .where('cp.person_id', 'in', personIds)
    .orderBy('c.created_at', 'desc')
    .execute();
}

export function searchCasesByAddress(db: Executor, actor: Actor, normAddress: string) {
  return db
    .selectFrom('dv_incidents as i')
    .innerJoin('dv_cases as c', 'c.id', 'i.case_id')
    .where(regionScope(actor, 'i.region_code'))
    .where('i.norm_address', '=', normAddress)
    .select(['c.id', 'c.code', 'c.last_incident_at', 'c.status'])
    .distinct()
    .orderBy('c.last_incident_at', 'desc')
    .limit(50)
    .execute();
}

/** Another case in the region with the same people or address and an incident since `since`. */
export async function findRepeatSource(
  db: Executor,
  v: { regionCode: string; personIds: string[]; normAddress: string; since: Date; excludeCaseId: string },
) {
  const byAddress = await db
    .selectFrom('dv_incidents')
    .select('case_id')
    .where('region_code', '=', v.regionCode)
    .where('norm_address', '=', v.normAddress)
    .where('occurred_at', '>=', v.since)
    .where('case_id', '<>', v.excludeCaseId)
    .orderBy('occurred_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (byAddress) return byAddress.case_id;
  if (v.personIds.length === 0) return null;
  const byPerson = await db
    .selectFrom('dv_case_people as cp')
    .innerJoin('dv_cases as c', 'c.id', 'cp.case_id')
    .select('c.id')
    .where('cp.person_id', 'in', v.personIds)
    .where('c.id', '<>', v.excludeCaseId)
    .where('c.last_incident_at', '>=', v.since)
    .limit(1)
    .executeTakeFirst();
  return byPerson?.id ?? null;
}

export function countIncidentsSince(db: Executor, caseId: string, since: Date) {
  return db
    .selectFrom('dv_incidents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('case_id', '=', caseId)
    .where('occurred_at', '>=', since)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

export async function addTimeline(db: Executor, e: Insertable<DvTimelineTable>) {
  await db
    .insertInto('dv_timeline')
    .values({ ...e, details: JSON.stringify(e.details ?? {}), params: JSON.stringify(e.params ?? {}) })
    .execute();
}

export function listTimeline(db: Executor, caseId: string, page: number, pageSize: number) {
  return paginate(db.selectFrom('dv_timeline').selectAll().where('case_id', '=', caseId).orderBy('at').orderBy('seq'), page, pageSize);
}

export function findActiveGrant(db: Executor, caseId: string, userId: string) {
  return db
    .selectFrom('dv_access_grants')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('user_id', '=', userId)
    .where('expires_at', '>', sql<Date>`now()`)
    .orderBy('expires_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function insertGrant(db: Executor, v: { case_id: string; user_id: string; reason: string; expires_at: Date }) {
  return db.insertInto('dv_access_grants').values(v).returningAll().executeTakeFirstOrThrow();
}

export async function claimIdempotencyKey(db: Executor, v: { actor: string; key: string; request_hash: string; case_id: string }) {
  const r = await db
    .insertInto('dv_idempotency')
    .values(v)
    .onConflict((oc) => oc.doNothing())
    .returning('case_id')
    .executeTakeFirst();
  if (r) return { claimed: true as const };
  const existing = await db
    .selectFrom('dv_idempotency')
    .selectAll()
    .where('actor', '=', v.actor)
    .where('key', '=', v.key)
    .executeTakeFirstOrThrow();
  return { claimed: false as const, existing };
}
