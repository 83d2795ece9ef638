import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { systemCtx } from '../../testing/factories.ts';
import { createTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import type { AccountResult } from './engine/types.ts';
import { simulateToFiles } from './payments.cli.ts';
import { withGraph } from './payments.graph-pass.ts';
import { importTransactionsFile } from './payments.import.ts';
import { liveScorer, resetLiveScorer } from './payments.live.ts';
import { addWatchEntries, importAccountLinks } from './payments.service.ts';
import { splitDropCsv } from './testing.ts';

const result = (score: number, flag: boolean, reasons: string[] = []): AccountResult => ({
  account: 'a',
  score,
  flag,
  role: flag ? 'drop' : null,
  reasons,
  rules: [],
});
const at = new Date('2026-11-30T10:00:00Z');

test('a graph verdict stands over the live score, also to clear a look-alike, unless the live score rose since the pass', () => {
  const live = result(0.3, false, ['many payers']);
  // no verdict (new since the pass, or unremarkable to it): the live result
  assert.equal(withGraph(live, undefined, at), live);
  // the network shows a collector: its verdict, with its reasons first and when it was computed
  const raised = withGraph(live, { result: result(0.9, true, ['receives from several drop-like accounts']), liveScore: 0.3 }, at);
  assert.deepEqual([raised.score, raised.flag, raised.role], [0.9, true, 'drop']);
  assert.equal(raised.reasons[0], 'receives from several drop-like accounts (graph pass of 2026-11-30T10:00:00Z)');
  // a tutor paid by many pupils looks like a drop alone; the pass cleared it, and nothing changed since
  const lookAlike = result(0.7, true, ['many unique payers']);
  const cleared = withGraph(lookAlike, { result: result(0.2, false, []), liveScore: 0.7 }, at);
  assert.deepEqual([cleared.score, cleared.flag, cleared.role], [0.2, false, null]);
  assert.match(cleared.reasons[0] ?? '', /^no network pattern found \(graph pass/);
  // ...but its own behaviour got worse after the pass: the live verdict counts again
  assert.equal(withGraph(result(0.8, true), { result: result(0.2, false), liveScore: 0.7 }, at).flag, true);
  // and the higher of the two when both rose
  assert.equal(withGraph(result(0.8, true), { result: result(0.95, true), liveScore: 0.5 }, at).score, 0.95);
});

let p: TestPlatform;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartip-graph-pass-'));
before(async () => {
  p = await createTestPlatform();
});
after(async () => {
  await p.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the graph pass (worker thread, on the replayed window) finds what the live rules miss, and alerts it once', async () => {
  // SYNTHETIC: the typology simulator's traffic with its labels
  const file = path.join(dir, 'tx.csv');
  const labelsFile = path.join(dir, 'labels.csv');
  simulateToFiles({ accounts: 2000, days: 3, shops: 3, seed: 'graph-pass-test' }, file, labelsFile);
  await importTransactionsFile(p, systemCtx, file, { log: () => undefined });
  const labels = new Map(
    fs
      .readFileSync(labelsFile, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',') as [string, string]),
  );
  await resetLiveScorer(p);
  const live = liveScorer(p);
  await live.startGraphPass(0); // passes only when asked
  await live.init(); // the mirror is told the replay too
  assert.ok(live.replayed > 10_000, `replayed ${live.replayed}`);
  const flagged = () => new Set([...labels.keys()].filter((a) => live.score(a)?.flag));
  const quality = (set: Set<string>) => {
    const tp = [...set].filter((a) => labels.get(a) !== 'benign').length;
    const illicit = [...labels.values()].filter((r) => r !== 'benign').length;
    return { precision: tp / Math.max(1, set.size), recall: tp / illicit };
  };
  const before = flagged();
  const q0 = quality(before);
  const audited = async () =>
    Number(
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from audit_log where action = 'payment_alert.raise' and details->>'source' = 'graph-pass'`.execute(
          p.db,
        )
      ).rows[0]?.n,
    );
  assert.equal(await audited(), 0);

  assert.equal(await live.graphPassNow(), true);
  const stats = live.graphPass;
  assert.ok(stats && stats.accounts >= 1500 && stats.flagged > 0, JSON.stringify(stats));
  const afterPass = flagged();
  const q1 = quality(afterPass);
  assert.ok(q1.recall > q0.recall, `recall ${q0.recall.toFixed(3)} → ${q1.recall.toFixed(3)}`);
  assert.ok(q1.precision >= 0.9, `precision ${q1.precision.toFixed(3)} (live alone ${q0.precision.toFixed(3)})`);
  const found = [...afterPass].filter((a) => !before.has(a) && labels.get(a) !== 'benign');
  assert.ok(found.length > 0);
  assert.match(live.score(found[0] as string)?.reasons[0] ?? '', /\(graph pass of \d{4}-/);

  // every account the pass flags is alerted, once: a second pass over the same state writes nothing
  const alerts = await audited();
  assert.equal(alerts, stats.flagged);
  const active = await p.db
    .selectFrom('pay_alerts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  assert.ok(Number(active.n) >= stats.flagged);
  await live.graphPassNow();
  assert.equal(await audited(), alerts);
  await live.stopGraphPass();
  assert.equal(await live.graphPassNow(), false);
});

test('a holder the pass flags gets an alert for each of its accounts (KYC links)', async () => {
  // SYNTHETIC: a phone that only receives from 14 payers and the card of the same holder that forwards;
  // the phone is in a drug ad (watchlist), so the holder is flagged, and with it the card
  const PHONE = '+77019990011';
  const CARD = '4400 1111 2222 4444';
  const file = path.join(dir, 'linked.csv');
  fs.writeFileSync(
    file,
    splitDropCsv({ prefix: 'GL', phone: PHONE, card: CARD, day: 28, payers: '+7707100', recipient: '4111222233336666' }),
  );
  await importTransactionsFile(p, systemCtx, file, { log: () => undefined });
  await importAccountLinks(
    p,
    systemCtx,
    [
      { account: PHONE, holder: '900101300777' },
      { account: CARD, holder: '900101300777' },
    ],
    'KASPI',
  );
  await addWatchEntries(p, systemCtx, [
    { identifier: PHONE, type: 'phone', source: 'ad', provenance: '', confidence: 1, shopRef: null, evidenceRef: null },
  ]);
  await resetLiveScorer(p);
  const live = liveScorer(p);
  await live.startGraphPass(0);
  await live.init();
  await live.graphPassNow();
  const hashes = [PHONE, CARD].map((a) => live.codec.hashOf(a));
  const raised = await p.db
    .selectFrom('pay_alerts')
    .select(['account_hash', 'account_label', 'role'])
    .where('account_hash', 'in', hashes)
    .execute();
  assert.deepEqual(raised.map((r) => r.account_label).sort(), ['****0011', '****4444']);
  assert.equal(new Set(raised.map((r) => r.role)).size, 1, 'one verdict, the holder’s');
  await live.stopGraphPass();
});
