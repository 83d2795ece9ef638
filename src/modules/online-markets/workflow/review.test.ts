import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildUser, login, systemCtx, type Session } from '../../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../../testing/test-platform.ts';
import { recheckResource } from './capture.service.ts';
import { dashboard } from './dashboard.service.ts';
import { ingestMany } from './intake.service.ts';
import { fakeDeps, luhnCard } from './testing.ts';

let t: TestApp;
let analyst: Session;
let approver: Session;
let auditor: Session;
const BASE = '/api/online-markets';
before(async () => {
  t = await createTestApp();
  analyst = await login(t.app, await buildUser(t.platform, { role: 'om_analyst', organisationCode: 'MIA' }));
  approver = await login(t.app, await buildUser(t.platform, { role: 'om_approver', organisationCode: 'MCI' }));
  auditor = await login(t.app, await buildUser(t.platform, { role: 'auditor' }));
});
after(() => t.close());

const ingest = async (text: string) => {
  const [o] = await ingestMany(t.platform, systemCtx, [{ source: 'analyst', inputKind: 'text', input: text }]);
  assert.ok(o?.resourceId, o?.error ?? 'no resource');
  return o;
};
const get = async (s: Session, id: string) =>
  (await t.app.inject({ method: 'GET', url: `${BASE}/resources/${id}`, headers: s.headers })).json();
const post = (s: Session, url: string, payload: object) =>
  t.app.inject({ method: 'POST', url: `${BASE}${url}`, headers: s.headers, payload });
const DECISION = {
  legalBasis: 'law-communications-41-1',
  decisionNumber: '41-1/2025-0007',
  decisionDate: '2025-06-01',
  decisionBody: 'Ministry of Culture and Information',
  reason: 'Sale of narcotic drugs',
};

test('shared card, handle and near-duplicate text cluster into one shop; two shops merge when linked', async () => {
  const cardA = luhnCard('440043019999000');
  const a = await ingest(`Мефедрон и альфа, закладки по Алматы, гарантия качества. Оплата на карту ${cardA}`);
  const b = await ingest(`Гашиш, шишки, доставка закладкой 24/7. Карта для оплаты ${cardA}, оператор онлайн`);
  assert.equal(b.shopCode, a.shopCode, 'same card → same shop');
  const c = await ingest('Соль и меф опт, пиши в телегу @crystal_opt_kz, закладки по Караганде');
  assert.notEqual(c.shopCode, a.shopCode);
  const d = await ingest(`Кристаллы, меф, закладки быстро. Пиши @crystal_opt_kz или плати на ${cardA}`);
  assert.equal(d.shopCode, a.shopCode, 'the older shop is kept');
  const merged = await t.platform.db.selectFrom('om_shops').selectAll().where('code', '=', c.shopCode!).executeTakeFirstOrThrow();
  assert.ok(merged.merged_into);
  const cNow = await get(analyst, c.resourceId!);
  assert.equal(cNow.shopCode, a.shopCode);
  const long =
    'Магазин кристалл работает круглосуточно по всему городу у нас лучший мефедром и альфа пвп только проверенные клады с фото и координатами отзывы в нашем канале';
  const e = await ingest(`${long} менеджер на связи весь день`);
  const f = await ingest(`${long} менеджер на связи весь день!!! 🙂`);
  assert.equal(e.outcome, 'new');
  assert.ok(f.outcome === 'duplicate' || f.shopCode === e.shopCode, 'near-duplicate text joins the same shop');
  const shop = await t.app.inject({ method: 'GET', url: `${BASE}/shops/${cNow.shopId}`, headers: auditor.headers });
  assert.equal(shop.statusCode, 200, shop.body);
  const profile = shop.json();
  assert.ok(profile.handles.includes('crystal_opt_kz'));
  assert.deepEqual(
    profile.paymentIdentifiers.filter((x: { type: string }) => x.type === 'card').map((x: { value: string }) => x.value),
    [`•••• ${cardA.slice(-4)}`],
  );
  assert.ok(!shop.body.includes(cardA));
  assert.ok(profile.timeline.some((ev: { kind: string }) => ev.kind === 'shop_merged'));
  assert.ok(profile.graph.edges.length >= profile.resources.length);
});

test('workflow: review, approve with a known legal basis, illegal transitions and stale versions → 409, permissions', async () => {
  const r = await ingest('Продаю трамадол и прегабалин без рецепта, закладки, пиши @pharma_dark_kz');
  const id = r.resourceId!;
  assert.equal((await t.app.inject({ method: 'GET', url: `${BASE}/queue` })).statusCode, 401);
  const queue = await t.app.inject({ method: 'GET', url: `${BASE}/queue?status=detected&pageSize=100`, headers: auditor.headers });
  assert.equal(queue.statusCode, 200);
  const scores = queue.json().items.map((i: { score: number | null }) => i.score ?? -1);
  assert.deepEqual(
    scores,
    [...scores].sort((x: number, y: number) => y - x),
    'score first',
  );
  assert.equal((await post(auditor, `/resources/${id}/take`, { version: 1 })).statusCode, 403, 'prosecutor is read-only');
  const early = await post(approver, `/resources/${id}/approve`, { version: 1, decision: DECISION });
  assert.equal(early.statusCode, 409);
  assert.equal(early.json().errors[0].code, 'illegal_transition');
  const v1 = (await get(analyst, id)).version;
  const taken = await post(analyst, `/resources/${id}/take`, { version: v1 });
  assert.equal(taken.statusCode, 200, taken.body);
  assert.equal(taken.json().status, 'in_review');
  const stale = await post(analyst, `/resources/${id}/dismiss`, { version: v1 });
  assert.equal(stale.json().errors[0].code, 'version_conflict');
  const v2 = taken.json().version;
  assert.equal(
    (await post(analyst, `/resources/${id}/approve`, { version: v2, decision: DECISION })).statusCode,
    403,
    'analyst cannot approve',
  );
  const badBasis = await post(approver, `/resources/${id}/approve`, { version: v2, decision: { ...DECISION, legalBasis: 'made-up' } });
  assert.equal(badBasis.statusCode, 400);
  assert.equal(badBasis.json().errors[0].code, 'unknown_legal_basis');
  const future = await post(approver, `/resources/${id}/approve`, { version: v2, decision: { ...DECISION, decisionDate: '2999-01-01' } });
  assert.equal(future.json().errors[0].code, 'date_in_future');
  const missing = await post(approver, `/resources/${id}/approve`, { version: v2 });
  assert.equal(missing.statusCode, 400);
  const ok = await post(approver, `/resources/${id}/approve`, { version: v2, decision: DECISION });
  assert.equal(ok.statusCode, 200, ok.body);
  const detail = await get(auditor, id);
  assert.equal(detail.status, 'approved');
  assert.equal(detail.decisions[0].decisionNumber, DECISION.decisionNumber);
  assert.deepEqual(detail.can, { take: false, dismiss: false, reopen: false, approve: false, restore: false });
  const audit = await t.platform.db.selectFrom('audit_log').select('action').where('resource_id', '=', id).execute();
  assert.deepEqual(
    audit.map((a) => a.action).filter((a) => a.startsWith('om_resource.')),
    ['om_resource.take', 'om_resource.approve'],
  );
  // a new ad of the same operator (shared handle) is a mirror: straight to review
  const mirror = await ingest('Новый канал! трамадол, лирика, закладки, старый @pharma_dark_kz заблокировали');
  assert.equal(mirror.isMirror, true);
  const m = await get(analyst, mirror.resourceId!);
  assert.equal(m.status, 'in_review');
  assert.ok(m.events.some((e: { kind: string }) => e.kind === 'mirror_detected'));
  // bulk: one decision for many, per-item outcomes
  const bulk = await post(approver, '/resources/bulk', {
    action: 'approve',
    items: [
      { id: mirror.resourceId, version: m.version },
      { id, version: 99 },
    ],
    decision: DECISION,
  });
  assert.equal(bulk.statusCode, 200, bulk.body);
  assert.deepEqual(
    bulk.json().items.map((i: { ok: boolean; code: string | null }) => [i.ok, i.code]),
    [
      [true, null],
      [false, 'illegal_transition'],
    ],
  );
});

test('re-check: published → reachable/blocked; blocked and back → review with its history; restore', async () => {
  await ingest('Меф, альфа, закладки — сайт https://snow-mirror-test.kz/shop');
  // the site of the ad became a resource of its own (kind domain), which is what gets blocked
  const res = await t.platform.db
    .selectFrom('om_resources')
    .selectAll()
    .where('kind', '=', 'domain')
    .where('locator', '=', 'snow-mirror-test.kz')
    .executeTakeFirstOrThrow();
  await t.platform.db.updateTable('om_resources').set({ status: 'published', published_at: new Date() }).where('id', '=', res.id).execute();
  const reachable = fakeDeps({ [`https://${res.locator}/`]: { ok: true, status: 200, text: 'still here' } });
  const gone = fakeDeps({});
  assert.equal((await recheckResource(t.platform, res.id, reachable)).status, 'reachable');
  assert.equal((await recheckResource(t.platform, res.id, gone)).status, 'blocked');
  const back = await recheckResource(t.platform, res.id, reachable);
  assert.equal(back.status, 'in_review');
  const detail = await get(analyst, res.id);
  assert.equal(detail.checks.length, 3);
  assert.ok(detail.events.some((e: { kind: string }) => e.kind === 'returned'));
  assert.ok(detail.events.some((e: { kind: string }) => e.kind === 'verified_blocked'));
  // restore: only from approved/published/blocked/reachable, by an approver
  await t.platform.db.updateTable('om_resources').set({ status: 'blocked' }).where('id', '=', res.id).execute();
  const cur = await get(approver, res.id);
  const restore = {
    version: cur.version,
    restore: {
      ground: 'content_removed',
      reason: 'Owner removed the listings',
      decisionNumber: 'R-1',
      decisionDate: '2025-07-01',
      decisionBody: 'MCI',
    },
  };
  assert.equal((await post(analyst, `/resources/${res.id}/restore`, restore)).statusCode, 403);
  const done = await post(approver, `/resources/${res.id}/restore`, restore);
  assert.equal(done.statusCode, 200, done.body);
  assert.equal(done.json().status, 'restored');
  const decisions = await t.platform.db.selectFrom('om_decisions').selectAll().where('resource_id', '=', res.id).execute();
  assert.deepEqual(
    decisions.map((d) => d.action),
    ['restore'],
  );
  assert.equal((await recheckResource(t.platform, res.id, reachable)).error, 'not due', 'restored resources are not re-checked');
});

test('dashboard figures come from the fixtures', async () => {
  const day = new Date(Date.now() + 5 * 3600e3).toISOString().slice(0, 10);
  const d = await dashboard(t.platform, systemCtx, day, day);
  const resources = await t.platform.db.selectFrom('om_resources').select(['id', 'label']).execute();
  const approvals = await t.platform.db.selectFrom('om_decisions').select('id').where('action', '=', 'approve').execute();
  assert.equal(d.days.length, 1);
  assert.equal(d.totals.found, resources.length);
  assert.equal(d.totals.approved, approvals.length);
  assert.equal(d.totals.mirrors, 1);
  assert.equal(d.totals.blocked, 1);
  assert.ok(d.totals.medianHoursToBlock !== null && d.totals.medianHoursToBlock >= 0);
  assert.equal(
    d.byLabel.reduce((a, x) => a + x.count, 0),
    resources.length,
  );
  const http = await t.app.inject({ method: 'GET', url: `${BASE}/dashboard?from=${day}&to=${day}`, headers: auditor.headers });
  assert.equal(http.statusCode, 200);
});
