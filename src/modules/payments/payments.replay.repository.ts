import type { Executor } from '../../kernel/db/database.ts';

/** A stored transaction as the live engine's replay reads it (identifiers as stored: keyed hash or as given). */
export type StoredTxRow = {
  tx_id: string;
  ts: string | Date;
  payer: string;
  payer_last4: string | null;
  payee: string;
  payee_last4: string | null;
  amount: string;
  currency: string;
  channel: string;
  payer_bank: string;
  payee_bank: string;
};

/**
 * Stored transactions with `from ≤ ts < to`, in event-time order (ts, then tx_id). Callers page by time
 * slices, so the BRIN index on ts prunes and each sort stays small.
 */
export function transactionsBetween(db: Executor, from: Date, to: Date): Promise<StoredTxRow[]> {
  return db
    .selectFrom('pay_transactions')
    .select(['tx_id', 'ts', 'payer', 'payer_last4', 'payee', 'payee_last4', 'amount', 'currency', 'channel', 'payer_bank', 'payee_bank'])
    .where('ts', '>=', from.toISOString())
    .where('ts', '<', to.toISOString())
    .orderBy('ts')
    .orderBy('tx_id')
    .execute();
}

/** The latest stored transaction time, or null when there is none. */
export async function latestTransactionTime(db: Executor): Promise<Date | null> {
  const r = await db
    .selectFrom('pay_transactions')
    .select((eb) => eb.fn.max('ts').as('latest'))
    .executeTakeFirst();
  const v = r?.latest as Date | string | null | undefined;
  return v ? new Date(v) : null;
}
