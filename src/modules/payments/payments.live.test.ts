import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { systemCtx } from '../../testing/factories.ts';
import { createTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { importTransactionsFile } from './payments.import.ts';
import { LiveScorer, liveScorer, rebuildLiveScorer, resetLiveScorer } from './payments.live.ts';
import { paymentsModule } from './index.ts';
import { importAccountLinks } from './payments.service.ts';
import { splitDropCsv } from './testing.ts';

let p: TestPlatform;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartip-pay-live-'));
before(async () => {
  p = await createTestPlatform();
});
after(async () => {
  await p.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const DROP = '4400 5500 6600 7788';
const BANKS = ['KASPI', 'HALYK', 'JUSAN', 'BCC', 'FORTE', 'RBK'];

/** SYNTHETIC: an old burst (10 days before) and a recent drop pattern: 14 card payers, forwarded within minutes. */
function csv(): string {
  const lines = ['tx_id,timestamp,payer_account,payee_account,amount,currency,channel,payer_bank,payee_bank'];
  // Written on the Kazakhstan clock (+05:00), as banks send them: replay assumes that clock for the local hour.
  const at = (day: number, min: number) => new Date(Date.UTC(2025, 8, day, 10, min)).toISOString().replace('.000Z', '+05:00');
  for (let i = 0; i < 14; i++)
    lines.push(`OLD${i},${at(1, i * 20)},+7702000${String(i).padStart(4, '0')},+77015550000,4000,KZT,phone_transfer,KASPI,HALYK`);
  for (let i = 0; i < 14; i++) {
    lines.push(
      `IN${i},${at(11, i * 25)},+7701000${String(i).padStart(4, '0')},${DROP},${8000 + i * 100},KZT,card_p2p,${BANKS[i % 6]},KASPI`,
    );
    lines.push(`OUT${i},${at(11, i * 25 + 4)},${DROP},4111222233334444,${7800 + i * 100},KZT,card_p2p,KASPI,HALYK`);
  }
  return `${lines.join('\n')}\n`;
}

test('after a restart the live engine replays the stored transactions of the last window: same scores', async () => {
  const file = path.join(dir, 'tx.csv');
  fs.writeFileSync(file, csv());
  await importTransactionsFile(p, systemCtx, file, { log: () => undefined });
  // A fresh scorer stands for a restarted process: it knows only what is stored.
  const restarted = new LiveScorer(p);
  await restarted.init();
  const r = restarted.score(DROP);
  assert.ok(r, 'the drop is known after the restart');
  assert.ok(r.flag && r.role === 'drop', `score ${r.score}`);
  assert.ok(
    r.reasons.some((x) => x.includes('14 unique payers')),
    r.reasons.join('; '),
  );
  assert.ok(!r.reasons.join(' ').includes('4400'), 'no card number in clear');
  // Rows older than the window (3 days before the latest) are not replayed.
  assert.equal(restarted.replayed, 28);
  // A serving process does this before it listens (the module's warm-up), not on its first request.
  await resetLiveScorer(p);
  const line = await paymentsModule.warmUp?.(p);
  assert.match(line ?? '', /live engine ready \(28 stored transactions.*; graph pass every 60 s\)/);
  assert.equal(liveScorer(p).graphIntervalMs, 60_000, 'a serving process runs the graph pass (TARTIP_PAYMENTS_GRAPH_SECONDS)');
  assert.equal(liveScorer(p).score(DROP)?.score, r.score);
  assert.equal(restarted.score('+77015550000'), null);
  // The same rows applied live give the same score; a replayed row counts once when it comes again.
  const live = new LiveScorer(p, 0);
  await live.init();
  for (const row of fs.readFileSync(file, 'utf8').trim().split('\n').slice(15)) {
    const [txId, timestamp, payerAccount, payeeAccount, amount, currency, channel, payerBank, payeeBank] = row.split(',') as string[];
    const { txFromInput, isIssue } = await import('./payments.live.ts');
    const tx = txFromInput({
      txId,
      timestamp,
      payerAccount,
      payeeAccount,
      amount: Number(amount),
      currency,
      channel,
      payerBank,
      payeeBank,
    } as Parameters<typeof txFromInput>[0]);
    assert.ok(!isIssue(tx));
    assert.equal(live.apply(tx), true);
    assert.equal(restarted.apply(tx), false, 'already replayed');
  }
  assert.equal(live.score(DROP)?.score, r.score);
});

test('a KYC link feed makes the live engine score a phone that receives and the card that forwards as one drop', async () => {
  const PHONE = '+77019998877';
  const CARD = '4400 1111 2222 3333';
  const file = path.join(dir, 'links-tx.csv');
  fs.writeFileSync(
    file,
    splitDropCsv({ prefix: 'LK', phone: PHONE, card: CARD, day: 21, payers: '+7707000', recipient: '4111222233335555' }),
  );
  await importTransactionsFile(p, systemCtx, file, { log: () => undefined });
  const before = new LiveScorer(p);
  await before.init();
  const phoneAlone = before.score(PHONE)!;
  assert.ok(!phoneAlone.reasons.some((r) => r.includes('forwarded')), 'alone, the phone forwards nothing');

  const r = await importAccountLinks(
    p,
    systemCtx,
    [
      { account: PHONE, holder: '900101300123' },
      { account: CARD, holder: '900101300123' },
      { account: CARD, holder: '900101300123' },
    ],
    'KASPI',
  );
  assert.deepEqual(r, { accounts: 2, holders: 1, repeated: 1 });
  // national FIU data: a regional caller is refused even with the permission, a caller without it too;
  // nothing is written either way
  const links = [{ account: PHONE, holder: 'someone-else' }];
  const regional = { ...systemCtx, actor: { ...systemCtx.actor, regionCode: 'KZ-75', permissions: new Set(['payments.watchlist']) } };
  await assert.rejects(importAccountLinks(p, regional, links, 'KASPI'), (e: Error & { code?: string }) => e.code === 'forbidden');
  const noPermission = { ...systemCtx, actor: { ...systemCtx.actor, permissions: new Set<string>() } };
  await assert.rejects(importAccountLinks(p, noPermission, links, 'KASPI'));
  const stored = await p.db.selectFrom('pay_account_links').selectAll().execute();
  const dump = JSON.stringify(stored);
  for (const clear of ['9998877', '1111 2222', '111122223333', '900101300123']) assert.ok(!dump.includes(clear), `no ${clear} in clear`);
  assert.deepEqual(stored.map((s) => s.account_last4).sort(), ['3333', '8877']);
  assert.equal(new Set(stored.map((s) => s.holder_hash)).size, 1, 'the refused imports moved nothing');
  const audit = await p.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'payment_links.import').execute();
  assert.equal(audit.length, 1);

  const after = liveScorer(p);
  await after.init();
  const phone = after.score(PHONE)!;
  const card = after.score(CARD)!;
  assert.ok(phone.flag && phone.role === 'drop', `linked score ${phone.score}: ${phone.reasons.join('; ')}`);
  assert.ok(phone.score > phoneAlone.score);
  assert.ok(
    phone.reasons.some((x) => x.includes('forwarded')),
    phone.reasons.join('; '),
  );
  assert.deepEqual({ ...card, account: PHONE }, phone, 'the card answers with its holder’s verdict');
  assert.ok(!phone.reasons.join(' ').includes('9998877'), 'no identifier in clear in the reasons');
});

test('a rebuilt live scorer takes over what the current one was told while it loaded, and the old one forwards', async () => {
  const live = liveScorer(p);
  await live.init();
  const PAYEE = '+77016660000';
  // not stored: only the live scorer was told (as a decision is, before its row commits)
  const tx = (id: string, payer: string) => ({
    id,
    ts: Date.UTC(2025, 8, 21, 10),
    localHour: 15,
    payer,
    payee: PAYEE,
    amount: 5000,
    currency: 'KZT',
    channel: 1,
    payerBank: 'KASPI',
    payeeBank: 'HALYK',
    line: 0,
  });
  assert.equal(live.apply(tx('RB-before', '+77017770001')), true);
  const rebuilt = rebuildLiveScorer(p);
  const again = rebuildLiveScorer(p);
  assert.equal(rebuildLiveScorer(p), again, 'requests during a rebuild queue one more, not one each');
  // during the load and replay, decisions go on with the current scorer
  assert.equal(live.apply(tx('RB-during', '+77017770002')), true);
  live.addWatch({ identifier: live.codec.engineId(PAYEE), type: 'phone', source: 'ad' });
  await rebuilt;
  const first = liveScorer(p);
  assert.notEqual(first, live, 'the new scorer took over');
  await again;
  const next = liveScorer(p);
  assert.notEqual(next, first, 'and the queued rebuild after it');
  assert.equal(live.engine, next.engine, 'the old one forwards to it');
  assert.equal(next.apply(tx('RB-during', '+77017770002')), false, 'it knows the transaction told during the rebuild');
  assert.equal(next.apply(tx('RB-before', '+77017770001')), false, 'and the one told just before (not stored yet)');
  assert.equal(live.apply(tx('RB-after', '+77017770003')), true, 'a caller holding the old scorer reaches the new one');
  assert.equal(next.apply(tx('RB-after', '+77017770003')), false);
  assert.ok(
    next.score(PAYEE)?.reasons.some((r) => /watchlist/i.test(r)),
    'the watchlist entry added during the rebuild',
  );
});

test('a rebuild asked for while the scorer is still loading waits for that load, then takes over from it', async () => {
  await resetLiveScorer(p);
  const first = liveScorer(p);
  const loading = first.init();
  assert.equal(first.isLoading, true);
  await rebuildLiveScorer(p); // e.g. a link import committed while the first load was reading
  await loading;
  assert.notEqual(liveScorer(p), first);
  assert.equal(first.engine, liveScorer(p).engine, 'the loaded scorer was replaced (and forwards), not dropped');
});
