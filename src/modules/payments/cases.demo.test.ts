import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildUser, login } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-platform.ts';
import { paymentsDemoUsers, seedDemoPayments } from './cases.demo.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test('the payments demo seed gives the FIU pages alerts, a case with its network, and working logins', async () => {
  const report = await t.platform.db.transaction().execute((tx) => seedDemoPayments(tx, t.platform, 'demo-test'));
  assert.ok(report.lines?.[0]?.includes('1 case'), report.lines?.join('\n'));
  const [analyst] = paymentsDemoUsers('demo-test');
  const s = await login(t.app, analyst!);
  const alerts = await t.app.inject({ method: 'GET', url: '/api/payments/alerts', headers: s.headers });
  assert.ok(alerts.json().total >= 2, alerts.body);
  const list = await t.app.inject({ method: 'GET', url: '/api/payments/cases', headers: s.headers });
  assert.equal(list.json().total, 1);
  const c = await t.app.inject({ method: 'GET', url: `/api/payments/cases/${list.json().items[0].id}`, headers: s.headers });
  assert.equal(c.statusCode, 200, c.body);
  assert.ok(c.json().network.nodes.length > 5);
  assert.ok(c.json().network.nodes.some((n: { isWatchlisted: boolean }) => n.isWatchlisted) || c.json().network.edges.length > 0);
  const other = await login(t.app, await buildUser(t.platform, { role: 'fiu_analyst' }));
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/payments/rules', headers: other.headers })).statusCode, 200);
});
