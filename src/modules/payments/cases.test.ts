import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { verifyAuditChain } from '../../kernel/audit/audit.ts';
import { buildToken, buildUser, login, type Session } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-platform.ts';
import { buildAlertOn } from './cases.testing.ts';

let t: TestApp;
let analyst: Session;
let coordinator: Session;
let bank: { headers: Record<string, string> };

const DROP1 = '4400555566661111';
const DROP2 = '4400555566662222';
const COLLECTOR = '4400999988883333';
const OTHER = '4400777766664444';
const base = Date.parse('2025-09-01T10:00:00+05:00');
const iso = (ms: number) => `${new Date(ms + 5 * 3600e3).toISOString().slice(0, 19)}+05:00`;
const tx = (txId: string, ms: number, payerAccount: string, payeeAccount: string, amount: number, channel = 'card_p2p') => ({
  txId,
  timestamp: iso(ms),
  payerAccount,
  payeeAccount,
  amount,
  currency: 'KZT',
  channel,
  payerBank: 'KASPI',
  payeeBank: payeeAccount === COLLECTOR ? 'HALYK' : 'KASPI',
});
const req = (method: 'GET' | 'POST' | 'PATCH', url: string, s: { headers: Record<string, string> }, payload?: object) =>
  t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });

let alerts: { drop1: string; drop2: string; collector: string; other: string };
before(async () => {
  t = await createTestApp();
  analyst = await login(t.app, await buildUser(t.platform, { role: 'fiu_analyst', organisationCode: 'AFM' }));
  coordinator = await login(t.app, await buildUser(t.platform, { role: 'regional_coordinator', regionCode: 'KZ-75' }));
  bank = await buildToken(t.platform, { organisationCode: 'AFM', permissions: ['payments.ingest'] });
  const rows = [];
  for (let i = 0; i < 8; i++) {
    rows.push(tx(`P1-${i}`, base + i * 600e3, `+7701000${String(i).padStart(4, '0')}`, DROP1, 5000 + i));
    rows.push(tx(`P2-${i}`, base + i * 600e3, `+7702000${String(i).padStart(4, '0')}`, DROP2, 7000 + i));
  }
  rows.push(tx('F1', base + 2 * 3600e3, DROP1, COLLECTOR, 40000), tx('F2', base + 2 * 3600e3, DROP2, COLLECTOR, 56000));
  rows.push(tx('C1', base + 26 * 3600e3, COLLECTOR, 'CASH', 90000, 'cash_withdrawal'));
  const res = await req('POST', '/api/payments/transactions', bank, { transactions: rows });
  assert.equal(res.json().accepted, rows.length, res.body);
  alerts = {
    drop1: (await buildAlertOn(t.platform, DROP1, { rules: ['fan_in', 'fast_forward'] })).id,
    drop2: (await buildAlertOn(t.platform, DROP2, { rules: ['fan_in', 'many_banks'] })).id,
    collector: (await buildAlertOn(t.platform, COLLECTOR, { role: 'collector', rules: ['collector'] })).id,
    other: (await buildAlertOn(t.platform, OTHER, { rules: ['fan_in', 'night'] })).id,
  };
});
after(() => t.close());

let caseId = '';

test('alerts merge into a case that keeps the network around their accounts; regional users are refused', async () => {
  const denied = await req('POST', '/api/payments/cases', coordinator, { title: 'Drops of shop X', alertIds: [alerts.drop1] });
  assert.equal(denied.statusCode, 403);
  const res = await req('POST', '/api/payments/cases', analyst, {
    title: 'Drops of shop X (synthetic)',
    alertIds: [alerts.drop1, alerts.drop2],
  });
  assert.equal(res.statusCode, 201, res.body);
  caseId = res.json().id;
  assert.match(res.json().code, /^PAY-\d{4}-\d{6}$/);
  assert.deepEqual(res.json().accounts.sort(), ['****1111', '****2222']);
  const again = await req('POST', '/api/payments/cases', analyst, { title: 'Second try', alertIds: [alerts.drop1] });
  assert.equal(again.statusCode, 409, 'an alert belongs to one case');
  const detail = await req('GET', `/api/payments/cases/${caseId}`, analyst);
  assert.equal(detail.statusCode, 200, detail.body);
  const d = detail.json();
  assert.equal(d.alerts.length, 2);
  const key = d.alerts[0].accountKey as string;
  assert.match(key, /^[0-9a-f]{64}$/, 'cards are keyed by their hash');
  const byKey = await req('GET', `/api/payments/accounts/${key}/network?hops=1`, analyst);
  assert.equal(byKey.json().nodes[0].id, key);
  const labels = d.network.nodes.map((n: { label: string }) => n.label);
  assert.ok(labels.includes('****3333'), 'the collector one hop away is in the network');
  assert.ok(labels.includes('CASH'), 'the cash-out two hops away is in the network');
  assert.equal(d.network.nodes.filter((n: { hop: number }) => n.hop === 1).length, 17, '16 payers and the collector');
  const edge = d.network.edges.find((e: { amount: number }) => e.amount === 40000);
  assert.equal(edge.count, 1);
  assert.deepEqual(edge.series, [{ day: '2025-09-01', amount: 40000, count: 1 }]);
  for (const card of [DROP1, DROP2, COLLECTOR]) assert.ok(!detail.body.includes(card), 'no card number in clear');
  assert.equal((await req('GET', `/api/payments/cases/${caseId}`, coordinator)).statusCode, 403);
});

test('merging into an existing case and assigning it need the current version (409 when stale)', async () => {
  const stale = await req('POST', `/api/payments/cases/${caseId}/alerts`, analyst, { version: 99, alertIds: [alerts.collector] });
  assert.equal(stale.statusCode, 409);
  const ok = await req('POST', `/api/payments/cases/${caseId}/alerts`, analyst, { version: 1, alertIds: [alerts.collector] });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().version, 2);
  assert.equal(ok.json().accounts.length, 3);
  const assign = await req('PATCH', `/api/payments/cases/${caseId}`, analyst, { version: 1, assignee: 'analyst-2' });
  assert.equal(assign.statusCode, 409);
  const assigned = await req('PATCH', `/api/payments/cases/${caseId}`, analyst, { version: 2, assignee: 'analyst-2' });
  assert.equal(assigned.json().assignee, 'analyst-2');
  assert.equal(assigned.json().version, 3);
});

test('comments on alerts and cases; alert dispositions with optimistic locking', async () => {
  const c1 = await req('POST', `/api/payments/alerts/${alerts.other}/comments`, analyst, {
    body: 'Looks like a tutor: regular weekly payers',
  });
  assert.equal(c1.statusCode, 201, c1.body);
  assert.equal(
    (await req('POST', `/api/payments/cases/${caseId}/comments`, analyst, { body: 'Same shop ad on two channels' })).statusCode,
    201,
  );
  assert.equal((await req('POST', `/api/payments/alerts/${alerts.other}/comments`, coordinator, { body: 'x' })).statusCode, 403);
  const stale = await req('POST', `/api/payments/alerts/${alerts.other}/disposition`, analyst, {
    version: 5,
    disposition: 'false_positive',
    reason: 'tutor',
  });
  assert.equal(stale.statusCode, 409);
  const fp = await req('POST', `/api/payments/alerts/${alerts.other}/disposition`, analyst, {
    version: 1,
    disposition: 'false_positive',
    reason: 'Tutor paid by parents (synthetic)',
  });
  assert.equal(fp.statusCode, 200, fp.body);
  assert.equal(fp.json().alert.status, 'false_positive');
  assert.deepEqual(fp.json().disposition.rules, ['fan_in', 'night']);
  const bad = await req('POST', `/api/payments/alerts/${alerts.other}/disposition`, analyst, {
    version: 2,
    disposition: 'maybe',
    reason: 'x y z',
  });
  assert.equal(bad.statusCode, 400);
  const history = await req('GET', `/api/payments/alerts/${alerts.other}/comments`, analyst);
  assert.equal(history.json().items[0].body, 'Looks like a tutor: regular weekly payers');
  assert.equal(history.json().dispositions[0].disposition, 'false_positive');
});

test('a case disposition applies to all its alerts; dispositions feed each rule precision', async () => {
  const stale = await req('POST', `/api/payments/cases/${caseId}/disposition`, analyst, {
    version: 1,
    disposition: 'confirmed',
    reason: 'Shop ad payments',
  });
  assert.equal(stale.statusCode, 409);
  const res = await req('POST', `/api/payments/cases/${caseId}/disposition`, analyst, {
    version: 3,
    disposition: 'confirmed',
    reason: 'Payment details from a drug-shop ad (synthetic)',
  });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().case.status, 'escalated');
  assert.equal(res.json().dispositions.length, 4, 'one for the case, one per alert');
  const a = await req('GET', `/api/payments/alerts/${alerts.drop1}`, analyst);
  assert.equal(a.json().status, 'confirmed');
  const rules = await req('GET', '/api/payments/rules', analyst);
  assert.equal(rules.statusCode, 200, rules.body);
  const byId = new Map(rules.json().rules.map((r: { id: string }) => [r.id, r]));
  // fan_in: drop1 + drop2 confirmed, other false positive → 2/3
  assert.deepEqual((byId.get('fan_in') as { dispositions: object }).dispositions, { confirmed: 2, escalate: 0, false_positive: 1 });
  assert.equal((byId.get('fan_in') as { livePrecision: number }).livePrecision, 0.667);
  assert.equal((byId.get('night') as { livePrecision: number }).livePrecision, 0);
  assert.equal((byId.get('collector') as { livePrecision: number }).livePrecision, 1);
  assert.equal((byId.get('short_life') as { livePrecision: number | null }).livePrecision, null);
  assert.equal(typeof (byId.get('fan_in') as { params: object }).params, 'object');
});

test('FM-1-structured report and freeze recommendation carry the right fields and no card number', async () => {
  const fm1 = await req('POST', `/api/payments/cases/${caseId}/reports`, analyst, { kind: 'fm1' });
  assert.equal(fm1.statusCode, 201, fm1.body);
  const r = fm1.json().body;
  assert.equal(r.form, 'FM-1');
  assert.match(r.disclaimer, /not an official/);
  assert.equal(r.header.reportingEntity, 'AFM');
  assert.match(r.header.reportNumber, /^PAY-\d{4}-\d{6}-FM1-1$/);
  assert.equal(r.operations.length, 19, '16 payments in, 2 forwards, 1 cash-out');
  const f1 = r.operations.find((o: { txId: string }) => o.txId === 'F1');
  assert.deepEqual(
    { amount: f1.amount, currency: f1.currency, code: f1.operationTypeCode, payer: f1.payer.label, payee: f1.payee.label },
    { amount: 40000, currency: 'KZT', code: 'P2P-CARD', payer: '****1111', payee: '****3333' },
  );
  assert.match(f1.payer.hashRef, /^h:[0-9a-f]{16}$/);
  assert.equal(r.operations.find((o: { txId: string }) => o.txId === 'C1').operationTypeCode, 'CASH-OUT');
  const codes = r.grounds.suspicionCodes.map((c: { code: string }) => c.code);
  for (const c of ['DM-01', 'DM-02', 'DM-10', 'DM-11', 'DM-13']) assert.ok(codes.includes(c), c);
  assert.match(r.grounds.description, /drug-shop ad/);
  const freeze = await req('POST', `/api/payments/cases/${caseId}/reports`, analyst, { kind: 'freeze', deadlineHours: 24 });
  assert.equal(freeze.statusCode, 201, freeze.body);
  const f = freeze.json().body;
  assert.equal(f.legalBasis[0].code, 'law-aml-13');
  assert.equal(f.legalBasis[0].article, '13');
  assert.match(f.legalBasis[0].law, /laundering/);
  assert.equal(Date.parse(f.deadline) - Date.parse(f.issuedAt), 24 * 3600e3);
  assert.equal(f.case.link, `/payments/cases/${caseId}`);
  const collector = f.accounts.find((a: { label: string }) => a.label === '****3333');
  assert.deepEqual(
    { bank: collector.bank, inflow: collector.inflow, outflow: collector.outflow },
    { bank: 'HALYK', inflow: 96000, outflow: 90000 },
  );
  const halyk = await req('POST', `/api/payments/cases/${caseId}/reports`, analyst, { kind: 'freeze', bank: 'HALYK' });
  assert.deepEqual(
    halyk.json().body.accounts.map((a: { label: string }) => a.label),
    ['****3333'],
  );
  for (const [id, fmt] of [
    [fm1.json().id, 'html'],
    [fm1.json().id, 'csv'],
    [freeze.json().id, 'html'],
    [freeze.json().id, 'csv'],
  ]) {
    const page = await req('GET', `/api/payments/reports/${id}/printable?format=${fmt}`, analyst);
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), fmt === 'html' ? /text\/html/ : /text\/csv/);
    for (const card of [DROP1, DROP2, COLLECTOR]) assert.ok(!page.body.includes(card));
  }
  for (const card of [DROP1, DROP2, COLLECTOR]) assert.ok(!fm1.body.includes(card) && !freeze.body.includes(card));
  assert.equal((await req('GET', `/api/payments/reports/${fm1.json().id}`, coordinator)).statusCode, 403);
  const stored = await t.platform.db.selectFrom('pay_case_reports').select('body').execute();
  for (const card of [DROP1, DROP2, COLLECTOR]) assert.ok(!JSON.stringify(stored).includes(card));
});

test('every step is audited and the chain holds', async () => {
  const actions = new Set((await t.platform.db.selectFrom('audit_log').select('action').execute()).map((r) => r.action));
  for (const a of [
    'payment_case.create',
    'payment_case.merge',
    'payment_case.update',
    'payment_case.read',
    'payment_case.comment',
    'payment_alert.comment',
    'payment_alert.dispose',
    'payment_case.dispose',
    'payment_case.report',
    'payment_report.read',
  ])
    assert.ok(actions.has(a), a);
  assert.equal((await verifyAuditChain(t.platform.db)).ok, true);
});
