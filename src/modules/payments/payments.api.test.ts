import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { verifyAuditChain } from '../../kernel/audit/audit.ts';
import { buildToken, buildUser, login, type Session } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-platform.ts';
import { liveScorer } from './payments.live.ts';

let t: TestApp;
let analyst: Session;
let coordinator: Session;
let bank: { headers: Record<string, string> };
before(async () => {
  t = await createTestApp();
  analyst = await login(t.app, await buildUser(t.platform, { role: 'fiu_analyst', organisationCode: 'AFM' }));
  coordinator = await login(t.app, await buildUser(t.platform, { role: 'regional_coordinator', regionCode: 'KZ-75' }));
  bank = await buildToken(t.platform, { organisationCode: 'AFM', permissions: ['payments.ingest', 'payments.decide'] });
});
after(() => t.close());

const DROP = '4400555566667777';
const COLLECTOR = '4400999988887777';
const base = Date.parse('2025-09-01T10:00:00+05:00');
const iso = (ms: number) => `${new Date(ms + 5 * 3600e3).toISOString().slice(0, 19)}+05:00`;
const tx = (txId: string, ms: number, payerAccount: string, payeeAccount: string, amount: number, bankCode = 'KASPI') => ({
  txId,
  timestamp: iso(ms),
  payerAccount,
  payeeAccount,
  amount,
  currency: 'KZT',
  channel: 'card_p2p',
  payerBank: bankCode,
  payeeBank: 'KASPI',
});
const post = (url: string, headers: Record<string, string>, payload: unknown) =>
  t.app.inject({ method: 'POST', url, headers, payload: payload as object });

test('a bank batch is idempotent by txId with per-item outcomes, audited', async () => {
  const items = [
    tx('B1', base, '+77010000001', '+77010000002', 5000),
    tx('B2', base + 1000, '+77010000001', '+77010000001', 10),
    tx('B1', base, '+77010000001', '+77010000002', 5000),
  ];
  const res = await post('/api/payments/transactions', bank.headers, { transactions: items });
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(
    res.json().items.map((i: { status: string }) => i.status),
    ['accepted', 'rejected', 'duplicate'],
  );
  assert.equal(res.json().items[1].error, 'payer_account equals payee_account');
  const again = await post('/api/payments/transactions', bank.headers, { transactions: [items[0]] });
  assert.equal(again.json().items[0].status, 'duplicate');
  const big = await post('/api/payments/transactions', bank.headers, {
    transactions: Array.from({ length: 1001 }, (_, i) => tx(`X${i}`, base, 'a1', 'b1', 1)),
  });
  assert.equal(big.statusCode, 400);
  const audit = await t.platform.db.selectFrom('audit_log').select('details').where('action', '=', 'payment_tx.ingest').execute();
  assert.equal(audit.length, 2);
});

test('real-time decisions flag a drop, open one alert, and never echo card numbers in reasons', async () => {
  const banks = ['KASPI', 'HALYK', 'JUSAN', 'BCC', 'FORTE', 'RBK'];
  for (let i = 0; i < 14; i++) {
    const at = base + i * 40 * 60e3;
    await post(
      '/api/payments/decide',
      bank.headers,
      tx(`D${i}`, at, `+7701000${String(i).padStart(4, '0')}`, DROP, 5000 + i * 300, banks[i % 6]),
    );
    const out = await post('/api/payments/decide', bank.headers, tx(`F${i}`, at + 5 * 60e3, DROP, COLLECTOR, 4900 + i * 300));
    assert.equal(out.statusCode, 200, out.body);
  }
  const res = await post('/api/payments/decide', bank.headers, tx('D99', base + 15 * 40 * 60e3, '+77019990000', DROP, 7000, 'BCC'));
  const last = res.json() as { flag: boolean; score: number; role: string | null; reasons: string[]; alertId: string | null };
  assert.ok(last && last.flag && last.role === 'drop', JSON.stringify(last));
  assert.ok(last.alertId);
  assert.ok(!JSON.stringify(last.reasons).includes(DROP.slice(0, 8)));
  const dup = await post('/api/payments/decide', bank.headers, tx('D99', base + 15 * 40 * 60e3, '+77019990000', DROP, 7000, 'BCC'));
  assert.equal(dup.json().status, 'duplicate');
  const list = await t.app.inject({ method: 'GET', url: '/api/payments/alerts', headers: analyst.headers });
  assert.equal(list.statusCode, 200);
  const alerts = list.json().items as { id: string; account: string }[];
  assert.equal(alerts.filter((a) => a.account === '****7777').length, 1, 'one active alert per account');
  const stored = await t.platform.db.selectFrom('pay_transactions').selectAll().where('tx_id', '=', 'D99').executeTakeFirstOrThrow();
  assert.equal(stored.payee_last4, '7777');
  assert.ok(!JSON.stringify(stored).includes(DROP));
  // every decision is audited (deferred, then sealed into the chain): one entry per call, duplicates marked
  await t.platform.audit.flush();
  const decided = await t.platform.db
    .selectFrom('audit_log')
    .select(['resource_id', 'details'])
    .where('action', '=', 'payment.decide')
    .orderBy('seq')
    .execute();
  assert.equal(decided.length, 30);
  const f0 = decided.find((d) => d.resource_id === 'F0')?.details;
  assert.equal(f0?.isDuplicate, false);
  assert.equal(f0?.flag, false);
  assert.deepEqual(
    decided.filter((d) => d.resource_id === 'D99').map((d) => d.details.isDuplicate),
    [false, true],
  );
  assert.ok(!JSON.stringify(decided).includes(DROP));
});

test('analysts read scores and triage alerts with optimistic locking; others are refused', async () => {
  const score = await t.app.inject({ method: 'GET', url: `/api/payments/accounts/${DROP}/score`, headers: analyst.headers });
  assert.equal(score.statusCode, 200);
  assert.equal(score.json().flag, true);
  const unknown = await t.app.inject({ method: 'GET', url: '/api/payments/accounts/nobody/score', headers: analyst.headers });
  assert.equal(unknown.json().isKnown, false);
  assert.equal(
    (await t.app.inject({ method: 'GET', url: `/api/payments/accounts/${DROP}/score`, headers: coordinator.headers })).statusCode,
    403,
  );
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/payments/alerts', headers: bank.headers })).statusCode, 403);
  const alert = (await t.app.inject({ method: 'GET', url: '/api/payments/alerts', headers: analyst.headers })).json().items[0];
  const one = await t.app.inject({ method: 'GET', url: `/api/payments/alerts/${alert.id}`, headers: analyst.headers });
  assert.equal(one.statusCode, 200);
  assert.equal(one.json().abilities.canTriage, true);
  const a = await t.app.inject({
    method: 'PATCH',
    url: `/api/payments/alerts/${alert.id}`,
    headers: analyst.headers,
    payload: { version: alert.version, assignee: 'analyst-1' },
  });
  assert.equal(a.statusCode, 200, a.body);
  assert.equal(a.json().status, 'assigned');
  const b = await t.app.inject({
    method: 'PATCH',
    url: `/api/payments/alerts/${alert.id}`,
    headers: analyst.headers,
    payload: { version: alert.version, status: 'false_positive' },
  });
  assert.equal(b.statusCode, 409);
  await t.platform.audit.flush(); // decisions are chained by the sealer, not in their own transaction
  const actions = (await t.platform.db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);
  for (const x of ['payment.decide', 'payment_account.read', 'payment_alert.read', 'payment_alert.triage'])
    assert.ok(actions.includes(x), x);
  assert.equal((await verifyAuditChain(t.platform.db)).ok, true);
});

test('a watchlisted identifier added by an analyst is flagged at the next decision', async () => {
  const w = await post('/api/payments/watchlist', analyst.headers, {
    identifier: '5500 0000 1111 2222',
    type: 'card',
    source: 'shop ad (synthetic)',
  });
  assert.equal(w.statusCode, 201, w.body);
  assert.equal(w.json().items[0].identifier, '****2222');
  assert.equal(
    (await post('/api/payments/watchlist', coordinator.headers, { identifier: '5500000011112222', type: 'card', source: 'x' })).statusCode,
    403,
  );
  const d = await post('/api/payments/decide', bank.headers, tx('W1', base, '+77012223344', '5500000011112222', 5000));
  assert.equal(d.json().flag, true);
  assert.match(d.json().reasons[0], /on watchlist/);
});

test('the watchlist lists entries newest first with identifiers masked; regional users are refused', async () => {
  await post('/api/payments/watchlist', analyst.headers, { identifier: '+77990001122', type: 'phone', source: 'list test (synthetic)' });
  const res = await t.app.inject({
    method: 'GET',
    url: '/api/payments/watchlist?source=list%20test%20(synthetic)',
    headers: analyst.headers,
  });
  assert.equal(res.statusCode, 200, res.body);
  const page = res.json() as { total: number; items: { identifier: string; type: string; source: string }[] };
  assert.equal(page.total, 1);
  assert.deepEqual(
    page.items.map((i) => [i.identifier, i.type, i.source]),
    [['****1122', 'phone', 'list test (synthetic)']],
  );
  const all = await t.app.inject({ method: 'GET', url: '/api/payments/watchlist?pageSize=100', headers: analyst.headers });
  assert.ok(!all.body.includes('5500000011112222') && !all.body.includes('+77990001122'), 'no identifier in clear');
  const denied = await t.app.inject({ method: 'GET', url: '/api/payments/watchlist', headers: coordinator.headers });
  assert.equal(denied.statusCode, 403);
});

test('operators see the live engine and its graph pass in figures; regional users and banks are refused', async () => {
  const live = liveScorer(t.platform);
  await live.startGraphPass(0); // loaded already: a rebuild brings the mirror
  const before = await t.app.inject({ method: 'GET', url: '/api/payments/engine', headers: analyst.headers });
  assert.equal(before.statusCode, 200);
  const s = before.json();
  assert.equal(s.ready, true);
  assert.ok(s.processed > 0 && s.accounts > 0, JSON.stringify(s));
  assert.deepEqual(s.graphPass, { intervalSeconds: 0, last: null });
  await liveScorer(t.platform).graphPassNow();
  const after = (await t.app.inject({ method: 'GET', url: '/api/payments/engine', headers: analyst.headers })).json();
  assert.equal(after.graphPass.last.accounts, s.accounts, 'the mirror was told the replay: same accounts');
  assert.ok(Date.parse(after.graphPass.last.at) <= Date.now());
  for (const who of [coordinator, bank])
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/payments/engine', headers: who.headers })).statusCode, 403);
  await liveScorer(t.platform).stopGraphPass();
});
