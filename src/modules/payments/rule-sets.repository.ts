import { sql, type Generated } from 'kysely';
import type { Executor } from '../../kernel/db/database.ts';
import { jsonb } from './cases.repository.ts';

declare module '../../kernel/db/schema.ts' {
  interface Database {
    pay_rule_sets: PayRuleSetsTable;
  }
}

export type PayRuleSetsTable = {
  version: number;
  body: unknown;
  note: Generated<string>;
  created_by: string;
  created_at: Generated<Date>;
  active: Generated<boolean>;
  activated_by: string | null;
  activated_at: Date | null;
};

export function findRuleSets(db: Executor) {
  return db
    .selectFrom('pay_rule_sets')
    .select(['version', 'note', 'created_by', 'created_at', 'active', 'activated_by', 'activated_at'])
    .orderBy('version', 'desc')
    .execute();
}

export function findRuleSet(db: Executor, version: number) {
  return db.selectFrom('pay_rule_sets').selectAll().where('version', '=', version).executeTakeFirst();
}
export type RuleSetRow = NonNullable<Awaited<ReturnType<typeof findRuleSet>>>;

export function activeRuleSet(db: Executor) {
  return db.selectFrom('pay_rule_sets').selectAll().where('active', '=', true).executeTakeFirst();
}

/** Inserts the next version (max + 1) under a table lock, so two editors never get the same number. */
export async function insertNextRuleSet(db: Executor, v: { body: unknown; note: string; created_by: string; active?: boolean }) {
  await sql`lock table pay_rule_sets in share row exclusive mode`.execute(db);
  const r = await db
    .selectFrom('pay_rule_sets')
    .select(sql<number>`coalesce(max(version), 0)::int`.as('v'))
    .executeTakeFirstOrThrow();
  return db
    .insertInto('pay_rule_sets')
    .values({
      version: Number(r.v) + 1,
      body: jsonb(v.body),
      note: v.note,
      created_by: v.created_by,
      active: v.active ?? false,
      activated_by: v.active ? v.created_by : null,
      activated_at: v.active ? sql<Date>`now()` : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Makes one version the active one (the partial unique index keeps it to one). */
export async function activate(db: Executor, version: number, by: string) {
  await db.updateTable('pay_rule_sets').set({ active: false }).where('active', '=', true).where('version', '<>', version).execute();
  return db
    .updateTable('pay_rule_sets')
    .set({ active: true, activated_by: by, activated_at: sql<Date>`now()` })
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}
