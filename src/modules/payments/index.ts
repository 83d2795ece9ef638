import type { TartipModule } from '../../kernel/module.ts';
import { paymentsCli } from './payments.cli.ts';
import { paymentsMigrations } from './payments.migrations.ts';
import { paymentsPolicy } from './payments.policy.ts';
import { paymentRoutes } from './payments.routes.ts';
import { paymentsDemoUsers, seedDemoPayments } from './cases.demo.ts';
import { caseReportRoutes } from './cases.reports.routes.ts';
import { caseRoutes } from './cases.routes.ts';
import { networkRoutes } from './network.routes.ts';
import { pacs008Cli } from './pacs008.cli.ts';
import { pacs008Routes } from './pacs008.routes.ts';
import { ruleSetRoutes } from './rule-sets.routes.ts';
import { seedRuleSets } from './rule-sets.service.ts';
import { followChangesLive, liveScorer, resetLiveScorer } from './payments.live.ts';

export { PaymentsEngine, FLAG_THRESHOLD, type WatchEntry, type EngineOptions } from './engine/engine.ts';
export { parseTxFields, splitFields, RecordSplitter } from './engine/csv.ts';
export { RuleSetSchema, DEFAULT_RULE_SET, compileRuleSet, type RuleSet } from './engine/rule-set.ts';
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
  routes: (app, p) => {
    paymentRoutes(app, p);
    caseRoutes(app, p);
    caseReportRoutes(app, p);
    networkRoutes(app, p);
    ruleSetRoutes(app, p);
    pacs008Routes(app, p);
  },
  cli: (program, open) => {
    paymentsCli(program, open);
    pacs008Cli(program, open);
  },
  warmUp: async (p) => {
    const t0 = Date.now();
    const live = liveScorer(p);
    // only a serving process runs the graph pass (a thread) and listens for other processes' changes
    const graphMs = p.config.paymentsGraphSeconds * 1000;
    if (graphMs > 0) await live.startGraphPass(graphMs);
    await live.init();
    await followChangesLive(p);
    const graph = graphMs > 0 ? `; graph pass every ${p.config.paymentsGraphSeconds} s` : '; no graph pass';
    return `payments: live engine ready (${live.replayed} stored transactions of the last 3 days replayed in ${((Date.now() - t0) / 1000).toFixed(1)} s${graph})`;
  },
  shutDown: (p) => resetLiveScorer(p),
  seedReference: (tx, p) => seedRuleSets(tx, p),
  seedDemo: (tx, p, seed) => seedDemoPayments(tx, p, seed),
  demoLogins: (seed) => paymentsDemoUsers(seed),
};
