import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { verifyAuditChain } from '../../kernel/audit/audit.ts';
import { buildUser, login, type Session } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-platform.ts';

let t: TestApp;
let astana: Session;
let almaty: Session;
let member: Session;
before(async () => {
  t = await createTestApp({ demo: true });
  astana = await login(t.app, await buildUser(t.platform, { role: 'regional_coordinator', regionCode: 'KZ-71' }));
  almaty = await login(t.app, await buildUser(t.platform, { role: 'regional_coordinator', regionCode: 'KZ-75' }));
  member = await login(t.app, await buildUser(t.platform, { role: 'commission_member' }));
});
after(() => t.close());

const body = {
  name: 'Ақмешіт',
  regionCode: 'KZ-71',
  district: 'Байқоңыр ауданы',
  status: 'candidate',
  population: 1200,
  activists: 15,
  joinedOn: '2025-03-01',
  notes: 'Синтетическая запись',
};

test('the demo data set holds synthetic settlements in every region, and lists paginate', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/settlements?pageSize=50&page=2', headers: member.headers });
  const page = res.json();
  assert.equal(page.page, 2);
  assert.equal(page.items.length, 50);
  assert.equal(page.total, 546);
  assert.ok(page.items.every((i: { isSynthetic: boolean; abilities: { canEdit: boolean } }) => i.isSynthetic && !i.abilities.canEdit));
  const stats = (await t.app.inject({ method: 'GET', url: '/api/settlements/stats', headers: member.headers })).json();
  assert.equal(stats.byRegion.length, 20);
  assert.equal(stats.totals.settlements, 546);
});

test('filters combine', async () => {
  const res = await t.app.inject({
    method: 'GET',
    url: '/api/settlements?region=KZ-61&status=certified&pageSize=100',
    headers: member.headers,
  });
  const items = res.json().items as { regionCode: string; status: string }[];
  assert.ok(items.length > 0);
  assert.ok(items.every((i) => i.regionCode === 'KZ-61' && i.status === 'certified'));
});

test('a coordinator registers a settlement of their region, audited in the same transaction', async () => {
  const res = await t.app.inject({ method: 'POST', url: '/api/settlements', headers: astana.headers, payload: body });
  assert.equal(res.statusCode, 201, res.body);
  const created = res.json();
  assert.equal(created.version, 1);
  assert.equal(created.abilities.canEdit, true);
  const entry = await t.platform.db.selectFrom('audit_log').selectAll().where('resource_id', '=', created.id).executeTakeFirstOrThrow();
  assert.equal(entry.action, 'settlement.create');
  assert.equal(entry.region_code, 'KZ-71');
  assert.equal((await verifyAuditChain(t.platform.db)).ok, true);
});

test("a coordinator cannot register, read or edit another region's settlement", async () => {
  const out = await t.app.inject({
    method: 'POST',
    url: '/api/settlements',
    headers: astana.headers,
    payload: { ...body, regionCode: 'KZ-75' },
  });
  assert.equal(out.statusCode, 400);
  assert.equal(out.json().errors[0].code, 'out_of_scope');
  const mine = (
    await t.app.inject({
      method: 'POST',
      url: '/api/settlements',
      headers: almaty.headers,
      payload: { ...body, regionCode: 'KZ-75', district: 'Медеуский район' },
    })
  ).json();
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/settlements/${mine.id}`, headers: astana.headers })).statusCode, 404);
  const edit = await t.app.inject({
    method: 'PATCH',
    url: `/api/settlements/${mine.id}`,
    headers: astana.headers,
    payload: { version: 1, status: 'suspended' },
  });
  assert.equal(edit.statusCode, 404);
  const unchanged = (await t.app.inject({ method: 'GET', url: `/api/settlements/${mine.id}`, headers: almaty.headers })).json();
  assert.equal(unchanged.status, 'candidate');
});

test('concurrent edits: the second with a stale version gets 409 and nothing is lost', async () => {
  const created = (
    await t.app.inject({ method: 'POST', url: '/api/settlements', headers: astana.headers, payload: { ...body, name: 'Конфликтное' } })
  ).json();
  const a = await t.app.inject({
    method: 'PATCH',
    url: `/api/settlements/${created.id}`,
    headers: astana.headers,
    payload: { version: 1, status: 'pledged' },
  });
  assert.equal(a.statusCode, 200);
  assert.equal(a.json().version, 2);
  const b = await t.app.inject({
    method: 'PATCH',
    url: `/api/settlements/${created.id}`,
    headers: astana.headers,
    payload: { version: 1, population: 5000 },
  });
  assert.equal(b.statusCode, 409);
  assert.equal(b.json().code, 'conflict');
  const now = (await t.app.inject({ method: 'GET', url: `/api/settlements/${created.id}`, headers: astana.headers })).json();
  assert.equal(now.status, 'pledged');
  assert.equal(now.population, 1200);
});

test('impossible values are refused with field errors', async () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ joinedOn: '2999-01-01' }, 'body.joinedOn'],
    [{ joinedOn: '2025-02-30' }, 'body.joinedOn'],
    [{ population: 0 }, 'body.population'],
    [{ activists: 5000, population: 100 }, 'body.activists'],
    [{ regionCode: 'KZ-99' }, 'body.regionCode'],
    [{ status: 'great' }, 'body.status'],
  ];
  for (const [patch, path] of cases) {
    const res = await t.app.inject({ method: 'POST', url: '/api/settlements', headers: astana.headers, payload: { ...body, ...patch } });
    assert.equal(res.statusCode, 400, JSON.stringify(patch));
    assert.ok(
      res.json().errors.some((e: { path: string }) => e.path === path),
      `${JSON.stringify(patch)} → ${JSON.stringify(res.json().errors)}`,
    );
  }
});

test('read-only roles cannot write', async () => {
  const res = await t.app.inject({ method: 'POST', url: '/api/settlements', headers: member.headers, payload: body });
  assert.equal(res.statusCode, 403);
});
