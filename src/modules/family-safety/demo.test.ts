import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { login } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-platform.ts';
import { familySafetyDemoUsers } from './index.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ demo: true });
});
after(() => t.close());

const count = async (table: 'dv_cases' | 'dv_schools' | 'dv_referrals' | 'dv_child_notifications') =>
  Number(
    (
      await t.platform.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test('the demo holds a year of synthetic cases, 131 family support centres and schools in every region', async () => {
  assert.equal(await count('dv_cases'), 2400);
  assert.ok((await count('dv_referrals')) > 300);
  assert.ok((await count('dv_child_notifications')) > 100);
  const fsc = await t.platform.db.selectFrom('dv_providers').select(['region_code', 'status']).where('kind', '=', 'fsc').execute();
  assert.equal(fsc.length, 131);
  assert.equal(new Set(fsc.map((x) => x.region_code)).size, 20);
  assert.ok(fsc.some((x) => x.status === 'planned'));
  const schools = await t.platform.db.selectFrom('dv_schools').select('region_code').distinct().execute();
  assert.equal(schools.length, 20);
  const notSynthetic = await t.platform.db.selectFrom('dv_cases').select('id').where('is_synthetic', '=', false).execute();
  assert.equal(notSynthetic.length, 0);
  // codes are unique and the counters continue after them
  const codes = await t.platform.db
    .selectFrom('dv_cases')
    .select('code')
    .where('region_code', '=', 'KZ-75')
    .orderBy('code', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  assert.match(codes.code, /^DV-75-2026-\d{6}$/);
});

test('each demo account logs in and sees its part', async () => {
  const users = familySafetyDemoUsers(t.platform.config.demoSeed);
  assert.deepEqual(users.map((u) => u.role).sort(), [
    'dv_police_officer',
    'dv_police_officer',
    'fsc_worker',
    'health_worker',
    'ngo_worker',
    'school_contact',
  ]);
  const s = Object.fromEntries(await Promise.all(users.map(async (u) => [u.username, (await login(t.app, u)).headers] as const)));
  const get = (who: string, path: string) => t.app.inject({ method: 'GET', url: `/api/family-safety${path}`, headers: s[who] });
  const cases = (await get('almaty.dv.police', '/cases?pageSize=100')).json();
  assert.ok(cases.total > 100);
  assert.ok(cases.items.every((c: { regionCode: string }) => c.regionCode === 'KZ-75'));
  assert.ok(cases.items.some((c: { inTeam: boolean; victimName: string | null }) => c.inTeam && c.victimName));
  assert.ok(cases.items.some((c: { inTeam: boolean; victimName: string | null }) => !c.inTeam && c.victimName === null));
  const notes = (await get('almaty.school', '/child-notifications?pageSize=100')).json();
  const own = await t.platform.db.selectFrom('dv_schools').select('id').where('code', '=', 'SCH-75-001').executeTakeFirstOrThrow();
  assert.ok(notes.items.every((n: { school: { id: string } }) => n.school.id === own.id));
  const inbox = (await get('almaty.fsc', '/referrals?pageSize=100')).json();
  assert.ok(inbox.items.every((r: { view: string; provider: { id: string } }) => r.view === 'granted'));
  assert.equal((await get('almaty.fsc', '/cases')).statusCode, 403);
  const figures = (await get('almaty.dv.police', '/indicators?from=2025-11-01&to=2026-10-31')).json();
  assert.ok(figures.totals.cases > 100);
  assert.ok(figures.totals.fscOpen >= 5);
});
