import { sql, type Generated, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../kernel/db/database.ts';
import { paginate } from '../../kernel/db/paginate.ts';
import type { CaseQuery, Disposition } from './cases.schema.ts';

declare module '../../kernel/db/schema.ts' {
  interface Database {
    pay_cases: PayCasesTable;
    pay_case_alerts: PayCaseAlertsTable;
    pay_alert_comments: PayAlertCommentsTable;
    pay_dispositions: PayDispositionsTable;
    pay_case_reports: PayCaseReportsTable;
  }
}

export type PayCasesTable = {
  id: Generated<string>;
  code: string;
  title: string;
  status: Generated<string>;
  disposition: string | null;
  /** Stored account keys (keyed hash for cards) of the case's alerts. */
  accounts: unknown;
  /** The network snapshot (NetworkView) taken when alerts were merged in. */
  network: unknown;
  created_by: string;
  assignee: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};
export type PayCaseAlertsTable = { alert_id: string; case_id: string; added_by: string; added_at: Generated<Date> };
export type PayAlertCommentsTable = {
  id: Generated<string>;
  alert_id: string | null;
  case_id: string | null;
  body: string;
  author: string;
  created_at: Generated<Date>;
};
export type PayDispositionsTable = {
  id: Generated<string>;
  alert_id: string | null;
  case_id: string | null;
  disposition: string;
  reason: string;
  rules: unknown;
  decided_by: string;
  decided_at: Generated<Date>;
};
export type PayCaseReportsTable = {
  id: Generated<string>;
  case_id: string;
  kind: string;
  body: unknown;
  created_by: string;
  created_at: Generated<Date>;
};

/** A JSON value as a jsonb parameter (both engines). */
export const jsonb = (v: unknown) => sql<unknown>`${JSON.stringify(v)}::jsonb`;
/** A jsonb column as a value (drivers may hand back text). */
export const fromJson = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/** Next case code for the year: PAY-2026-000123 (counts cases under a table lock, inside the caller's transaction). */
export async function nextCaseCode(db: Executor, year: number): Promise<string> {
  // serialises concurrent case creation so two cases never draw the same number
  await sql`lock table pay_cases in share row exclusive mode`.execute(db);
  const r = await db
    .selectFrom('pay_cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('code', 'like', `PAY-${year}-%`)
    .executeTakeFirstOrThrow();
  return `PAY-${year}-${String(Number(r.n) + 1).padStart(6, '0')}`;
}

export function insertCase(db: Executor, v: Insertable<PayCasesTable>) {
  return db
    .insertInto('pay_cases')
    .values({ ...v, accounts: jsonb(v.accounts ?? []), network: jsonb(v.network ?? {}) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findCase(db: Executor, id: string) {
  return db.selectFrom('pay_cases').selectAll().where('id', '=', id).executeTakeFirst();
}
export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

export function findCases(db: Executor, q: CaseQuery) {
  let s = db.selectFrom('pay_cases');
  if (q.status) s = s.where('status', '=', q.status);
  return paginate(s.selectAll().orderBy('created_at', 'desc').orderBy('id'), q.page, q.pageSize);
}

/** Updates only if the version still matches (optimistic locking); undefined means stale or absent. */
export function updateCase(db: Executor, id: string, version: number, changes: Updateable<PayCasesTable>) {
  const set: Updateable<PayCasesTable> = { ...changes };
  if (changes.accounts !== undefined) set.accounts = jsonb(changes.accounts);
  if (changes.network !== undefined) set.network = jsonb(changes.network);
  return db
    .updateTable('pay_cases')
    .set({ ...set, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Links alerts to a case; alerts already in a case are left alone. Returns the alert ids linked. */
export async function linkAlerts(db: Executor, caseId: string, alertIds: readonly string[], by: string): Promise<string[]> {
  if (alertIds.length === 0) return [];
  const out = await db
    .insertInto('pay_case_alerts')
    .values(alertIds.map((a) => ({ alert_id: a, case_id: caseId, added_by: by })))
    .onConflict((oc) => oc.column('alert_id').doNothing())
    .returning('alert_id')
    .execute();
  return out.map((r) => r.alert_id);
}

export function caseOfAlerts(db: Executor, alertIds: readonly string[]) {
  if (alertIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('pay_case_alerts')
    .select(['alert_id', 'case_id'])
    .where('alert_id', 'in', [...alertIds])
    .execute();
}

export function alertsByIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('pay_alerts')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

export function alertsOfCase(db: Executor, caseId: string) {
  return db
    .selectFrom('pay_alerts')
    .innerJoin('pay_case_alerts', 'pay_case_alerts.alert_id', 'pay_alerts.id')
    .selectAll('pay_alerts')
    .where('pay_case_alerts.case_id', '=', caseId)
    .orderBy('pay_alerts.score', 'desc')
    .execute();
}

export function insertComment(db: Executor, v: Insertable<PayAlertCommentsTable>) {
  return db.insertInto('pay_alert_comments').values(v).returningAll().executeTakeFirstOrThrow();
}

export function commentsOf(db: Executor, by: { alertId?: string; caseId?: string }) {
  let q = db.selectFrom('pay_alert_comments').selectAll();
  q = by.alertId ? q.where('alert_id', '=', by.alertId) : q.where('case_id', '=', by.caseId ?? '');
  return q.orderBy('created_at').orderBy('id').execute();
}

export function insertDispositions(
  db: Executor,
  rows: {
    alert_id: string | null;
    case_id: string | null;
    disposition: Disposition;
    reason: string;
    rules: string[];
    decided_by: string;
  }[],
) {
  if (rows.length === 0) return Promise.resolve([]);
  return db
    .insertInto('pay_dispositions')
    .values(rows.map((r) => ({ ...r, rules: jsonb(r.rules) })))
    .returningAll()
    .execute();
}

export function dispositionsOf(db: Executor, by: { alertId?: string; caseId?: string }) {
  let q = db.selectFrom('pay_dispositions').selectAll();
  q = by.alertId ? q.where('alert_id', '=', by.alertId) : q.where('case_id', '=', by.caseId ?? '');
  return q.orderBy('decided_at').orderBy('id').execute();
}

/** The latest disposition of every alert that has one, with the rule ids stored on it. */
export function latestAlertDispositions(db: Executor) {
  return db
    .selectFrom('pay_dispositions')
    .select(['alert_id', 'disposition', 'rules'])
    .distinctOn('alert_id')
    .where('alert_id', 'is not', null)
    .orderBy('alert_id')
    .orderBy('decided_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function insertReport(db: Executor, v: { case_id: string; kind: 'fm1' | 'freeze'; body: unknown; created_by: string }) {
  return db
    .insertInto('pay_case_reports')
    .values({ ...v, body: jsonb(v.body) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findReport(db: Executor, id: string) {
  return db.selectFrom('pay_case_reports').selectAll().where('id', '=', id).executeTakeFirst();
}
export type ReportRow = NonNullable<Awaited<ReturnType<typeof findReport>>>;

export function reportsOf(db: Executor, caseId: string) {
  return db
    .selectFrom('pay_case_reports')
    .select(['id', 'kind', 'created_by', 'created_at'])
    .where('case_id', '=', caseId)
    .orderBy('created_at', 'desc')
    .execute();
}
