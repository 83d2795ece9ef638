/**
 * Deny by default, proven by walking every registered route: each one declares its access, none
 * answers without authentication unless it is public, none answers a caller who lacks its
 * permission, and no record of one region can be read by a user of another region.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildToken, buildUser, login, systemCtx, type Session } from '../src/testing/factories.ts';
import { createTestApp, type TestApp } from '../src/testing/test-platform.ts';
import { createSettlement } from '../src/modules/settlements/settlements.service.ts';
import type { Platform } from '../src/kernel/platform.ts';
import { buildAlert } from '../src/modules/payments/testing.ts';
import { buildPaymentCase, buildPaymentReport } from '../src/modules/payments/cases.testing.ts';
import { buildCase, buildMeeting, buildNotification, buildProvider, buildReferral } from '../src/modules/family-safety/testing.ts';
import { buildEvidenceResource } from '../src/modules/online-markets/evidence/testing.ts';
import { buildOmResource } from '../src/modules/online-markets/workflow/testing.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

/** Public routes, on purpose. Adding one means adding it here, in review. */
const PUBLIC = new Set([
  'GET /api/health',
  'POST /api/auth/login',
  'POST /api/auth/totp',
  'GET /api/openapi.json',
  // the ISP feed's public key: anyone may verify a copy of the feed
  'GET /api/online-markets/feed/public-key',
  // citizens report drug ads without an account (signed form token, honeypot, per-IP rate limit)
  'GET /api/online-markets/report/form',
  'POST /api/online-markets/report',
]);

/**
 * For every route with an :id, a factory that creates a record in Almaty (KZ-75) and returns its id.
 * A new route with an :id fails the walk below until its fixture is added here.
 */
const FIXTURES: Record<string, (p: Platform) => Promise<string>> = {
  '/api/users/:id': async (p) => (await buildUser(p, { role: 'regional_coordinator', regionCode: 'KZ-75' })).id,
  '/api/settlements/:id': async (p) =>
    (
      await createSettlement(p, systemCtx, {
        name: 'Тестовое',
        regionCode: 'KZ-75',
        district: 'Медеуский район',
        status: 'pledged',
        population: 900,
        activists: 12,
        joinedOn: '2025-05-01',
        notes: '',
      })
    ).id,
  '/api/tokens/:id': async (p) => (await buildToken(p, { regionCode: 'KZ-75', permissions: ['reference.read'] })).id,
  // payment alerts are national FIU records, not region-owned: regional callers never hold payments.read
  '/api/payments/alerts/:id': async (p) => (await buildAlert(p)).id,
  '/api/payments/alerts/:id/comments': async (p) => (await buildAlert(p)).id,
  '/api/payments/cases/:id': async (p) => (await buildPaymentCase(p)).id,
  '/api/payments/reports/:id': async (p) => (await buildPaymentReport(p)).id,
  '/api/payments/reports/:id/printable': async (p) => (await buildPaymentReport(p)).id,
  '/api/family-safety/cases/:id': async (p) => (await buildCase(p)).id,
  '/api/family-safety/cases/:id/timeline': async (p) => (await buildCase(p)).id,
  '/api/family-safety/referrals/:id': async (p) => (await buildReferral(p)).id,
  '/api/family-safety/child-notifications/:id': async (p) => (await buildNotification(p)).id,
  '/api/family-safety/providers/:id': async (p) => (await buildProvider(p)).id,
  '/api/family-safety/meetings/:id': async (p) => (await buildMeeting(p)).id,
  // online-markets resources and their evidence are national records: regional callers never hold om.evidence
  '/api/online-markets/resources/:id': async (p) => (await buildOmResource(p)).resourceId,
  '/api/online-markets/shops/:id': async (p) => (await buildOmResource(p)).shopId,
  '/api/online-markets/resources/:id/evidence': async (p) => (await buildEvidenceResource(p)).resourceId,
  '/api/online-markets/resources/:id/evidence-package': async (p) => (await buildEvidenceResource(p)).resourceId,
  '/api/online-markets/evidence/:id/content': async (p) => (await buildEvidenceResource(p)).captureId,
};

const viewers = new Map<string, Session>();
/** A logged-in user of the first national role that holds the permission (TOTP handled for privileged roles). */
async function nationalViewer(permission: string): Promise<Session> {
  const { registry } = t.platform;
  const role = [...registry.roles].find(([name, def]) => def.scope === 'national' && registry.permissionsOf(name).has(permission))?.[0];
  assert.ok(role, `no national role holds ${permission}`);
  let s = viewers.get(role);
  if (!s) {
    s = await login(t.app, await buildUser(t.platform, { role }));
    viewers.set(role, s);
  }
  return s;
}

const apiRoutes = () => t.routes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
const fill = (url: string) => url.replace(':id', '00000000-0000-4000-8000-000000000000');

test('every API route declares its access', () => {
  assert.ok(apiRoutes().length >= 15, `expected the platform's routes, got ${apiRoutes().length}`);
  for (const r of apiRoutes()) assert.ok(r.access, `${r.method} ${r.url} has no access`);
  const pub = apiRoutes()
    .filter((r) => r.access === 'public')
    .map((r) => `${r.method} ${r.url}`);
  assert.deepEqual(pub.sort(), [...PUBLIC].sort(), 'unexpected public routes');
});

test('every non-public route answers 401 without authentication, before touching the body', async () => {
  for (const r of apiRoutes().filter((x) => x.access !== 'public')) {
    const res = await t.app.inject({
      method: r.method as 'GET',
      url: fill(r.url),
      payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : { junk: true },
    });
    assert.equal(res.statusCode, 401, `${r.method} ${r.url} answered ${res.statusCode}`);
    assert.equal(res.json().code, 'unauthenticated');
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
  }
});

test('every permission-bound route answers 403 to a caller without that permission', async () => {
  // a machine client holding a single unrelated permission
  const tok = await buildToken(t.platform, { permissions: ['reference.read'] });
  for (const r of apiRoutes().filter((x) => x.access !== 'public' && x.access !== 'authenticated' && x.access !== 'reference.read')) {
    const res = await t.app.inject({
      method: r.method as 'GET',
      url: fill(r.url),
      headers: tok.headers,
      payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
    });
    assert.equal(res.statusCode, 403, `${r.method} ${r.url} (needs ${r.access}) answered ${res.statusCode}`);
  }
});

test('no record of one region is readable by a user of another region', async () => {
  const byId = apiRoutes().filter((r) => r.method === 'GET' && r.url.includes(':id'));
  assert.ok(byId.length >= 2);
  // Regional callers of Astana (KZ-71) holding every permission their roles allow
  const sessions: Session[] = [];
  for (const role of ['regional_coordinator', 'police_officer']) {
    sessions.push(await login(t.app, await buildUser(t.platform, { role, regionCode: 'KZ-71' })));
  }
  const regionalToken = await buildToken(t.platform, {
    regionCode: 'KZ-71',
    permissions: ['settlements.read', 'reference.read', 'organisations.read'],
  });
  for (const r of byId) {
    const make = FIXTURES[r.url];
    assert.ok(make, `no cross-region fixture for ${r.url}: add one to FIXTURES`);
    const id = await make(t.platform);
    const url = r.url.replace(':id', id);
    for (const headers of [...sessions.map((s) => s.headers), regionalToken.headers]) {
      const res = await t.app.inject({ method: 'GET', url, headers });
      assert.ok([403, 404].includes(res.statusCode), `${url} leaked to another region (${res.statusCode})`);
    }
    // and a national caller whose role holds the route's permission does see it (the fixture is real)
    const viewer = await nationalViewer(r.access);
    const ok = await t.app.inject({ method: 'GET', url, headers: viewer.headers });
    assert.equal(ok.statusCode, 200, `${url}: national ${r.access} holder got ${ok.statusCode}`);
  }
  // lists are scoped inside the query too
  await createSettlement(t.platform, systemCtx, {
    name: 'Астанинское',
    regionCode: 'KZ-71',
    district: 'Есильский район',
    status: 'candidate',
    population: 500,
    activists: 5,
    joinedOn: '2025-06-01',
    notes: '',
  });
  const list = await t.app.inject({ method: 'GET', url: '/api/settlements?pageSize=100', headers: sessions[0]!.headers });
  const items = list.json().items as { regionCode: string }[];
  assert.ok(items.length >= 1);
  assert.ok(items.every((i) => i.regionCode === 'KZ-71'));
  const filtered = await t.app.inject({ method: 'GET', url: '/api/settlements?region=KZ-75', headers: sessions[0]!.headers });
  assert.equal(filtered.json().total, 0);
  const stats = await t.app.inject({ method: 'GET', url: '/api/settlements/stats', headers: sessions[0]!.headers });
  assert.deepEqual(
    (stats.json().byRegion as { regionCode: string }[]).map((r) => r.regionCode),
    ['KZ-71'],
  );
  const users = await t.app.inject({ method: 'GET', url: '/api/users?pageSize=100', headers: sessions[0]!.headers });
  assert.ok((users.json().items as { regionCode: string | null }[]).every((u) => u.regionCode === 'KZ-71'));
});
