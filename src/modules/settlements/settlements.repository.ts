import { sql, type Generated, type Insertable, type Updateable } from 'kysely';
import type { Actor } from '../../kernel/access/actor.ts';
import { regionScope } from '../../kernel/access/scope.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { paginate } from '../../kernel/db/paginate.ts';
import type { SettlementQuery } from './settlements.schema.ts';

declare module '../../kernel/db/schema.ts' {
  interface Database {
    sober_settlements: SettlementsTable;
  }
}

export type SettlementsTable = {
  id: Generated<string>;
  name: string;
  region_code: string;
  district: string;
  status: string;
  population: number;
  activists: number;
  joined_on: string;
  notes: Generated<string>;
  version: Generated<number>;
  is_synthetic: Generated<boolean>;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function findSettlements(db: Executor, actor: Actor, f: SettlementQuery) {
  let q = db.selectFrom('sober_settlements').where(regionScope(actor, 'region_code'));
  if (f.q) q = q.where(sql<string>`lower(name)`, 'like', `%${escapeLike(f.q.toLowerCase())}%`);
  if (f.region) q = q.where('region_code', '=', f.region);
  if (f.status) q = q.where('status', '=', f.status);
  const { rows, total } = await paginate(q.selectAll().orderBy('name').orderBy('id'), f.page, f.pageSize);
  return { rows, total };
}
export type SettlementRow = Awaited<ReturnType<typeof findSettlements>>['rows'][number];

export function findSettlement(db: Executor, actor: Actor, id: string) {
  return db.selectFrom('sober_settlements').selectAll().where('id', '=', id).where(regionScope(actor, 'region_code')).executeTakeFirst();
}

export function insertSettlement(db: Executor, v: Insertable<SettlementsTable>) {
  return db.insertInto('sober_settlements').values(v).returningAll().executeTakeFirstOrThrow();
}

/** Updates only if the version still matches (optimistic locking); undefined means stale or invisible. */
export function updateSettlement(db: Executor, actor: Actor, id: string, version: number, changes: Updateable<SettlementsTable>) {
  return db
    .updateTable('sober_settlements')
    .set({ ...changes, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .where(regionScope(actor, 'region_code'))
    .returningAll()
    .executeTakeFirst();
}

export function statsByRegion(db: Executor, actor: Actor) {
  return db
    .selectFrom('sober_settlements')
    .where(regionScope(actor, 'region_code'))
    .select((eb) => [
      'region_code',
      eb.fn.countAll<number>().as('total'),
      sql<number>`count(*) filter (where status = 'candidate')`.as('candidate'),
      sql<number>`count(*) filter (where status = 'pledged')`.as('pledged'),
      sql<number>`count(*) filter (where status = 'certified')`.as('certified'),
      sql<number>`count(*) filter (where status = 'suspended')`.as('suspended'),
      sql<number>`coalesce(sum(population), 0)`.as('population'),
      sql<number>`coalesce(sum(activists), 0)`.as('activists'),
    ])
    .groupBy('region_code')
    .orderBy('region_code')
    .execute();
}
