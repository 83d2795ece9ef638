import { sql, type Generated, type Insertable, type Updateable } from 'kysely';
import type { AuditPendingTable } from '../../kernel/audit/pending.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { paginate } from '../../kernel/db/paginate.ts';
import type { AlertQuery, WatchQuery } from './payments.schema.ts';

declare module '../../kernel/db/schema.ts' {
  interface Database {
    pay_transactions: PayTransactionsTable;
    pay_watchlist: PayWatchlistTable;
    pay_account_links: PayAccountLinksTable;
    pay_alerts: PayAlertsTable;
  }
}

export type PayTransactionsTable = {
  tx_id: string;
  ts: string;
  payer: string;
  payer_last4: string | null;
  payee: string;
  payee_last4: string | null;
  amount: string;
  currency: string;
  channel: string;
  payer_bank: string;
  payee_bank: string;
  source: string;
  batch_id: string;
  created_at: Generated<Date>;
};

export type PayAccountLinksTable = {
  account_hash: string;
  account_last4: string;
  holder_hash: string;
  source: string;
  created_by: string;
  created_at: Generated<Date>;
};

export type PayWatchlistTable = {
  id: Generated<string>;
  identifier_hash: string;
  identifier_last4: string;
  type: string;
  source: string;
  provenance: Generated<string>;
  confidence: Generated<number>;
  shop_ref: string | null;
  evidence_ref: string | null;
  created_by: string;
  created_at: Generated<Date>;
};

export type PayAlertsTable = {
  id: Generated<string>;
  account_hash: string;
  account_label: string;
  score: number;
  role: string | null;
  reasons: string[];
  /** Rule ids behind the alert (engine rule-set ids; [] when the engine gave none). */
  rules: Generated<string[]>;
  status: Generated<string>;
  assignee: string | null;
  note: Generated<string>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

/** Column order of bulk loads (COPY and multi-row inserts). */
export const TX_TABLE_COLUMNS = [
  'tx_id',
  'ts',
  'payer',
  'payer_last4',
  'payee',
  'payee_last4',
  'amount',
  'currency',
  'channel',
  'payer_bank',
  'payee_bank',
  'source',
  'batch_id',
] as const;
export type TxInsert = Insertable<PayTransactionsTable>;

/** Inserts rows, skipping tx_ids already stored; returns the tx_ids actually inserted. */
export async function insertTransactions(db: Executor, rows: readonly TxInsert[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const out = await db
    .insertInto('pay_transactions')
    .values([...rows])
    .onConflict((oc) => oc.column('tx_id').doNothing())
    .returning('tx_id')
    .execute();
  return new Set(out.map((r) => r.tx_id));
}

/**
 * One real-time decision's writes in a single statement (one round trip, no explicit transaction): the
 * transaction row (idempotent by tx_id) and its pending audit entry, whose details learn whether the row
 * was new. Answers whether it was stored.
 */
export async function insertDecision(
  db: Executor,
  row: TxInsert,
  audit: Insertable<AuditPendingTable>,
  knownDuplicate: boolean,
): Promise<boolean> {
  const details = audit.details as unknown as string;
  const r = await db
    .with('ins', (qb) =>
      qb
        .insertInto('pay_transactions')
        .values(row)
        .onConflict((oc) => oc.column('tx_id').doNothing())
        .returning('tx_id'),
    )
    .with('aud', (qb) =>
      qb
        .insertInto('audit_pending')
        .values({
          ...audit,
          details: sql`${details}::jsonb || jsonb_build_object('isDuplicate', ${knownDuplicate}::boolean or not exists (select 1 from ins))`,
        })
        .returning('id'),
    )
    .selectFrom('ins')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n) > 0;
}

export function countTransactions(db: Executor) {
  return db
    .selectFrom('pay_transactions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
}

export function insertWatchEntries(db: Executor, rows: Insertable<PayWatchlistTable>[]) {
  return db
    .insertInto('pay_watchlist')
    .values(rows)
    .onConflict((oc) => oc.columns(['identifier_hash', 'source']).doNothing())
    .returningAll()
    .execute();
}

/** Adds or moves account → holder links (a later feed wins: accounts change hands); returns the rows written. */
export function upsertAccountLinks(db: Executor, rows: Insertable<PayAccountLinksTable>[]) {
  return db
    .insertInto('pay_account_links')
    .values(rows)
    .onConflict((oc) =>
      oc.column('account_hash').doUpdateSet((eb) => ({
        holder_hash: eb.ref('excluded.holder_hash'),
        account_last4: eb.ref('excluded.account_last4'),
        source: eb.ref('excluded.source'),
        created_by: eb.ref('excluded.created_by'),
        created_at: eb.fn('now'),
      })),
    )
    .returning('account_hash')
    .execute();
}

export function allAccountLinks(db: Executor) {
  return db.selectFrom('pay_account_links').select(['account_hash', 'account_last4', 'holder_hash']).execute();
}

/** The watchlist, or only the entries with the given ids. */
export function allWatchEntries(db: Executor, ids?: readonly string[]) {
  let q = db.selectFrom('pay_watchlist').select(['identifier_hash', 'identifier_last4', 'type', 'source']);
  if (ids) q = q.where('id', 'in', ids.length > 0 ? [...ids] : ['00000000-0000-0000-0000-000000000000']);
  return q.execute();
}

export function findAlerts(db: Executor, q: AlertQuery) {
  let s = db.selectFrom('pay_alerts');
  if (q.status) s = s.where('status', '=', q.status);
  return paginate(s.selectAll().orderBy('score', 'desc').orderBy('id'), q.page, q.pageSize);
}
/** One page of the watchlist, newest first, optionally by source and type. */
export function findWatchEntries(db: Executor, q: WatchQuery) {
  let s = db.selectFrom('pay_watchlist').selectAll();
  if (q.source) s = s.where('source', '=', q.source);
  if (q.type) s = s.where('type', '=', q.type);
  return paginate(s.orderBy('created_at', 'desc').orderBy('id'), q.page, q.pageSize);
}

export type AlertRow = Awaited<ReturnType<typeof findAlerts>>['rows'][number];

export function findAlert(db: Executor, id: string) {
  return db.selectFrom('pay_alerts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Opens an alert for the account, or raises the score of its active one. */
export function upsertActiveAlert(db: Executor, v: Insertable<PayAlertsTable>) {
  return db
    .insertInto('pay_alerts')
    .values({
      ...v,
      reasons: sql<string[]>`${JSON.stringify(v.reasons)}::jsonb`,
      rules: sql<string[]>`${JSON.stringify(v.rules ?? [])}::jsonb`,
    })
    .onConflict((oc) =>
      oc
        .column('account_hash')
        .where(sql<boolean>`status in ('open', 'assigned', 'escalated')`) // literal: must match the partial index
        .doUpdateSet({
          score: sql<number>`greatest(pay_alerts.score, excluded.score)`,
          reasons: sql<string[]>`excluded.reasons`,
          rules: sql<string[]>`excluded.rules`,
          role: sql<string | null>`excluded.role`,
          updated_at: sql<Date>`now()`,
        }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Updates only if the version still matches (optimistic locking); undefined means stale or absent. */
export function updateAlert(db: Executor, id: string, version: number, changes: Updateable<PayAlertsTable>) {
  return db
    .updateTable('pay_alerts')
    .set({ ...changes, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Accounts with an active alert and its score (keyed hash → score). */
export async function activeAlertScores(db: Executor): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('pay_alerts')
    .select(['account_hash', 'score'])
    .where('status', 'in', ['open', 'assigned', 'escalated'])
    .execute();
  return new Map(rows.map((r) => [r.account_hash, Number(r.score)]));
}
