import type { TartipModule } from '../../kernel/module.ts';
import { paymentsCli } from './payments.cli.ts';

export { PaymentsEngine, FLAG_THRESHOLD, type WatchEntry, type EngineOptions } from './engine/engine.ts';
export { parseTxFields, splitFields, RecordSplitter } from './engine/csv.ts';
export type { Tx, AccountResult, Role } from './engine/types.ts';

/**
 * Drug money (issue 4): offline scoring of card/phone transfers for drop, collector, cash-out and shop
 * owner accounts, and a labelled simulator. No tables yet: the CLI works on files and never opens the
 * database. The engine (engine/) is pure, for a later real-time API and worker.
 */
export const paymentsModule: TartipModule = {
  name: 'payments',
  cli: (program) => paymentsCli(program),
};
