import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildToken, buildUser, login, type Session } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-platform.ts';

let t: TestApp;
let analyst: Session;
let coordinator: Session;

const ROOT = '4400111122223333';
const HUB = '+77015550000';
const day1 = Date.parse('2025-09-01T10:00:00+05:00');
const day2 = day1 + 86_400_000;
const iso = (ms: number) => `${new Date(ms + 5 * 3600e3).toISOString().slice(0, 19)}+05:00`;
const tx = (txId: string, ms: number, payerAccount: string, payeeAccount: string, amount: number) => ({
  txId,
  timestamp: iso(ms),
  payerAccount,
  payeeAccount,
  amount,
  currency: 'KZT',
  channel: 'card_p2p',
  payerBank: 'KASPI',
  payeeBank: 'KASPI',
});
type Net = {
  truncated: boolean;
  nodes: { id: string; label: string; hop: number; isWatchlisted: boolean; ads: { shopRef: string | null }[] }[];
  edges: { from: string; to: string; amount: number; count: number; series: { day: string; amount: number; count: number }[] }[];
};
const net = async (query: string, account = ROOT, s: Session = analyst) => {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/payments/accounts/${encodeURIComponent(account)}/network?${query}`,
    headers: s.headers,
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as Net;
};

before(async () => {
  t = await createTestApp();
  analyst = await login(t.app, await buildUser(t.platform, { role: 'fiu_analyst', organisationCode: 'AFM' }));
  coordinator = await login(t.app, await buildUser(t.platform, { role: 'regional_coordinator', regionCode: 'KZ-75' }));
  const bank = await buildToken(t.platform, { organisationCode: 'AFM', permissions: ['payments.ingest'] });
  const rows = [];
  for (let i = 0; i < 5; i++) rows.push(tx(`R${i}`, day1 + i * 60e3, `+7701100000${i}`, ROOT, 3000 + i));
  rows.push(tx('RH1', day1 + 3600e3, ROOT, HUB, 10000), tx('RH2', day2 + 3600e3, ROOT, HUB, 5000));
  for (let i = 0; i < 10; i++) rows.push(tx(`H${i}`, day2 + i * 60e3, `+770120000${String(i).padStart(2, '0')}`, HUB, 2000));
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/payments/transactions',
    headers: bank.headers,
    payload: { transactions: rows },
  });
  assert.equal(res.json().accepted, rows.length);
  const w = await t.app.inject({
    method: 'POST',
    url: '/api/payments/watchlist',
    headers: analyst.headers,
    payload: { identifier: HUB, type: 'phone', source: 'drug ad (synthetic)', shopRef: 'shop:synthetic-42', evidenceRef: 'evidence:abc' },
  });
  assert.equal(w.statusCode, 201, w.body);
});
after(() => t.close());

test('one hop: the account, its payers and where its money went; edges aggregated with a daily series', async () => {
  const n = await net('hops=1');
  assert.equal(n.truncated, false);
  assert.equal(n.nodes.length, 7);
  assert.equal(n.nodes[0]!.label, '****3333');
  assert.equal(n.nodes[0]!.hop, 0);
  assert.equal(n.edges.length, 6);
  const hub = n.nodes.find((x) => x.id === HUB)!;
  assert.equal(hub.isWatchlisted, true);
  assert.equal(hub.ads[0]!.shopRef, 'shop:synthetic-42');
  const e = n.edges.find((x) => x.to === HUB)!;
  assert.deepEqual([e.amount, e.count], [15000, 2]);
  assert.deepEqual(e.series, [
    { day: '2025-09-01', amount: 10000, count: 1 },
    { day: '2025-09-02', amount: 5000, count: 1 },
  ]);
  assert.ok(!JSON.stringify(n).includes(ROOT), 'the card number never appears');
});

test('two hops reach the hub payers; the stored key works as the account; time window and node cap', async () => {
  const two = await net('hops=2');
  assert.equal(two.nodes.length, 17);
  assert.equal(two.nodes.filter((x) => x.hop === 2).length, 10);
  const byKey = await net('hops=2', two.nodes[0]!.id);
  assert.equal(byKey.nodes.length, 17);
  const firstDay = await net('hops=2&from=2025-09-01&to=2025-09-01');
  assert.equal(firstDay.nodes.length, 7, 'the hub payers paid on day 2');
  assert.deepEqual(firstDay.edges.find((x) => x.to === HUB)!.series.length, 1);
  const capped = await net('hops=2&maxNodes=4');
  assert.equal(capped.truncated, true);
  assert.equal(capped.nodes.length, 4);
  for (const e of capped.edges) assert.ok(capped.nodes.some((x) => x.id === e.from) && capped.nodes.some((x) => x.id === e.to));
  const unknown = await net('hops=2', 'nobody');
  assert.deepEqual([unknown.nodes.length, unknown.edges.length], [1, 0]);
});

test('the network is national data, validated and audited', async () => {
  const res = await t.app.inject({ method: 'GET', url: `/api/payments/accounts/${ROOT}/network`, headers: coordinator.headers });
  assert.equal(res.statusCode, 403);
  const bad = await t.app.inject({ method: 'GET', url: `/api/payments/accounts/${ROOT}/network?hops=9`, headers: analyst.headers });
  assert.equal(bad.statusCode, 400);
  const audit = await t.platform.db.selectFrom('audit_log').select(['resource_id']).where('action', '=', 'payment_network.read').execute();
  assert.ok(audit.length >= 5);
  assert.ok(audit.every((a) => !String(a.resource_id).includes(ROOT)));
});

test('an alert opened by a real-time decision stores the rule ids the engine cites; the network shows it', async () => {
  const banker = await buildToken(t.platform, { organisationCode: 'AFM', permissions: ['payments.decide'] });
  const d = await t.app.inject({
    method: 'POST',
    url: '/api/payments/decide',
    headers: banker.headers,
    payload: tx('D1', day2 + 7200e3, '+77019990001', HUB, 4000),
  });
  assert.equal(d.json().flag, true, d.body);
  const alert = await t.app.inject({ method: 'GET', url: `/api/payments/alerts/${d.json().alertId}`, headers: analyst.headers });
  assert.ok(alert.json().rules.includes('watchlist'), alert.body);
  const n = await net('hops=1', HUB);
  const hub = n.nodes.find((x) => x.id === HUB) as unknown as { alertId: string; flag: boolean };
  assert.deepEqual([hub.alertId, hub.flag], [d.json().alertId, true]);
});
