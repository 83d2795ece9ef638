import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { bootPlatform } from '../../app.ts';
import { openDatabase } from '../../kernel/db/database.ts';
import type { Platform } from '../../kernel/platform.ts';
import { systemCtx } from '../../testing/factories.ts';
import { createTestPlatform, onServer, type TestPlatform } from '../../testing/test-platform.ts';
import { DEFAULT_RULE_SET } from './engine/rule-set.ts';
import { paymentsModule } from './index.ts';
import { followChanges, liveScorer } from './payments.live.ts';
import { PartitionWorker } from './payments.nats.ts';
import { addWatchEntries, importAccountLinks } from './payments.service.ts';
import { activateRuleSet } from './rule-sets.service.ts';
import * as ruleSets from './rule-sets.repository.ts';

// Two server processes on one PostgreSQL database (here: two platforms in one test process, each with its
// own pool and listening connection). What one of them changes, the other's live scorer learns.
let a: TestPlatform;
let b: Platform;
before(async () => {
  if (!onServer) return;
  a = await createTestPlatform();
  b = await bootPlatform(a.config, { handle: await openDatabase({ kind: 'postgres', url: a.config.databaseUrl as string, poolSize: 2 }) });
  // b serves: its warm-up builds the live scorer and listens (a only changes things)
  await paymentsModule.warmUp?.(b);
});
after(async () => {
  await b?.close();
  await a?.close();
});

async function eventually(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`not within 5 s: ${what}`);
}

test('a rule set activated by one process is used by the other process live scorer and NATS workers', { skip: !onServer }, async () => {
  assert.equal(liveScorer(b).engine.ruleSetVersion, DEFAULT_RULE_SET.version);
  const worker = new PartitionWorker(0, 2, []);
  await followChanges(b, () => [worker.engine]);
  const body = { ...structuredClone(DEFAULT_RULE_SET), version: 'notify-2' };
  await a.db.transaction().execute((tx) => ruleSets.insertNextRuleSet(tx, { body, note: 'test', created_by: 'test' }));
  await activateRuleSet(a, systemCtx, 2);
  assert.equal(liveScorer(a).engine.ruleSetVersion, 'notify-2', 'the activating process at once');
  await eventually('the other process uses notify-2', () => liveScorer(b).engine.ruleSetVersion === 'notify-2');
  await eventually('its NATS worker uses notify-2', () => worker.engine.ruleSetVersion === 'notify-2');
});

test('a watchlist entry added by one process marks the account in the other process', { skip: !onServer }, async () => {
  const card = '4400430012345678';
  const live = liveScorer(b);
  await live.init();
  live.apply({
    id: 'N1',
    ts: Date.UTC(2025, 8, 1, 5),
    localHour: 10,
    payer: '+77010000001',
    payee: card,
    amount: 5000,
    currency: 'KZT',
    channel: 0,
    payerBank: 'KASPI',
    payeeBank: 'HALYK',
    line: 0,
  });
  const watched = () => (live.score(card)?.reasons ?? []).some((r) => /watchlist/i.test(r));
  assert.equal(watched(), false);
  await addWatchEntries(a, systemCtx, [
    { identifier: card, type: 'card', source: 'ad', provenance: '', confidence: 1, shopRef: null, evidenceRef: null },
  ]);
  await eventually('the other process knows the card is on the watchlist', watched);
});

test('KYC links imported by one process rebuild the other process live scorer', { skip: !onServer }, async () => {
  const old = liveScorer(b);
  await importAccountLinks(
    a,
    systemCtx,
    [
      { account: '+77011112233', holder: '900101300999' },
      { account: '4400430099990000', holder: '900101300999' },
    ],
    'KASPI',
  );
  await eventually('the other process has a new live scorer', () => liveScorer(b) !== old);
  // the rebuilt scorer keeps the active rule set, not the shipped one, and the old one forwards to it
  assert.equal(liveScorer(b).engine.ruleSetVersion, 'notify-2');
  assert.equal(old.engine, liveScorer(b).engine);
});

test(
  'a lost listening connection is reopened: the process reloads what it may have missed, and hears again',
  { skip: !onServer },
  async () => {
    const old = liveScorer(b);
    const worker = new PartitionWorker(0, 2, []);
    await followChanges(b, () => [worker.engine]);
    const ended = await sql<{ n: number }>`select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity
    where application_name = 'tartip-notifications' and datname = current_database() and pid <> pg_backend_pid()) t`.execute(a.db);
    assert.equal(ended.rows[0]?.n, 1, 'the other process listens on one connection');
    await eventually('the connection is reopened', () => b.notifications.reconnects === 1);
    // a notice sent while it was lost would be missed: the live scorer is rebuilt from what is stored,
    // the NATS workers reload the rule set and the watchlist
    await eventually('the live scorer is rebuilt', () => liveScorer(b) !== old);
    await eventually('the worker reloaded the active rule set', () => worker.engine.ruleSetVersion === 'notify-2');
    const body = { ...structuredClone(DEFAULT_RULE_SET), version: 'notify-3' };
    await a.db.transaction().execute((tx) => ruleSets.insertNextRuleSet(tx, { body, note: 'test', created_by: 'test' }));
    await activateRuleSet(a, systemCtx, 3);
    await eventually('the other process hears the next change', () => liveScorer(b).engine.ruleSetVersion === 'notify-3');
  },
);
