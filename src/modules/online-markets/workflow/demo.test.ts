import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { login } from '../../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../../testing/test-platform.ts';
import { onlineMarketsDemoUsers } from './demo.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ demo: true });
});
after(() => t.close());

test('the demo holds synthetic shops with mirrors and resources in several workflow statuses', async () => {
  const rows = await t.platform.db.selectFrom('om_resources').select(['status', 'shop_id', 'is_mirror', 'label']).execute();
  const statuses = new Set(rows.map((r) => r.status));
  for (const s of ['approved', 'blocked', 'in_review', 'dismissed', 'detected']) assert.ok(statuses.has(s as never), `a ${s} resource`);
  const shops = await t.platform.db.selectFrom('om_shops').select(['id', 'code']).where('merged_into', 'is', null).execute();
  assert.ok(shops.length >= 3, `${shops.length} shops`);
  assert.ok(
    rows.some((r) => r.is_mirror),
    'a mirror of a shop with an approved resource',
  );
  const cards = await t.platform.db.selectFrom('om_indicators').select(['value', 'last4']).where('type', '=', 'card').execute();
  assert.ok(cards.length > 0);
  for (const c of cards) assert.match(c.value, /^[0-9a-f]{64}$/, 'cards are stored as keyed hashes only');
  const days = await t.platform.db
    .selectFrom('om_resources')
    .select((eb) => eb.fn.min('first_seen_at').as('first'))
    .executeTakeFirstOrThrow();
  assert.ok(Date.now() - new Date(days.first as unknown as string).getTime() > 20 * 86_400_000, 'the demo spreads over weeks');
});

test('the demo analyst sees the queue and the dashboard; the ISP account sees neither', async () => {
  const users = onlineMarketsDemoUsers(t.platform.config.demoSeed, t.platform.registry);
  const analyst = users.find((u) => u.username === 'om.analyst');
  const approver = users.find((u) => u.username === 'om.approver');
  const isp = users.find((u) => u.username === 'isp.operator');
  assert.ok(analyst && approver && isp);
  assert.ok(approver.totpSecret, 'the approver is privileged: TOTP');
  const a = await login(t.app, analyst);
  const queue = await t.app.inject({ method: 'GET', url: '/api/online-markets/queue?pageSize=50', headers: a.headers });
  assert.equal(queue.statusCode, 200, queue.body);
  assert.ok(queue.json().total > 5);
  const citizen = await t.app.inject({ method: 'GET', url: '/api/online-markets/queue?source=citizen&pageSize=50', headers: a.headers });
  assert.equal(citizen.statusCode, 200, citizen.body);
  const fromCitizens = await t.platform.db
    .selectFrom('om_submissions')
    .select('resource_id')
    .distinct()
    .where('source', '=', 'citizen')
    .where('resource_id', 'is not', null)
    .execute();
  assert.ok(fromCitizens.length >= 5);
  assert.equal(citizen.json().total, fromCitizens.length, 'the source filter keeps exactly the resources citizens reported');
  const today = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
  const dash = await t.app.inject({ method: 'GET', url: `/api/online-markets/dashboard?from=${from}&to=${today}`, headers: a.headers });
  assert.equal(dash.statusCode, 200, dash.body);
  const daysWithFinds = (dash.json() as { days: { found: number; approved: number }[] }).days.filter((d) => d.found > 0);
  assert.ok(daysWithFinds.length >= 5, `${daysWithFinds.length} days with finds`);
  assert.ok((dash.json() as { days: { approved: number }[] }).days.some((d) => d.approved > 0));
  assert.ok((dash.json() as { days: { blocked: number }[] }).days.some((d) => d.blocked > 0));
  await login(t.app, approver);
  const i = await login(t.app, isp);
  const denied = await t.app.inject({ method: 'GET', url: '/api/online-markets/queue', headers: i.headers });
  assert.equal(denied.statusCode, 403);
});
