import type { TartipModule } from '../../kernel/module.ts';
import { paymentsCli } from './payments.cli.ts';
import { paymentsMigrations } from './payments.migrations.ts';
import { paymentsPolicy } from './payments.policy.ts';
import { paymentRoutes } from './payments.routes.ts';

export { PaymentsEngine, FLAG_THRESHOLD, type WatchEntry, type EngineOptions } from './engine/engine.ts';
export { parseTxFields, splitFields, RecordSplitter } from './engine/csv.ts';
export type { Tx, AccountResult, Role } from './engine/types.ts';
export { insertWatchEntries as publishToWatchlist } from './payments.service.ts';
export type { WatchInput } from './payments.schema.ts';

/**
 * Drug money (issue 4): scoring of card/phone transfers for drop, collector, cash-out and shop owner
 * accounts. Offline CLI on files (score, simulate, evaluate); tables and bulk import (COPY on
 * PostgreSQL); a bank API with real-time decisions; FIU alerts and watchlist; NATS JetStream workers.
 * Records are national (FIU), not region-owned.
 */
export const paymentsModule: TartipModule = {
  name: 'payments',
  migrations: paymentsMigrations,
  policy: paymentsPolicy,
  routes: paymentRoutes,
  cli: (program, open) => paymentsCli(program, open),
};
