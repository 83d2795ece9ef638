import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildUser, login, type Session } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-platform.ts';
import { DEFAULT_RULE_SET } from './engine/rule-set.ts';
import { liveScorer } from './payments.live.ts';
import { precisionOf } from './rule-sets.service.ts';

let t: TestApp;
let analyst: Session;
let supervisor: Session;
let coordinator: Session;
before(async () => {
  t = await createTestApp();
  analyst = await login(t.app, await buildUser(t.platform, { role: 'fiu_analyst', organisationCode: 'AFM' }));
  supervisor = await login(t.app, await buildUser(t.platform, { role: 'fiu_supervisor', organisationCode: 'AFM' }));
  coordinator = await login(t.app, await buildUser(t.platform, { role: 'regional_coordinator', regionCode: 'KZ-75' }));
});
after(() => t.close());

const req = (method: 'GET' | 'POST', url: string, s: Session, payload?: object) =>
  t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });

test('precision counts escalated and confirmed as true positives', () => {
  assert.equal(precisionOf({ confirmed: 3, escalate: 1, false_positive: 4 }), 0.5);
  assert.equal(precisionOf({ confirmed: 0, escalate: 0, false_positive: 2 }), 0);
  assert.equal(precisionOf({ confirmed: 0, escalate: 0, false_positive: 0 }), null);
});

test('version 1 is seeded from the shipped rule set and active', async () => {
  const list = await req('GET', '/api/payments/rule-sets', analyst);
  assert.equal(list.statusCode, 200, list.body);
  assert.deepEqual(
    list.json().items.map((i: { version: number; isActive: boolean }) => [i.version, i.isActive]),
    [[1, true]],
  );
  const v1 = await req('GET', '/api/payments/rule-sets/1', analyst);
  assert.deepEqual(v1.json().body, JSON.parse(JSON.stringify(DEFAULT_RULE_SET)));
  assert.equal((await req('GET', '/api/payments/rule-sets/7', analyst)).statusCode, 404);
  assert.equal((await req('GET', '/api/payments/rule-sets', coordinator)).statusCode, 403);
  const rules = await req('GET', '/api/payments/rules', analyst);
  assert.equal(rules.json().version, 1);
  const fanIn = rules.json().rules.find((r: { id: string }) => r.id === 'fan_in');
  assert.equal(fanIn.simulatorPrecision, DEFAULT_RULE_SET.rules.find((r) => r.id === 'fan_in')!.measuredPrecision);
  assert.equal(fanIn.livePrecision, null);
});

test('a new version is validated (400 names the field), stored inactive, and activated by a supervisor only', async () => {
  const body = structuredClone(DEFAULT_RULE_SET) as typeof DEFAULT_RULE_SET;
  body.version = 'test-2';
  body.flagThreshold = 0.6;
  const bad = structuredClone(body);
  const fan = bad.rules.find((r) => r.id === 'fan_in')!;
  fan.params = { ...fan.params, uniquePayers24h: [10, 3] };
  const refused = await req('POST', '/api/payments/rule-sets', analyst, { body: bad, note: 'inverted ramp' });
  assert.equal(refused.statusCode, 400);
  assert.ok(
    refused.json().errors.some((e: { path: string }) => e.path.startsWith('body.rules.') && e.path.includes('uniquePayers24h')),
    refused.body,
  );
  const missing = await req('POST', '/api/payments/rule-sets', analyst, { body: { ...body, rules: body.rules.slice(1) } });
  assert.equal(missing.statusCode, 400);
  const created = await req('POST', '/api/payments/rule-sets', analyst, { body, note: 'stricter flag threshold' });
  assert.equal(created.statusCode, 201, created.body);
  assert.deepEqual([created.json().version, created.json().isActive], [2, false]);
  assert.equal(
    (await req('POST', '/api/payments/rule-sets/2/activate', analyst)).statusCode,
    403,
    'analysts propose, supervisors activate',
  );
  assert.equal((await req('POST', '/api/payments/rule-sets', coordinator, { body })).statusCode, 403);
  assert.equal((await req('POST', '/api/payments/rule-sets/9/activate', supervisor)).statusCode, 404);
  const on = await req('POST', '/api/payments/rule-sets/2/activate', supervisor);
  assert.equal(on.statusCode, 200, on.body);
  assert.equal(on.json().isActive, true);
  assert.equal(liveScorer(t.platform).engine.ruleSetVersion, 'test-2', 'the live scorer switched');
  const list = await req('GET', '/api/payments/rule-sets', analyst);
  assert.deepEqual(
    list.json().items.map((i: { version: number; isActive: boolean }) => [i.version, i.isActive]),
    [
      [2, true],
      [1, false],
    ],
  );
  const rules = await req('GET', '/api/payments/rules', analyst);
  assert.deepEqual([rules.json().version, rules.json().ruleSetVersion, rules.json().flagThreshold], [2, 'test-2', 0.6]);
  const actions = (await t.platform.db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);
  assert.ok(actions.includes('payment_rule_set.create') && actions.includes('payment_rule_set.activate'));
});
