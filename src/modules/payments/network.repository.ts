import { sql } from 'kysely';
import type { Executor } from '../../kernel/db/database.ts';

/** Transfers between two stored accounts on one day (days in UTC+5, Kazakhstan's single time zone). */
export type FlowRow = {
  payer: string;
  payer_last4: string | null;
  payee: string;
  payee_last4: string | null;
  day: string;
  amount: string;
  n: number;
  first_ts: Date | string;
  last_ts: Date | string;
};

const DAY = sql<string>`to_char((ts at time zone 'UTC') + interval '5 hours', 'YYYY-MM-DD')`;

/** Either party is one of `keys`: the expression of the GIN index of migration 0005, so it is used. */
const touches = (keys: readonly string[]) => sql<boolean>`array[payer, payee] && array[${sql.join([...keys])}]::text[]`;

/**
 * Daily flows in which any of `keys` (stored account values) pays or is paid, largest first. Uses the
 * parties GIN index (and the BRIN on ts for a range) of migrations 0005 and 0003.
 */
export function flowsTouching(db: Executor, keys: readonly string[], range: { from?: Date; to?: Date }, limit: number) {
  if (keys.length === 0) return Promise.resolve([] as FlowRow[]);
  let q = db.selectFrom('pay_transactions').where(touches(keys));
  if (range.from) q = q.where('ts', '>=', range.from.toISOString());
  if (range.to) q = q.where('ts', '<', range.to.toISOString());
  return q
    .select([
      'payer',
      'payer_last4',
      'payee',
      'payee_last4',
      DAY.as('day'),
      sql<string>`sum(amount)::text`.as('amount'),
      sql<number>`count(*)::int`.as('n'),
      sql<Date>`min(ts)`.as('first_ts'),
      sql<Date>`max(ts)`.as('last_ts'),
    ])
    .groupBy(['payer', 'payer_last4', 'payee', 'payee_last4', DAY])
    .orderBy(sql`sum(amount)`, 'desc')
    .limit(limit)
    .execute() as Promise<FlowRow[]>;
}

/** Watchlist entries (with the ads they came from) of the given identifier hashes. */
export function watchEntriesOf(db: Executor, hashes: readonly string[]) {
  if (hashes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('pay_watchlist')
    .select(['identifier_hash', 'source', 'type', 'shop_ref', 'evidence_ref', 'confidence'])
    .where('identifier_hash', 'in', [...hashes])
    .execute();
}

/** The latest alert of each of the given account hashes. */
export function latestAlertsOf(db: Executor, hashes: readonly string[]) {
  if (hashes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('pay_alerts')
    .select(['id', 'account_hash', 'score', 'role', 'status', 'created_at'])
    .where('account_hash', 'in', [...hashes])
    .orderBy('created_at', 'desc')
    .execute();
}

/** Stored transactions in which any of `keys` pays or is paid, oldest first, at most `limit`. */
export function transactionsTouching(db: Executor, keys: readonly string[], limit: number) {
  if (keys.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('pay_transactions')
    .select(['tx_id', 'ts', 'payer', 'payer_last4', 'payee', 'payee_last4', 'amount', 'currency', 'channel', 'payer_bank', 'payee_bank'])
    .where(touches(keys))
    .orderBy('ts')
    .orderBy('tx_id')
    .limit(limit)
    .execute();
}
export type StoredTxRow = Awaited<ReturnType<typeof transactionsTouching>>[number];
